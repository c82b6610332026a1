// Start-up banner on the main menu: certificates the operator relies on that expire within 30 days, and owners left
// without a valid certificate of a type they had. Read once per session (cached per store + operator), and the
// mode Z switch-overs are logged on the way (start-up check). Pending enrollments the operator may resume get a line too,
// and so does the renewal plan of `ksef-certs check --plan` (how many mode-Z successors to create, and how).
import React, {useEffect, useState} from 'react';
import {Box} from 'ink';
import {Text} from '../tui/text.js';
import {useAppContext} from './shell/context.js';
import {storeWarningText} from '../flows/store-warnings.js';
import {theme} from '../tui/theme.js';

// The banner's use case lives in flows; re-exported for its callers and tests.
export {startupAlerts, pendingLine} from '../flows/startup-alerts.js';

const cache = new WeakMap<object, Map<string, string[]>>();

export function StartupBanner() {
  const {services, operator, clock, t} = useAppContext();
  const store = services.banner.storeKey;
  // Corrections made when the store was opened (a data folder others could read), first and unwrapped: they matter.
  const fixed = services.banner.storeWarnings().map((w) => storeWarningText(w, t));
  const key = operator?.code ?? '';
  const [lines, setLines] = useState<string[] | undefined>(() => cache.get(store)?.get(key));
  useEffect(() => {
    if (!operator || lines) return;
    let cancelled = false;
    services.banner.alerts(clock(), t).then(
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
  }, [services, store, operator, clock, t, key, lines]);
  if (!lines?.length && !fixed.length) return null;
  return (
    <Box flexDirection="column" marginBottom={1}>
      {fixed.map((l, i) => <Text key={`p${i}`} color={theme.warning}>{`⚠ ${l}`}</Text>)}
      {(lines ?? []).map((l, i) => <Text key={i} color={theme.warning} wrap="truncate">{`⚠ ${l}`}</Text>)}
    </Box>
  );
}
