// Certificate blobs of the folder store: a record's certificate PEM and sealed key live in `certs/<sha256>.json`, one
// immutable file per content, outside the document the list reads (see README "Blobs"). A blob is written (fenced,
// fsynced) before the document that names it, so a document entry never points to a missing file; a file no
// document names is garbage, removed by the sweep, and breaks no read.
import {promises as fsp, constants, existsSync, renameSync} from 'node:fs';
import {createHash, randomUUID} from 'node:crypto';
import path from 'node:path';
import type {CertificateRecord, CertificateSummary} from '../domain/index.js';
import {copyJson} from './copy-json.js';
import {syncDir, type Fence} from './jsonFile.js';
import {testPause} from './test-pause.js';
import {makeT} from '../i18n/index.js';
import {StoreError} from './types.js';

export const BLOB_DIR = 'certs';

/** What a blob file holds. */
export interface CertBlob {
  certPem?: string;
  keyPem: string;
}

/** A certificate as the document holds it: either slim (`blob` names the file) or still inline (read from v1). */
export type DocCertificate = Omit<CertificateRecord, 'certPem' | 'keyPem'> &
  Partial<Pick<CertificateRecord, 'certPem' | 'keyPem'>> & {blob?: string; hasCert?: boolean};

const HASH = /^[0-9a-f]{64}$/;

export const blobText = (b: CertBlob): string =>
  JSON.stringify(b.certPem !== undefined ? {certPem: b.certPem, keyPem: b.keyPem} : {keyPem: b.keyPem});

export const blobHash = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The list row of a document record: no PEM, no blob name, whichever form the record is in. */
export function summaryOf(rec: DocCertificate): CertificateSummary {
  // Rest destructuring copies the flat part in one step (several times faster than key by key for 10,000 rows).
  const {certPem, keyPem: _key, blob: _name, hasCert, ...out} = rec;
  const row = out as Record<string, unknown>;
  // Nested values (owner, enrollment, subjectIdentifier): copies, so a caller changing them changes nothing here.
  for (const k in row) if (row[k] !== null && typeof row[k] === 'object') row[k] = copyValue(row[k]);
  row.hasCert = hasCert === true || (typeof certPem === 'string' && certPem !== '');
  return out as unknown as CertificateSummary;
}

// Nested values of a record (owner, enrollment, subjectIdentifier): copies sharing the strings.
const copyValue = copyJson;

/** Every record with its blob, read 64 files at a time (store copy). */
export async function inlineAll(certs: readonly DocCertificate[], of: (c: DocCertificate) => Promise<CertBlob | undefined>): Promise<CertificateRecord[]> {
  const out: CertificateRecord[] = [];
  for (let i = 0; i < certs.length; i += 64) {
    out.push(...(await Promise.all(certs.slice(i, i + 64).map(async (c) => inlineRecord(c, await of(c))))));
  }
  return out;
}

/** A document record names a blob file that is not there (swept after a newer write, or lost). */
export class MissingBlob extends Error {
  constructor(readonly error: StoreError) {
    super(error.message);
  }
}

/**
 * Runs a read that follows a document to its blobs. A blob swept since that document was read means a newer document
 * exists: read again (twice at most); a blob still missing then is a broken store (`corrupt`).
 */
export async function retryMissing<T>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (e) {
      if (!(e instanceof MissingBlob)) throw e;
      if (attempt >= 3) throw e.error;
    }
  }
}

/** The whole record from a document record and its blob (absent blob: no certificate, no key). */
export function inlineRecord(rec: DocCertificate, blob: CertBlob | undefined): CertificateRecord {
  const {blob: _name, hasCert: _has, certPem, keyPem, ...meta} = rec;
  const out = copyValue(meta) as CertificateRecord;
  const cert = blob ? blob.certPem : certPem;
  if (cert !== undefined) out.certPem = cert;
  out.keyPem = blob ? blob.keyPem : (keyPem ?? '');
  return out;
}

/** Blob names a document refers to. */
export function blobRefs(certs: readonly DocCertificate[]): Set<string> {
  const refs = new Set<string>();
  for (const c of certs) if (c.blob) refs.add(c.blob);
  return refs;
}

export class BlobFiles {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, BLOB_DIR);
  }

  file(hash: string): string {
    return path.join(this.dir, `${hash}.json`);
  }

  /** The blob of a document record (undefined: inline PEMs or none); MissingBlob when its file has gone. */
  async of(rec: DocCertificate): Promise<CertBlob | undefined> {
    if (!rec.blob) return undefined;
    const blob = await this.read(rec.blob);
    if (!blob) throw new MissingBlob(missingBlob(this.file(rec.blob), rec.id));
    return blob;
  }

  /** The blob `hash`, checked against its name; undefined when the file is missing. */
  async read(hash: string): Promise<CertBlob | undefined> {
    if (!HASH.test(hash)) throw blobCorrupt(this.file(hash), 'storeBlob.badName');
    let text: string;
    try {
      text = await fsp.readFile(this.file(hash), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new StoreError('io', tPl('storeBlob.read', {file: this.file(hash), reason: (e as Error).message}));
    }
    if (blobHash(text) !== hash) throw blobCorrupt(this.file(hash), 'storeBlob.badHash');
    const b = JSON.parse(text) as CertBlob;
    if (typeof b.keyPem !== 'string') throw blobCorrupt(this.file(hash), 'storeBlob.noKey');
    return b;
  }

  /**
   * Moves inline PEMs of `certs` (records fn added or changed) into blob texts: those entries are replaced by slim
   * copies (the array changes, the objects fn put there do not), the returned
   * map (name → text) is what must be written before the document. `old` reads the previous blob of a record whose
   * fn changed only one of its two PEMs.
   */
  async externalise(certs: DocCertificate[]): Promise<Map<string, string>> {
    const pending = new Map<string, string>();
    for (let i = 0; i < certs.length; i++) {
      const hasCert = Object.hasOwn(certs[i], 'certPem');
      const hasKey = Object.hasOwn(certs[i], 'keyPem');
      if (!hasCert && !hasKey) continue;
      // A new object in the document: fn may have put the caller's own records there (store copy), left as they are.
      const rec = (certs[i] = {...certs[i]});
      let base: CertBlob = {keyPem: ''};
      if (rec.blob && !(hasCert && hasKey)) {
        const prev = await this.read(rec.blob);
        if (!prev) throw missingBlob(this.file(rec.blob), rec.id);
        base = prev;
      }
      const certPem = hasCert ? rec.certPem : base.certPem;
      const keyPem = (hasKey ? rec.keyPem : base.keyPem) ?? '';
      delete rec.certPem;
      delete rec.keyPem;
      delete rec.blob;
      rec.hasCert = typeof certPem === 'string' && certPem !== '';
      // Nothing secret or large to keep (a token key's pending record): no file.
      if (!certPem && !keyPem) continue;
      const text = blobText(certPem !== undefined ? {certPem, keyPem} : {keyPem});
      const hash = blobHash(text);
      rec.blob = hash;
      pending.set(hash, text);
    }
    return pending;
  }

  /**
   * Writes the blobs that do not exist yet: temp file inside the holder's fence folder (0600, fsynced), then — right
   * after the fence check, synchronously — renamed into `certs/`. A holder that lost the lock cannot create the temp
   * file (its fence folder is gone) and its rename source no longer exists: it writes no blob. The folder is fsynced
   * before the document that names the blobs is written.
   */
  async writeAll(pending: Map<string, string>, fence: Fence): Promise<void> {
    const todo = [...pending].filter(([hash]) => !existsSync(this.file(hash)));
    if (!todo.length) return;
    await fsp.mkdir(this.dir, {recursive: true, mode: 0o700});
    // Bounded parallelism: fsyncs overlap (a migration of a large store writes thousands).
    for (let i = 0; i < todo.length; i += 32) {
      await Promise.all(todo.slice(i, i + 32).map(([hash, text]) => this.writeOne(hash, text, fence)));
    }
    await syncDir(this.dir);
  }

  private async writeOne(hash: string, text: string, fence: Fence): Promise<void> {
    const tmp = path.join(fence.dir, `.blob-${hash.slice(0, 16)}-${randomUUID().slice(0, 8)}.tmp`);
    let fh: fsp.FileHandle;
    try {
      fh = await fsp.open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw fence.lost();
      throw e;
    }
    try {
      await fh.writeFile(text, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    testPause('store-blob');
    try {
      fence.check();
      renameSync(tmp, this.file(hash));
    } catch (e) {
      await fsp.rm(tmp, {force: true});
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw fence.lost();
      throw e;
    }
  }

  /**
   * Removes blob files no longer named by `keep` (the new document and the previous one, kept as store.json.bak).
   * Runs under the lock, after the document was written: only the lock holder creates blobs, so nothing in flight
   * is lost; a reader holding an older document re-reads it when its blob has gone (FileStore.blobOf).
   */
  async sweep(keep: Set<string>): Promise<number> {
    let names: string[];
    try {
      names = await fsp.readdir(this.dir);
    } catch {
      return 0;
    }
    let removed = 0;
    for (const name of names) {
      if (!name.endsWith('.json') || keep.has(name.slice(0, -5))) continue;
      await fsp.rm(path.join(this.dir, name), {force: true});
      removed++;
    }
    return removed;
  }
}

// Texts from the catalogue (src/i18n/*/store-blobs.ts), Polish like every StoreError message for now.
const tPl = makeT('pl');

function blobCorrupt(file: string, reason: 'storeBlob.badName' | 'storeBlob.badHash' | 'storeBlob.noKey'): StoreError {
  return new StoreError('corrupt', tPl('storeBlob.corrupt', {file, reason: tPl(reason)}));
}

export function missingBlob(file: string, id: string): StoreError {
  return new StoreError('corrupt', tPl('storeBlob.missing', {file, id}));
}
