// Audit details as data: a use case stores `message` (a catalogue key and its parameters) and, beside it, its Polish
// rendering in `details` (store/audit-note.ts). Readers — the audit screen, the details history, `ksef-certs audit`
// and `show` — render `message` in the session's language; an entry without one (every entry written before notes)
// or with a key this build does not know shows its stored text.
import type {AuditEvent, AuditNote} from '../domain/index.js';
import {terminalSafe} from '../domain/index.js';
import {render, type Lang, type Message, type Translate} from '../i18n/index.js';
import {pl} from '../i18n/pl/index.js';

export {auditNote} from '../store/audit-note.js';

const known = (n: AuditNote): boolean =>
  Object.hasOwn(pl, n.key) && Object.values(n.params ?? {}).every((v) => typeof v !== 'object' || (v !== null && known(v)));

const isNote = (v: unknown): v is AuditNote => !!v && typeof v === 'object' && typeof (v as AuditNote).key === 'string';

/** The details of an event in the language of `t`; every parameter and any old free text terminal-safe. */
export function auditDetails(t: Translate, e: Pick<AuditEvent, 'details' | 'message'>): string | undefined {
  if (isNote(e.message) && known(e.message)) return render(t, e.message as Message);
  return e.details === undefined ? undefined : terminalSafe(e.details, {keepNewlines: true});
}

/** The language `t` speaks (the CLI may switch to the workstation's language after login). */
export const langOf = (t: Translate): Lang => (t('auditLog.lang') === 'en' ? 'en' : 'pl');

/** An event for `--json`: every stored field unchanged, plus `detailsText` (the details in the session's language). */
export function auditEventJson(t: Translate, e: AuditEvent): AuditEvent & {detailsText?: string} {
  const text = auditDetails(t, e);
  return text === undefined ? {...e} : {...e, detailsText: text};
}
