// `store copy --to URL|DIR`: moves the whole store between backends (folder ↔ PostgreSQL) and proves the copy by
// record counts and SHA-256 checksums of every collection read back from the target. The target must be empty, so
// nothing there is overwritten. Sealed keys are copied as they are: the target uses the same master key (a new folder
// gets a copy of the key file, a database only its check value).
import {createHash} from 'node:crypto';
import {constants, promises as fsp} from 'node:fs';
import path from 'node:path';
import type {Operator} from '../domain/index.js';
import {isDatabaseUrl, MASTER_KEY_FILE, openStore, redactStoreUrl, type Store, type StoreData} from '../store/index.js';
import {flowError} from './errors.js';
import {msg} from '../i18n/index.js';
import {auditNote} from './audit-notes.js';

export const COPIED = ['company', 'branches', 'operators', 'workstations', 'certificates', 'audit'] as const;
export type Collection = (typeof COPIED)[number];

export interface CopySummary {
  from: string;
  to: string;
  collections: {name: Collection; count: number; sha256: string}[];
}

/** JSON with sorted keys: the same data gives the same text whatever order a backend keeps keys in. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonical(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`).join(',')}}`;
}

export function summarise(d: StoreData): CopySummary['collections'] {
  return COPIED.map((name) => ({
    name,
    count: Array.isArray(d[name]) ? (d[name] as unknown[]).length : 1,
    sha256: createHash('sha256').update(canonical(d[name])).digest('hex'),
  }));
}

const isEmpty = (d: StoreData): boolean =>
  !d.company.nip && !d.company.name && [d.branches, d.operators, d.workstations, d.certificates, d.audit].every((l) => l.length === 0);

/** A new folder gets the source's master key (0600); an existing key there must be the same bytes. */
async function carryMasterKey(source: Store, dir: string): Promise<void> {
  const from = source.info.masterKeyFile;
  if (!from) return;
  const key = await fsp.readFile(from);
  await fsp.mkdir(dir, {recursive: true, mode: 0o700});
  const to = path.join(dir, MASTER_KEY_FILE);
  try {
    await fsp.writeFile(to, key, {mode: 0o600, flag: constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL});
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    if (!(await fsp.readFile(to)).equals(key)) {
      throw flowError(msg('flowErr.copy.masterKey', {dir, file: MASTER_KEY_FILE}), 'masterKey');
    }
  }
}

export interface CopyDeps {
  store: Store;
  operator: Pick<Operator, 'code' | 'role'>;
  workstation: string;
}

/** Copies the store to `to` (postgresql://… or a folder) and verifies it; admin only. */
export async function copyStore(deps: CopyDeps, to: string, opts: {dataDir: string}): Promise<CopySummary> {
  if (deps.operator.role !== 'admin') throw flowError(msg('flowErr.copy.adminOnly'), 'forbidden');
  const shown = isDatabaseUrl(to) ? redactStoreUrl(to) : path.resolve(to);
  if (shown === deps.store.info.file || path.resolve(to) === deps.store.info.dir) {
    throw flowError(msg('flowErr.copy.same'), 'sameStore');
  }
  const data = await deps.store.snapshot();
  if (!isDatabaseUrl(to)) await carryMasterKey(deps.store, to);
  // A database target uses the same key file as the source: its check value is written on first open.
  const target = await openStore(to, {create: true, dataDir: opts.dataDir, masterKeyFile: deps.store.info.masterKeyFile});
  try {
    await target.update((d) => {
      if (!isEmpty(d)) throw flowError(msg('flowErr.copy.notEmpty', {target: shown}), 'notEmpty');
      for (const name of COPIED) (d as unknown as Record<string, unknown>)[name] = data[name];
    });
    const want = summarise(data);
    const got = summarise(await target.snapshot());
    const bad = want.filter((w, i) => w.count !== got[i].count || w.sha256 !== got[i].sha256).map((w) => w.name);
    if (bad.length) throw flowError(msg('flowErr.copy.mismatch', {target: shown, what: bad.join(', ')}), 'copyMismatch');
    await deps.store.audit({operator: deps.operator.code, workstation: deps.workstation, action: 'configChanged', ...auditNote(msg('auditNote.storeCopied', {target: shown}))});
    return {from: deps.store.info.file, to: shown, collections: want};
  } finally {
    await target.close?.();
  }
}
