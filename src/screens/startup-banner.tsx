// Start-up banner on the main menu: certificates the operator relies on that expire within 30 days, and owners left
// without a valid certificate of a type they had. Read once per session (cached per store + operator), and the
// mode Z switch-overs are logged on the way (start-up check).
import React, {useEffect, useState} from 'react';
import {Box, Text} from 'ink';
import type {Operator} from '../domain/index.js';
import {alertLines, buildRows, concernsOperator, expiryAlerts} from '../flows/list-view.js';
import {logSwitchOvers} from '../flows/switchover.js';
import type {Store} from '../store/types.js';
import {useAppContext} from '../tui/context.js';
import {theme} from '../tui/theme.js';

const cache = new WeakMap<Store, Map<string, string[]>>();

export async function startupAlerts(store: Store, operator: Operator, workstation: string, now: Date): Promise<string[]> {
  const records = await store.listCertificates();
  await logSwitchOvers({store, operator, workstation}, records, now);
  const rows = buildRows(records, now).filter((r) => concernsOperator(operator, r.rec.owner));
  return alertLines(expiryAlerts(rows), 2).slice(0, 2);
}

export function StartupBanner() {
  const {store, operator, workstation, clock} = useAppContext();
  const key = operator?.code ?? '';
  const [lines, setLines] = useState<string[] | undefined>(() => cache.get(store)?.get(key));
  useEffect(() => {
    if (!operator || lines) return;
    let cancelled = false;
    startupAlerts(store, operator, workstation, clock()).then(
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
  }, [store, operator, workstation, clock, key, lines]);
  if (!lines?.length) return null;
  return (
    <Box flexDirection="column" marginBottom={1}>
      {lines.map((l, i) => <Text key={i} color={theme.warning} wrap="truncate">{`⚠ ${l}`}</Text>)}
    </Box>
  );
}
