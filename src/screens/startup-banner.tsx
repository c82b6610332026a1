// Start-up banner on the main menu: certificates the operator relies on that expire within 30 days, and owners left
// without a valid certificate of a type they had. Read once per session (cached per store + operator), and the
// mode Z switch-overs are logged on the way (start-up check). Pending enrollments the operator may resume get a line too,
// and so does the renewal plan of `ksef-certs check --plan` (how many mode-Z successors to create, and how).
import React, {useEffect, useState} from 'react';
import {Box} from 'ink';
import {Text} from '../tui/text.js';
import type {Operator} from '../domain/index.js';
import {canManage} from '../domain/rights.js';
import {alertLines, buildRows, concernsOperator, expiryAlerts} from '../flows/list-view.js';
import {logSwitchOvers} from '../flows/switchover.js';
import {renewalPlan, toCreate} from '../flows/check/plan.js';
import {makeT, type Translate} from '../i18n/index.js';
import type {Store} from '../store/types.js';
import {useAppContext} from './shell/context.js';
import {storeWarningText} from './store-warnings.js';
import {theme} from '../tui/theme.js';

const cache = new WeakMap<Store, Map<string, string[]>>();

export async function startupAlerts(store: Store, operator: Operator, workstation: string, now: Date, t: Translate = makeT('pl')): Promise<string[]> {
  const records = await store.listCertificates();
  await logSwitchOvers({store, operator, workstation}, records, now);
  const rows = buildRows(records, now).filter((r) => concernsOperator(operator, r.rec.owner));
  const alerts = alertLines(expiryAlerts(rows), 2).slice(0, 2);
  // Not via flows/generate.ts: the banner must not pull the crypto stack into the first frame.
  const pending = records.filter((r) => r.state === 'pending' && r.enrollment && canManage(operator, r.owner)).length;
  // Successors the operator may create themselves (rights as for generate).
  const plan = toCreate(renewalPlan(rows.filter((r) => canManage(operator, r.rec.owner)), 30));
  return [...alerts, ...(plan ? [t('check.banner.plan', {n: plan})] : []), ...(pending ? [pendingLine(pending)] : [])];
}

/** "1 wniosek / 3 wnioski / 5 wniosków w trakcie wydawania — …" */
export function pendingLine(n: number): string {
  const word = n === 1 ? 'wniosek' : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 'wnioski' : 'wniosków';
  return `${n} ${word} w trakcie wydawania — [A-1-5-7], szczegóły → W (wznów wydawanie)`;
}

export function StartupBanner() {
  const {store, operator, workstation, clock, t} = useAppContext();
  // Corrections made when the store was opened (a data folder others could read), first and unwrapped: they matter.
  const fixed = (store.warnings ?? []).map((w) => storeWarningText(w, t));
  const key = operator?.code ?? '';
  const [lines, setLines] = useState<string[] | undefined>(() => cache.get(store)?.get(key));
  useEffect(() => {
    if (!operator || lines) return;
    let cancelled = false;
    startupAlerts(store, operator, workstation, clock(), t).then(
      (l) => {
        if (!cache.has(store)) cache.set(store, new Map());
        cache.get(store)!.set(key, l);
        if (!cancelled) setLines(l);
      },
      () => undefined, // the banner is advice only; the list screen reports store errors
    );
    return () => {
      cancelled = true;
    };
  }, [store, operator, workstation, clock, t, key, lines]);
  if (!lines?.length && !fixed.length) return null;
  return (
    <Box flexDirection="column" marginBottom={1}>
      {fixed.map((l, i) => <Text key={`p${i}`} color={theme.warning}>{`⚠ ${l}`}</Text>)}
      {(lines ?? []).map((l, i) => <Text key={i} color={theme.warning} wrap="truncate">{`⚠ ${l}`}</Text>)}
    </Box>
  );
}
