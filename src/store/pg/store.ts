// PostgreSQL backend of the Store interface: for installations with several servers (or the store on the database
// server). Every write is one transaction that first locks the `revision` row, so writes from all hosts run one
// after another and each sees the previous one (no lost update). Reads take no lock. Private keys stay sealed under the
// LOCAL master key (file), which never goes into the database; the database keeps only a check value of it.
import {mkdir} from 'node:fs/promises';
import path from 'node:path';
import {randomUUID, type KeyObject} from 'node:crypto';
import pg from 'pg';
import {
  CODE_PATTERN, type AuditEvent, type Branch, type BranchConfig, type CertificateRecord, type CertificateSummary, type Company, type Operator,
  type WorkstationConfig,
} from '../../domain/index.js';
import {hashPassword, loadOrCreateMasterKey, masterKeyCheck, sealKeyWith, unsealKeyWith, verifyPassword} from '../secrets.js';
import {copyJson, defaultWorkstation} from '../store.js';
import {StoreError, type AuditInput, type OpenStoreOptions, type Store, type StoreData, type StoreInfo} from '../types.js';
import {
  applyOperator, assertUnchanged, branchFields, checkKeyPem, checkOperatorInput, cleanWorkstation, conflict, duplicateSerial, operatorFields,
  workstationFields, type OperatorInput,
} from '../validate.js';
import {
  appendAudit, insertCertificate, loadDocument, loadList, loadMeta, persistChanges, remember, replaceSmall, setMeta,
  updateCertificate, type Queryable,
} from './document.js';
import {migrateSchema} from './schema.js';
import {lockRefusal, noteLoginResult} from '../login-lock.js';
import {redactStoreUrl} from '../redact.js';
import {msg} from '../../i18n/index.js';
import {auditNote, workstationNote} from '../audit-note.js';

type Event = AuditInput;

/** Database and connection failures → StoreError (Polish); anything else (a caller's own error from fn) unchanged. */
function ioError(e: unknown, where: string): unknown {
  const err = e as Error & {code?: string; severity?: string};
  if (err instanceof StoreError || !(err instanceof Error)) return err;
  if (err.code === '55P03') return new StoreError('locked', msg('storeErr.pgBusy', {where}));
  const fromDatabase = err instanceof pg.DatabaseError || typeof err.severity === 'string';
  const network = typeof err.code === 'string' && /^E[A-Z]+$/.test(err.code);
  if (fromDatabase || network || /connection|terminat/i.test(err.message)) {
    return new StoreError('io', msg('storeErr.pgError', {where, reason: err.message}));
  }
  return err;
}

class PgStore implements Store {
  readonly info: StoreInfo;
  masterKey!: Buffer;
  private certCache?: {revision: number; list: CertificateSummary[]};

  constructor(
    private readonly pool: pg.Pool,
    dir: string,
    url: string,
    private readonly now: () => Date,
    private readonly lockTimeoutMs: number,
  ) {
    this.info = {dir, file: redactStoreUrl(url), backend: 'postgresql'};
  }

  /** One write transaction: the revision row is locked first (the cross-host write lock) and bumped at the end. */
  private write<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.transaction('BEGIN', async (c) => {
      await c.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.floor(this.lockTimeoutMs))}`);
      const {rows} = await c.query(`SELECT value FROM ksef_meta WHERE key = 'revision' FOR UPDATE`);
      const revision = Number(rows[0]?.value ?? 0);
      const result = await fn(c);
      await c.query(`UPDATE ksef_meta SET value = $1::jsonb WHERE key = 'revision'`, [JSON.stringify(revision + 1)]);
      return result;
    });
  }

  /** A read that needs several statements to agree (one snapshot). */
  private read<T>(fn: (c: Queryable) => Promise<T>): Promise<T> {
    return this.transaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', fn);
  }

  /** `begin`, fn, COMMIT on one pooled connection; ROLLBACK and an io StoreError on any failure. */
  private async transaction<T>(begin: string, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.connect();
    try {
      await c.query(begin);
      const result = await fn(c);
      await c.query('COMMIT');
      return result;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw ioError(e, this.info.file);
    } finally {
      c.release();
    }
  }

  private async connect(): Promise<pg.PoolClient> {
    try {
      return await this.pool.connect();
    } catch (e) {
      throw new StoreError('io', msg('storeErr.pgConnect', {file: this.info.file, reason: (e as Error).message}));
    }
  }

  private async q<T>(fn: (c: Queryable) => Promise<T>): Promise<T> {
    try {
      return await fn(this.pool);
    } catch (e) {
      throw ioError(e, this.info.file);
    }
  }

  private event(e: Event): AuditEvent {
    return {...e, id: randomUUID(), at: e.at ?? this.now().toISOString()};
  }

  auditEvent(e: Event): AuditEvent {
    return this.event(e);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  async snapshot(): Promise<StoreData> {
    return this.read(loadDocument);
  }

  update<T>(fn: (data: StoreData) => T): Promise<T> {
    return this.write(async (c) => {
      const data = await loadDocument(c);
      const before = remember(data);
      const result = await fn(data);
      await persistChanges(c, before, data);
      return structuredCloneSafe(result);
    });
  }

  async withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const c = await this.connect();
    let open = false;
    try {
      await c.query(`INSERT INTO ksef_locks (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`, [name]);
      await c.query('BEGIN');
      open = true;
      await c.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.floor(this.lockTimeoutMs))}`);
      await c.query(`SELECT name FROM ksef_locks WHERE name = $1 FOR UPDATE`, [name]);
    } catch (e) {
      if (open) await c.query('ROLLBACK').catch(() => {});
      c.release();
      throw ioError(e, this.info.file);
    }
    try {
      return await fn();
    } finally {
      // The lock lives exactly as long as this transaction (a killed process: as long as its connection).
      await c.query('COMMIT').catch(() => {});
      c.release();
    }
  }

  // ---- repository -----------------------------------------------------------------------------------------------

  async company(): Promise<Company> {
    return (await this.q((c) => loadMeta<Company>(c, 'company'))) ?? {nip: '', name: ''};
  }

  listOperators(): Promise<Operator[]> {
    return this.q((c) => loadList<Operator>(c, 'operators'));
  }

  async authenticate(code: string, password: string, workstation: string): Promise<Operator | undefined> {
    const wanted = code.trim().toUpperCase();
    const {rows} = await this.q((c) => c.query(`SELECT doc FROM ksef_operators WHERE code = $1`, [wanted]));
    const op = rows[0]?.doc as Operator | undefined;
    const locks = async (c: Queryable): Promise<Pick<StoreData, 'loginLocks'>> => ({loginLocks: await loadMeta(c, 'loginLocks')});
    const refusal = lockRefusal((await this.q(locks)) as StoreData, op, this.now());
    if (refusal) {
      await this.audit({operator: op!.code, workstation, action: 'loginFailed', ...auditNote(refusal.note)});
      throw refusal.error;
    }
    // verifyPassword runs scrypt even without an operator, so an unknown code takes as long as a wrong password.
    const passwordOk = await verifyPassword(password, op?.passwordHash);
    const ok = Boolean(op && passwordOk && !op.disabled);
    await this.write(async (c) => {
      // The back-off is written with the audit event, in one transaction: a restart does not reset it.
      const d = (await locks(c)) as StoreData;
      const before = JSON.stringify(d.loginLocks ?? null);
      const note = noteLoginResult(d, op, passwordOk, ok, this.now()) ?? (op && passwordOk && op.disabled ? msg('auditNote.accountDisabled') : undefined);
      if (JSON.stringify(d.loginLocks ?? null) !== before) await setMeta(c, 'loginLocks', d.loginLocks ?? {});
      await appendAudit(c, [this.event({
        // Only a well-formed code is recorded: a password typed into the code field must not land in the log.
        operator: op ? op.code : CODE_PATTERN.test(wanted) ? wanted : '?',
        workstation,
        action: ok ? 'login' : 'loginFailed',
        ...(note ? auditNote(note) : {}),
      })]);
    });
    return ok ? op : undefined;
  }

  async upsertOperator(input: OperatorInput, by: string, expected?: Operator): Promise<void> {
    const {code, name} = checkOperatorInput(input);
    const passwordHash = input.password !== undefined ? await hashPassword(input.password) : undefined;
    await this.write(async (c) => {
      const operators = await loadList<Operator>(c, 'operators');
      const branches = await loadList<Branch>(c, 'branches');
      if (expected) {
        const existing = operators.find((o) => o.code === code);
        if (!existing) throw conflict({operator: code}, ['code']);
        assertUnchanged({operator: code}, operatorFields(existing), operatorFields(expected));
      }
      const note = applyOperator(operators, branches, input, code, name, passwordHash);
      await replaceSmall(c, 'operators', operators);
      await appendAudit(c, [this.event({operator: by, workstation: '', action: 'operatorChanged', ...auditNote(note)})]);
    });
  }

  listBranches(): Promise<Branch[]> {
    return this.q((c) => loadList<Branch>(c, 'branches'));
  }

  async saveBranchConfig(code: string, config: BranchConfig, by: string, expected?: BranchConfig): Promise<void> {
    await this.write(async (c) => {
      const {rows} = await c.query(`SELECT doc FROM ksef_branches WHERE code = $1 FOR UPDATE`, [code]);
      if (!rows[0]) throw new StoreError('notFound', msg('storeErr.noBranch', {code}));
      if (expected) assertUnchanged({branch: code}, branchFields((rows[0].doc as Branch).config), branchFields(expected));
      const branch = {...(rows[0].doc as Branch), config: structuredClone(config)};
      await c.query(`UPDATE ksef_branches SET doc = $2::jsonb WHERE code = $1`, [code, JSON.stringify(branch)]);
      await appendAudit(c, [this.event({operator: by, workstation: '', action: 'configChanged', ...auditNote(msg('auditNote.branchConfig', {code}))})]);
    });
  }

  async workstation(host: string): Promise<WorkstationConfig> {
    const {rows} = await this.q((c) => c.query(`SELECT doc FROM ksef_workstations WHERE host = $1`, [host]));
    return (rows[0]?.doc as WorkstationConfig | undefined) ?? defaultWorkstation(this.info.dir, host);
  }

  async saveWorkstation(ws: WorkstationConfig, by: string, expected?: WorkstationConfig): Promise<void> {
    const clean = cleanWorkstation(ws);
    await this.write(async (c) => {
      if (expected) {
        const {rows} = await c.query(`SELECT doc FROM ksef_workstations WHERE host = $1`, [ws.host]);
        const current = (rows[0]?.doc as WorkstationConfig | undefined) ?? defaultWorkstation(this.info.dir, ws.host);
        assertUnchanged({workstation: ws.host}, workstationFields(current), workstationFields(expected));
      }
      const {rows} = await c.query(`SELECT doc FROM ksef_workstations WHERE host = $1`, [ws.host]);
      const prev = rows[0]?.doc as WorkstationConfig | undefined;
      // The sign command runs for whoever presses K: keep who set it and when, and log it verbatim.
      const commandChanged = (prev?.signCommand ?? '') !== clean.signCommand;
      const at = this.now().toISOString();
      if (commandChanged) Object.assign(clean, {signCommandSetBy: by, signCommandSetAt: at});
      else if (prev?.signCommandSetBy) Object.assign(clean, {signCommandSetBy: prev.signCommandSetBy, signCommandSetAt: prev.signCommandSetAt});
      await c.query(
        `INSERT INTO ksef_workstations (host, pos, doc)
           VALUES ($1, (SELECT coalesce(max(pos), -1) + 1 FROM ksef_workstations), $2::jsonb)
           ON CONFLICT (host) DO UPDATE SET doc = excluded.doc`,
        [clean.host, JSON.stringify(clean)],
      );
      await appendAudit(c, [this.event({operator: by, workstation: ws.host, action: 'configChanged', ...auditNote(workstationNote(ws.host, commandChanged, clean.signCommand)), at})]);
    });
  }

  /** The list is re-read only when the revision moved (one tiny query otherwise): the TUI asks for it often. */
  async listCertificates(): Promise<CertificateSummary[]> {
    const revision = Number(await this.q((c) => loadMeta<number>(c, 'revision')));
    if (this.certCache?.revision !== revision) {
      // Revision read first: a write landing in between only makes the cache newer than its label, never staler.
      this.certCache = {revision, list: await this.q((c) => loadList<CertificateSummary>(c, 'certificateSummaries'))};
    }
    return copyJson(this.certCache.list);
  }

  async getCertificate(idOrSerial: string): Promise<CertificateRecord | undefined> {
    const {rows} = await this.q((c) =>
      c.query(`SELECT doc FROM ksef_certificates WHERE id = $1 OR upper(serial) = $2 ORDER BY (id = $1) DESC LIMIT 1`, [
        idOrSerial,
        idOrSerial.trim().toUpperCase(),
      ]),
    );
    return rows[0]?.doc as CertificateRecord | undefined;
  }

  async addCertificate(rec: CertificateRecord, audit?: AuditInput): Promise<void> {
    checkKeyPem(rec.keyPem);
    const copy = structuredClone(rec);
    const event = audit && this.event(audit);
    await this.write(async (c) => {
      if (event) await appendAudit(c, [event]); // same transaction: both or neither
      if ((await c.query(`SELECT 1 FROM ksef_certificates WHERE id = $1`, [copy.id])).rowCount) {
        throw new StoreError('invalid', msg('storeErr.recordExists', {id: copy.id}));
      }
      if (copy.serial) await assertSerialFree(c, copy.serial);
      await insertCertificate(c, copy);
    });
  }

  async patchCertificate(id: string, patch: Partial<CertificateRecord>, audit?: AuditInput): Promise<CertificateRecord> {
    if (patch.id !== undefined && patch.id !== id) throw new StoreError('invalid', msg('storeErr.idImmutable'));
    if (patch.keyPem !== undefined) checkKeyPem(patch.keyPem);
    const copy = structuredClone(patch);
    const event = audit && this.event(audit);
    return this.write(async (c) => {
      if (event) await appendAudit(c, [event]); // same transaction: both or neither
      const {rows} = await c.query(`SELECT doc FROM ksef_certificates WHERE id = $1 FOR UPDATE`, [id]);
      if (!rows[0]) throw new StoreError('notFound', msg('storeErr.noCertificate', {id}));
      if (copy.serial) await assertSerialFree(c, copy.serial, id);
      // Through JSON like the folder store: a field patched to undefined disappears.
      const rec = JSON.parse(JSON.stringify(Object.assign(rows[0].doc as CertificateRecord, copy))) as CertificateRecord;
      await updateCertificate(c, rec);
      return rec;
    });
  }

  async removeCertificate(id: string): Promise<void> {
    await this.write(async (c) => {
      const {rowCount} = await c.query(`DELETE FROM ksef_certificates WHERE id = $1`, [id]);
      if (!rowCount) throw new StoreError('notFound', msg('storeErr.noCertificate', {id}));
    });
  }

  async audit(e: Event): Promise<AuditEvent> {
    const event = this.event(e);
    await this.write((c) => appendAudit(c, [event]));
    return event;
  }

  listAudit(): Promise<AuditEvent[]> {
    return this.q((c) => loadList<AuditEvent>(c, 'audit'));
  }

  async sealKey(key: KeyObject): Promise<string> {
    return sealKeyWith(this.masterKey, key);
  }

  async unsealKey(keyPem: string): Promise<KeyObject> {
    return unsealKeyWith(this.masterKey, keyPem);
  }

  /** Opening: schema, then the local master key checked against the database's check value. */
  async open(create: boolean, masterKeyFile: string): Promise<void> {
    const c = await this.connect();
    try {
      const found = await migrateSchema(c, create, () => ({revision: 0, company: {nip: '', name: ''}}));
      if (!found) throw new StoreError('notFound', msg('storeErr.pgNoStore', {file: this.info.file}));
    } catch (e) {
      throw ioError(e, this.info.file);
    } finally {
      c.release();
    }
    const sealed = await this.q((q) => q.query(`SELECT 1 FROM ksef_certificates WHERE coalesce(doc->>'keyPem', '') <> '' LIMIT 1`));
    if (create) await mkdir(path.dirname(masterKeyFile), {recursive: true, mode: 0o700});
    // A database that already knows a key (check value) never gets a new one made up locally.
    const known = await this.q((q) => loadMeta<string>(q, 'masterKeyCheck'));
    this.masterKey = await loadOrCreateMasterKey(path.dirname(masterKeyFile), !sealed.rowCount && !known, masterKeyFile);
    this.info.masterKeyFile = masterKeyFile;
    const check = masterKeyCheck(this.masterKey);
    await this.q((q) => q.query(`INSERT INTO ksef_meta (key, value) VALUES ('masterKeyCheck', $1::jsonb) ON CONFLICT (key) DO NOTHING`, [JSON.stringify(check)]));
    if ((await this.q((q) => loadMeta<string>(q, 'masterKeyCheck'))) !== check) {
      throw new StoreError('masterKey', msg('storeErr.masterKeyMismatch', {file: masterKeyFile, db: this.info.file}));
    }
  }
}

async function assertSerialFree(c: Queryable, serial: string, exceptId?: string): Promise<void> {
  const {rows} = await c.query(`SELECT doc->>'name' AS name FROM ksef_certificates WHERE upper(serial) = $1 AND id <> $2 LIMIT 1`, [
    serial.toUpperCase(),
    exceptId ?? '',
  ]);
  if (rows[0]) throw duplicateSerial(serial, rows[0].name as string);
}

function structuredCloneSafe<T>(value: T): T {
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
}

/** Opens (with `create`: creates) the store in the database at `url`; the master key is a local file. */
export async function openPgStore(url: string, opts: OpenStoreOptions = {}): Promise<Store> {
  const dir = path.resolve(opts.dataDir ?? 'data');
  // allowExitOnIdle: a CLI command ends when its work is done, without waiting for idle connections to time out.
  const pool = new pg.Pool({connectionString: url, max: 4, application_name: 'ksef-certs', allowExitOnIdle: true});
  // An idle connection dropped by the server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const store = new PgStore(pool, dir, url, opts.now ?? (() => new Date()), opts.lockTimeoutMs ?? 30_000);
  try {
    await store.open(opts.create ?? false, opts.masterKeyFile ? path.resolve(opts.masterKeyFile) : path.join(dir, 'master.key'));
  } catch (e) {
    await pool.end().catch(() => {});
    throw e;
  }
  return store;
}

