// Findings of `ksef-certs check`: what a sysadmin must act on, derived from one store snapshot (no I/O here).
// Each finding has a stable id so alert de-duplication can recognise it on the next run.
import type {CertTypeCode, CertificateRecord, CertificateView, EnvCode, Operator, Owner, SubjectIdentifier} from '../../domain/index.js';
import {DAY_MS, ownerKey} from '../../domain/index.js';
import {buildRows, concernsOperator, type CertRow} from '../list-view.js';

export type Severity = 'warning' | 'critical';

export type FindingKind =
  /** Active (or waiting) certificate ending within --warn-days / --crit-days with no successor. */
  | 'expiring'
  /** Owner + type + env that had a certificate and has none valid now and none being issued. */
  | 'missing'
  /** Enrollment sent to KSeF more than a day ago and still not retrieved. */
  | 'pendingStale'
  /** KSeF says Revoked/Blocked for a certificate we did not revoke and that is still the group's only one. */
  | 'ksefRevoked'
  /** --refresh: KSeF does not list a certificate we hold as valid. */
  | 'ksefUnknown'
  /** Data folder / master.key / store.json readable or writable by group or others. */
  | 'permissions'
  /** --refresh: KSeF enrollment or certificate limit nearly used up. */
  | 'limits';

export interface Finding {
  /** Stable across runs: `${kind}:${subject}`. */
  id: string;
  kind: FindingKind;
  severity: Severity;
  owner?: Owner;
  type?: CertTypeCode;
  env?: EnvCode;
  certificateId?: string;
  serial?: string;
  name?: string;
  /** expiring: whole days left (as in the list). */
  daysLeft?: number;
  validTo?: string;
  /** pendingStale. */
  referenceNumber?: string;
  ageHours?: number;
  /** ksefRevoked. */
  ksefStatus?: string;
  /** permissions. */
  path?: string;
  mode?: string;
  expectedMode?: string;
  /** permissions: the store set the mode right when it was opened; the exposure itself is what is reported. */
  repaired?: boolean;
  /** limits. */
  limitKind?: 'enrollment' | 'certificate';
  remaining?: number;
  limit?: number;
}

export interface CheckFilter {
  env?: EnvCode;
  type?: CertTypeCode;
  owner?: Owner;
}

export interface Thresholds {
  warnDays: number;
  critDays: number;
}

/** A pending enrollment older than this is reported. */
export const PENDING_STALE_MS = DAY_MS;

const LIVE = new Set(['active', 'waiting']);
const groupKey = (r: Pick<CertificateRecord, 'owner' | 'type' | 'env'>) => `${ownerKey(r.owner)}|${r.type}|${r.env}`;

/** Rows the operator may see (rights as in the list and the banner) that pass the filters. */
export function visibleRows(records: readonly CertificateView[], operator: Operator, filter: CheckFilter, now: Date): CertRow[] {
  const owner = filter.owner ? ownerKey(filter.owner) : undefined;
  return buildRows(records, now).filter(
    (r) => concernsOperator(operator, r.rec.owner) && (!filter.env || r.env === filter.env) && (!filter.type || r.type === filter.type) && (!owner || r.ownerKey === owner),
  );
}

/**
 * The record that takes over when `row` ends: same owner/type/env, live or being issued, ending later (a pending
 * enrollment has no end yet and counts). Undefined when nobody has prepared a successor.
 */
export function successorOf(rows: readonly CertRow[], row: CertRow): CertRow | undefined {
  const end = row.rec.validTo ?? '';
  return groupsOf(rows).get(groupKey(row.rec))?.find((r) => r.id !== row.id && (r.status === 'pending' || (LIVE.has(r.status) && (r.rec.validTo ?? '') > end)));
}

/** Rows by owner|type|env, built once per row list (10,000 certificates: one pass instead of one per expiring row). */
const groupCache = new WeakMap<readonly CertRow[], Map<string, CertRow[]>>();
function groupsOf(rows: readonly CertRow[]): Map<string, CertRow[]> {
  let m = groupCache.get(rows);
  if (!m) {
    m = new Map();
    for (const r of rows) {
      const k = groupKey(r.rec);
      const list = m.get(k);
      if (list) list.push(r);
      else m.set(k, [r]);
    }
    groupCache.set(rows, m);
  }
  return m;
}

/** Revoked or blocked in KSeF by someone else (not through this program, which records revokedAt), still in its validity. */
function revokedOutside(r: CertRow, now: Date): boolean {
  const rec = r.rec;
  return (rec.ksefStatus === 'Revoked' || rec.ksefStatus === 'Blocked') && !rec.revokedAt && !!rec.validTo && new Date(rec.validTo) > now;
}

/** Certificate findings (expiring, missing, pendingStale, ksefRevoked) for the visible rows. */
export function certificateFindings(rows: readonly CertRow[], operators: readonly Operator[], t: Thresholds, now: Date): Finding[] {
  const out: Finding[] = [];
  const base = (r: CertRow) => ({owner: r.rec.owner, type: r.type, env: r.env, certificateId: r.id, serial: r.rec.serial, name: r.name});
  for (const r of rows) {
    if (LIVE.has(r.status) && r.days !== undefined && r.days <= t.warnDays && !successorOf(rows, r)) {
      out.push({id: `expiring:${r.id}`, kind: 'expiring', severity: r.days <= t.critDays ? 'critical' : 'warning', ...base(r), daysLeft: r.days, validTo: r.rec.validTo});
    }
    const requested = r.rec.enrollment?.requestedAt;
    if (r.status === 'pending' && requested && now.getTime() - new Date(requested).getTime() > PENDING_STALE_MS) {
      out.push({
        id: `pendingStale:${r.id}`, kind: 'pendingStale', severity: 'warning', ...base(r),
        referenceNumber: r.rec.enrollment?.referenceNumber, ageHours: Math.floor((now.getTime() - new Date(requested).getTime()) / 3_600_000),
      });
    }
  }
  // Groups: had a certificate (anything but a failed request) and now nothing valid or being issued. A waiting
  // mode-Z successor alone does not cover: it starts only at its predecessor's planned end (e.g. after a revocation).
  const groups = new Map<string, {rows: CertRow[]; covered: boolean}>();
  for (const r of rows) {
    if (r.status === 'failed') continue;
    const g = groups.get(groupKey(r.rec)) ?? {rows: [], covered: false};
    g.rows.push(r);
    g.covered ||= r.status === 'pending' || (r.status === 'active' && !revokedOutside(r, now));
    groups.set(groupKey(r.rec), g);
  }
  const gone = new Set(operators.filter((o) => o.disabled).map((o) => o.code));
  const known = new Set(operators.map((o) => o.code));
  for (const [key, g] of groups) {
    if (g.covered) continue;
    const owner = g.rows[0].rec.owner;
    // An operator who left (disabled or removed) needs no certificate any more.
    if (owner.kind === 'operator' && (gone.has(owner.code) || !known.has(owner.code))) continue;
    const revoked = g.rows.filter((r) => revokedOutside(r, now));
    if (revoked.length) {
      for (const r of revoked) out.push({id: `ksefRevoked:${r.id}`, kind: 'ksefRevoked', severity: 'critical', ...base(r), ksefStatus: r.rec.ksefStatus, validTo: r.rec.validTo});
      continue;
    }
    // "Last" is the certificate that was in use: a waiting successor never was.
    const used = g.rows.filter((r) => r.status !== 'waiting');
    const last = [...(used.length ? used : g.rows)].sort((a, b) => (b.rec.validTo ?? '').localeCompare(a.rec.validTo ?? ''))[0];
    out.push({id: `missing:${key}`, kind: 'missing', severity: 'critical', owner, type: last.type, env: last.env, serial: last.rec.serial, name: last.name, validTo: last.rec.validTo});
  }
  return out;
}

/**
 * --refresh: serials KSeF did not list although we hold them as valid. KSeF lists only the certificates of the
 * identity logged in, so a certificate known to belong to another identity (e.g. an operator's PESEL while the
 * company's NIP logged in) proves nothing and is not reported.
 */
export function unknownInKsefFindings(rows: readonly CertRow[], notFound: ReadonlySet<string>, loggedInAs: ReadonlyMap<EnvCode, SubjectIdentifier | undefined>): Finding[] {
  const other = (r: CertRow) => {
    const mine = r.rec.subjectIdentifier;
    const via = loggedInAs.get(r.env);
    return !!mine && !!via && (mine.type !== via.type || mine.value !== via.value);
  };
  return rows
    .filter((r) => LIVE.has(r.status) && r.rec.serial && notFound.has(r.rec.serial.toUpperCase()) && !other(r))
    .map((r) => ({
      id: `ksefUnknown:${r.id}`, kind: 'ksefUnknown' as const, severity: 'warning' as const,
      owner: r.rec.owner, type: r.type, env: r.env, certificateId: r.id, serial: r.rec.serial, name: r.name,
    }));
}

export interface KsefLimits {
  canRequest: boolean;
  enrollment: {remaining: number; limit: number};
  certificate: {remaining: number; limit: number};
}

/** Nearly used up: at most 10 % (at least 1) left → warning; nothing left → critical. */
export function limitFindings(env: EnvCode, limits: KsefLimits): Finding[] {
  const out: Finding[] = [];
  for (const kind of ['enrollment', 'certificate'] as const) {
    const {remaining, limit} = limits[kind];
    const exhausted = remaining <= 0 || (kind === 'enrollment' && !limits.canRequest);
    if (!exhausted && remaining > Math.max(1, Math.floor(limit / 10))) continue;
    out.push({id: `limits:${env}:${kind}`, kind: 'limits', severity: exhausted ? 'critical' : 'warning', env, limitKind: kind, remaining, limit});
  }
  return out;
}

const RANK: Record<Severity, number> = {warning: 1, critical: 2};
export const worse = (a: Severity, b: Severity): boolean => RANK[a] > RANK[b];

/** Critical first, then by kind and days left. */
export function sortFindings(list: Finding[]): Finding[] {
  const order: FindingKind[] = ['permissions', 'ksefRevoked', 'missing', 'expiring', 'limits', 'ksefUnknown', 'pendingStale'];
  return [...list].sort(
    (a, b) => RANK[b.severity] - RANK[a.severity] || order.indexOf(a.kind) - order.indexOf(b.kind) || (a.daysLeft ?? 0) - (b.daysLeft ?? 0) || a.id.localeCompare(b.id),
  );
}
