// F4 export / F8 revoke / F5 refresh dialogs shared by the list [A-1-5-7] and the details screen. The hook owns the
// dialog state; the screen renders `overlay` (when set, the screen's own keys must be inactive) and calls start().
import React, {useRef, useState} from 'react';
import {Box} from 'ink';
import {Text} from '../tui/text.js';
import type {CertificateView, EnvCode, RevocationReason} from '../domain/index.js';
import {hasCertificate} from '../domain/index.js';
import {wholeRecord} from '../flows/whole-records.js';
import {REVOCATION_REASONS} from '../domain/index.js';
import {canManage} from '../domain/rights.js';
import {exportCertificate, passwordPolicyMessage, assertCanManage} from '../flows/export.js';
import {userMessage, FlowError} from '../flows/errors.js';
import {refreshStatuses} from '../flows/refresh.js';
import {REVOCATION_REASON_PL, revokeCertificate} from '../flows/revoke.js';
import {assertRevocable, exportWarning} from '../flows/cert-checks.js';
import {useAppContext, useOperator} from './shell/context.js';
import {Form, type FieldSpec, type FormValues} from '../tui/form/index.js';
import {ConfirmDialog} from '../tui/components/ConfirmDialog.js';
import {MessageBox} from '../tui/components/MessageBox.js';
import {Spinner} from '../tui/components/Spinner.js';
import {theme} from '../tui/theme.js';

type Dialog =
  | {kind: 'export'; rec: CertificateView; dir: string; error?: string}
  | {kind: 'overwrite'; rec: CertificateView; values: FormValues}
  | {kind: 'exportWarning'; rec: CertificateView; text: string}
  | {kind: 'reason'; rec: CertificateView}
  | {kind: 'confirmRevoke'; rec: CertificateView; reason: RevocationReason}
  | {kind: 'busy'; text: string}
  | {kind: 'message'; tone: 'info' | 'error' | 'warning'; lines: string[]};

export interface CertActions {
  /** Element to render instead of / above the screen body; undefined when no dialog is open. */
  overlay: React.ReactNode;
  open: boolean;
  exportCert(rec: CertificateView): void;
  revokeCert(rec: CertificateView): void;
  refresh(envs: EnvCode[]): void;
}

/** Lets a frame with the spinner reach the terminal before synchronous work (PBKDF2 ~0.5 s) blocks the loop. */
const afterPaint = (): Promise<void> => new Promise((r) => setTimeout(r, 30));

const REASON_OPTIONS = REVOCATION_REASONS.map((r, i) => ({value: r, label: `${r} — ${REVOCATION_REASON_PL[r]}`, code: String(i + 1)}));

export function useCertActions(active: boolean, onChanged: () => void): CertActions {
  const ctx = useAppContext();
  const operator = useOperator();
  const [dialog, setDialog] = useState<Dialog | undefined>();
  const exportFolder = useRef<string | undefined>(undefined);
  const close = () => setDialog(undefined);
  const fail = (e: unknown) => setDialog({kind: 'message', tone: 'error', lines: [userMessage(e).text]});
  const deps = {store: ctx.store, operator, workstation: ctx.workstation, now: ctx.clock};

  const refused = (rec: CertificateView, what: string): boolean => {
    if (canManage(operator, rec.owner)) return false;
    try {
      assertCanManage(operator, rec, what);
    } catch (e) {
      fail(e);
    }
    return true;
  };

  async function runExport(rec: CertificateView, values: FormValues, overwrite: boolean) {
    setDialog({kind: 'busy', text: 'Szyfrowanie klucza i zapis plików…'});
    await afterPaint();
    try {
      const dir = values.dir;
      // The list row has no certificate or key: the whole record is read now, on demand.
      const res = await exportCertificate(deps, await wholeRecord(ctx.store, rec), {dir, password: values.pw, overwrite, createFolder: dir === exportFolder.current});
      setDialog({kind: 'message', tone: 'info', lines: ['Wyeksportowano certyfikat i klucz prywatny:', `certyfikat: ${res.certPath}`, `klucz (zaszyfrowany hasłem): ${res.keyPath}`]});
      onChanged();
    } catch (e) {
      if (e instanceof FlowError && e.code === 'exists' && !overwrite) setDialog({kind: 'overwrite', rec, values});
      // Key on a PKCS#11 token: the .crt was written, the key cannot be — said as a warning, not a form error.
      else if (e instanceof FlowError && e.code === 'keyOnToken') setDialog({kind: 'message', tone: 'warning', lines: [e.message]});
      else setDialog({kind: 'export', rec, dir: values.dir, error: userMessage(e).text});
    }
  }

  async function runRevoke(rec: CertificateView, reason: RevocationReason) {
    setDialog({kind: 'busy', text: `Unieważnianie certyfikatu ${rec.serial} w KSeF…`});
    try {
      const updated = await revokeCertificate({...deps, gateway: ctx.gateway}, await wholeRecord(ctx.store, rec), reason);
      setDialog({kind: 'message', tone: 'info', lines: [`Certyfikat „${updated.name}” (${updated.serial}) unieważniony — ${REVOCATION_REASON_PL[reason]}.`, `Status w KSeF: ${updated.ksefStatus ?? '—'}.`]});
    } catch (e) {
      fail(e);
    }
    onChanged();
  }

  async function runRefresh(envs: EnvCode[]) {
    setDialog({kind: 'busy', text: 'Odczyt statusów certyfikatów z KSeF…'});
    const lines: string[] = [];
    let tone: 'info' | 'warning' = 'info';
    for (const env of envs) {
      try {
        const r = await refreshStatuses({...deps, gateway: ctx.gateway}, env);
        lines.push(`Środowisko ${env}: sprawdzono ${r.checked}, zmieniono ${r.changed}${r.notFound.length ? `, KSeF nie zna ${r.notFound.length} (${r.notFound.slice(0, 3).join(', ')}${r.notFound.length > 3 ? '…' : ''})` : ''}.`);
      } catch (e) {
        tone = 'warning';
        lines.push(`Środowisko ${env}: ${userMessage(e).text}`);
      }
    }
    setDialog({kind: 'message', tone, lines: lines.length ? lines : ['Brak wydanych certyfikatów do sprawdzenia.']});
    onChanged();
  }

  function openExportForm(rec: CertificateView) {
    setDialog({kind: 'busy', text: 'Odczyt konfiguracji stanowiska…'});
    void ctx.store.workstation(ctx.workstation).then(
      (ws) => {
        exportFolder.current = ws.exportFolder;
        setDialog({kind: 'export', rec, dir: ws.exportFolder});
      },
      fail,
    );
  }

  let overlay: React.ReactNode;
  if (dialog?.kind === 'export') {
    const rec = dialog.rec;
    const fields: FieldSpec[] = [
      {id: 'dir', kind: 'path', label: 'Folder docelowy', target: 'dir', default: dialog.dir, width: 50},
      {id: 'pw', kind: 'password', label: 'Hasło do klucza', policy: true, hidden: () => !!rec.keyUri},
      {id: 'pw2', kind: 'password', label: 'Powtórz hasło', confirmOf: 'pw', hidden: () => !!rec.keyUri},
    ];
    overlay = (
      <Box flexDirection="column" borderStyle="double" borderColor={theme.border} paddingX={1}>
        <Text bold>{`Eksport certyfikatu „${rec.name}” (${rec.serial}) — pliki .crt i .key`}</Text>
        <Text color={theme.muted}>Hasło: min. 12 znaków, wielka i mała litera, cyfra, znak specjalny. Klucz zostanie zaszyfrowany tym hasłem.</Text>
        {dialog.error ? <Text color={theme.error} wrap="wrap">{dialog.error}</Text> : null}
        <Form
          key={dialog.error ?? 'export'}
          fields={fields}
          active={active}
          initialValues={{dir: dialog.dir}}
          onCancel={close}
          onSubmit={(v) => {
            const weak = rec.keyUri ? undefined : passwordPolicyMessage(v.pw);
            if (weak) setDialog({...dialog, dir: v.dir, error: weak});
            else void runExport(rec, {...v, pw: v.pw ?? ''}, false);
          }}
        />
      </Box>
    );
  } else if (dialog?.kind === 'overwrite') {
    overlay = (
      <ConfirmDialog
        active={active}
        message={[`W folderze ${dialog.values.dir} są już pliki tego certyfikatu.`, 'Zastąpić je? (T/N)']}
        onYes={() => void runExport(dialog.rec, dialog.values, true)}
        onNo={() => setDialog({kind: 'export', rec: dialog.rec, dir: dialog.values.dir})}
      />
    );
  } else if (dialog?.kind === 'exportWarning') {
    const rec = dialog.rec;
    overlay = (
      <ConfirmDialog
        active={active}
        message={[dialog.text]}
        onYes={() => openExportForm(rec)}
        onNo={close}
      />
    );
  } else if (dialog?.kind === 'reason') {
    const rec = dialog.rec;
    overlay = (
      <Box flexDirection="column" borderStyle="double" borderColor={theme.error} paddingX={1}>
        <Text bold>{`Unieważnienie certyfikatu „${rec.name}” (${rec.serial}) w KSeF`}</Text>
        <Form
          fields={[{id: 'reason', kind: 'select', label: 'Przyczyna', options: REASON_OPTIONS, default: 'Unspecified', width: 50}]}
          active={active}
          onCancel={close}
          onSubmit={(v) => setDialog({kind: 'confirmRevoke', rec, reason: v.reason as RevocationReason})}
        />
      </Box>
    );
  } else if (dialog?.kind === 'confirmRevoke') {
    overlay = (
      <ConfirmDialog
        active={active}
        danger
        title="Unieważnienie certyfikatu"
        message={[
          `Unieważnić certyfikat „${dialog.rec.name}” (${dialog.rec.serial}, typ ${dialog.rec.type}, środowisko ${dialog.rec.env})?`,
          `Przyczyna: ${dialog.reason} — ${REVOCATION_REASON_PL[dialog.reason]}. Operacji nie można cofnąć. (T/N)`,
        ]}
        onYes={() => void runRevoke(dialog.rec, dialog.reason)}
        onNo={close}
      />
    );
  } else if (dialog?.kind === 'busy') {
    overlay = <Spinner label={dialog.text} />;
  } else if (dialog?.kind === 'message') {
    overlay = <MessageBox kind={dialog.tone} message={dialog.lines} onClose={close} active={active} />;
  }

  return {
    overlay,
    open: !!dialog,
    exportCert(rec) {
      if (refused(rec, 'eksportować')) return;
      if (!hasCertificate(rec) || !rec.serial) {
        fail(new FlowError(`Certyfikat „${rec.name}” nie został jeszcze wydany przez KSeF — nie ma czego eksportować.`));
        return;
      }
      // A revoked or expired certificate: say so before asking for a password.
      const warning = exportWarning(rec, ctx.clock());
      if (warning) setDialog({kind: 'exportWarning', rec, text: ctx.t(warning.key, warning.params)});
      else openExportForm(rec);
    },
    revokeCert(rec) {
      if (refused(rec, 'unieważnić')) return;
      // Already revoked, expired or not issued: the reason at once, not after the reason and T/N are chosen.
      try {
        assertRevocable(operator, rec, ctx.clock());
      } catch (e) {
        fail(e);
        return;
      }
      setDialog({kind: 'reason', rec});
    },
    refresh(envs) {
      void runRefresh(envs);
    },
  };
}
