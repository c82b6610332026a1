// The details of an audit event as data (AuditEvent.message: a catalogue key + parameters, rendered in the reader's
// language) with its Polish rendering beside it in `details` — the free text older entries hold, kept so that an
// older version of the app sharing the store, and scripts reading `details`, still see a text.
import type {AuditNote} from '../domain/index.js';
import {msg, renderPl, type Message} from '../i18n/index.js';

/** The details fields of an audit input: the message and its Polish text. */
export const auditNote = (m: Message): {message: AuditNote; details: string} => ({message: m, details: renderPl(m)});

/** [A-1-5-2] saved; a changed e-signature command is logged verbatim (it runs for whoever presses K). */
export function workstationNote(host: string, commandChanged: boolean, command: string): Message {
  if (!commandChanged) return msg('auditNote.workstationConfig', {host});
  return command ? msg('auditNote.workstationCommand', {host, command}) : msg('auditNote.workstationNoCommand', {host});
}
