// Details of one certificate (Enter on the list [A-1-5-7]): subject, issuer, key algorithm, SHA-256 fingerprint,
// usage, succession (mode Z) and its whole audit history, every value whole (wrapped) in a region that scrolls with
// ↑↓ PgUp PgDn Home End; F4 export, F8 revoke, and with ≤ 30 days left `g` "Generuj następcę (Z)"; on a pending
// enrollment `W` "Wznów wydawanie" (src/screens/cert-resume.tsx).
//
// "Generuj następcę (Z)" pushes the generate screen of the owner's kind (`cert-generate-operator|branch|company`)
// with params `{mode: 'Z', predecessorId, owner, env, type}` (predecessorId = record id, owner = Owner object,
// env = EnvCode, type = CertTypeCode), to preset the form.
import React, {useEffect, useMemo, useReducer} from 'react';
import {Box} from 'ink';
import {Text} from '../tui/text.js';
import type {AuditEvent, CertificateRecord, CertificateView} from '../domain/index.js';
import {warsawDateTime} from '../domain/index.js';
import type {CertDetails} from '../flows/cert-details.js';
import {auditDetails} from '../flows/audit-notes.js';
import {userMessage} from '../flows/errors.js';
import {keyLocationText} from '../flows/key-label.js';
import {pathOfScreen, MENU_TREE} from './menu/tree.js';
import {useAppContext, useLegend, withLegend} from './shell/context.js';
import {PRIORITY, useKeys} from '../tui/keys/KeyProvider.js';
import {matches} from '../tui/keys/keymap.js';
import {theme} from '../tui/theme.js';
import {bodySize} from '../tui/layout.js';
import {useTerminalSize} from '../tui/use-terminal-size.js';
import {useCertActions} from './cert-list-actions.js';
import {useCertificates} from './cert-list.js';
import {useResumeEnrollment} from './cert-resume.js';
import {auditActionText, daysText, ksefStatusText, ownerText, reasonText} from './cert-texts.js';
import {fieldLines, wrapLines, type Line} from './scroll-lines.js';
import {ScrollView} from '../tui/components/ScrollView.js';
import type {Lang, MessageKey, Translate} from '../i18n/index.js';
import type {ScreenProps} from './types.js';

export const GENERATE_SCREEN = {operator: 'cert-generate-operator', branch: 'cert-generate-branch', company: 'cert-generate-company'} as const;

interface DetailsState {
  audit?: AuditEvent[];
  /** The whole record (certificate read on demand: subject, issuer, fingerprint); the list row until it arrives. */
  whole?: CertificateRecord;
  details?: {id: string; d: CertDetails};
}
type DetailsEvent = {type: 'audit'; audit: AuditEvent[]} | {type: 'whole'; whole?: CertificateRecord} | {type: 'details'; id: string; details: CertDetails};

function detailsReducer(s: DetailsState, e: DetailsEvent): DetailsState {
  if (e.type === 'details') return {...s, details: {id: e.id, d: e.details}};
  return e.type === 'audit' ? {...s, audit: e.audit} : {...s, whole: e.whole};
}

/** Every line of the details, wrapped at `width`. */
export function detailLines(t: Translate, lang: Lang, rec: CertificateView, d: CertDetails, width: number): Line[] {
  const r = d.row;
  const statusColor = r.status === 'active' ? (r.level === 'urgent' ? theme.error : r.level === 'soon' ? theme.warning : theme.ok) : r.status === 'waiting' ? undefined : theme.muted;
  const pending = rec.state === 'pending' && rec.enrollment ? rec.enrollment : undefined;
  const LABELS: MessageKey[] = ['certs.d.status', 'certs.d.typeEnv', 'certs.d.usage', 'certs.d.serial', 'certs.d.valid', 'certs.d.subject', 'certs.d.issuer',
    'certs.d.keyAlgorithm', 'pkcs11.keyLocation', 'certs.d.fingerprint', 'certs.d.succeeds', 'certs.d.succeededBy', 'certs.d.ksef', 'certs.d.request'];
  // The label column fits the longest label of the language (capped, so values keep most of a narrow window).
  const labelWidth = Math.min(24, Math.max(...LABELS.map((k) => [...t(k)].length)) + 2);
  const f = (label: MessageKey, value: string, color?: string) => fieldLines(t(label), value, width, labelWidth, color);
  const lines: Line[] = [
    ...wrapLines(`${rec.name} — ${ownerText(t, rec.owner)}`, width, {bold: true}),
    ...f('certs.d.status', `${t(`certs.status.${r.status}` as MessageKey)}${r.days !== undefined ? t('certs.d.left', {days: daysText(t, r.days)}) : ''}`, statusColor),
    ...f('certs.d.typeEnv', t('certs.d.typeEnvValue', {type: rec.type, env: rec.env, mode: rec.mode})),
    ...f('certs.d.usage', t(`certs.d.usage.${rec.type}` as MessageKey)),
    ...f('certs.d.serial', rec.serial ?? '—'),
    ...f('certs.d.valid', t('certs.d.validValue', {from: r.validFrom || '—', to: r.validTo || '—'})),
    ...f('certs.d.subject', d.subject),
    ...f('certs.d.issuer', d.issuer),
    ...f('certs.d.keyAlgorithm', d.keyAlgorithm),
    ...f('pkcs11.keyLocation', keyLocationText(rec, lang)),
    ...f('certs.d.fingerprint', d.fingerprintSha256),
    ...f('certs.d.succeeds', d.succeeds ? `${d.succeeds.name} (${d.succeeds.serial ?? '—'})` : '—'),
    ...f('certs.d.succeededBy', d.succeededBy.length ? d.succeededBy.map((s) => `${s.name} (${s.serial ?? t('certs.d.issuing')})`).join(', ') : '—'),
    ...f('certs.d.ksef', `${ksefStatusText(t, rec.ksefStatus)}${rec.ksefCheckedAt ? t('certs.d.checkedAt', {at: warsawDateTime(new Date(rec.ksefCheckedAt))}) : ''}${rec.revocationReason ? t('certs.d.revokedFor', {reason: reasonText(t, rec.revocationReason)}) : ''}`),
    ...(pending ? f('certs.d.request', t('certs.d.requestValue', {ref: pending.referenceNumber ?? t('enroll.noReference'), at: warsawDateTime(new Date(pending.requestedAt)), message: pending.lastMessage ? ` — ${pending.lastMessage}` : ''})) : []),
    ...(pending ? wrapLines(t('certs.d.resume'), width, {color: theme.warning}) : []),
    ...(d.offerSuccessor ? wrapLines(t('certs.d.successor'), width, {color: theme.warning}) : []),
    {text: t('certs.d.history', {count: d.history.length}), bold: true},
    ...(d.history.length === 0 ? [{text: t('certs.d.noHistory'), color: theme.muted}] : []),
    ...d.history.flatMap((e) => wrapLines(`${warsawDateTime(new Date(e.at))}  ${auditActionText(t, e.action).padEnd(20)} ${e.operator.padEnd(10)} ${auditDetails(t, e) ?? ''}`, width)),
  ];
  return lines;
}

export function CertDetailsScreen({active, nav, params}: ScreenProps) {
  const {services, t, lang} = useAppContext();
  const size = useTerminalSize();
  const id = String(params?.id ?? '');
  const {records, error, reload} = useCertificates();
  const [s, dispatch] = useReducer(detailsReducer, {});
  const actions = useCertActions(active, reload);
  const resume = useResumeEnrollment(active, reload);
  const busy = actions.open || resume.open;
  const legend = useLegend(actions.legend, active);
  useEffect(() => {
    let cancelled = false;
    services.certificates.audit().then(
      (audit) => !cancelled && dispatch({type: 'audit', audit}),
      (e) => !cancelled && dispatch({type: 'audit', audit: [{id: 'x', at: new Date().toISOString(), operator: '', workstation: '', action: 'login', details: userMessage(e, t).text}]}),
    );
    return () => {
      cancelled = true;
    };
  }, [services, records, t]);

  useEffect(() => {
    let cancelled = false;
    services.certificates.get(id).then((whole) => !cancelled && dispatch({type: 'whole', whole}), () => undefined);
    return () => {
      cancelled = true;
    };
  }, [services, id, records]);
  const row = records?.find((r) => r.id === id);
  const rec: CertificateView | undefined = row && (s.whole?.id === row.id ? s.whole : row);
  // Details parse the certificate (X.509, loaded on first use): computed in an effect, kept per certificate id.
  useEffect(() => {
    if (!rec || !records || !s.audit) return;
    let cancelled = false;
    services.certificates.details(records, s.audit, rec).then((details) => !cancelled && dispatch({type: 'details', id: rec.id, details}), () => undefined);
    return () => {
      cancelled = true;
    };
  }, [rec, records, s.audit, services]);
  const d = rec && s.details?.id === rec.id ? s.details.d : undefined;
  const body = bodySize(size);
  const lines = useMemo(() => (rec && d ? detailLines(t, lang, rec, d, body.columns) : []), [t, lang, rec, d, body.columns]);

  useKeys((key) => {
    if (!rec || !d) return false;
    if (matches(key, 'resume') && rec.state === 'pending' && rec.enrollment) resume.start(rec);
    else if (matches(key, 'export')) actions.exportCert(rec);
    else if (matches(key, 'revoke')) actions.revokeCert(rec);
    else if (matches(key, 'successor') && d.offerSuccessor) {
      const screen = GENERATE_SCREEN[rec.owner.kind];
      nav.push({
        kind: 'screen', path: pathOfScreen(MENU_TREE, screen) ?? [], screen,
        params: {mode: 'Z', predecessorId: rec.id, owner: rec.owner, env: rec.env, type: rec.type},
      });
    } else return false;
    return true;
  }, {active: active && !busy, priority: PRIORITY.screen});

  if (error) return withLegend(legend, <Text color={theme.error}>{error}</Text>);
  if (!records || !s.audit) return withLegend(legend, <Text color={theme.muted}>{t('certs.loading')}</Text>);
  if (!rec || !d) return withLegend(legend, <Text color={theme.error}>{t('certs.d.gone')}</Text>);
  return withLegend(legend, (
    <Box flexDirection="column">
      {actions.overlay}
      {resume.overlay}
      {/* The region is the Shell's body: ↑↓ PgUp PgDn Home End scroll it, its last row says where the reader is. */}
      <Box flexDirection="column" display={busy ? 'none' : 'flex'}>
        <ScrollView
          height={body.rows}
          active={active && !busy}
          lines={lines.map((l, i) => <Text key={i} bold={l.bold} color={l.color} wrap="truncate">{l.text}</Text>)}
        />
      </Box>
    </Box>
  ));
}
