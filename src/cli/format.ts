// Shared wording of CLI text output: times with their zone, and the names of codes (status, owner, audit action,
// revocation reason) in the session's language. JSON output keeps the codes.
import {warsawDateTime, type AuditAction, type DisplayStatus, type Owner, type RevocationReason} from '../domain/index.js';
import type {MessageKey, Translate} from '../i18n/index.js';

let offsetFormat: Intl.DateTimeFormat | undefined;

/** `CET` or `CEST`: the Europe/Warsaw zone in force at that instant. */
export function warsawZone(at: Date): string {
  const name = (offsetFormat ??= new Intl.DateTimeFormat('en-GB', {timeZone: 'Europe/Warsaw', timeZoneName: 'shortOffset'}))
    .formatToParts(at).find((p) => p.type === 'timeZoneName')?.value;
  return name === 'GMT+2' ? 'CEST' : name === 'GMT+1' ? 'CET' : (name ?? 'Europe/Warsaw');
}

/** `2026-03-01 14:05 CET`: every time the CLI prints names its zone. */
export const zonedTime = (at: Date | string): string => {
  const d = typeof at === 'string' ? new Date(at) : at;
  return `${warsawDateTime(d)} ${warsawZone(d)}`;
};

export const statusName = (t: Translate, s: DisplayStatus): string => t(`cli.status.${s}` as MessageKey);

export const actionName = (t: Translate, a: AuditAction | string): string => {
  const text = t(`cli.action.${a}` as MessageKey);
  return text.startsWith('cli.action.') ? a : text;
};

export const reasonName = (t: Translate, r: RevocationReason): string => t(`cli.reason.${r}` as MessageKey);

/** `firma`, `oddział CENTRALA`, `operator JAN` (English: `company`, `branch CENTRALA`, `operator JAN`). */
export const ownerName = (t: Translate, o: Owner): string =>
  o.kind === 'company' ? t('cli.owner.company') : t(`cli.owner.${o.kind}`, {code: o.code});

/** Days left as words: `ostatni dzień`, `1 dzień`, `5 dni` / `last day`, `1 day`, `5 days`. */
export function daysName(t: Translate, days: number | undefined): string {
  if (days === undefined) return '—';
  if (days <= 0) return t('cli.days.last');
  return days === 1 ? t('cli.days.one') : t('cli.days.many', {n: days});
}
