// [A-1-5-6] Dziennik zdarzeń: every audit event, newest first, in the shared windowed table. `a` cycles the action,
// `o` the operator, `0` clears; `/` searches any column (serial, details, workstation …).
import React, {useEffect, useMemo, useState} from 'react';
import {Box} from 'ink';
import {Text} from '../tui/text.js';
import type {AuditAction, AuditEvent} from '../domain/index.js';
import {warsawDateTime} from '../domain/index.js';
import {AUDIT_ACTION_PL, AUDIT_ACTIONS, filterAudit} from '../flows/list-view.js';
import {userMessage} from '../flows/errors.js';
import {useAppContext} from './shell/context.js';
import {PRIORITY, useKeys} from '../tui/keys/KeyProvider.js';
import {isText} from '../tui/keys/key.js';
import {Table, type Column} from '../tui/table/index.js';
import {theme} from '../tui/theme.js';
import {useTerminalSize} from '../tui/use-terminal-size.js';
import type {ScreenProps} from './types.js';

interface AuditRow {
  e: AuditEvent;
  at: string;
}

const COLUMNS: Column<AuditRow>[] = [
  {id: 'at', header: 'Czas', width: 16, render: (r) => r.at, sortKey: (r) => r.e.at},
  {id: 'action', header: 'Zdarzenie', width: 20, render: (r) => AUDIT_ACTION_PL[r.e.action]},
  {id: 'operator', header: 'Operator', width: 10, render: (r) => r.e.operator},
  {id: 'ws', header: 'Stanowisko', width: 12, render: (r) => r.e.workstation},
  {id: 'serial', header: 'Nr seryjny', width: 16, render: (r) => r.e.serial ?? ''},
  {id: 'details', header: 'Szczegóły', width: 40, render: (r) => r.e.details ?? ''},
];

export function AuditLogScreen({active}: ScreenProps) {
  const {store} = useAppContext();
  const {rows: termRows} = useTerminalSize();
  const [events, setEvents] = useState<AuditEvent[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [action, setAction] = useState<AuditAction | undefined>();
  const [operator, setOperator] = useState<string | undefined>();
  useEffect(() => {
    void store.listAudit().then(setEvents, (e) => setError(userMessage(e).text));
  }, [store]);

  const all = useMemo(() => (events ? filterAudit(events).map((e) => ({e, at: warsawDateTime(new Date(e.at))})) : []), [events]);
  const operators = useMemo(() => [...new Set(all.map((r) => r.e.operator))].sort(), [all]);
  const rows = useMemo(() => (action || operator ? all.filter((r) => (!action || r.e.action === action) && (!operator || r.e.operator === operator)) : all), [all, action, operator]);

  useKeys((key) => {
    if (!isText(key)) return false;
    const ch = key.ch.toLowerCase();
    const cycle = <T,>(list: readonly T[], cur: T | undefined): T | undefined => {
      const i = cur === undefined ? -1 : list.indexOf(cur);
      return i + 1 < list.length ? list[i + 1] : undefined;
    };
    if (ch === 'a') setAction((a) => cycle(AUDIT_ACTIONS, a));
    else if (ch === 'o') setOperator((o) => cycle(operators, o));
    else if (ch === '0') {
      setAction(undefined);
      setOperator(undefined);
    } else return false;
    return true;
  }, {active, priority: PRIORITY.screen});

  if (error) return <Text color={theme.error}>{error}</Text>;
  if (!events) return <Text color={theme.muted}>Wczytywanie dziennika…</Text>;
  return (
    <Box flexDirection="column">
      <Table rows={rows} columns={COLUMNS} height={Math.max(3, termRows - 12)} active={active} rowKey={(r) => r.e.id} emptyText="Brak zdarzeń spełniających warunki." />
      <Text color={theme.muted} wrap="truncate">
        {`Filtry — a zdarzenie: ${action ? AUDIT_ACTION_PL[action] : 'wszystkie'} │ o operator: ${operator ?? 'wszyscy'} │ 0 wyczyść`}
      </Text>
    </Box>
  );
}
