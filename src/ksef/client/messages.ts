// KSeF error explanations as catalogue messages: what happened (`text`) and what to do (`hint`), rendered in the
// session's language at the edge (texts: src/i18n/{pl,en}/ksef-errors.ts). Codes: every exception code of
// contract/open-api.json (API 2.7.1) in 9101–9105, 21001–21470, 25001–25011 (+ 26001/26002), auth-operation statuses,
// enrollment statuses, HTTP statuses and transport failures.
import {msg, type Message, type MessageKey} from '../../i18n/index.js';

export interface Explanation {
  /** Short description of what happened. */
  text: Message;
  /** What the user should do. */
  hint: Message;
}

/** Text + hint of a catalogue pair `<base>` / `<base>.hint` (both keys exist: the tables below are checked by tests). */
const pair = (base: string): Explanation => ({text: {key: base as MessageKey}, hint: {key: `${base}.hint` as MessageKey}});

function table<C extends string | number>(prefix: string, codes: readonly C[]): Readonly<Record<C, Explanation>> {
  return Object.fromEntries(codes.map((c) => [c, pair(`ksefErr.${prefix}.${c}`)])) as Record<C, Explanation>;
}

/** KSeF `exceptionCode` (legacy body) / `errors[].code` (problem details). */
export const EXCEPTION_MESSAGES: Readonly<Record<number, Explanation>> = table('exc', [
  9101, 9102, 9103, 9104, 9105, 21001, 21111, 21115, 21117, 21155, 21157, 21161, 21164, 21165, 21166, 21167, 21173,
  21175, 21178, 21180, 21181, 21182, 21183, 21205, 21208, 21217, 21301, 21304, 21308, 21401, 21402, 21403, 21405,
  21406, 21418, 21470, 25001, 25002, 25003, 25004, 25005, 25006, 25007, 25008, 25009, 25010, 25011, 26001, 26002,
]);

/** status.code of GET /auth/{referenceNumber} (failures only; 100 = in progress, 200 = success). */
export const AUTH_STATUS_MESSAGES: Readonly<Record<number, Explanation>> = table('auth', [415, 425, 450, 460, 470, 480, 500, 550]);

/** status.code of GET /certificates/enrollments/{referenceNumber} (failures only). */
export const ENROLLMENT_STATUS_MESSAGES: Readonly<Record<number, Explanation>> = table('enroll', [400, 500, 550]);

/** Hints for the two known reasons of enrollment status 400 (matched on KSeF's Polish details text). */
export const ENROLLMENT_REJECTION_HINTS: readonly {match: RegExp; hint: Message}[] = [
  {match: /limit/i, hint: msg('ksefErr.enrollReject.limit')},
  {match: /klucz publiczny/i, hint: msg('ksefErr.enrollReject.key')},
];

/** HTTP statuses without a KSeF exception code. */
export const HTTP_STATUS_MESSAGES: Readonly<Record<number, Explanation>> = table('http', [400, 401, 403, 404, 410, 413, 415, 429, 500, 502, 503, 504]);

/** 403 problem-details reasonCode. */
export const FORBIDDEN_REASON_MESSAGES: Readonly<Record<string, Explanation>> = table('forbidden', [
  'missing-permissions', 'ip-not-allowed', 'insufficient-resource-access', 'auth-method-not-allowed',
  'security-service-blocked', 'context-type-not-allowed',
]);

export const TIMEOUT_MESSAGE: Explanation = pair('ksefErr.timeout');
export const NETWORK_MESSAGE: Explanation = pair('ksefErr.network');
export const SESSION_EXPIRED_MESSAGE: Explanation = pair('ksefErr.sessionExpired');
export const AUTH_PENDING_MESSAGE: Explanation = pair('ksefErr.authPending');
export const ENROLLMENT_PENDING_MESSAGE: Explanation = pair('ksefErr.enrollPending');
export const BAD_FORMAT_MESSAGE: Explanation = pair('ksefErr.badFormat');

export const UNKNOWN_CODE_HINT: Message = msg('ksefErr.unknownCodeHint');

/** "text What to do: hint", with KSeF's own details when there are any. */
export function explain(m: Explanation, details?: string): Message {
  return details ? msg('ksefErr.explainDetails', {text: m.text, hint: m.hint, details}) : msg('ksefErr.explain', {text: m.text, hint: m.hint});
}

export function rateLimitedMessage(retryAfterSec: number | undefined): Explanation {
  if (retryAfterSec === undefined) return HTTP_STATUS_MESSAGES[429];
  return {text: HTTP_STATUS_MESSAGES[429].text, hint: msg('ksefErr.rateLimited.wait', {wait: formatWait(retryAfterSec)})};
}

function formatWait(sec: number): string {
  if (sec < 60) return `${sec} s`;
  const min = Math.floor(sec / 60);
  const s = sec % 60;
  return s ? `${min} min ${s} s` : `${min} min`;
}
