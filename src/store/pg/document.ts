// The whole StoreData as rows: loading it (snapshot, update) and writing back only what an update() changed.
// Lists come back as one json_agg text parsed once: far fewer protocol round trips and objects than row by row.
import type {PoolClient} from 'pg';
import type {AuditEvent, CertificateRecord} from '../../domain/index.js';
import {SCHEMA_VERSION, StoreError, type StoreData} from '../types.js';
import {msg} from '../../i18n/index.js';

export type Queryable = Pick<PoolClient, 'query'>;

const LISTS = {
  branches: `SELECT coalesce(json_agg(doc ORDER BY pos), '[]')::text AS j FROM ksef_branches`,
  operators: `SELECT coalesce(json_agg(doc ORDER BY pos), '[]')::text AS j FROM ksef_operators`,
  workstations: `SELECT coalesce(json_agg(doc ORDER BY pos), '[]')::text AS j FROM ksef_workstations`,
  certificates: `SELECT coalesce(json_agg(doc ORDER BY seq), '[]')::text AS j FROM ksef_certificates`,
  audit: `SELECT coalesce(json_agg(doc ORDER BY seq), '[]')::text AS j FROM ksef_audit`,
  // The list's columns only: the PEMs stay in the database (getCertificate reads them for one record).
  certificateSummaries: `SELECT coalesce(json_agg((doc - 'certPem' - 'keyPem')
      || jsonb_build_object('hasCert', coalesce(doc->>'certPem', '') <> '') ORDER BY seq), '[]')::text AS j FROM ksef_certificates`,
} as const;

export type ListName = keyof typeof LISTS;

export async function loadList<T>(q: Queryable, name: ListName): Promise<T[]> {
  const {rows} = await q.query({text: LISTS[name], rowMode: 'array'});
  return JSON.parse(rows[0][0] as string) as T[];
}

export async function loadMeta<T>(q: Queryable, key: string): Promise<T | undefined> {
  const {rows} = await q.query(`SELECT value FROM ksef_meta WHERE key = $1`, [key]);
  return rows[0]?.value as T | undefined;
}

export async function setMeta(q: Queryable, key: string, value: unknown): Promise<void> {
  await q.query(
    `INSERT INTO ksef_meta (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    [key, JSON.stringify(value)],
  );
}

export async function loadDocument(q: Queryable): Promise<StoreData> {
  const company = (await loadMeta<StoreData['company']>(q, 'company')) ?? {nip: '', name: ''};
  const revision = Number((await loadMeta<number>(q, 'revision')) ?? 0);
  return {
    schemaVersion: SCHEMA_VERSION,
    company,
    branches: await loadList(q, 'branches'),
    operators: await loadList(q, 'operators'),
    workstations: await loadList(q, 'workstations'),
    certificates: await loadList(q, 'certificates'),
    audit: await loadList(q, 'audit'),
    revision,
    ...Object.fromEntries(await Promise.all(OPTIONAL_META.map(async (k) => [k, await loadMeta(q, k)] as const)).then((kv) => kv.filter(([, v]) => v !== undefined && v !== null))),
  };
}

/** Optional top-level parts of StoreData kept as one ksef_meta row each (absent in older stores). */
const OPTIONAL_META = ['loginLocks', 'alerts'] as const satisfies readonly (keyof StoreData)[];

/** JSON of each part before fn ran: what persistChanges compares against. */
export interface Before {
  company: string;
  small: Record<'branches' | 'operators' | 'workstations', string>;
  certificates: Map<string, string>;
  audit: string[];
  meta: Record<string, string>;
}

export function remember(d: StoreData): Before {
  return {
    company: JSON.stringify(d.company),
    small: {branches: JSON.stringify(d.branches), operators: JSON.stringify(d.operators), workstations: JSON.stringify(d.workstations)},
    certificates: new Map(d.certificates.map((c) => [c.id, JSON.stringify(c)])),
    audit: d.audit.map((e) => JSON.stringify(e)),
    meta: Object.fromEntries(OPTIONAL_META.map((k) => [k, JSON.stringify(d[k] ?? null)])),
  };
}

const SMALL_KEYS = {branches: 'code', operators: 'code', workstations: 'host'} as const;

export async function replaceSmall(q: Queryable, table: keyof typeof SMALL_KEYS, rows: readonly object[]): Promise<void> {
  const key = SMALL_KEYS[table];
  await q.query(`DELETE FROM ksef_${table}`);
  for (let i = 0; i < rows.length; i++) {
    const doc = rows[i] as Record<string, unknown>;
    await q.query(`INSERT INTO ksef_${table} (${key}, pos, doc) VALUES ($1, $2, $3::jsonb)`, [String(doc[key]), i, JSON.stringify(doc)]);
  }
}

export async function insertCertificate(q: Queryable, c: CertificateRecord): Promise<void> {
  await q.query(`INSERT INTO ksef_certificates (id, serial, doc) VALUES ($1, $2, $3::jsonb)`, [c.id, c.serial ?? null, JSON.stringify(c)]);
}

export async function updateCertificate(q: Queryable, c: CertificateRecord): Promise<void> {
  await q.query(`UPDATE ksef_certificates SET serial = $2, doc = $3::jsonb WHERE id = $1`, [c.id, c.serial ?? null, JSON.stringify(c)]);
}

/** Many rows in one statement (a store copy, a bulk update): seq follows the array order. */
async function insertCertificates(q: Queryable, list: readonly CertificateRecord[]): Promise<void> {
  if (list.length === 1) return insertCertificate(q, list[0]);
  if (!list.length) return;
  await q.query(
    `INSERT INTO ksef_certificates (id, serial, doc)
       SELECT e->>'id', e->>'serial', e FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, n) ORDER BY n`,
    [JSON.stringify(list)],
  );
}

export async function appendAudit(q: Queryable, events: readonly AuditEvent[]): Promise<void> {
  if (!events.length) return;
  await q.query(
    `INSERT INTO ksef_audit (id, doc)
       SELECT e->>'id', e FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, n) ORDER BY n`,
    [JSON.stringify(events)],
  );
}

/** Writes the difference between `before` and `after` (caller holds the write lock, inside a transaction). */
export async function persistChanges(q: Queryable, before: Before, after: StoreData): Promise<void> {
  const company = JSON.stringify(after.company);
  if (company !== before.company) await setMeta(q, 'company', after.company);
  for (const k of OPTIONAL_META) {
    if (JSON.stringify(after[k] ?? null) !== before.meta[k]) await setMeta(q, k, after[k] ?? null);
  }
  for (const table of ['branches', 'operators', 'workstations'] as const) {
    if (JSON.stringify(after[table]) !== before.small[table]) await replaceSmall(q, table, after[table]);
  }
  const seen = new Set<string>();
  const added: CertificateRecord[] = [];
  const changed: CertificateRecord[] = [];
  for (const c of after.certificates) {
    if (seen.has(c.id)) throw new StoreError('invalid', msg('storeErr.recordExists', {id: c.id}));
    seen.add(c.id);
    const old = before.certificates.get(c.id);
    if (old === undefined) added.push(c);
    else if (old !== JSON.stringify(c)) changed.push(c);
  }
  const gone = [...before.certificates.keys()].filter((id) => !seen.has(id));
  if (gone.length) await q.query(`DELETE FROM ksef_certificates WHERE id = ANY($1::text[])`, [gone]);
  for (const c of changed) await updateCertificate(q, c);
  await insertCertificates(q, added);
  // Append-only: the events read must come back unchanged, in order; only new ones after them are written.
  const n = before.audit.length;
  if (after.audit.length < n || before.audit.some((text, i) => JSON.stringify(after.audit[i]) !== text)) {
    throw new StoreError('forbidden', msg('storeErr.auditAppendOnly'));
  }
  await appendAudit(q, after.audit.slice(n));
}
