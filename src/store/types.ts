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
}

export interface StoreInfo {
  /** Absolute path of the data folder. */
  dir: string;
  /** Absolute path of store.json. */
  file: string;
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
