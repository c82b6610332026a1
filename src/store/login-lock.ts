// The failed-login back-off as kept in store.json (`loginLocks`, policy in domain/lockout.ts): read before the
// password is checked, and updated inside the same update as the login/loginFailed audit event it belongs to.
import {activeLock, afterFailure, type Operator} from '../domain/index.js';
import {msg, type Message} from '../i18n/index.js';
import {LoginLockedError, type StoreData} from './types.js';

/** The refusal while `op` is locked out at `now`, with the audit text; undefined when it may try. */
export function lockRefusal(d: StoreData, op: Pick<Operator, 'code'> | undefined, now: Date): {error: LoginLockedError; note: Message} | undefined {
  const lock = op && activeLock(d.loginLocks?.[op.code], now);
  if (!op || !lock) return undefined;
  const until = lock.until.toISOString();
  return {
    error: new LoginLockedError(op.code, until, lock.failures),
    note: msg('auditNote.loginLocked', {until, n: lock.failures}),
  };
}

/** Counts a wrong password of a known operator (or clears the count after a success); returns the audit note. */
export function noteLoginResult(d: StoreData, op: Pick<Operator, 'code'> | undefined, passwordOk: boolean, ok: boolean, now: Date): Message | undefined {
  if (!op) return undefined;
  if (!passwordOk) {
    const next = afterFailure(d.loginLocks?.[op.code], now);
    d.loginLocks = {...d.loginLocks, [op.code]: next};
    return next.lockedUntil ? msg('auditNote.lockedNow', {n: next.failures, until: next.lockedUntil}) : undefined;
  }
  if (ok && d.loginLocks?.[op.code]) delete d.loginLocks[op.code];
  return undefined;
}
