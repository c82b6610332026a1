// Details of one certificate (Enter on the list [A-1-5-7]): subject, issuer, key algorithm, SHA-256 fingerprint,
// usage, succession (mode Z) and its audit history; F4 export, F8 revoke, and with ≤ 30 days left
// `g` "Generuj następcę (Z)"; on a pending enrollment `W` "Wznów wydawanie" (src/screens/cert-resume.tsx).
//
// "Generuj następcę (Z)" pushes the generate screen of the owner's kind (`cert-generate-operator|branch|company`)
// with params `{mode: 'Z', predecessorId, owner, env, type}` (predecessorId = record id, owner = Owner object,
// env = EnvCode, type = CertTypeCode), to preset the form.
import React, {useEffect, useMemo, useState} from 'react';
import {Box} from 'ink';
import {Text} from '../tui/text.js';
import type {AuditEvent, CertificateRecord, CertificateView} from '../domain/index.js';
import {warsawDateTime} from '../domain/index.js';
import {AUDIT_ACTION_PL, daysText} from '../flows/list-view.js';
import {certDetails} from '../flows/cert-details.js';
import {REVOCATION_REASON_PL} from '../flows/revoke.js';
import {userMessage} from '../flows/errors.js';
import {pathOfScreen, MENU_TREE} from './menu/tree.js';
import {useAppContext} from './shell/context.js';
import {PRIORITY, useKeys} from '../tui/keys/KeyProvider.js';
import {isText} from '../tui/keys/key.js';
import {matches} from '../tui/keys/keymap.js';
import {theme} from '../tui/theme.js';
import {useTerminalSize} from '../tui/use-terminal-size.js';
import {useCertActions} from './cert-list-actions.js';
import {useCertificates} from './cert-list.js';
import {useResumeEnrollment} from './cert-resume.js';
import type {ScreenProps} from './types.js';

export const GENERATE_SCREEN = {operator: 'cert-generate-operator', branch: 'cert-generate-branch', company: 'cert-generate-company'} as const;

function Field({label, value, color}: {label: string; value: string; color?: string}) {
  return (
    <Text wrap="truncate">
      <Text color={theme.muted}>{label.padEnd(18)}</Text>
      <Text color={color}>{value}</Text>
    </Text>
  );
}

export function CertDetailsScreen({active, nav, params}: ScreenProps) {
  const {store, clock, t} = useAppContext();
  const {rows: termRows} = useTerminalSize();
  const id = String(params?.id ?? '');
  const {records, error, reload} = useCertificates();
  const [audit, setAudit] = useState<AuditEvent[] | undefined>();
  const actions = useCertActions(active, () => {
    reload();
  });
  const resume = useResumeEnrollment(active, reload);
  const busy = actions.open || resume.open;
  useEffect(() => {
    let cancelled = false;
    void store.listAudit().then((a) => !cancelled && setAudit(a), (e) => !cancelled && setAudit([{id: 'x', at: new Date().toISOString(), operator: '', workstation: '', action: 'login', details: userMessage(e).text}]));
    return () => {
      cancelled = true;
    };
  }, [store, records]);

  // The list row, then the whole record read on demand (the certificate's subject, issuer, fingerprint).
  const [whole, setWhole] = useState<CertificateRecord | undefined>();
  useEffect(() => {
    let cancelled = false;
    void store.getCertificate(id).then((r) => !cancelled && setWhole(r), () => undefined);
    return () => {
      cancelled = true;
    };
  }, [store, id, records]);
  const row = records?.find((r) => r.id === id);
  const rec: CertificateView | undefined = row && (whole?.id === row.id ? whole : row);
  const d = useMemo(() => (rec && records && audit ? certDetails(records, audit, rec, clock()) : undefined), [rec, records, audit, clock]);

  useKeys((key) => {
    if (!rec || !d) return false;
    if (isText(key) && key.ch.toLowerCase() === 'w' && rec.state === 'pending' && rec.enrollment) resume.start(rec);
    else if (matches(key, 'export')) actions.exportCert(rec);
    else if (matches(key, 'revoke')) actions.revokeCert(rec);
    else if (isText(key) && key.ch.toLowerCase() === 'g' && d.offerSuccessor) {
      const screen = GENERATE_SCREEN[rec.owner.kind];
      nav.push({
        kind: 'screen', path: pathOfScreen(MENU_TREE, screen) ?? [], screen,
        params: {mode: 'Z', predecessorId: rec.id, owner: rec.owner, env: rec.env, type: rec.type},
      });
    } else return false;
    return true;
  }, {active: active && !busy, priority: PRIORITY.screen});

  if (error) return <Text color={theme.error}>{error}</Text>;
  if (!records || !audit) return <Text color={theme.muted}>Wczytywanie…</Text>;
  if (!rec || !d) return <Text color={theme.error}>Nie ma już tego certyfikatu w bazie (Esc — powrót).</Text>;
  const r = d.row;
  const statusColor = r.status === 'active' ? (r.level === 'urgent' ? theme.error : r.level === 'soon' ? theme.warning : theme.ok) : r.status === 'waiting' ? undefined : theme.muted;
  const pending = rec.state === 'pending' && rec.enrollment ? rec.enrollment : undefined;
  const fixedLines = 15 + (d.offerSuccessor ? 1 : 0) + (pending ? 2 : 0);
  const historyRows = Math.max(1, termRows - 1 - 6 - fixedLines - 2);
  return (
    <Box flexDirection="column">
      {actions.overlay}
      {resume.overlay}
      <Box flexDirection="column" display={busy ? 'none' : 'flex'}>
        <Text bold wrap="truncate">{`${rec.name} — ${r.owner}`}</Text>
        <Field label="Status" value={`${r.statusText}${r.days !== undefined ? ` (pozostało: ${daysText(r.days)})` : ''}`} color={statusColor} />
        <Field label="Typ / środowisko" value={`${rec.type} / ${rec.env}, tryb ${rec.mode}`} />
        <Field label="Przeznaczenie" value={d.usage} />
        <Field label="Nr seryjny" value={rec.serial ?? '—'} />
        <Field label="Ważny" value={`${r.validFrom || '—'} – ${r.validTo || '—'} (czas polski)`} />
        <Field label="Podmiot" value={d.subject} />
        <Field label="Wystawca" value={d.issuer} />
        <Field label="Algorytm klucza" value={d.keyAlgorithm} />
        <Field label={t('pkcs11.keyLocation')} value={d.keyLocation} />
        <Field label="Odcisk SHA-256" value={d.fingerprintSha256} />
        <Field label="Następuje po" value={d.succeeds ? `${d.succeeds.name} (${d.succeeds.serial ?? '—'})` : '—'} />
        <Field label="Następca" value={d.succeededBy.length ? d.succeededBy.map((s) => `${s.name} (${s.serial ?? 'w trakcie wydawania'})`).join(', ') : '—'} />
        <Field
          label="KSeF"
          value={`${rec.ksefStatus ?? 'nie sprawdzano'}${rec.ksefCheckedAt ? ` (${warsawDateTime(new Date(rec.ksefCheckedAt))})` : ''}${rec.revocationReason ? ` — unieważniony: ${REVOCATION_REASON_PL[rec.revocationReason]}` : ''}`}
        />
        {pending ? <Field label="Wniosek KSeF" value={`${pending.referenceNumber ?? t('enroll.noReference')} z ${warsawDateTime(new Date(pending.requestedAt))}${pending.lastMessage ? ` — ${pending.lastMessage}` : ''}`} /> : null}
        {pending ? <Text color={theme.warning}>{'W — Wznów wydawanie: dokończ wniosek (logowanie do KSeF, pobranie i zapis certyfikatu).'}</Text> : null}
        {d.offerSuccessor ? <Text color={theme.warning}>{'g — Generuj następcę (Z): certyfikat wygasa w ciągu 30 dni.'}</Text> : null}
        <Text bold>{`Historia (${d.history.length}):`}</Text>
        {d.history.length === 0 ? <Text color={theme.muted}>(brak zdarzeń)</Text> : null}
        {d.history.slice(0, historyRows).map((e) => (
          <Text key={e.id} wrap="truncate">{`${warsawDateTime(new Date(e.at))}  ${AUDIT_ACTION_PL[e.action].padEnd(20)} ${e.operator.padEnd(10)} ${e.details ?? ''}`}</Text>
        ))}
      </Box>
    </Box>
  );
}
