// State of the F4 export / F8 revoke / F5 refresh dialogs (list [A-1-5-7] and details): which dialog is open, what
// the export form holds between attempts, and whether the dialog's own F1 help is shown. Pure: effects live in
// the container (cert-list-actions.tsx).
import type {CertificateView, RevocationReason} from '../domain/index.js';
import type {MessageKey} from '../i18n/index.js';
import type {FormValues} from '../tui/form/index.js';
import type {Command} from '../tui/keys/keymap.js';

export type Tone = 'info' | 'error' | 'warning';

export type Dialog =
  /** values: what the form held (passwords kept after a folder error); focus: the field to return to. */
  | {kind: 'export'; rec: CertificateView; values: FormValues; error?: string; focus?: string; attempt: number}
  | {kind: 'overwrite'; rec: CertificateView; values: FormValues}
  | {kind: 'createFolder'; rec: CertificateView; values: FormValues}
  | {kind: 'exportWarning'; rec: CertificateView; text: string}
  | {kind: 'reason'; rec: CertificateView}
  | {kind: 'confirmRevoke'; rec: CertificateView; reason: RevocationReason}
  | {kind: 'busy'; text: string}
  | {kind: 'message'; tone: Tone; lines: string[]};

export interface ActionsState {
  dialog?: Dialog;
  /** The open dialog's F1 help is shown over it (the dialog stays mounted: typed values survive). */
  help: boolean;
}

export type ActionsEvent =
  | {type: 'show'; dialog: Dialog}
  | {type: 'close'}
  | {type: 'help'; on: boolean}
  /** The export form comes back after a refusal: passwords are kept unless the password itself was refused. */
  | {type: 'exportFailed'; rec: CertificateView; values: FormValues; error: string; passwordProblem: boolean};

export const initialActions: ActionsState = {help: false};

export function actionsReducer(s: ActionsState, e: ActionsEvent): ActionsState {
  switch (e.type) {
    case 'show':
      return {dialog: e.dialog, help: false};
    case 'close':
      return {help: false};
    case 'help':
      return s.dialog && s.dialog.kind !== 'busy' ? {...s, help: e.on} : s;
    case 'exportFailed': {
      const values = e.passwordProblem ? {...e.values, pw: '', pw2: ''} : e.values;
      const attempt = s.dialog?.kind === 'export' ? s.dialog.attempt + 1 : 1;
      return {help: false, dialog: {kind: 'export', rec: e.rec, values, error: e.error, focus: e.passwordProblem ? 'pw' : 'dir', attempt}};
    }
  }
}

/** The F1 text of each dialog (its own, not the screen's). */
export function dialogHelp(d: Dialog): {title: MessageKey; text: MessageKey} | undefined {
  switch (d.kind) {
    case 'export':
      return {title: 'certs.help.dialog.export', text: 'certs.help.export'};
    case 'reason': case 'confirmRevoke':
      return {title: 'certs.help.dialog.revoke', text: 'certs.help.revoke'};
    case 'overwrite': case 'createFolder': case 'exportWarning':
      return {title: 'certs.help.dialog.confirm', text: 'certs.help.confirm'};
    case 'message':
      return {title: 'certs.help.dialog.message', text: 'certs.help.message'};
    case 'busy':
      return undefined;
  }
}

/** The keys that work while a dialog is open (the F-key legend): forms take F2, questions and messages F1 and Esc. */
export function dialogLegend(s: ActionsState): Command[] | undefined {
  const d = s.dialog;
  if (!d) return undefined;
  // F10 quits at once everywhere (the navigator), a question and a dialog's help included.
  if (s.help) return ['help', 'back', 'quit'];
  switch (d.kind) {
    case 'export': return ['save', 'help', 'back', 'quit'];
    case 'busy': return ['back', 'quit'];
    default: return ['help', 'back', 'quit'];
  }
}
