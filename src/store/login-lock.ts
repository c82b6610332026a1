// The failed-login back-off as kept in store.json (`loginLocks`, policy in domain/lockout.ts): read before the
// password is checked, and updated inside the same update as the login/loginFailed audit event it belongs to.
import {activeLock, afterFailure, type Operator} from '../domain/index.js';
import {LoginLockedError, type StoreData} from './types.js';

/** The refusal while `op` is locked out at `now`, with the audit text; undefined when it may try. */
export function lockRefusal(d: StoreData, op: Pick<Operator, 'code'> | undefined, now: Date): {error: LoginLockedError; details: string} | undefined {
  const lock = op && activeLock(d.loginLocks?.[op.code], now);
  if (!op || !lock) return undefined;
  const until = lock.until.toISOString();
  return {
    error: new LoginLockedError(op.code, until, lock.failures),
    details: `odmowa: konto czasowo zablokowane do ${until} po ${lock.failures} nieudanych próbach`,
  };
}

/** Counts a wrong password of a known operator (or clears the count after a success); returns audit details. */
export function noteLoginResult(d: StoreData, op: Pick<Operator, 'code'> | undefined, passwordOk: boolean, ok: boolean, now: Date): string | undefined {
  if (!op) return undefined;
  if (!passwordOk) {
    const next = afterFailure(d.loginLocks?.[op.code], now);
    d.loginLocks = {...d.loginLocks, [op.code]: next};
    return next.lockedUntil ? `${next.failures}. nieudana próba z rzędu — logowanie zablokowane do ${next.lockedUntil}` : undefined;
  }
  if (ok && d.loginLocks?.[op.code]) delete d.loginLocks[op.code];
  return undefined;
}
