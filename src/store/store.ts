// The store: one lowdb document (`store.json`) shared safely by several app instances (operators on one server), with
// each certificate's PEM and sealed key in a blob file of its own (`certs/`, blobs.ts) that only details read.
// Every update: cross-process lock → re-read from disk → mutate a copy → blobs, then document, written atomically → unlock.
import {promises as fsp} from 'node:fs';
import {createHash, randomUUID, type KeyObject} from 'node:crypto';
import path from 'node:path';
import {Low} from 'lowdb';
import {
  CODE_PATTERN, type AuditEvent, type Branch, type BranchConfig, type CertificateRecord, type CertificateSummary, type Company, type Operator,
  type WorkstationConfig,
} from '../domain/index.js';
import {AtomicJSONFile, UnparsableFile, type Fence} from './jsonFile.js';
import {acquireLock, loadLockfile, lockLostError, type HeldLock} from './lock.js';
import {migrate, schemaVersionOf} from './migrations.js';
import {hashPassword, sealKeyWith, unsealKeyWith, verifyPassword} from './secrets.js';
import {lockRefusal, noteLoginResult} from './login-lock.js';
import {
  applyOperator, assertUnchanged, branchFields, checkKeyPem, checkOperatorInput, cleanWorkstation, conflict, duplicateSerial, operatorFields,
  workstationFields,
} from './validate.js';
import {SCHEMA_VERSION, StoreError, type AuditInput, type Store, type StoreData, type StoreWarning} from './types.js';
import {cloneResult, copyJson} from './copy-json.js';
import {BlobFiles, blobRefs, inlineAll, inlineRecord, retryMissing, summaryOf, type DocCertificate} from './blobs.js';
import {backupFile, newestBackup, shapeProblem} from './backups.js';

import {defaultWorkstation, emptyStoreData} from './defaults.js';
import {serialise} from './serialise.js';
import {msg, type Message} from '../i18n/index.js';
import {auditNote, workstationNote} from './audit-note.js';

export {copyJson, defaultWorkstation, emptyStoreData, newestBackup};

export const STORE_FILE = 'store.json';

export class FileStore implements Store {
  readonly info: {dir: string; file: string; backend: 'file'; masterKeyFile?: string};
  private readonly adapter: AtomicJSONFile<unknown>;
  private readonly db: Low<unknown>;
  private readonly blobs: BlobFiles;

  constructor(
    dir: string,
    private readonly now: () => Date,
    private readonly lockTimeoutMs: number,
    private readonly lockStaleMs: number,
  ) {
    const file = path.join(dir, STORE_FILE);
    this.info = {dir, file, backend: 'file'};
    this.adapter = new AtomicJSONFile<unknown>(file, `${file}.bak`);
    this.db = new Low<unknown>(this.adapter, null);
    this.blobs = new BlobFiles(dir);
  }

  masterKey!: Buffer;
  warnings: StoreWarning[] = [];

  // ---- document access ------------------------------------------------------------------------------------------

  /**
   * Raw document from disk (null when missing); UnparsableFile → StoreError('corrupt'). `mutable` gives a private
   * copy that update() may change (cheaper than parse + clone when another process changed the file).
   */
  private async readRaw(mutable = false): Promise<unknown> {
    this.db.data = null;
    try {
      if (mutable) this.db.data = await this.adapter.readMutable();
      else await this.db.read();
    } catch (e) {
      if (e instanceof UnparsableFile) throw await this.corrupt(e.reason);
      throw new StoreError('io', msg('storeErr.read', {file: this.info.file, reason: (e as Error).message}));
    }
    return this.db.data;
  }

  /** Checks a raw document and brings it to the current schema in memory. `null` → notFound. */
  private async toCurrent(raw: unknown): Promise<{data: StoreData; from: number}> {
    if (raw === null) throw new StoreError('notFound', msg('storeErr.notFound', {file: this.info.file}));
    if (typeof raw !== 'object' || Array.isArray(raw)) throw await this.corrupt(msg('storeErr.corrupt.notObject'));
    const from = schemaVersionOf(raw);
    if (Number.isNaN(from)) throw await this.corrupt(msg('storeErr.corrupt.schemaVersion'));
    if (from > SCHEMA_VERSION) {
      throw new StoreError('newerSchema', msg('storeErr.newerSchema', {file: this.info.file, from, max: SCHEMA_VERSION}));
    }
    let data: StoreData;
    try {
      data = from === SCHEMA_VERSION ? (raw as StoreData) : migrate(raw);
    } catch (e) {
      throw await this.corrupt(msg('storeErr.corrupt.migration', {from, reason: (e as Error).message}));
    }
    const problem = shapeProblem(data);
    if (problem) throw await this.corrupt(problem);
    return {data, from};
  }

  /** Current document for reading; must not be mutated (it is the adapter's cached object). */
  private async current(): Promise<StoreData> {
    return (await this.toCurrent(await this.readRaw())).data;
  }

  private async corrupt(reason: Message): Promise<StoreError> {
    const bak = await newestBackup(this.info.file);
    const restore = bak ? msg('storeErr.corrupt.restore', {bak, file: this.info.file}) : msg('storeErr.corrupt.noBackup');
    return new StoreError('corrupt', msg('storeErr.corrupt', {file: this.info.file, reason, restore}));
  }

  /**
   * Writes `data` as the new document, only while `lock` is still held (fenced, see lock.ts): first the blobs of the
   * records that carry PEMs inline (fenced too), then the document naming them. `previous`: the blob names of the
   * document read under this lock (it becomes store.json.bak); blobs named by neither are swept afterwards.
   */
  private async writeLocked(data: StoreData, lock: HeldLock, previous: Set<string>): Promise<void> {
    const fence: Fence = {dir: lock.fenceDir, check: () => lock.assertHeld(), lost: () => lockLostError(this.lockStaleMs)};
    try {
      // A new array: fn may have put the caller's own array there (store copy); that one stays as it was.
      const certs = (data.certificates = [...data.certificates]) as DocCertificate[];
      await this.blobs.writeAll(await this.blobs.externalise(certs), fence);
      this.db.data = data;
      await this.adapter.write(data, fence);
      const now = blobRefs(certs);
      // A dropped blob stays while store.json.bak names it; the sweep also runs now and then for crash leftovers.
      if ([...previous].some((h) => !now.has(h)) || data.revision % 64 === 0) await this.blobs.sweep(new Set([...now, ...previous]));
    } catch (e) {
      if (e instanceof StoreError) throw e;
      throw new StoreError('io', msg('storeErr.write', {file: this.info.file, reason: (e as Error).message}));
    }
  }

  /**
   * Runs `job` under the lock. A holder that lost the lock while it was stopped wrote nothing (fence): the job runs
   * again from a fresh read, as if it had waited for the lock; after three such losses it fails ('lockLost').
   */
  private locked<T>(job: (lock: HeldLock) => Promise<T>): Promise<T> {
    return serialise(this.info.file, async () => {
      for (let attempt = 1; ; attempt++) {
        const lock = await acquireLock(this.info.file, this.lockTimeoutMs, this.lockStaleMs);
        try {
          return await job(lock);
        } catch (e) {
          if (!(e instanceof StoreError && e.code === 'lockLost') || attempt >= 3) throw e;
        } finally {
          await lock.release();
        }
      }
    });
  }

  /** Reads the document at open; takes the lock only when the file must be created or migrated. */
  async load(create: boolean): Promise<StoreData> {
    const raw = await this.readRaw();
    if (raw !== null && schemaVersionOf(raw) === SCHEMA_VERSION) return (await this.toCurrent(raw)).data;
    return this.prepare(create);
  }

  /** Under the lock: reads, migrates old files (after a backup), optionally creates a missing one. */
  private async prepare(create: boolean): Promise<StoreData> {
    return this.locked(async (lock) => {
      const raw = await this.readRaw(true);
      if (raw === null && create) {
        const fresh = emptyStoreData();
        await this.writeLocked(fresh, lock, new Set());
        return fresh;
      }
      const {data, from} = await this.toCurrent(raw);
      if (from < SCHEMA_VERSION) {
        await backupFile(this.info.file, `${this.info.file}.v${from}.bak`);
        await this.writeLocked(data, lock, blobRefs(data.certificates as DocCertificate[]));
      }
      return data;
    });
  }

  /** The whole document with every certificate's blob read (store copy; the list never needs this). */
  async snapshot(): Promise<StoreData> {
    return retryMissing(async () => {
      const data = await this.current();
      const certificates = await inlineAll(data.certificates as DocCertificate[], (c) => this.blobs.of(c));
      return {...copyJson({...data, certificates: []}), certificates};
    });
  }

  update<T>(fn: (data: StoreData) => T): Promise<T> {
    return this.locked(async (lock) => {
      // fn works on a private copy: if it throws half-way, neither the file nor the cache sees its changes.
      const {data: working, from} = await this.toCurrent(await this.readRaw(true));
      if (from < SCHEMA_VERSION) await backupFile(this.info.file, `${this.info.file}.v${from}.bak`);
      const revision = working.revision ?? 0;
      const previous = blobRefs(working.certificates as DocCertificate[]);
      const result = await fn(working);
      working.schemaVersion = SCHEMA_VERSION;
      working.revision = revision + 1;
      await this.writeLocked(working, lock, previous);
      return cloneResult(result);
    });
  }

  withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const file = path.join(this.info.dir, `.named-${createHash('sha256').update(name).digest('hex').slice(0, 16)}`);
    return serialise(file, async () => {
      const lock = await acquireLock(file, this.lockTimeoutMs);
      try {
        return await fn();
      } finally {
        await lock.release();
      }
    });
  }

  // ---- repository -----------------------------------------------------------------------------------------------

  async company(): Promise<Company> {
    return copyJson((await this.current()).company);
  }

  async listOperators(): Promise<Operator[]> {
    return copyJson((await this.current()).operators);
  }

  async authenticate(code: string, password: string, workstation: string): Promise<Operator | undefined> {
    const wanted = code.trim().toUpperCase();
    const data = await this.current();
    const op = data.operators.find((o) => o.code === wanted);
    const refusal = lockRefusal(data, op, this.now());
    if (refusal) {
      await this.update((d) => {
        d.audit.push(this.event({operator: op!.code, workstation, action: 'loginFailed', ...auditNote(refusal.note)}));
      });
      throw refusal.error;
    }
    // verifyPassword runs scrypt even without an operator, so an unknown code takes as long as a wrong password.
    // Meanwhile (scrypt runs on the thread pool) the lock module the audit write below needs loads.
    loadLockfile().catch(() => {}); // a failure surfaces where the lock is taken
    const passwordOk = await verifyPassword(password, op?.passwordHash);
    const ok = Boolean(op && passwordOk && !op.disabled);
    await this.update((d) => {
      // The back-off is written with the audit event, in one update: a restart does not reset it.
      const note = noteLoginResult(d, op, passwordOk, ok, this.now()) ?? (op && passwordOk && op.disabled ? msg('auditNote.accountDisabled') : undefined);
      d.audit.push(this.event({
        // Only a well-formed code is recorded: a password typed into the code field must not land in the log.
        operator: op ? op.code : CODE_PATTERN.test(wanted) ? wanted : '?',
        workstation,
        action: ok ? 'login' : 'loginFailed',
        ...(note ? auditNote(note) : {}),
      }));
    });
    return ok ? copyJson(op) : undefined;
  }

  async upsertOperator(input: Omit<Operator, 'passwordHash'> & {password?: string}, by: string, expected?: Operator): Promise<void> {
    const {code, name} = checkOperatorInput(input);
    // slow: outside the lock
    const passwordHash = input.password !== undefined ? await hashPassword(input.password) : undefined;
    await this.update((d) => {
      if (expected) {
        const existing = d.operators.find((o) => o.code === code);
        if (!existing) throw conflict({operator: code}, ['code']);
        assertUnchanged({operator: code}, operatorFields(existing), operatorFields(expected));
      }
      const note = applyOperator(d.operators, d.branches, input, code, name, passwordHash);
      d.audit.push(this.event({operator: by, workstation: '', action: 'operatorChanged', ...auditNote(note)}));
    });
  }

  async listBranches(): Promise<Branch[]> {
    return copyJson((await this.current()).branches);
  }

  async saveBranchConfig(code: string, config: BranchConfig, by: string, expected?: BranchConfig): Promise<void> {
    await this.update((d) => {
      const branch = d.branches.find((b) => b.code === code);
      if (!branch) throw new StoreError('notFound', msg('storeErr.noBranch', {code}));
      if (expected) assertUnchanged({branch: code}, branchFields(branch.config), branchFields(expected));
      branch.config = structuredClone(config);
      d.audit.push(this.event({operator: by, workstation: '', action: 'configChanged', ...auditNote(msg('auditNote.branchConfig', {code}))}));
    });
  }

  async workstation(host: string): Promise<WorkstationConfig> {
    const saved = (await this.current()).workstations.find((w) => w.host === host);
    return saved ? copyJson(saved) : defaultWorkstation(this.info.dir, host);
  }

  async saveWorkstation(ws: WorkstationConfig, by: string, expected?: WorkstationConfig): Promise<void> {
    const clean = cleanWorkstation(ws);
    await this.update((d) => {
      const i = d.workstations.findIndex((w) => w.host === ws.host);
      if (expected) {
        const current = i >= 0 ? d.workstations[i] : defaultWorkstation(this.info.dir, ws.host);
        assertUnchanged({workstation: ws.host}, workstationFields(current), workstationFields(expected));
      }
      const prev = i >= 0 ? d.workstations[i] : undefined;
      // The sign command runs for whoever presses K: keep who set it and when, and log it verbatim.
      const commandChanged = (prev?.signCommand ?? '') !== clean.signCommand;
      const at = this.now().toISOString();
      if (commandChanged) Object.assign(clean, {signCommandSetBy: by, signCommandSetAt: at});
      else if (prev?.signCommandSetBy) Object.assign(clean, {signCommandSetBy: prev.signCommandSetBy, signCommandSetAt: prev.signCommandSetAt});
      if (i >= 0) d.workstations[i] = clean;
      else d.workstations.push(clean);
      d.audit.push(this.event({operator: by, workstation: ws.host, action: 'configChanged', ...auditNote(workstationNote(ws.host, commandChanged, clean.signCommand)), at}));
    });
  }

  /** Rows of the document only: no blob file is opened. */
  async listCertificates(): Promise<CertificateSummary[]> {
    return ((await this.current()).certificates as DocCertificate[]).map(summaryOf);
  }

  /** The record with its blob, read on demand; re-reads the document when the blob was swept meanwhile. */
  async getCertificate(idOrSerial: string): Promise<CertificateRecord | undefined> {
    const serial = idOrSerial.trim().toUpperCase();
    return retryMissing(async () => {
      const certs = (await this.current()).certificates as DocCertificate[];
      const rec = certs.find((c) => c.id === idOrSerial) ?? certs.find((c) => c.serial?.toUpperCase() === serial);
      return rec && inlineRecord(rec, await this.blobs.of(rec));
    });
  }

  async addCertificate(rec: CertificateRecord, audit?: AuditInput): Promise<void> {
    checkKeyPem(rec.keyPem);
    const copy = structuredClone(rec);
    const event = audit && this.event(audit);
    await this.update((d) => {
      if (d.certificates.some((c) => c.id === copy.id)) throw new StoreError('invalid', msg('storeErr.recordExists', {id: copy.id}));
      if (copy.serial) assertSerialFree(d, copy.serial);
      d.certificates.push(copy);
      if (event) d.audit.push(event);
    });
  }

  async patchCertificate(id: string, patch: Partial<CertificateRecord>, audit?: AuditInput): Promise<CertificateRecord> {
    if (patch.id !== undefined && patch.id !== id) throw new StoreError('invalid', msg('storeErr.idImmutable'));
    if (patch.keyPem !== undefined) checkKeyPem(patch.keyPem);
    const copy = structuredClone(patch);
    const event = audit && this.event(audit);
    return this.update(async (d) => {
      const rec = (d.certificates as DocCertificate[]).find((c) => c.id === id);
      if (!rec) throw new StoreError('notFound', msg('storeErr.noCertificate', {id}));
      if (copy.serial) assertSerialFree(d, copy.serial, id);
      // The whole record as it will be (its blob is read under the lock, so it is still there).
      const whole = Object.assign(inlineRecord(rec, await this.blobs.of(rec)), copy);
      Object.assign(rec, copy);
      if (event) d.audit.push(event);
      // Through JSON like the document: a field patched to undefined disappears.
      return JSON.parse(JSON.stringify(whole)) as CertificateRecord;
    });
  }

  async removeCertificate(id: string): Promise<void> {
    await this.update((d) => {
      const i = d.certificates.findIndex((c) => c.id === id);
      if (i < 0) throw new StoreError('notFound', msg('storeErr.noCertificate', {id}));
      d.certificates.splice(i, 1);
    });
  }

  private event(e: AuditInput): AuditEvent {
    return {...e, id: randomUUID(), at: e.at ?? this.now().toISOString()};
  }

  auditEvent(e: AuditInput): AuditEvent {
    return this.event(e);
  }

  async audit(e: AuditInput): Promise<AuditEvent> {
    const event = this.event(e);
    await this.update((d) => {
      d.audit.push(event);
    });
    return event;
  }

  async listAudit(): Promise<AuditEvent[]> {
    return copyJson((await this.current()).audit);
  }

  async sealKey(key: KeyObject): Promise<string> {
    return sealKeyWith(this.masterKey, key);
  }

  async unsealKey(keyPem: string): Promise<KeyObject> {
    return unsealKeyWith(this.masterKey, keyPem);
  }
}

function assertSerialFree(d: StoreData, serial: string, exceptId?: string): void {
  const s = serial.toUpperCase();
  const other = d.certificates.find((c) => c.id !== exceptId && c.serial?.toUpperCase() === s);
  if (other) throw duplicateSerial(serial, other.name);
}

