// State of the QR screen [A-1-5-8]: the form page, the certificate choice, the result and its views. Pure; the
// container (qr.tsx) runs the use cases through the bound services.
import type {CertificateRecord} from '../domain/index.js';
import type {MakeCodesResult} from '../flows/qr.js';
import type {QrFormDefaults} from '../flows/services/qr.js';
import type {FormValues} from '../tui/form/index.js';
import {formBack, initialFormPage, type FormPageState} from './form-page.js';

export type QrPhase =
  | {kind: 'form'}
  | {kind: 'busy'}
  | {kind: 'choose'; choices: CertificateRecord[]}
  | {kind: 'result'; result: MakeCodesResult; view: 'links' | 'codes' | 'full'; code: 1 | 2; saved?: string[]; error?: string};

export interface QrState {
  defaults?: QrFormDefaults;
  phase: QrPhase;
  form: FormPageState;
  /** The values of the last submit (absolute paths). */
  submitted: FormValues;
}

export type QrEvent =
  | {type: 'defaults'; defaults: QrFormDefaults}
  | {type: 'typed'; values: FormValues}
  | {type: 'submit'; values: FormValues}
  | {type: 'busy'}
  | {type: 'choose'; choices: CertificateRecord[]}
  | {type: 'result'; result: MakeCodesResult}
  | {type: 'view'; view: 'links' | 'codes' | 'full'}
  | {type: 'code'; code: 1 | 2 | 'other'}
  | {type: 'saved'; files: string[]}
  | {type: 'saveFailed'; error: string}
  | {type: 'back'; error?: string; focus?: string};

export const initialQr: QrState = {phase: {kind: 'form'}, form: initialFormPage(), submitted: {}};

export function qrReducer(s: QrState, e: QrEvent): QrState {
  const p = s.phase;
  switch (e.type) {
    case 'defaults': return {...s, defaults: e.defaults};
    case 'typed': return {...s, form: {...s.form, values: e.values}};
    case 'submit': return {...s, submitted: e.values, phase: {kind: 'busy'}};
    case 'busy': return {...s, phase: {kind: 'busy'}};
    case 'choose': return {...s, phase: {kind: 'choose', choices: e.choices}};
    case 'result': return {...s, phase: {kind: 'result', result: e.result, view: 'links', code: 1}};
    case 'view': return p.kind === 'result' ? {...s, phase: {...p, view: e.view}} : s;
    case 'code': return p.kind === 'result' ? {...s, phase: {...p, code: e.code === 'other' ? (p.code === 1 ? 2 : 1) : e.code}} : s;
    case 'saved': return p.kind === 'result' ? {...s, phase: {...p, saved: e.files, error: undefined}} : s;
    case 'saveFailed': return p.kind === 'result' ? {...s, phase: {...p, error: e.error}} : s;
    case 'back': return {...s, phase: {kind: 'form'}, form: formBack(s.form, e.error, e.focus)};
  }
}

/** Which form field a refusal belongs to. */
export function fieldOf(code: string | number | undefined): string {
  switch (code) {
    case 'noSellerNip': case 'badSellerNip': case 'sellerNipMismatch': return 'sellerNip';
    case 'noIssueDate': case 'badIssueDate': case 'issueDateMismatch': return 'issueDate';
    case 'badContext': return 'context';
    case 'noOfflineCertificate': case 'envMismatch': return 'env';
    default: return 'invoice';
  }
}

/**
 * Seller NIP and issue date when the invoice file changes: the new file's facts; a value that came from the old
 * file (equal to what was derived from it) is cleared when the new file has none, a value the user typed is kept.
 */
export function invoiceDerived(
  values: FormValues, prev: {sellerNip?: string; issueDate?: string}, facts: {sellerNip?: string; issueDate?: string},
): Partial<FormValues> {
  const out: Partial<FormValues> = {};
  for (const k of ['sellerNip', 'issueDate'] as const) {
    if (facts[k]) out[k] = facts[k];
    else if (prev[k] && values[k] === prev[k]) out[k] = '';
  }
  return out;
}
