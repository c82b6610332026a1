// Words of `ksef-certs check` in the operator's language: the monitoring summary line (state words and perfdata
// stay in the plugin convention's English), one line per finding, the renewal plan, the alert e-mail.
import type {Owner} from '../../domain/index.js';
import {terminalSafe, warsawDate} from '../../domain/index.js';
import type {Translate} from '../../i18n/index.js';
import type {Finding, FindingKind, Thresholds} from './findings.js';
import type {PlanItem} from './plan.js';

export type CheckState = 'OK' | 'WARNING' | 'CRITICAL' | 'UNKNOWN';
/** Monitoring-plugin exit codes (Nagios, Icinga, Zabbix agents). */
export const STATE_EXIT: Record<CheckState, number> = {OK: 0, WARNING: 1, CRITICAL: 2, UNKNOWN: 3};

/**
 * CRITICAL when any finding is critical; else UNKNOWN when part of the check could not run or an alert could not be
 * delivered (monitoring must see that nobody was told); else WARNING for any warning; else OK.
 */
export function checkState(findings: readonly Finding[], problems: number, deliveryFailures: number): CheckState {
  if (findings.some((f) => f.severity === 'critical')) return 'CRITICAL';
  if (problems || deliveryFailures) return 'UNKNOWN';
  return findings.length ? 'WARNING' : 'OK';
}

/** Text from outside (names, KSeF and SMTP messages) with terminal controls escaped, also where no catalogue formats it. */
export const safe = (s: string | undefined): string => terminalSafe(s ?? '');

export function ownerLabel(t: Translate, o: Owner): string {
  return o.kind === 'company' ? t('check.owner.company') : t(`check.owner.${o.kind}`, {code: safe(o.code)});
}

export function findingText(t: Translate, f: Finding): string {
  const p = {
    name: safe(f.name), owner: f.owner ? ownerLabel(t, f.owner) : '', type: f.type ?? '', env: f.env ?? '', serial: f.serial ?? '—',
    date: f.validTo ? warsawDate(new Date(f.validTo)) : '—', days: f.daysLeft ?? '', ref: safe(f.referenceNumber), hours: f.ageHours ?? '',
    status: f.ksefStatus ?? '', path: f.path ?? '', mode: f.mode ?? '', expected: f.expectedMode ?? '', remaining: f.remaining ?? '', limit: f.limit ?? '',
  };
  if (f.kind === 'limits') return t(f.limitKind === 'certificate' ? 'check.f.limits.certificate' : 'check.f.limits.enrollment', p);
  if (f.kind === 'permissions' && f.repaired) return t('check.f.permissionsRepaired', p);
  return t(`check.f.${f.kind as Exclude<FindingKind, 'limits'>}`, p);
}

export const severityLabel = (t: Translate, f: Finding): string => t(f.severity === 'critical' ? 'check.sev.critical' : 'check.sev.warning');

export interface SummaryInput {
  state: CheckState;
  findings: readonly Finding[];
  thresholds: Thresholds;
  counts: {certificates: number; active: number};
  problems: readonly string[];
  deliveryErrors: readonly {channel: string; error: string}[];
  minDaysLeft?: number;
}

/** Summary order: what breaks work now first, then what will. */
const SUMMARY_ORDER: FindingKind[] = ['permissions', 'ksefRevoked', 'missing', 'expiring', 'limits', 'ksefUnknown', 'pendingStale'];

/** `KSEF-CERTS WARNING - expiring within 30 days: 2 | expiring=2;;;0 ...` */
export function summaryLine(t: Translate, s: SummaryInput): string {
  const parts: string[] = [];
  const count = (k: FindingKind) => s.findings.filter((f) => f.kind === k).length;
  for (const k of SUMMARY_ORDER) {
    const n = count(k);
    if (!n) continue;
    if (k !== 'expiring') {
      parts.push(t(`check.sum.${k}`, {n}));
      continue;
    }
    const c = s.findings.filter((f) => f.kind === 'expiring' && f.severity === 'critical').length;
    parts.push(c
      ? t('check.sum.expiringCrit', {days: s.thresholds.warnDays, n, crit: s.thresholds.critDays, c})
      : t('check.sum.expiring', {days: s.thresholds.warnDays, n}));
  }
  for (const d of s.deliveryErrors) parts.push(t('check.sum.delivery', {channel: d.channel, error: safe(d.error)}));
  for (const p of s.problems) parts.push(t('check.sum.problem', {text: safe(p)}));
  if (!parts.length) parts.push(t('check.sum.certs', {n: s.counts.certificates, active: s.counts.active}));
  return `KSEF-CERTS ${s.state} - ${parts.join('; ')} | ${perfdata(s)}`;
}

/** Nagios perfdata: counts, and the fewest days left with warn/crit ranges (`31:` = alert below 31). */
export function perfdata(s: SummaryInput): string {
  const n = (k: FindingKind) => s.findings.filter((f) => f.kind === k).length;
  const items = [
    `certificates=${s.counts.certificates};;;0`, `active=${s.counts.active};;;0`,
    `expiring=${n('expiring')};;;0`, `missing=${n('missing')};;;0`, `pending_stale=${n('pendingStale')};;;0`,
    `ksef_mismatch=${n('ksefRevoked') + n('ksefUnknown')};;;0`, `permissions=${n('permissions')};;;0`,
  ];
  if (s.minDaysLeft !== undefined) items.push(`min_days_left=${s.minDaysLeft};${s.thresholds.warnDays + 1}:;${s.thresholds.critDays + 1}:`);
  return items.join(' ');
}

export function planLines(t: Translate, plan: readonly PlanItem[], warnDays: number): string[] {
  if (!plan.length) return [t('check.plan.none', {days: warnDays})];
  const lines = [t('check.plan.title', {days: warnDays})];
  for (const p of plan) {
    const base = {name: safe(p.name), owner: ownerLabel(t, p.owner), type: p.type, env: p.env, serial: p.serial ?? '—', days: p.daysLeft ?? ''};
    if (p.successor) {
      lines.push(`  ${t('check.plan.has', {...base, successor: `${safe(p.successor.name)}${p.successor.serial ? ` ${p.successor.serial}` : ''}`, status: p.successor.status})}`);
      continue;
    }
    const limits = p.limitsAllow === undefined ? t('check.plan.limitsUnknown') : t(p.limitsAllow ? 'check.plan.limitsOk' : 'check.plan.limitsNo');
    lines.push(`  ${t('check.plan.create', {...base, from: p.create!.validFrom})}; ${limits}`);
    lines.push(`      ${safe(p.create!.command)}`);
  }
  return lines;
}
