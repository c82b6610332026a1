// The store's public contract. Screens, CLI and flows use only this interface (implementation: ./store.ts).
import type {
  AuditEvent, Branch, BranchConfig, CertificateRecord, Company, Operator, WorkstationConfig,
} from '../domain/index.js';

export const SCHEMA_VERSION = 1;

/** Whole persisted document (`<data>/store.json`). */
export interface StoreData {
  schemaVersion: number;
  company: Company;
  branches: Branch[];
  operators: Operator[];
  workstations: WorkstationConfig[];
  certificates: CertificateRecord[];
  audit: AuditEvent[];
  /** Monotonic counter for ids / change detection. */
  revision: number;
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
}

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

export interface Store {
  readonly info: StoreInfo;
  /** Fresh deep copy of the whole document (re-read from disk). */
  snapshot(): Promise<StoreData>;
  /**
   * Runs `fn` on the latest on-disk state under a cross-process lock and writes the result atomically.
   * `fn` may mutate `data` in place and return a value; if it throws, nothing is written.
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
  /** Verifies code + password (scrypt); returns the operator or undefined. Logs loginFailed/login audit. */
  authenticate(code: string, password: string, workstation: string): Promise<Operator | undefined>;
  upsertOperator(op: Omit<Operator, 'passwordHash'> & {password?: string}, by: string): Promise<void>;
  listBranches(): Promise<Branch[]>;
  saveBranchConfig(code: string, config: BranchConfig, by: string): Promise<void>;
  workstation(host: string): Promise<WorkstationConfig>;
  saveWorkstation(ws: WorkstationConfig, by: string): Promise<void>;
  listCertificates(): Promise<CertificateRecord[]>;
  getCertificate(idOrSerial: string): Promise<CertificateRecord | undefined>;
  /** Adds a record; refuses a duplicate serial (throws StoreError 'duplicateSerial'). */
  addCertificate(rec: CertificateRecord): Promise<void>;
  patchCertificate(id: string, patch: Partial<CertificateRecord>): Promise<CertificateRecord>;
  removeCertificate(id: string): Promise<void>;
  audit(event: Omit<AuditEvent, 'id' | 'at'> & {at?: string}): Promise<AuditEvent>;
  listAudit(): Promise<AuditEvent[]>;

  // Private keys at rest (see README "Klucze w magazynie"):
  /** Encrypts a private key (any Node KeyObject-compatible input) as PKCS#8 PEM under the store master key. */
  sealKey(key: import('node:crypto').KeyObject): Promise<string>;
  /** Decrypts a keyPem produced by sealKey. */
  unsealKey(keyPem: string): Promise<import('node:crypto').KeyObject>;
}

export type StoreErrorCode =
  | 'duplicateSerial' | 'notFound' | 'corrupt' | 'newerSchema' | 'locked' | 'io' | 'forbidden'
  /** Rejected input (bad code, weak password, plain private key). */
  | 'invalid'
  /** master.key missing or not the one the keys were sealed with. */
  | 'masterKey';

export class StoreError extends Error {
  constructor(readonly code: StoreErrorCode, message: string) {
    super(message);
    this.name = 'StoreError';
  }
}
