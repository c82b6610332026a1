// Calendar dates as `YYYY-MM-DD` strings (form fields) and ISO timestamps (store, API).

export const DAY_MS = 86_400_000;

/** Strict `RRRR-MM-DD` with a real calendar day (2026-02-30 is rejected). */
export function parseDate(text: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return date;
}

// Formatters are built once, on first use: an Intl.DateTimeFormat costs tens of kilobytes and a list formats
// thousands of dates, while building the first one loads the time-zone data (~100 ms on a busy machine) that
// `--help` and most commands never need. The sv-SE locale gives ISO-like `YYYY-MM-DD HH:MM`.
let warsawDateFormat: Intl.DateTimeFormat | undefined;
let warsawDateTimeFormat: Intl.DateTimeFormat | undefined;

/** `YYYY-MM-DD` of an instant in the Europe/Warsaw calendar (what Polish users see). */
export const warsawDate = (at: Date): string =>
  (warsawDateFormat ??= new Intl.DateTimeFormat('sv-SE', {timeZone: 'Europe/Warsaw', year: 'numeric', month: '2-digit', day: '2-digit'})).format(at);

/** `YYYY-MM-DD HH:MM` in Europe/Warsaw. */
export const warsawDateTime = (at: Date): string =>
  (warsawDateTimeFormat ??= new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Warsaw', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  })).format(at);

/** Whole days from `now` until `until` (negative when past), counted down. */
export const daysLeft = (until: Date, now: Date): number => Math.floor((until.getTime() - now.getTime()) / DAY_MS);

/** `DD-MM-YYYY` used by KOD I links. */
export function qrDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) throw new Error(`bad date ${isoDate}`);
  return `${m[3]}-${m[2]}-${m[1]}`;
}

/** How far ahead a mode-B certificate may start. KSeF documents no limit (validFrom is any date-time), but a start
 *  years away is a typo, and 9999-12-31 yields a certificate whose end cannot even be encoded. */
export const MAX_START_AHEAD_DAYS = 90;

export type StartDateProblem = 'format' | 'past' | 'tooFar' | 'afterPredecessor';

/** The rule for a certificate's start day (Europe/Warsaw calendar): a real day, not before today, and not after
 *  `latest` — the predecessor's end in mode Z (a later start leaves days without a certificate) — or, without
 *  one, not more than MAX_START_AHEAD_DAYS ahead. */
export function startDateProblem(day: string, now: Date, predecessorEnd?: Date): StartDateProblem | undefined {
  if (!parseDate(day)) return 'format';
  if (day < warsawDate(now)) return 'past';
  if (predecessorEnd) return day > warsawDate(predecessorEnd) ? 'afterPredecessor' : undefined;
  return day > warsawDate(new Date(now.getTime() + MAX_START_AHEAD_DAYS * DAY_MS)) ? 'tooFar' : undefined;
}
