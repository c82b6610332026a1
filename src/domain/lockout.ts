// Back-off after failed logins, per operator code, kept in the store so a restart does not reset it.
// The first FREE_FAILURES failures cost nothing; each further one doubles the wait (30 s, 1 min, 2 min … 15 min).
// A success clears the count; a failure older than a day no longer counts.

export interface LoginLockState {
  /** Failed attempts in a row (only attempts outside a lock-out count). */
  failures: number;
  lastFailureAt: string;
  /** No login (right or wrong password) until then. */
  lockedUntil?: string;
}

export const FREE_FAILURES = 3;
export const FIRST_WAIT_MS = 30_000;
export const MAX_WAIT_MS = 15 * 60_000;
const FORGET_MS = 24 * 3600_000;

/** Wait imposed after the `failures`-th failure in a row. */
export function lockoutWaitMs(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(FIRST_WAIT_MS * 2 ** (failures - FREE_FAILURES), MAX_WAIT_MS);
}

/** The lock in force at `now`, if any. */
export function activeLock(s: LoginLockState | undefined, now: Date): {until: Date; failures: number} | undefined {
  if (!s?.lockedUntil) return undefined;
  const until = new Date(s.lockedUntil);
  return until.getTime() > now.getTime() ? {until, failures: s.failures} : undefined;
}

/** State after one more failure at `now`. */
export function afterFailure(s: LoginLockState | undefined, now: Date): LoginLockState {
  const recent = s && now.getTime() - new Date(s.lastFailureAt).getTime() < FORGET_MS;
  const failures = (recent ? s.failures : 0) + 1;
  const wait = lockoutWaitMs(failures);
  return {failures, lastFailureAt: now.toISOString(), ...(wait ? {lockedUntil: new Date(now.getTime() + wait).toISOString()} : {})};
}
