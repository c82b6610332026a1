// F4 export / F8 revoke / F5 refresh dialogs shared by the list [A-1-5-7] and the details screen. The container
// hook runs the use cases (bound services) and feeds the reducer (cert-actions-reducer.ts); the screen renders
// `overlay` (when set, the screen's own keys must be inactive). F1 in a dialog shows that dialog's own help.
import React, {useReducer, useRef} from 'react';
import {Box} from 'ink';
import {Text} from '../tui/text.js';
import type {CertificateView, EnvCode, RevocationReason} from '../domain/index.js';
import {hasCertificate} from '../domain/index.js';
import {REVOCATION_REASONS} from '../domain/index.js';
import {canManage} from '../domain/rights.js';
import {userMessage, FlowError} from '../flows/errors.js';
import {useAppContext, useOperator} from './shell/context.js';
import {PRIORITY, useKeys} from '../tui/keys/KeyProvider.js';
import {matches} from '../tui/keys/keymap.js';
import {Form, type FieldSpec, type FormValues} from '../tui/form/index.js';
import {KitSelect} from '../tui/components/KitSelect.js';
import {ConfirmDialog} from '../tui/components/ConfirmDialog.js';
import {Dialog as Frame} from '../tui/components/Dialog.js';
import {MessageBox} from '../tui/components/MessageBox.js';
import {Spinner} from '../tui/components/Spinner.js';
import {theme} from '../tui/theme.js';
import type {Translate} from '../i18n/index.js';
import {actionsReducer, dialogHelp, dialogLegend, initialActions, type Dialog} from './cert-actions-reducer.js';
import type {Command} from '../tui/keys/keymap.js';
import {ksefStatusText, reasonText} from './cert-texts.js';

export interface CertActions {
  /** Element to render instead of / above the screen body; undefined when no dialog is open. */
  overlay: React.ReactNode;
  open: boolean;
  /** The keys that work in the open dialog (undefined: no dialog). */
  legend?: Command[];
  exportCert(rec: CertificateView): void;
  revokeCert(rec: CertificateView): void;
  refresh(envs: EnvCode[]): void;
}

/** Lets a frame with the spinner reach the terminal before synchronous work (PBKDF2 ~0.5 s) blocks the loop. */
const afterPaint = (): Promise<void> => new Promise((r) => setTimeout(r, 30));

const PASSWORD_CODES = new Set(['weakPassword']);

export function useCertActions(active: boolean, onChanged: () => void): CertActions {
  const {services, t} = useAppContext();
  const svc = services.certificates;
  const operator = useOperator();
  const [state, dispatch] = useReducer(actionsReducer, initialActions);
  const exportFolder = useRef<string | undefined>(undefined);
  const show = (dialog: Dialog) => dispatch({type: 'show', dialog});
  const close = () => dispatch({type: 'close'});
  const fail = (e: unknown) => show({kind: 'message', tone: 'error', lines: [userMessage(e, t).text]});

  const refused = (rec: CertificateView, what: 'export' | 'revoke'): boolean => {
    if (canManage(operator, rec.owner)) return false;
    try {
      svc.assertCanManage(rec, t(`certs.what.${what}`));
    } catch (e) {
      fail(e);
    }
    return true;
  };

  async function runExport(rec: CertificateView, values: FormValues, o: {overwrite?: boolean; createFolder?: boolean} = {}) {
    show({kind: 'busy', text: t('certs.x.busyExport')});
    await afterPaint();
    const dir = values.dir ?? '';
    try {
      const res = await svc.export(rec, {dir, password: values.pw ?? '', overwrite: !!o.overwrite, createFolder: !!o.createFolder || dir === exportFolder.current});
      show({kind: 'message', tone: 'info', lines: [t('certs.x.exported'), t('certs.x.exportedCert', {path: res.certPath}), t('certs.x.exportedKey', {path: res.keyPath})]});
      onChanged();
    } catch (e) {
      const code = e instanceof FlowError ? e.code : undefined;
      if (code === 'exists' && !o.overwrite) show({kind: 'overwrite', rec, values});
      else if (code === 'ENOENT' && !o.createFolder) show({kind: 'createFolder', rec, values});
      // Key on a PKCS#11 token: the .crt was written, the key cannot be — said as a warning, not a form error.
      else if (code === 'keyOnToken') show({kind: 'message', tone: 'warning', lines: [userMessage(e, t).text]});
      else dispatch({type: 'exportFailed', rec, values, error: userMessage(e, t).text, passwordProblem: PASSWORD_CODES.has(code ?? '')});
    }
  }

  async function runRevoke(rec: CertificateView, reason: RevocationReason) {
    show({kind: 'busy', text: t('certs.r.busy', {serial: rec.serial ?? ''})});
    try {
      const updated = await svc.revoke(rec, reason);
      show({kind: 'message', tone: 'info', lines: [
        t('certs.r.done', {name: updated.name, serial: updated.serial ?? '', reason: reasonText(t, reason)}),
        t('certs.r.ksefStatus', {status: ksefStatusText(t, updated.ksefStatus)}),
      ]});
    } catch (e) {
      fail(e);
    }
    onChanged();
  }

  async function runRefresh(envs: EnvCode[]) {
    show({kind: 'busy', text: t('certs.f.busy')});
    const lines: string[] = [];
    let tone: 'info' | 'warning' = 'info';
    for (const env of envs) {
      try {
        const r = await svc.refresh(env);
        const unknown = r.notFound.length ? t('certs.f.unknown', {count: r.notFound.length, serials: `${r.notFound.slice(0, 3).join(', ')}${r.notFound.length > 3 ? '…' : ''}`}) : '';
        // A first check reports the statuses; only a status that differs from the stored one is a change.
        lines.push(r.changed === 0 && r.firstChecked > 0 ? t('certs.f.envFirst', {env, checked: r.checked, unknown}) : t('certs.f.env', {env, checked: r.checked, changed: r.changed, unknown}));
      } catch (e) {
        tone = 'warning';
        lines.push(t('certs.f.envError', {env, error: userMessage(e, t).text}));
      }
    }
    show({kind: 'message', tone, lines: lines.length ? lines : [t('certs.f.nothing')]});
    onChanged();
  }

  function openExportForm(rec: CertificateView) {
    show({kind: 'busy', text: t('certs.x.busyWorkstation')});
    svc.exportFolder().then(
      (dir) => {
        exportFolder.current = dir;
        show({kind: 'export', rec, values: {dir}, attempt: 0});
      },
      fail,
    );
  }

  const dialog = state.dialog;
  const help = dialog && state.help ? dialogHelp(dialog) : undefined;
  // F1 inside a dialog: that dialog's help (the screen's help would describe the wrong thing); Esc/Enter/F1 close it.
  useKeys((key) => {
    if (state.help) {
      if (matches(key, 'quit')) return false; // F10 quits at once, as everywhere
      if (matches(key, 'help') || matches(key, 'back') || matches(key, 'confirm')) dispatch({type: 'help', on: false});
      return true;
    }
    if (!matches(key, 'help') || !dialog || !dialogHelp(dialog)) return false;
    dispatch({type: 'help', on: true});
    return true;
  }, {active: active && !!dialog && dialog.kind !== 'busy', priority: PRIORITY.modal + 1});

  const dialogActive = active && !state.help;
  const body = dialog ? <DialogView dialog={dialog} active={dialogActive} t={t} handlers={{
    close,
    submitExport: (rec, v) => {
      const weak = rec.keyUri ? undefined : svc.passwordPolicy(v.pw);
      if (weak) dispatch({type: 'exportFailed', rec, values: v, error: weak, passwordProblem: true});
      else void runExport(rec, v);
    },
    overwrite: (rec, v) => void runExport(rec, v, {overwrite: true}),
    createFolder: (rec, v) => void runExport(rec, v, {createFolder: true}),
    backToExport: (rec, v) => show({kind: 'export', rec, values: v, focus: 'dir', attempt: Date.now()}),
    exportAnyway: (rec) => openExportForm(rec),
    reason: (rec, reason) => show({kind: 'confirmRevoke', rec, reason}),
    revoke: (rec, reason) => void runRevoke(rec, reason),
  }} /> : undefined;
  const overlay = dialog ? (
    <>
      {help ? (
        <Frame title={t('certs.help.title', {dialog: t(help.title)})} footer={t('certs.help.close')}>
          <Text wrap="wrap">{t(help.text)}</Text>
        </Frame>
      ) : null}
      <Box flexDirection="column" display={help ? 'none' : 'flex'}>{body}</Box>
    </>
  ) : undefined;

  return {
    overlay,
    open: !!dialog,
    legend: dialogLegend(state),
    exportCert(rec) {
      if (refused(rec, 'export')) return;
      if (!hasCertificate(rec) || !rec.serial) {
        fail(new FlowError(t('certs.x.notIssued', {name: rec.name}), 'notIssued'));
        return;
      }
      // A revoked or expired certificate: say so before asking for a password.
      const warning = svc.exportWarning(rec);
      if (warning) show({kind: 'exportWarning', rec, text: t(warning.key, warning.params)});
      else openExportForm(rec);
    },
    revokeCert(rec) {
      if (refused(rec, 'revoke')) return;
      // Already revoked, expired or not issued: the reason at once, not after the reason and T/N are chosen.
      try {
        svc.assertRevocable(rec);
      } catch (e) {
        fail(e);
        return;
      }
      show({kind: 'reason', rec});
    },
    refresh(envs) {
      void runRefresh(envs);
    },
  };
}

interface Handlers {
  close(): void;
  submitExport(rec: CertificateView, v: FormValues): void;
  overwrite(rec: CertificateView, v: FormValues): void;
  createFolder(rec: CertificateView, v: FormValues): void;
  backToExport(rec: CertificateView, v: FormValues): void;
  exportAnyway(rec: CertificateView): void;
  reason(rec: CertificateView, reason: RevocationReason): void;
  revoke(rec: CertificateView, reason: RevocationReason): void;
}

/** The view of one dialog (no effects: every answer goes to a handler of the container). */
function DialogView({dialog, active, t, handlers: h}: {dialog: Dialog; active: boolean; t: Translate; handlers: Handlers}) {
  switch (dialog.kind) {
    case 'export': {
      const rec = dialog.rec;
      const fields: FieldSpec[] = [
        {id: 'dir', kind: 'path', label: t('certs.x.dir'), target: 'dir', width: 50},
        {id: 'pw', kind: 'password', label: t('certs.x.pw'), policy: true, hidden: () => !!rec.keyUri},
        {id: 'pw2', kind: 'password', label: t('certs.x.pw2'), confirmOf: 'pw', hidden: () => !!rec.keyUri},
      ];
      return (
        <Box flexDirection="column" borderStyle="double" borderColor={theme.border} paddingX={1}>
          <Text bold wrap="wrap">{t('certs.x.title', {name: rec.name, serial: rec.serial ?? ''})}</Text>
          <Text color={theme.muted} wrap="wrap">{t('certs.x.policy')}</Text>
          {dialog.error ? <Text color={theme.error} wrap="wrap">{dialog.error}</Text> : null}
          <Form
            key={dialog.attempt}
            fields={fields}
            active={active}
            initialValues={dialog.values}
            initialFocus={dialog.focus}
            onCancel={h.close}
            onSubmit={(v) => h.submitExport(rec, v)}
          />
        </Box>
      );
    }
    case 'overwrite':
      return (
        <ConfirmDialog
          active={active}
          message={[t('certs.x.overwrite', {dir: dialog.values.dir ?? ''}), t('certs.x.overwriteAsk')]}
          onYes={() => h.overwrite(dialog.rec, dialog.values)}
          onNo={() => h.backToExport(dialog.rec, dialog.values)}
        />
      );
    case 'createFolder':
      return (
        <ConfirmDialog
          active={active}
          defaultChoice="yes"
          message={[t('certs.x.createFolder', {dir: dialog.values.dir ?? ''}), t('certs.x.createFolderAsk')]}
          onYes={() => h.createFolder(dialog.rec, dialog.values)}
          onNo={() => h.backToExport(dialog.rec, dialog.values)}
        />
      );
    case 'exportWarning':
      return <ConfirmDialog active={active} message={[dialog.text]} onYes={() => h.exportAnyway(dialog.rec)} onNo={h.close} />;
    case 'reason':
      return <ReasonDialog rec={dialog.rec} active={active} t={t} onReason={(r) => h.reason(dialog.rec, r)} onCancel={h.close} />;
    case 'confirmRevoke': {
      const rec = dialog.rec;
      return (
        <ConfirmDialog
          active={active}
          danger
          title={t('certs.r.confirmTitle')}
          message={[
            t('certs.r.confirm', {name: rec.name, serial: rec.serial ?? '', type: rec.type, env: rec.env}),
            t('certs.r.confirmReason', {reason: `${dialog.reason} — ${reasonText(t, dialog.reason)}`}),
          ]}
          onYes={() => h.revoke(rec, dialog.reason)}
          onNo={h.close}
        />
      );
    }
    case 'busy':
      return <Spinner label={dialog.text} />;
    case 'message':
      return <MessageBox kind={dialog.tone} message={dialog.lines} onClose={h.close} active={active} />;
  }
}

/** F8's first step: the revocation reason from the design card's choice list (↑↓ or its digit, Enter); Esc cancels. */
function ReasonDialog({rec, active, t, onReason, onCancel}: {rec: CertificateView; active: boolean; t: Translate; onReason(r: RevocationReason): void; onCancel(): void}) {
  useKeys((key) => {
    if (!matches(key, 'back')) return false;
    onCancel();
    return true;
  }, {active, priority: PRIORITY.modal});
  const items = REVOCATION_REASONS.map((r, i) => ({value: r, label: `${i + 1}. ${r} — ${reasonText(t, r)}`}));
  return (
    <Box flexDirection="column" borderStyle="double" borderColor={theme.error} paddingX={1}>
      <Text bold wrap="wrap">{t('certs.r.title', {name: rec.name, serial: rec.serial ?? ''})}</Text>
      <Text>{`${t('certs.r.reason')}:`}</Text>
      <KitSelect items={items} active={active} numbered initial="Unspecified" onSelect={onReason} />
      <Text color={theme.muted} wrap="wrap">{t('certs.r.keys')}</Text>
    </Box>
  );
}
