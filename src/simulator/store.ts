// The simulator's own state file (never the app's store): one JSON document per data folder, mode 0600 because it
// holds the CA private keys. Several processes may serve the same folder at once (the TUI's embedded simulator, a
// CLI command's, `ksef-certs simulator`): every request runs under a cross-process lock (proper-lockfile) on the
// latest state — re-read when another process wrote it — and each change is written atomically (temp + rename).
import {randomBytes} from 'node:crypto';
import {chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import lockfile from 'proper-lockfile';
import {emptyEnvState, SIM_ENVS, type SimEnv, type SimState} from './model.js';
import {createIssuingCa, createQualifiedCa} from './pki.js';

export const STATE_FILE = 'ksef-simulator.json';

/** A lock not refreshed for this long belongs to a dead process (proper-lockfile refreshes it meanwhile). */
const STALE_MS = 10_000;
const LOCK_RETRIES = {retries: 2000, factor: 1, minTimeout: 5, maxTimeout: 25};

/** Identity of one written version of the file (every write is a rename of a new file). */
function stampOf(file: string): string | undefined {
  try {
    const s = statSync(file, {bigint: true});
    return `${s.ino}:${s.mtimeNs}:${s.size}`;
  } catch {
    return undefined;
  }
}

function readState(file: string): SimState {
  const state = JSON.parse(readFileSync(file, 'utf8')) as SimState;
  if (state.version !== 1) throw new Error(`Nieobsługiwana wersja pliku stanu symulatora: ${file}`);
  return state;
}

export class SimStateFile {
  readonly file: string;
  private current!: SimState;
  private stamp: string | undefined;
  /** One holder per process at a time; the file lock serialises processes. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(readonly dir: string) {
    this.file = join(dir, STATE_FILE);
  }

  /** Opens the folder's state, creating it (new CAs) under the lock when no process has yet. */
  static async open(dir: string, now: Date): Promise<SimStateFile> {
    mkdirSync(dir, {recursive: true, mode: 0o700});
    const f = new SimStateFile(dir);
    await f.locked(async () => {
      if (existsSync(f.file)) return;
      const issuingCa = {} as SimState['issuingCa'];
      for (const env of SIM_ENVS) issuingCa[env] = await createIssuingCa(env, now);
      const envs = {} as Record<SimEnv, ReturnType<typeof emptyEnvState>>;
      for (const env of SIM_ENVS) envs[env] = emptyEnvState();
      f.current = {version: 1, jwtSecret: randomBytes(32).toString('base64url'), issuingCa, qualifiedCa: await createQualifiedCa(now), envs};
      f.save();
    });
    return f;
  }

  /** The state as last read or written by this process (fresh inside run()). */
  get state(): SimState {
    return this.current;
  }

  /** Runs `fn` on the latest state under the lock; `fn` writes its changes with save(). */
  run<T>(fn: () => T | Promise<T>): Promise<T> {
    const next = this.queue.then(() => this.locked(fn));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async locked<T>(fn: () => T | Promise<T>): Promise<T> {
    // A lock taken over as stale (this process stalled > STALE_MS) must not crash the operator's TUI: carry on.
    const release = await lockfile.lock(this.file, {realpath: false, stale: STALE_MS, retries: LOCK_RETRIES, onCompromised: () => undefined});
    try {
      const stamp = stampOf(this.file);
      if (stamp !== undefined && stamp !== this.stamp) {
        this.current = readState(this.file);
        this.stamp = stamp;
      }
      return await fn();
    } finally {
      await release().catch(() => undefined);
    }
  }

  /** Atomic write of the current state (call only inside run()). */
  save(): void {
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.current), {mode: 0o600});
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.file);
    this.stamp = stampOf(this.file);
  }
}
