// Cross-process lock on store.json: proper-lockfile (mkdir lock, mtime refresh, stale detection) with two additions.
// 1. The lock directory is created atomically *with* an owner file inside (mkdir a private dir, write the owner,
//    rename it into place), so a lock is never seen without its owner.
// 2. A waiter that finds the owner is a dead process on this host takes the lock over at once instead of waiting for
//    the mtime to go stale (a killed app must not block colleagues for `stale` ms). Takeovers are serialised by a
//    second small lock so two waiters can never remove each other's fresh lock.
// Locks held on another host (shared NFS folder) fall back to proper-lockfile's mtime staleness.
// 3. Fencing: the lock directory also holds a private folder named by the owner's token. The holder writes its temp
//    files there and renames them out; a holder that lost the lock (stopped past the staleness window, its directory
//    renamed away by the next writer) finds no such folder and writes nothing. See README "Fencing".
import * as fs from 'node:fs';
import {randomUUID} from 'node:crypto';
import {hostname} from 'node:os';
import type Lockfile from 'proper-lockfile';
import {StoreError} from './types.js';
import {msg, type Message} from '../i18n/index.js';

// proper-lockfile (with graceful-fs: ~11 ms of CPU to load) on first use: opening a store to read it — the TUI's
// first frame, a listing before its login — pays nothing for it. A login starts loading it (store.authenticate)
// so that it loads while the password's scrypt runs on the thread pool, before the audit write needs it.
let lockfileModule: Promise<typeof Lockfile> | undefined;
export function loadLockfile(): Promise<typeof Lockfile> {
  return (lockfileModule ??= import('proper-lockfile').then((m) => m.default));
}

/** Lock younger than this is alive even if its owner cannot be checked (another host, a stopped process). */
const STALE_MS = 10_000;

/**
 * Staleness window: `KSEF_CERTS_LOCK_STALE_MS` (tests shorten it; proper-lockfile's floor is 2 s), else 10 s.
 * Every process sharing a store must use the same value: a holder refreshes its lock every half window.
 */
export function lockStaleMs(): number {
  const n = Number(process.env.KSEF_CERTS_LOCK_STALE_MS);
  return Number.isFinite(n) && n > 0 ? Math.max(2000, Math.round(n)) : STALE_MS;
}

interface Owner {
  pid: number;
  host: string;
  token: string;
}

const HOST = hostname();

function parseOwner(text: string): Owner | undefined {
  const [pid, host, token] = text.split('\n');
  const n = Number(pid);
  return Number.isInteger(n) && n > 0 && host && token ? {pid: n, host, token} : undefined;
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const unique = (): string => `${process.pid}-${randomUUID().slice(0, 8)}`;

/** Private folder of the holder with `token` inside the lock directory (fence for its writes). */
const fenceName = (token: string): string => `w-${token}`;

/** Lock directories this process created, with their token: release removes only a lock that is still ours. */
const ours = new Map<string, string>();

type Cb = (err: NodeJS.ErrnoException | null, ...rest: unknown[]) => void;

/** fs shim handed to proper-lockfile: mkdir/rmdir become atomic "with owner" create and remove. */
function makeLockFs() {
  return {
    stat: fs.stat,
    utimes: fs.utimes,
    realpath: fs.realpath,
    mkdir(dir: string, cb: Cb) {
      // Cheap refusal while the lock is visibly held: waiters poll, and they must not slow the holder down.
      if (fs.existsSync(dir)) return cb(Object.assign(new Error('locked'), {code: 'EEXIST'}));
      const tmp = `${dir}.new-${unique()}`;
      const token = randomUUID();
      try {
        fs.mkdirSync(tmp, {mode: 0o700});
        fs.writeFileSync(`${tmp}/owner`, `${process.pid}\n${HOST}\n${token}`, {mode: 0o600});
        fs.mkdirSync(`${tmp}/${fenceName(token)}`, {mode: 0o700});
        try {
          fs.renameSync(tmp, dir);
          ours.set(dir, token);
        } catch (e) {
          fs.rmSync(tmp, {recursive: true, force: true});
          const code = (e as NodeJS.ErrnoException).code;
          // A non-empty target directory means the lock is held.
          if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'EISDIR') {
            return cb(Object.assign(new Error('locked'), {code: 'EEXIST'}));
          }
          throw e;
        }
      } catch (e) {
        return cb(e as NodeJS.ErrnoException);
      }
      cb(null);
    },
    rmdir(dir: string, cb: Cb) {
      try {
        removeLockDir(dir);
        cb(null);
      } catch (e) {
        cb(e as NodeJS.ErrnoException);
      }
    },
    rmdirSync(dir: string) {
      removeLockDir(dir);
    },
  };
}

// One object for the whole process: proper-lockfile caches the mtime precision probe on it.
const lockFs = makeLockFs();

/**
 * Renames the lock away first (atomic release), then deletes it. Our own lock (release, exit handler) is removed only
 * while it still carries our token: after a takeover it belongs to the next writer. Stale removal of another
 * process's lock (proper-lockfile) removes whatever is there.
 */
function removeLockDir(dir: string): void {
  const mine = ours.get(dir);
  ours.delete(dir);
  if (mine !== undefined && readOwner(dir)?.token !== mine) return;
  const grave = `${dir}.old-${unique()}`;
  fs.renameSync(dir, grave);
  if (mine !== undefined && readOwner(grave)?.token !== mine) {
    // Taken over between the check and the rename (we were stopped right there): give it back. If a third writer
    // already made a new lock, the moved holder's fence folder is gone and its write fails safely.
    try {
      fs.renameSync(grave, dir);
      return;
    } catch {
      // fall through: remove it
    }
  }
  fs.rmSync(grave, {recursive: true, force: true});
}

function readOwner(lockDir: string): Owner | undefined {
  try {
    return parseOwner(fs.readFileSync(`${lockDir}/owner`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Removes the lock if its owner is a dead process on this host. Returns true when the lock is gone. */
async function takeOverDeadLock(file: string, lockDir: string): Promise<boolean> {
  const seen = readOwner(lockDir);
  if (!seen || seen.host !== HOST || processAlive(seen.pid)) return false;
  let releaseMutex: () => Promise<void>;
  try {
    releaseMutex = await (await loadLockfile()).lock(`${file}.takeover`, {lockfilePath: `${lockDir}.takeover`, realpath: false, stale: 2000, retries: 0});
  } catch {
    return false; // someone else is taking over; keep waiting
  }
  try {
    // Re-read under the mutex: the dead lock may already have been replaced by a live one.
    const owner = readOwner(lockDir);
    if (!owner || owner.token !== seen.token) return false;
    const grave = `${lockDir}.old-${unique()}`;
    try {
      fs.renameSync(lockDir, grave);
    } catch {
      return true;
    }
    fs.rmSync(grave, {recursive: true, force: true});
    return true;
  } finally {
    await releaseMutex().catch(() => {});
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface HeldLock {
  /** The holder's private folder inside the lock directory: temp files go here (see `Fence`). */
  readonly fenceDir: string;
  /** Throws StoreError('lockLost') unless the lock directory still carries this holder's token. Synchronous. */
  assertHeld(): void;
  release(): Promise<void>;
}

export function lockLostError(staleMs: number): StoreError {
  return new StoreError('lockLost', msg('storeErr.lockLost', {seconds: Math.round(staleMs / 1000)}));
}

/**
 * Acquires the exclusive lock guarding `file` (lock directory `<file>.lock`), waiting up to `timeoutMs`.
 */
export async function acquireLock(file: string, timeoutMs: number, staleMs = lockStaleMs()): Promise<HeldLock> {
  const lockDir = `${file}.lock`;
  const deadline = Date.now() + timeoutMs;
  let compromised = false;
  for (let attempt = 0; ; attempt++) {
    try {
      const release = await (await loadLockfile()).lock(file, {
        lockfilePath: lockDir,
        realpath: false,
        stale: staleMs,
        retries: 0,
        fs: lockFs,
        // Default would throw from a timer; the fence (assertHeld, fenceDir) keeps a lost lock from writing.
        onCompromised: () => {
          compromised = true;
        },
      });
      const token = ours.get(lockDir) ?? '';
      return {
        fenceDir: `${lockDir}/${fenceName(token)}`,
        assertHeld: () => {
          if (compromised || !token || readOwner(lockDir)?.token !== token) throw lockLostError(staleMs);
        },
        release: async () => {
          await release().catch((e: NodeJS.ErrnoException) => {
            if (!compromised && e.code !== 'ENOENT') throw e;
          });
          // A compromised lock is never removed by proper-lockfile: forget it, it is not ours any more.
          if (ours.get(lockDir) === token) ours.delete(lockDir);
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') {
        throw new StoreError('io', msg('storeErr.lockCreate', {dir: lockDir, reason: (e as Error).message}));
      }
    }
    if (await takeOverDeadLock(file, lockDir)) continue;
    if (Date.now() > deadline) {
      const o = readOwner(lockDir);
      throw new StoreError('locked', o ? msg('storeErr.lockedBy', {pid: o.pid, host: o.host}) : msg('storeErr.locked'));
    }
    // Randomised back-off growing to 25 ms: critical sections last milliseconds.
    await sleep(1 + Math.random() * Math.min(3 + 2 * attempt, 25));
  }
}

/** Deletes leftovers of killed processes (half-created or half-removed lock dirs, temp files) older than a minute. */
export function sweepLeftovers(dir: string, base: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  const cutoff = Date.now() - 60_000;
  for (const name of names) {
    const leftover =
      name.startsWith(`${base}.lock.new-`) ||
      name.startsWith(`${base}.lock.old-`) ||
      ((name.startsWith(`.${base}.`) || name.startsWith('.master.key.')) && name.endsWith('.tmp'));
    if (!leftover) continue;
    const p = `${dir}/${name}`;
    try {
      if (fs.statSync(p).mtimeMs < cutoff) fs.rmSync(p, {recursive: true, force: true});
    } catch {
      // raced with another sweeper
    }
  }
}
