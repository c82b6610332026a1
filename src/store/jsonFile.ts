// lowdb adapter for store.json: atomic, durable, multi-process-safe writes and a cheap unchanged-file read.
// steno (behind lowdb's JSONFile) writes every process's data through one fixed `.store.json.tmp` name and never
// fsyncs, so two processes can rename each other's half-written temp file. Here every write gets its own temp name.
import {promises as fsp, constants, renameSync, statSync, type BigIntStats} from 'node:fs';
import {randomUUID} from 'node:crypto';
import path from 'node:path';
import type {Adapter} from 'lowdb';
import {testPause} from './test-pause.js';
import {msg, renderPl, type Message} from '../i18n/index.js';

/** Thrown by read() when the file exists but is not valid JSON (empty, truncated, edited by hand). */
export class UnparsableFile extends Error {
  constructor(readonly reason: Message) {
    super(renderPl(reason));
  }
}

type Signature = string;

const signature = (st: BigIntStats): Signature => `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;

/** Which file version this is: every write replaces the inode. No ctime: our own backup link changes it. */
const identity = (st: BigIntStats): Signature => `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}`;

/** Identity of the file now (`absent` when missing). */
function identityNow(file: string): Signature {
  try {
    return identity(statSync(file, {bigint: true}));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw e;
  }
}

/**
 * Write condition of a lock holder (see lock.ts). `dir` is the holder's private folder inside the lock directory: temp
 * files are created there, so a holder whose lock was taken over (folder removed) cannot even create them, and a
 * rename out of it fails once the lock directory was moved away. `check()` throws when the lock is no longer held.
 */
export interface Fence {
  dir: string;
  check(): void;
  /** Error to throw when the fence folder has gone (the lock was taken over). */
  lost(): Error;
}

export class AtomicJSONFile<T> implements Adapter<T> {
  readonly dir: string;
  readonly base: string;
  private cached?: {sig: Signature; data: T};
  /** Identity of the file as readMutable() saw it: a fenced write refuses to replace anything else. */
  private readSig?: Signature;

  constructor(readonly file: string, readonly previousBackup?: string) {
    this.dir = path.dirname(file);
    this.base = path.basename(file);
  }

  /**
   * Returns the parsed document or null when the file does not exist. When the file is the one last read or written
   * (same inode, size, mtime and ctime) the previous object is returned without parsing: callers must not mutate it.
   * Only reads use this shortcut; updates always re-parse (readMutable).
   */
  async read(): Promise<T | null> {
    return this.readFresh(false);
  }

  /**
   * For updates (under the lock): always parses the file into a new object the caller may mutate. Parsing costs about
   * what cloning the cache would, and it cannot be fooled by a reused inode with equal size and coarse mtime.
   * The object becomes the cache only when it is written.
   */
  async readMutable(): Promise<T | null> {
    return this.readFresh(true);
  }

  private async readFresh(mutable: boolean): Promise<T | null> {
    let fh: fsp.FileHandle;
    try {
      fh = await fsp.open(this.file, constants.O_RDONLY);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        if (mutable) this.readSig = 'absent';
        return null;
      }
      throw e;
    }
    try {
      const st = await fh.stat({bigint: true});
      const sig = signature(st);
      if (mutable) this.readSig = identity(st);
      if (!mutable && this.cached?.sig === sig) return this.cached.data;
      const text = await fh.readFile('utf8');
      if (!text.trim()) throw new UnparsableFile(msg('storeErr.corrupt.empty'));
      let data: T;
      try {
        data = JSON.parse(text) as T;
      } catch (e) {
        throw new UnparsableFile(msg('err.verbatim', {text: (e as Error).message}));
      }
      if (!mutable) this.cached = {sig, data};
      return data;
    } finally {
      await fh.close();
    }
  }

  /**
   * temp file (unique name, 0600) → fsync → keep previous version as backup (hard link) → rename → fsync dir.
   * With a fence (updates under the lock) the temp files live in the holder's fence folder, and right before each
   * rename, synchronously: the lock is still ours and the file is still the revision readMutable() returned.
   */
  async write(data: T, fence?: Fence): Promise<void> {
    const text = asciiJson(data);
    const tmpDir = fence?.dir ?? this.dir;
    const tmp = path.join(tmpDir, `.${this.base}.${process.pid}-${randomUUID().slice(0, 8)}.tmp`);
    let fh: fsp.FileHandle;
    try {
      fh = await fsp.open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    } catch (e) {
      if (fence && (e as NodeJS.ErrnoException).code === 'ENOENT') throw fence.lost();
      throw e;
    }
    try {
      await fh.writeFile(text, 'utf8');
      await fh.sync();
    } catch (e) {
      await fh.close();
      await fsp.rm(tmp, {force: true});
      throw e;
    }
    await fh.close();
    if (this.previousBackup) await this.linkPrevious(this.previousBackup, fence);
    try {
      this.commit(tmp, fence);
    } catch (e) {
      await fsp.rm(tmp, {force: true});
      if (fence && (e as NodeJS.ErrnoException).code === 'ENOENT') throw fence.lost();
      throw e;
    }
    await syncDir(this.dir);
    const st = await fsp.stat(this.file, {bigint: true});
    this.cached = {sig: signature(st), data};
    this.readSig = undefined;
  }

  /** The conditional step, kept to two synchronous calls and a stat: check, then rename (no event-loop turn between). */
  private commit(tmp: string, fence?: Fence): void {
    testPause('store-commit');
    if (fence) {
      fence.check();
      if (this.readSig !== undefined && identityNow(this.file) !== this.readSig) throw fence.lost();
    }
    renameSync(tmp, this.file);
  }

  /** Forgets the cached document (e.g. after restoring a file by hand). */
  invalidate(): void {
    this.cached = undefined;
  }

  // The current file's inode becomes `<file>.bak` once the rename replaces it: a free copy of the previous revision.
  // Fenced like the write: a holder that lost the lock must not replace the backup either.
  private async linkPrevious(bak: string, fence?: Fence): Promise<void> {
    const tmp = path.join(fence?.dir ?? this.dir, `.${this.base}.${process.pid}-${randomUUID().slice(0, 8)}.bak.tmp`);
    try {
      await fsp.link(this.file, tmp);
      if (fence) fence.check();
      renameSync(tmp, bak);
    } catch (e) {
      await fsp.rm(tmp, {force: true}).catch(() => {});
      if (fence && (e as {code?: string}).code === 'lockLost') throw e;
    }
  }
}

/**
 * The document as compact JSON with every non-ASCII character written as a `\uXXXX` escape. The document is read at
 * every start: an ASCII-only file decodes without UTF-8 work into one-byte strings that V8 parses faster and stores in
 * half the memory (one „Łódź” makes a 6.5 MB text two-byte, 13 MB). Compact because indentation was a third of a large
 * store's bytes; format it with any JSON tool to read it by hand. Characters above U+FFFF become two escaped surrogates.
 */
export function asciiJson(data: unknown): string {
  return JSON.stringify(data).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** fsync of the directory makes the rename itself durable. */
export async function syncDir(dir: string): Promise<void> {
  let fh: fsp.FileHandle | undefined;
  try {
    fh = await fsp.open(dir, constants.O_RDONLY);
    await fh.sync();
  } catch {
    // Some filesystems refuse fsync on directories; the rename is still atomic.
  } finally {
    await fh?.close();
  }
}
