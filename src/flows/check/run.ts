// `ksef-certs check` use case: (KSeF refresh) → findings → alerts (de-duplicated) → metrics → one state with a
// monitoring exit code.
// Rights: the operator sees (and alerts about) only the certificates that concern them, as in the list and banner.
import type {EnvCode, Operator, SubjectIdentifier} from '../../domain/index.js';
import type {Store} from '../../store/types.js';
import type {Lang, Translate} from '../../i18n/index.js';
import {userMessage} from '../errors.js';
import type {KsefGateway} from '../gateway.js';
import {refreshStatuses} from '../refresh.js';
import {logSwitchOvers} from '../switchover.js';
import {branchApiFor, closeKsefSession, loginCandidates, openKsefSession, type KsefOpDeps} from '../revoke.js';
import {dispatchAlerts, type ChannelReport} from './alerts.js';
import type {MailTarget} from './deliver.js';
import {
  certificateFindings, limitFindings, sortFindings, unknownInKsefFindings, visibleRows,
  type CheckFilter, type Finding, type KsefLimits, type Thresholds,
} from './findings.js';
import {permissionFindings} from './permissions.js';
import {renewalPlan, type PlanItem} from './plan.js';
import {renderMetrics, writeAtomic} from './prometheus.js';
import {checkState, findingText, STATE_EXIT, summaryLine, type CheckState} from './text.js';

export type {ChannelReport};

export interface CheckOptions {
  thresholds: Thresholds;
  filter: CheckFilter;
  /** Ask KSeF for statuses (`/certificates/query`) and limits (`/certificates/limits`). */
  refresh: boolean;
  webhook?: string;
  mail?: MailTarget;
  /** Hours after which an unchanged finding is alerted again; 0 = never. */
  repeatHours: number;
  prometheusFile?: string;
  dataDir: string;
  /**
   * Permission findings taken before the store was opened: opening it repairs master.key's mode, and the operator
   * must still hear that the key was exposed. Computed here when absent.
   */
  permissions?: Finding[];
}

export interface CheckDeps {
  store: Store;
  gateway: KsefGateway;
  operator: Operator;
  workstation: string;
  now: () => Date;
  t: Translate;
  lang: Lang;
}

export interface CheckReport {
  state: CheckState;
  exitCode: number;
  summary: string;
  checkedAt: string;
  findings: (Finding & {text: string})[];
  problems: string[];
  plan: PlanItem[];
  alerts: ChannelReport[];
  counts: {certificates: number; active: number};
  minDaysLeft?: number;
  prometheusFile?: string;
}

export async function runCheck(deps: CheckDeps, opts: CheckOptions): Promise<CheckReport> {
  const {store, operator, t} = deps;
  const now = deps.now();
  const problems: string[] = [];
  const limits = new Map<EnvCode, KsefLimits>();
  let notFound = new Set<string>();
  /** Per environment: the KSeF identity the refresh logged in as (KSeF lists only that identity's certificates). */
  const loggedInAs = new Map<EnvCode, SubjectIdentifier | undefined>();

  if (opts.refresh) {
    const all = await store.listCertificates();
    const before = visibleRows(all, operator, opts.filter, now);
    const envs = [...new Set(before.filter((r) => r.rec.serial && r.status !== 'pending' && r.status !== 'failed').map((r) => r.env))].sort();
    const ksef: KsefOpDeps = {store, gateway: deps.gateway, operator, workstation: deps.workstation, now: deps.now};
    for (const env of envs) {
      try {
        loggedInAs.set(env, loginCandidates(all, operator, env, now)[0]?.subjectIdentifier);
        const res = await refreshStatuses(ksef, env);
        notFound = new Set([...notFound, ...res.notFound.map((s) => s.toUpperCase())]);
        limits.set(env, await readLimits(ksef, env));
      } catch (e) {
        problems.push(t('check.refreshFailed', {env, message: userMessage(e).text}));
      }
    }
  }

  const [records, operators] = await Promise.all([store.listCertificates(), store.listOperators()]);
  // Mode-Z switch-overs reach the audit log even when nobody opens the TUI (as the list and the banner do).
  await logSwitchOvers({store, operator, workstation: deps.workstation}, records, now);
  const rows = visibleRows(records, operator, opts.filter, now);
  const findings = sortFindings([
    ...(opts.permissions ?? (await permissionFindings(opts.dataDir))),
    ...certificateFindings(rows, operators, opts.thresholds, now),
    ...unknownInKsefFindings(rows, notFound, loggedInAs),
    ...[...limits].flatMap(([env, l]) => limitFindings(env, l)),
  ]);
  const plan = renewalPlan(rows, opts.thresholds.warnDays, opts.refresh ? limits : undefined);
  const live = rows.filter((r) => r.status === 'active' || r.status === 'waiting');
  const days = live.map((r) => r.days).filter((d): d is number => d !== undefined);
  const counts = {certificates: rows.length, active: rows.filter((r) => r.status === 'active').length};
  const minDaysLeft = days.length ? Math.min(...days) : undefined;
  const summaryOf = (state: CheckState, deliveryErrors: {channel: string; error: string}[]) =>
    summaryLine(t, {state, findings, thresholds: opts.thresholds, counts, problems, deliveryErrors, minDaysLeft});

  // Alerts carry the state of the certificates; a failed delivery is added to the state afterwards.
  const alertState = checkState(findings, problems.length, 0);
  const alerts = await dispatchAlerts(
    {store, operator, workstation: deps.workstation, t, lang: deps.lang, now, state: alertState, summary: summaryOf(alertState, []).split(' | ')[0], findings, rows, refreshedEnvs: new Set(limits.keys())},
    {webhook: opts.webhook, mail: opts.mail, repeatHours: opts.repeatHours},
  );
  const deliveryErrors = alerts.filter((a) => a.error).map((a) => ({channel: a.channel, error: a.error!}));

  let state = checkState(findings, problems.length, deliveryErrors.length);
  if (opts.prometheusFile) {
    try {
      await writeAtomic(opts.prometheusFile, renderMetrics({rows, findings, state, now}));
    } catch (e) {
      problems.push(`--prometheus ${opts.prometheusFile}: ${userMessage(e).text}`);
      state = checkState(findings, problems.length, deliveryErrors.length);
    }
  }
  return {
    state, exitCode: STATE_EXIT[state], summary: summaryOf(state, deliveryErrors), checkedAt: now.toISOString(),
    findings: findings.map((f) => ({...f, text: findingText(t, f)})), problems, plan, alerts, counts, minDaysLeft,
    ...(opts.prometheusFile ? {prometheusFile: opts.prometheusFile} : {}),
  };
}

async function readLimits(deps: KsefOpDeps, env: EnvCode): Promise<KsefLimits> {
  const opened = await openKsefSession(deps, env);
  try {
    const client = await deps.gateway.client(env, await branchApiFor(deps));
    const l = await client.certificateLimits(await opened.session.getAccessToken());
    return {canRequest: l.canRequest, enrollment: {...l.enrollment}, certificate: {...l.certificate}};
  } finally {
    await closeKsefSession(opened);
  }
}
