// The store's public contract. Screens, CLI and flows use only this interface (implementation: ./store.ts).
import type {
  AuditEvent, Branch, BranchConfig, CertificateRecord, CertificateSummary, Company, LoginLockState, Operator, WorkstationConfig,
} from '../domain/index.js';
import {msg, renderPl, type Localized, type Message} from '../i18n/index.js';

export const SCHEMA_VERSION = 2;

/** Whole persisted document (`<data>/store.json`). */
export interface StoreData {
  schemaVersion: number;
  company: Company;
  branches: Branch[];
  operators: Operator[];
  workstations: WorkstationConfig[];
  certificates: CertificateRecord[];
  audit: AuditEvent[];
  /** Failed-login back-off by operator code (absent in older files = no failures). */
  loginLocks?: Record<string, LoginLockState>;
  /** Alerts already sent by `ksef-certs check` (de-duplication); absent until the first alert. No migration needed. */
  alerts?: AlertState[];
  /** Monotonic counter for ids / change detection. */
  revision: number;
}

/** One finding already alerted on one channel: sent again only when it worsens or after --repeat-hours. */
export interface AlertState {
  channel: 'webhook' | 'mail';
  /** Finding id (stable across runs, e.g. `expiring:<record id>`). */
  finding: string;
  severity: 'warning' | 'critical';
  sentAt: string;
}

export interface OpenStoreOptions {
  /** Create an empty store when store.json does not exist (default false: a mistyped --data path fails). */
  create?: boolean;
  /** Clock for audit timestamps (tests). */
  now?: () => Date;
  /** How long update() waits for another process's lock before StoreError('locked'); default 30 s. */
  lockTimeoutMs?: number;
  /** Master key file (KSEF_CERTS_MASTER_KEY_FILE); default `<data folder>/master.key`. */
  masterKeyFile?: string;
  /** PostgreSQL only: the local folder for master.key and the default sign/export folders (default `./data`). */
  dataDir?: string;
  /**
   * Staleness window of the lock (default `KSEF_CERTS_LOCK_STALE_MS` or 10 s, at least 2 s): a holder stopped longer
   * loses the lock and its pending write is refused by the fence. All processes on one store must agree.
   */
  lockStaleMs?: number;
}

/** An audit event as callers describe it; the store adds id and time. */
export type AuditInput = Omit<AuditEvent, 'id' | 'at'> & {at?: string};

export interface StoreInfo {
  /** Absolute path of the (local) data folder. */
  dir: string;
  /** Absolute path of store.json, or the PostgreSQL URL without its password. */
  file: string;
  /** Which backend holds the data (absent = the lowdb folder). */
  backend?: 'file' | 'postgresql';
  /** The master key file in use (a store copy takes the key along to a new folder). */
  masterKeyFile?: string;
}

/** Something found and corrected while opening the store; shown to the user (CLI stderr, TUI banner). */
export interface StoreWarning {
  /** permissionsNotFixed: chmod was refused (another account owns the folder or file). */
  code: 'permissionsFixed' | 'permissionsNotFixed';
  /** Folder or file whose group/other permission bits were (or should be) removed. */
  path: string;
  /** Mode before and after, octal (`0755` → `0700`). */
  was: string;
  now: string;
}

export interface Store {
  readonly info: StoreInfo;
  /** Corrections made when this store was opened (empty when none). */
  readonly warnings?: readonly StoreWarning[];
  /** Fresh deep copy of the whole document (re-read from disk). */
  snapshot(): Promise<StoreData>;
  /**
   * Runs `fn` on the latest on-disk state under a cross-process lock and writes the result atomically.
   * `fn` may mutate `data` in place and return a value; if it throws, nothing is written. `fn` may run more than once
   * (on a fresh read each time) when this process lost the lock while it was stopped: keep it free of other effects.
   */
  update<T>(fn: (data: StoreData) => T): Promise<T>;
  /**
   * Runs `fn` while holding the named lock across processes and hosts (PostgreSQL: a row lock held in a transaction;
   * folder: a lock directory). The enrollment path holds it so two servers cannot send one request twice.
   */
  withLock<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Releases connections (PostgreSQL pool); the folder store holds none. */
  close?(): Promise<void>;

  // Repository helpers (all go through update/snapshot):
  company(): Promise<Company>;
  listOperators(): Promise<Operator[]>;
  /**
   * Verifies code + password (scrypt); returns the operator or undefined. Logs loginFailed/login audit. Failures
   * back off per operator code (domain/lockout.ts, kept in the file): while locked out it throws LoginLockedError
   * without looking at the password.
   */
  authenticate(code: string, password: string, workstation: string): Promise<Operator | undefined>;
  /**
   * Adds or changes an operator. With `expected` (the record as a form loaded it) the save is refused with
   * StoreError('conflict', fields) when name, role, branch or disabled changed in the store since then.
   */
  upsertOperator(op: Omit<Operator, 'passwordHash'> & {password?: string}, by: string, expected?: Operator): Promise<void>;
  listBranches(): Promise<Branch[]>;
  /** `expected`: the configuration the form was opened with; a different one in the store → StoreError('conflict'). */
  saveBranchConfig(code: string, config: BranchConfig, by: string, expected?: BranchConfig): Promise<void>;
  workstation(host: string): Promise<WorkstationConfig>;
  /** `expected`: what workstation(host) returned when the form was opened; as in saveBranchConfig. */
  saveWorkstation(ws: WorkstationConfig, by: string, expected?: WorkstationConfig): Promise<void>;
  /**
   * Every certificate without its PEM blobs (certificate, sealed key): the list never reads them. Use getCertificate
   * for the whole record (details, export, signing).
   */
  listCertificates(): Promise<CertificateSummary[]>;
  getCertificate(idOrSerial: string): Promise<CertificateRecord | undefined>;
  /**
   * Adds a record; refuses a duplicate serial (throws StoreError 'duplicateSerial'). `audit` is appended in the same
   * update (one revision): the change and the event recording it exist together or not at all.
   */
  addCertificate(rec: CertificateRecord, audit?: AuditInput): Promise<void>;
  /** Changes a record; `audit` as in addCertificate. */
  patchCertificate(id: string, patch: Partial<CertificateRecord>, audit?: AuditInput): Promise<CertificateRecord>;
  removeCertificate(id: string): Promise<void>;
  audit(event: AuditInput): Promise<AuditEvent>;
  /** A complete event (id, time) for pushing inside an update() together with the change it records. */
  auditEvent(event: AuditInput): AuditEvent;
  listAudit(): Promise<AuditEvent[]>;

  // Private keys at rest (see README "Klucze w magazynie"):
  /** Encrypts a private key (any Node KeyObject-compatible input) as PKCS#8 PEM under the store master key. */
  sealKey(key: import('node:crypto').KeyObject): Promise<string>;
  /** Decrypts a keyPem produced by sealKey. */
  unsealKey(keyPem: string): Promise<import('node:crypto').KeyObject>;
}

export type StoreErrorCode =
  | 'duplicateSerial' | 'notFound' | 'corrupt' | 'newerSchema' | 'locked' | 'io' | 'forbidden'
  /** The lock expired while this process was stopped and another writer took it: nothing was written. */
  | 'lockLost'
  /** Rejected input (bad code, weak password, plain private key). */
  | 'invalid'
  /** master.key missing or not the one the keys were sealed with. */
  | 'masterKey'
  /** A form's record was changed elsewhere since the form loaded it (`fields` names what changed); nothing saved. */
  | 'conflict';

/** A store failure: `msg` is rendered in the session's language at the edge; `message` is its Polish text. */
export class StoreError extends Error implements Localized {
  readonly msg: Message;
  /** `message`: a catalogue message; a plain string is shown as it is (test doubles, texts from outside). */
  constructor(readonly code: StoreErrorCode, message: Message | string, readonly fields?: string[]) {
    const m = typeof message === 'string' ? msg('err.verbatim', {text: message}) : message;
    super(renderPl(m));
    this.name = 'StoreError';
    this.msg = m;
  }
}

/** Too many failed logins of `operator`: no login until `until` (ISO). */
export class LoginLockedError extends StoreError {
  constructor(readonly operator: string, readonly until: string, readonly failures: number) {
    super('forbidden', msg('storeErr.loginLocked', {operator, failures, until}));
    this.name = 'LoginLockedError';
  }
}
