// Rows of the certificate list [A-1-5-7], the expiry alerts and the details facts, derived once per snapshot (no I/O).
// The TUI list, the start-up banner and `ksef-certs list` share these so they always agree.
import type {AuditAction, AuditEvent, CertTypeCode, CertificateView, DisplayStatus, EnvCode, Operator, Owner, OwnerKind} from '../domain/index.js';
import {certDaysLeft, displayStatus, expiryLevel, ownerChain, ownerKey, warsawDate} from '../domain/index.js';
import {predecessorOf} from './switchover.js';
import {keyTokenLabel} from './key-label.js';

export const STATUS_LABEL_PL: Record<DisplayStatus, string> = {
  active: 'aktywny',
  waiting: 'oczekujący (Z)',
  expired: 'wygasły',
  revoked: 'unieważniony',
  pending: 'w trakcie wydawania',
  failed: 'odrzucony',
};

/** CLI `--status` values (English ids) and the Polish words users may type too. */
export const STATUS_ALIASES: Record<string, DisplayStatus> = {
  active: 'active', aktywny: 'active', waiting: 'waiting', oczekujacy: 'waiting', 'oczekujący': 'waiting',
  expired: 'expired', wygasly: 'expired', 'wygasły': 'expired', revoked: 'revoked', 'uniewazniony': 'revoked',
  'unieważniony': 'revoked', pending: 'pending', failed: 'failed', odrzucony: 'failed',
};

export const OWNER_KIND_PL: Record<OwnerKind, string> = {operator: 'operator', branch: 'oddział', company: 'firma'};

/** `operator JAN`, `oddział CENTRALA`, `firma`. */
export function ownerText(owner: Owner): string {
  return owner.kind === 'company' ? OWNER_KIND_PL.company : `${OWNER_KIND_PL[owner.kind]} ${owner.code}`;
}

export const TYPE_USAGE_PL: Record<CertTypeCode, string> = {
  A: 'A — uwierzytelnianie w KSeF (logowanie, sesje API)',
  O: 'O — offline: podpis linku KOD II na fakturach wystawionych offline',
};

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

export function toRow(rec: CertificateView, now: Date): CertRow {
  const status = displayStatus(rec, now);
  const live = status === 'active' || status === 'waiting';
  const days = live ? certDaysLeft(rec, now) : undefined;
  const level = live ? expiryLevel(days) : 'ok';
  return {
    id: rec.id,
    rec,
    owner: ownerText(rec.owner),
    ownerKey: ownerKey(rec.owner),
    name: rec.name,
    type: rec.type,
    env: rec.env,
    serial: rec.serial ?? '',
    validFrom: rec.validFrom ? warsawDate(new Date(rec.validFrom)) : '',
    validTo: rec.validTo ? warsawDate(new Date(rec.validTo)) : '',
    days,
    status,
    statusText: STATUS_LABEL_PL[status],
    level,
    expiring: level !== 'ok',
    haystack: `${rec.name}\u0000${rec.serial ?? ''}`.toLowerCase(),
    ...(rec.keyUri ? {keyToken: keyTokenLabel(rec)} : {}),
  };
}

export const buildRows = (records: readonly CertificateView[], now: Date): CertRow[] => records.map((r) => toRow(r, now));

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

/** One or two banner lines (Polish), or [] when there is nothing to say. */
export function alertLines(a: ExpiryAlerts, maxItems = 3): string[] {
  const lines: string[] = [];
  if (a.expiring.length) {
    const sorted = [...a.expiring].sort((x, y) => (x.days ?? 0) - (y.days ?? 0));
    const items = sorted.slice(0, maxItems).map((r) => `${r.name} (${r.owner}, ${r.type}/${r.env}, ${daysText(r.days)})`);
    const more = sorted.length > maxItems ? ` i ${sorted.length - maxItems} innych` : '';
    lines.push(`Wygasają w ciągu 30 dni: ${items.join('; ')}${more}.`);
  }
  if (a.missing.length) {
    const items = a.missing.slice(0, maxItems).map((m) => `${ownerText(m.owner)} (typ ${m.type}, ${m.env})`);
    const more = a.missing.length > maxItems ? ` i ${a.missing.length - maxItems} innych` : '';
    lines.push(`Brak ważnego certyfikatu: ${items.join('; ')}${more}.`);
  }
  return lines;
}

export function daysText(days: number | undefined): string {
  if (days === undefined) return '—';
  if (days <= 0) return 'ostatni dzień';
  return days === 1 ? '1 dzień' : `${days} dni`;
}

export const AUDIT_ACTIONS: readonly AuditAction[] = [
  'login', 'loginFailed', 'generate', 'enrollmentStarted', 'enrollmentFailed', 'import', 'export', 'revoke', 'ksefLogin',
  'qrBatch', 'qrSign', 'switchOver', 'passwordFailed', 'configChanged', 'operatorChanged', 'statusRefresh', 'ksefWarning',
  'alertSent', 'alertFailed',
];

export const AUDIT_ACTION_PL: Record<AuditAction, string> = {
  login: 'logowanie', loginFailed: 'nieudane logowanie', generate: 'wygenerowanie', enrollmentStarted: 'wniosek do KSeF',
  enrollmentFailed: 'wniosek odrzucony', import: 'import', export: 'eksport', revoke: 'unieważnienie', ksefLogin: 'logowanie do KSeF',
  qrBatch: 'KOD II (wsadowo)', qrSign: 'KOD II', switchOver: 'przełączenie (Z)', passwordFailed: 'błędne hasło',
  configChanged: 'zmiana konfiguracji', operatorChanged: 'zmiana operatora', statusRefresh: 'odświeżenie statusów',
  ksefWarning: 'ostrzeżenie KSeF',
  alertSent: 'alert wysłany', alertFailed: 'alert niedostarczony',
};

export interface AuditFilter {
  action?: AuditAction;
  operator?: string;
  /** Substring of the serial, details or workstation (case-insensitive). */
  text?: string;
}

/** Newest first, filtered. */
export function filterAudit(events: readonly AuditEvent[], f: AuditFilter = {}): AuditEvent[] {
  const op = f.operator?.trim().toUpperCase();
  const text = f.text?.trim().toLowerCase();
  const out = events.filter(
    (e) =>
      (!f.action || e.action === f.action) &&
      (!op || e.operator.toUpperCase() === op) &&
      (!text || `${e.serial ?? ''} ${e.details ?? ''} ${e.workstation} ${e.operator}`.toLowerCase().includes(text)),
  );
  // Reverse first: events of the same instant keep newest-first order (the log is appended in time order).
  return out.reverse().sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
