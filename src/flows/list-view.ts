// Rows of the certificate list [A-1-5-7], the expiry alerts and the details facts, derived once per snapshot (no I/O).
// The TUI list, the start-up banner and `ksef-certs list` share these so they always agree.
import type {AuditAction, AuditEvent, CertTypeCode, CertificateView, DisplayStatus, EnvCode, Operator, Owner, OwnerKind} from '../domain/index.js';
import {DAY_MS, certDaysLeft, displayStatus, expiryLevel, ownerChain, ownerKey, warsawDate} from '../domain/index.js';
import {predecessorOf} from './switchover.js';
import {keyTokenLabel} from './key-label.js';
import {LANGS, isLangLoaded, makeT, type Translate} from '../i18n/index.js';

const plT = makeT('pl');

export const DISPLAY_STATUSES: readonly DisplayStatus[] = ['active', 'waiting', 'expired', 'revoked', 'pending', 'failed'];
const OWNER_KINDS: readonly OwnerKind[] = ['operator', 'branch', 'company'];

export const statusLabel = (t: Translate, s: DisplayStatus): string => t(`certStatus.${s}`);
export const ownerKindLabel = (t: Translate, k: OwnerKind): string => t(`ownerKind.${k}`);
export const typeUsage = (t: Translate, type: CertTypeCode): string => t(`certType.usage.${type}`);
export const auditActionLabel = (t: Translate, a: AuditAction): string => t(`auditAction.${a}`);

const table = <K extends string>(keys: readonly K[], label: (k: K) => string): Record<K, string> =>
  Object.fromEntries(keys.map((k) => [k, label(k)])) as Record<K, string>;

/** @deprecated Polish labels for screens not yet given `t`; use statusLabel(t, s). */
export const STATUS_LABEL_PL: Record<DisplayStatus, string> = table(DISPLAY_STATUSES, (s) => statusLabel(plT, s));
/** @deprecated use ownerKindLabel(t, k). */
export const OWNER_KIND_PL: Record<OwnerKind, string> = table(OWNER_KINDS, (k) => ownerKindLabel(plT, k));
/** @deprecated use typeUsage(t, type). */
export const TYPE_USAGE_PL: Record<CertTypeCode, string> = {A: typeUsage(plT, 'A'), O: typeUsage(plT, 'O')};

/** Lower case without diacritics, so `wygasly` finds `wygasły` (Polish ł has no decomposition). */
export const foldText = (s: string): string => s.trim().toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/\u0142/g, 'l');

/**
 * Words a user may type for a code: the id, and its label in every language (without a "(Z)"-style suffix), folded.
 * Built on first use (the English catalogue loads on demand: callers load it first, see `loadLang`); a table built
 * before then lacks the English words and is not kept.
 */
function lazyAliases<K extends string>(ids: readonly K[], label: (t: Translate, k: K) => string): () => Record<string, K> {
  let table: Record<string, K> | undefined;
  return () => {
    if (table) return table;
    const built = aliasesOf(ids, label);
    if (LANGS.every(isLangLoaded)) table = built;
    return built;
  };
}

function aliasesOf<K extends string>(ids: readonly K[], label: (t: Translate, k: K) => string): Record<string, K> {
  const out: Record<string, K> = {};
  for (const t of LANGS.map(makeT)) {
    for (const id of ids) {
      const l = label(t, id);
      for (const w of [id, l, l.replace(/\s*\(.*\)$/, '')]) out[foldText(w)] = id;
    }
  }
  return out;
}

/** CLI `--status` values: English ids, and the Polish or English words users may type too (folded). */
const statusAliases = lazyAliases(DISPLAY_STATUSES, statusLabel);
export const parseStatus = (input: string): DisplayStatus | undefined => statusAliases()[foldText(input)];

/** `operator JAN`, `oddział CENTRALA`, `firma` (in the language of `t`). */
export function ownerText(owner: Owner, t: Translate = plT): string {
  return owner.kind === 'company' ? ownerKindLabel(t, 'company') : t('ownerText.named', {kind: ownerKindLabel(t, owner.kind), code: owner.code});
}

export interface CertRow {
  id: string;
  /** A list summary (the list) or a whole record (details): no PEM is read for the list. */
  rec: CertificateView;
  owner: string;
  ownerKey: string;
  name: string;
  type: CertTypeCode;
  env: EnvCode;
  serial: string;
  /** `YYYY-MM-DD` (Europe/Warsaw) or ''. */
  validFrom: string;
  validTo: string;
  days?: number;
  status: DisplayStatus;
  statusText: string;
  level: 'ok' | 'soon' | 'urgent';
  /** Active/waiting and ending within 30 days: marked in the list and the banner. */
  expiring: boolean;
  /** Lower-case name + serial for search. */
  haystack: string;
  /** Label of the PKCS#11 token holding the key; undefined when the key is in the store. */
  keyToken?: string;
}

const HOUR_MS = 3_600_000;
/** Per UTC day: its Warsaw date before and from `switchHour` (UTC), or undefined where Intl must answer each time. */
const warsawDays = new Map<number, {before: string; from: string; switchHour: number} | undefined>();

/**
 * `warsawDate` for many instants: Intl formatting costs ~10–40 µs a call and a list has two dates per row, so the
 * Warsaw date is read from ICU once per UTC day (4 calls) and reused. Warsaw's offset is a whole hour (+1/+2) and
 * changes at 01:00 UTC, so a UTC day's Warsaw date changes once, at 22:00 or 23:00 UTC; any day that does not fit
 * that shape (historic offsets) falls back to Intl for every instant, so the result always equals `warsawDate`.
 */
export function listDate(at: Date): string {
  const ms = at.getTime();
  if (!Number.isFinite(ms)) return warsawDate(at);
  const day = Math.floor(ms / DAY_MS);
  let info = warsawDays.get(day);
  if (!warsawDays.has(day)) {
    const base = day * DAY_MS;
    const at = (off: number) => warsawDate(new Date(base + off));
    const [before, from] = [at(0), at(23 * HOUR_MS)];
    const switchHour = at(22 * HOUR_MS) === from ? 22 : 23;
    // Both sides of the switch and the day's last instant checked: an offset that is not whole hours fails here.
    const regular = before !== from && at(switchHour * HOUR_MS - 1) === before && at(switchHour * HOUR_MS) === from && at(DAY_MS - 1) === from;
    info = regular ? {before, from, switchHour} : undefined;
    if (warsawDays.size >= 50_000) warsawDays.clear();
    warsawDays.set(day, info);
  }
  if (!info) return warsawDate(at);
  return Math.floor((ms - day * DAY_MS) / HOUR_MS) >= info.switchHour ? info.from : info.before;
}

/** Texts a screen shows in its own words (the TUI's catalogue keys); default: the list's own (`ownerText`, `statusLabel`). */
export interface RowLabels {
  owner(owner: Owner): string;
  status(status: DisplayStatus): string;
}

export function toRow(rec: CertificateView, now: Date, t: Translate = plT, labels?: RowLabels): CertRow {
  const status = displayStatus(rec, now);
  const live = status === 'active' || status === 'waiting';
  const days = live ? certDaysLeft(rec, now) : undefined;
  const level = live ? expiryLevel(days) : 'ok';
  return {
    id: rec.id,
    rec,
    owner: labels ? labels.owner(rec.owner) : ownerText(rec.owner, t),
    ownerKey: ownerKey(rec.owner),
    name: rec.name,
    type: rec.type,
    env: rec.env,
    serial: rec.serial ?? '',
    validFrom: rec.validFrom ? listDate(new Date(rec.validFrom)) : '',
    validTo: rec.validTo ? listDate(new Date(rec.validTo)) : '',
    days,
    status,
    statusText: labels ? labels.status(status) : statusLabel(t, status),
    level,
    expiring: level !== 'ok',
    haystack: `${rec.name}\u0000${rec.serial ?? ''}`.toLowerCase(),
    ...(rec.keyUri ? {keyToken: keyTokenLabel(rec)} : {}),
  };
}

/**
 * One row per record in one pass (no later copies). Owner and status texts are computed once per owner / status and
 * shared by every row that has them: 10,000 rows hold a few dozen strings instead of 20,000.
 */
export function buildRows(records: readonly CertificateView[], now: Date, t: Translate = plT, labels?: RowLabels): CertRow[] {
  const owners = new Map<string, string>();
  const statuses = new Map<DisplayStatus, string>();
  const shared: RowLabels = {
    owner: (o) => {
      const k = ownerKey(o);
      let s = owners.get(k);
      if (s === undefined) owners.set(k, (s = labels ? labels.owner(o) : ownerText(o, t)));
      return s;
    },
    status: (st) => {
      let s = statuses.get(st);
      if (s === undefined) statuses.set(st, (s = labels ? labels.status(st) : statusLabel(t, st)));
      return s;
    },
  };
  return records.map((r) => toRow(r, now, t, shared));
}

export interface RowFilter {
  ownerKind?: OwnerKind;
  type?: CertTypeCode;
  env?: EnvCode;
  status?: DisplayStatus;
  /** Substring of the name or serial (case-insensitive). */
  text?: string;
}

export function filterRows(rows: readonly CertRow[], f: RowFilter): CertRow[] {
  const text = f.text?.trim().toLowerCase();
  if (!f.ownerKind && !f.type && !f.env && !f.status && !text) return rows as CertRow[];
  return rows.filter(
    (r) =>
      (!f.ownerKind || r.rec.owner.kind === f.ownerKind) &&
      (!f.type || r.type === f.type) &&
      (!f.env || r.env === f.env) &&
      (!f.status || r.status === f.status) &&
      (!text || r.haystack.includes(text)),
  );
}

export type SortKey = 'owner' | 'name' | 'type' | 'env' | 'serial' | 'validFrom' | 'validTo' | 'days' | 'status';

/** Stable sort by one key; empty values last. */
export function sortRows(rows: readonly CertRow[], key: SortKey, desc = false): CertRow[] {
  const val = (r: CertRow): string | number => {
    if (key === 'days') return r.days ?? Number.MAX_SAFE_INTEGER;
    if (key === 'status') return r.statusText;
    return r[key] ?? '';
  };
  const dir = desc ? -1 : 1;
  return rows
    .map((r, i) => ({r, i, v: val(r)}))
    .sort((a, b) => {
      const c = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : String(a.v).localeCompare(String(b.v), 'pl');
      return c !== 0 ? c * dir : a.i - b.i;
    })
    .map((x) => x.r);
}

/** Owners whose certificates concern this operator: admin — all; ordinary operator — own, own branch, company. */
export function concernsOperator(op: Pick<Operator, 'code' | 'branch' | 'role'>, owner: Owner): boolean {
  if (op.role === 'admin') return true;
  const key = ownerKey(owner);
  return ownerChain(op).some((o) => ownerKey(o) === key);
}

export interface MissingCert {
  owner: Owner;
  type: CertTypeCode;
  env: EnvCode;
}

export interface ExpiryAlerts {
  /** Active or waiting, ≤ 30 days left. */
  expiring: CertRow[];
  /** Owner + type + env that had a certificate but has none valid now (nor one waiting or being issued). */
  missing: MissingCert[];
}

export function expiryAlerts(rows: readonly CertRow[]): ExpiryAlerts {
  const expiring = rows.filter((r) => r.expiring);
  const groups = new Map<string, {row: CertRow; covered: boolean}>();
  for (const r of rows) {
    if (r.status === 'failed') continue;
    const key = `${r.ownerKey}|${r.type}|${r.env}`;
    const covered = r.status === 'active' || r.status === 'waiting' || r.status === 'pending';
    const g = groups.get(key);
    if (!g) groups.set(key, {row: r, covered});
    else g.covered ||= covered;
  }
  const missing = [...groups.values()].filter((g) => !g.covered).map((g) => ({owner: g.row.rec.owner, type: g.row.type, env: g.row.env}));
  return {expiring, missing};
}

/** One or two banner lines (in the language of `t`), or [] when there is nothing to say. */
export function alertLines(a: ExpiryAlerts, maxItems = 3, t: Translate = plT): string[] {
  const lines: string[] = [];
  const more = (n: number) => (n > maxItems ? t('alerts.more', {n: n - maxItems}) : '');
  if (a.expiring.length) {
    const sorted = [...a.expiring].sort((x, y) => (x.days ?? 0) - (y.days ?? 0));
    const items = sorted.slice(0, maxItems).map((r) => `${r.name} (${r.owner}, ${r.type}/${r.env}, ${daysText(r.days, t)})`);
    lines.push(t('alerts.expiring', {items: items.join('; '), more: more(sorted.length)}));
  }
  if (a.missing.length) {
    const items = a.missing.slice(0, maxItems).map((m) => t('alerts.missingItem', {owner: ownerText(m.owner, t), type: m.type, env: m.env}));
    lines.push(t('alerts.missing', {items: items.join('; '), more: more(a.missing.length)}));
  }
  return lines;
}

export function daysText(days: number | undefined, t: Translate = plT): string {
  if (days === undefined) return '—';
  if (days <= 0) return t('days.last');
  return days === 1 ? t('days.one') : t('days.many', {n: days});
}

export const AUDIT_ACTIONS: readonly AuditAction[] = [
  'login', 'loginFailed', 'generate', 'enrollmentStarted', 'enrollmentFailed', 'import', 'export', 'revoke', 'ksefLogin',
  'qrBatch', 'qrSign', 'switchOver', 'passwordFailed', 'configChanged', 'operatorChanged', 'statusRefresh', 'ksefWarning',
  'alertSent', 'alertFailed',
];

/** @deprecated Polish names for screens not yet given `t`; use auditActionLabel(t, a). */
export const AUDIT_ACTION_PL: Record<AuditAction, string> = table(AUDIT_ACTIONS, (a) => auditActionLabel(plT, a));

/** `audit --action` values: the id (`ksefLogin`), or the action's name in Polish or English (`unieważnienie`, `revocation`). */
const actionAliases = lazyAliases(AUDIT_ACTIONS, auditActionLabel);
export const parseAuditAction = (input: string): AuditAction | undefined => actionAliases()[foldText(input)];

export interface AuditFilter {
  action?: AuditAction;
  operator?: string;
  /** Substring of the serial, details or workstation (case-insensitive). */
  text?: string;
  /** The details as the reader sees them (a rendered audit note); the stored text is searched as well. */
  describe?: (e: AuditEvent) => string | undefined;
}

/** The operator filter of the CLI (`--operator`) and of the screen (`o`): the code, case-insensitive. */
export const isByOperator = (e: AuditEvent, code: string | undefined): boolean => !code?.trim() || e.operator.toUpperCase() === code.trim().toUpperCase();

/** Newest first, filtered. */
export function filterAudit(events: readonly AuditEvent[], f: AuditFilter = {}): AuditEvent[] {
  const text = f.text?.trim().toLowerCase();
  const out = events.filter(
    (e) =>
      (!f.action || e.action === f.action) &&
      isByOperator(e, f.operator) &&
      (!text || `${e.serial ?? ''} ${e.details ?? ''} ${f.describe?.(e) ?? ''} ${e.workstation} ${e.operator}`.toLowerCase().includes(text)),
  );
  // Reverse first: events of the same instant keep newest-first order (the log is appended in time order).
  return out.reverse().sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
