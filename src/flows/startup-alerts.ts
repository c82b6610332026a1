// What the start-up banner on the main menu says: certificates the operator relies on that expire within 30 days,
// owners left without a valid certificate of a type they had, the renewal plan of `ksef-certs check --plan`, and
// pending enrollments the operator may resume. Mode Z switch-overs are logged on the way (start-up check).
import type {Operator} from '../domain/index.js';
import {canManage} from '../domain/rights.js';
import {makeT, type Translate} from '../i18n/index.js';
import type {Store} from '../store/types.js';
import {alertLines, buildRows, concernsOperator, expiryAlerts} from './list-view.js';
import {logSwitchOvers} from './switchover.js';
import {renewalPlan, toCreate} from './check/plan.js';

export async function startupAlerts(store: Store, operator: Operator, workstation: string, now: Date, t: Translate = makeT('pl')): Promise<string[]> {
  const records = await store.listCertificates();
  await logSwitchOvers({store, operator, workstation}, records, now);
  // Rows only for the certificates the operator relies on (an ordinary operator's few of 10,000).
  const rows = buildRows(records.filter((r) => concernsOperator(operator, r.owner)), now);
  const alerts = alertLines(expiryAlerts(rows), 2).slice(0, 2);
  // Not via flows/generate.ts: the banner must not pull the crypto stack into the first frame.
  const pending = records.filter((r) => r.state === 'pending' && r.enrollment && canManage(operator, r.owner)).length;
  // Successors the operator may create themselves (rights as for generate).
  const plan = toCreate(renewalPlan(rows.filter((r) => canManage(operator, r.rec.owner)), 30));
  return [...alerts, ...(plan ? [t('check.banner.plan', {n: plan})] : []), ...(pending ? [pendingLine(pending, t)] : [])];
}

/** "1 wniosek / 3 wnioski / 5 wniosków w trakcie wydawania — …" (Polish plural forms; English one/other). */
export function pendingLine(n: number, t: Translate = makeT('pl')): string {
  const form = n === 1 ? 'one' : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 'few' : 'many';
  return t(`banner.pending.${form}`, {n});
}
