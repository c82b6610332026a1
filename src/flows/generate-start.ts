// Start date and predecessor of a new certificate [A-1-5-4] (form and CLI): the date rule (domain startDateProblem)
// with its catalogue messages, Warsaw midnight of a day, and which certificate a mode-Z request follows.
import type {CertTypeCode, CertificateView, EnvCode, ModeCode, Owner} from '../domain/index.js';
import {
  currentForSuccession, DAY_MS, displayStatus, MAX_START_AHEAD_DAYS, ownerKey, parseDate, startDateProblem, warsawDate, warsawDateTime,
} from '../domain/index.js';
import {makeT, type MessageKey, type Params, type Translate} from '../i18n/index.js';
import {catalogueError} from './errors.js';

/** Upper bound that defers the "too far" check of a Z start to its predecessor's end. */
export const FAR_FUTURE = new Date(Date.UTC(9999, 11, 31));

/** Midnight Europe/Warsaw of `RRRR-MM-DD` as an instant. */
export function warsawMidnight(day: string): Date {
  const d = parseDate(day);
  if (!d) throw catalogueError('date.invalid', {day}, 'badDate');
  for (const h of [1, 2, 0, 3]) {
    const t = new Date(d.getTime() - h * 3600_000);
    if (warsawDate(t) === day && warsawDateTime(t).endsWith('00:00')) return t;
  }
  return d;
}

/** The start date field's problem (startDateProblem: format, not in the past, not too far ahead — for mode Z not
 *  after the predecessor's end) as a catalogue key with parameters, or undefined. */
export function dateProblem(day: string, now: Date, predecessorEnd?: Date): {key: MessageKey; params: Params} | undefined {
  const p = startDateProblem(day, now, predecessorEnd);
  switch (p) {
    case 'format': case 'past': return {key: `date.${p}`, params: {day}};
    case 'tooFar': return {key: 'date.tooFar', params: {day, latest: warsawDate(new Date(now.getTime() + MAX_START_AHEAD_DAYS * DAY_MS)), days: MAX_START_AHEAD_DAYS}};
    case 'afterPredecessor': return {key: 'date.afterPredecessor', params: {day, end: warsawDate(predecessorEnd!)}};
    default: return undefined;
  }
}

const plT = makeT('pl');

/** Error of the start date field in `t`'s language, or undefined. */
export function dateError(day: string, now: Date, predecessorEnd?: Date, t: Translate = plT): string | undefined {
  const p = dateProblem(day, now, predecessorEnd);
  return p ? t(p.key, p.params) : undefined;
}

/** The certificate a Z request follows: the one named (details → `g`) when it is an active or waiting certificate
 *  of that owner, type and environment (else none), otherwise the current one (the active one ending last). */
export function predecessorFor(
  records: readonly CertificateView[], owner: Owner, type: CertTypeCode, env: EnvCode, now: Date, predecessorId?: string,
): CertificateView | undefined {
  if (predecessorId === undefined) return currentForSuccession(records, owner, type, env, now);
  const p = records.find((r) => r.id === predecessorId);
  const fits = p && ownerKey(p.owner) === ownerKey(owner) && p.type === type && p.env === env && ['active', 'waiting'].includes(displayStatus(p, now));
  return fits ? p : undefined;
}

/** Start date the form proposes: today for B; for Z the end of the certificate followed (predecessorFor), or today
 *  when there is none. */
export function defaultStartDate(
  records: readonly CertificateView[], owner: Owner, type: CertTypeCode, env: EnvCode, mode: ModeCode, now: Date, predecessorId?: string,
): {date: string; predecessor?: CertificateView} {
  if (mode === 'Z') {
    const p = predecessorFor(records, owner, type, env, now, predecessorId);
    if (p?.validTo) {
      const end = new Date(p.validTo);
      return {date: warsawDate(end.getTime() > now.getTime() ? end : now), predecessor: p};
    }
  }
  return {date: warsawDate(now)};
}
