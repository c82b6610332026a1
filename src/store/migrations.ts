// Ordered, pure schema migrations of store.json, keyed by the version they migrate FROM.
// Never edit a published migration: add the next one and bump SCHEMA_VERSION in types.ts.
import type {AuditAction, AuditEvent, Branch, CertificateRecord, Operator, Owner, WorkstationConfig} from '../domain/index.js';
import {SCHEMA_VERSION, type StoreData} from './types.js';

/** v0: the first prototype's file (no schemaVersion). Dates were epoch milliseconds. */
export interface StoreDataV0 {
  company: {nip: string; name: string};
  branches: {code: string; name: string; env: 'D' | 'P' | 'T'; auth?: 'esignature' | 'trustedProfile' | 'ksefCertificate'; internalId?: string}[];
  operators: {code: string; name: string; admin: boolean; branch?: string; passwordHash: string; active?: boolean}[];
  /** Keyed by host name. */
  workstations?: Record<string, {signFolder: string; exportFolder: string; signCommand?: string}>;
  certificates: {
    id: string;
    kind: 'operator' | 'branch' | 'company';
    ownerCode?: string;
    name: string;
    type: 'A' | 'O';
    env: 'D' | 'P' | 'T';
    mode?: 'B' | 'Z';
    serial?: string;
    certPem?: string;
    keyPem: string;
    alg?: string;
    validFrom?: number;
    validTo?: number;
    revoked?: number | null;
    imported?: boolean;
    created: number;
    createdBy: string;
  }[];
  log?: {ts: number; op: string; ws?: string; action: string; cert?: string; text?: string}[];
}

const iso = (ms: number | null | undefined): string | undefined => (typeof ms === 'number' ? new Date(ms).toISOString() : undefined);

const AUDIT_ACTIONS_V0: Record<string, AuditAction> = {
  login: 'login', 'login-failed': 'loginFailed', generate: 'generate', import: 'import', export: 'export', revoke: 'revoke',
  config: 'configChanged', operator: 'operatorChanged',
};

function ownerV0(c: StoreDataV0['certificates'][number]): Owner {
  if (c.kind === 'company') return {kind: 'company'};
  return {kind: c.kind, code: c.ownerCode ?? ''};
}

export function v0ToV1(d: StoreDataV0): StoreData {
  const branches: Branch[] = (d.branches ?? []).map((b) => ({
    code: b.code,
    name: b.name,
    config: {
      defaultEnv: b.env,
      authMethod: b.auth ?? 'esignature',
      contextType: b.internalId ? 'InternalId' : 'Nip',
      ...(b.internalId ? {contextValue: b.internalId} : {}),
    },
  }));
  const operators: Operator[] = (d.operators ?? []).map((o) => ({
    code: o.code,
    name: o.name,
    role: o.admin ? 'admin' : 'operator',
    branch: o.branch ?? branches[0]?.code ?? '',
    passwordHash: o.passwordHash,
    ...(o.active === false ? {disabled: true} : {}),
  }));
  const workstations: WorkstationConfig[] = Object.entries(d.workstations ?? {}).map(([host, w]) => ({
    host,
    signFolder: w.signFolder,
    exportFolder: w.exportFolder,
    signCommand: w.signCommand ?? '',
    lang: 'pl',
  }));
  const certificates: CertificateRecord[] = (d.certificates ?? []).map((c) => {
    const rec: CertificateRecord = {
      id: c.id,
      owner: ownerV0(c),
      name: c.name,
      type: c.type,
      env: c.env,
      mode: c.mode ?? 'B',
      state: c.revoked ? 'revoked' : c.serial ? 'issued' : 'pending',
      keyPem: c.keyPem,
      keyAlgorithm: c.alg ?? 'RSA-2048',
      source: c.imported ? 'imported' : 'generated',
      createdAt: iso(c.created)!,
      createdBy: c.createdBy,
    };
    if (c.serial) rec.serial = c.serial.toUpperCase();
    if (c.certPem) rec.certPem = c.certPem;
    if (c.validFrom != null) rec.validFrom = iso(c.validFrom);
    if (c.validTo != null) rec.validTo = iso(c.validTo);
    if (c.revoked) rec.revokedAt = iso(c.revoked);
    return rec;
  });
  // Deterministic ids keep the migration pure (same input → same output).
  const audit: AuditEvent[] = (d.log ?? []).map((e, i) => ({
    id: `v0-${String(i).padStart(6, '0')}`,
    at: iso(e.ts)!,
    operator: e.op,
    workstation: e.ws ?? '',
    action: AUDIT_ACTIONS_V0[e.action] ?? 'configChanged',
    ...(e.cert ? {certificateId: e.cert} : {}),
    ...(e.text ? {details: e.text} : {}),
  }));
  return {schemaVersion: 1, company: {...d.company}, branches, operators, workstations, certificates, audit, revision: 0};
}

/**
 * v1 → v2: the folder store keeps each certificate's PEM and sealed key in a blob file (`certs/`, blobs.ts). Pure
 * here: the records keep their PEMs inline, and the store's first write of the migrated document (under the lock,
 * after the `.v1.bak` backup) moves them into blob files before the document that names them.
 */
export function v1ToV2(d: StoreData): StoreData {
  return {...d, schemaVersion: 2};
}

export const MIGRATIONS: Record<number, (doc: any) => any> = {
  0: v0ToV1,
  1: v1ToV2,
};

/** Version of a raw document: a file without `schemaVersion` is v0. */
export function schemaVersionOf(doc: unknown): number {
  const v = (doc as {schemaVersion?: unknown}).schemaVersion;
  return v === undefined ? 0 : typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : NaN;
}

/** Applies every migration from the document's version up to SCHEMA_VERSION. Pure: the input is not modified. */
export function migrate(doc: unknown): StoreData {
  let v = schemaVersionOf(doc);
  let d: unknown = structuredClone(doc);
  while (v < SCHEMA_VERSION) {
    const step = MIGRATIONS[v];
    if (!step) throw new Error(`no migration from schema v${v}`);
    d = step(d);
    v = schemaVersionOf(d);
  }
  return d as StoreData;
}
