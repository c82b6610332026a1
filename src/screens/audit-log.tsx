// [A-1-5-6] Dziennik zdarzeń: every audit event, newest first, in the shared windowed table. `a` cycles the event
// kind, `o` the operator, `0` clears (keymap filterAction / filterOperator / clearFilters); `/` searches any column.
// Enter shows the event whole in a scrolling region (↑↓ PgUp PgDn); Esc goes back to the list, filters kept.
import React, {useEffect, useMemo, useReducer} from 'react';
import {Box} from 'ink';
import {Text} from '../tui/text.js';
import type {AuditEvent} from '../domain/index.js';
import {warsawDateTime} from '../domain/index.js';
import {AUDIT_ACTIONS} from '../flows/list-view.js';
import {auditDetails} from '../flows/audit-notes.js';
import {userMessage} from '../flows/errors.js';
import {useAppContext} from './shell/context.js';
import {PRIORITY, useKeys} from '../tui/keys/KeyProvider.js';
import {matches} from '../tui/keys/keymap.js';
import {Table, type Column} from '../tui/table/index.js';
import {ScrollView} from '../tui/components/ScrollView.js';
import {theme} from '../tui/theme.js';
import {useTerminalSize} from '../tui/use-terminal-size.js';
import {bodySize} from '../tui/layout.js';
import {wrapLines} from '../tui/format.js';
import type {MessageKey, Translate} from '../i18n/index.js';
import {auditReducer, initialAudit, visibleEvents} from './audit-log-reducer.js';
import type {ScreenProps} from './types.js';

interface AuditRow {
  e: AuditEvent;
  at: string;
  /** The details in the session's language (a stored note rendered, or an old entry's text). */
  details?: string;
}

export const actionLabel = (t: Translate, a: AuditEvent['action']): string => t(`audit.action.${a}` as MessageKey);

function columnsOf(t: Translate): Column<AuditRow>[] {
  return [
    {id: 'at', header: t('audit.col.at'), width: 16, render: r => r.at, sortKey: r => r.e.at},
    {id: 'action', header: t('audit.col.action'), width: 20, minWidth: 12, render: r => actionLabel(t, r.e.action)},
    {id: 'operator', header: t('audit.col.operator'), width: 10, minWidth: 8, render: r => r.e.operator},
    {id: 'ws', header: t('audit.col.ws'), width: 12, render: r => r.e.workstation, drop: 2},
    {id: 'serial', header: t('audit.col.serial'), width: 16, render: r => r.e.serial ?? '', drop: 1},
    {id: 'details', header: t('audit.col.details'), width: 40, minWidth: 12, render: r => r.details ?? ''},
  ];
}

/** The detail of one event as rows of a scroll region `width` wide. */
export function detailLines(e: AuditEvent, t: Translate, width: number): string[] {
  const label = (k: MessageKey) => `${t(k)}:`.padEnd(18);
  const rows: [MessageKey, string | undefined][] = [
    ['audit.detail.at', warsawDateTime(new Date(e.at))],
    ['audit.detail.action', actionLabel(t, e.action)],
    ['audit.detail.operator', e.operator],
    ['audit.detail.ws', e.workstation],
    ['audit.detail.serial', e.serial],
    ['audit.detail.certificate', e.certificateId],
  ];
  const lines = rows.filter(([, v]) => v).map(([k, v]) => `${label(k)}${v}`);
  const details = auditDetails(t, e);
  if (details) lines.push('', `${t('audit.detail.details')}:`, ...wrapLines(details, Math.max(20, width)));
  return lines;
}

export function AuditLogScreen({active, nav}: ScreenProps) {
  const {services, t} = useAppContext();
  const size = useTerminalSize();
  const {rows: termRows} = size;
  const [s, dispatch] = useReducer(auditReducer, initialAudit);
  useEffect(() => {
    void services.audit.events().then(events => dispatch({type: 'loaded', events}), e => dispatch({type: 'failed', error: userMessage(e, t).text}));
  }, [services, t]);

  const rows = useMemo(() => visibleEvents(s).map(e => ({e, at: warsawDateTime(new Date(e.at)), details: auditDetails(t, e)})), [s, t]);
  const columns = useMemo(() => columnsOf(t), [t]);
  const detail = s.detail ? s.events?.find(e => e.id === s.detail) : undefined;
  // F1 explains what is on screen: the detail has its own text.
  useEffect(() => nav.help?.(detail ? 'help.auditDetail' : undefined), [detail, nav]);

  useKeys(key => {
    if (detail) {
      if (!matches(key, 'back')) return false;
      dispatch({type: 'close'});
      return true;
    }
    if (matches(key, 'filterAction')) dispatch({type: 'cycleAction', actions: AUDIT_ACTIONS});
    else if (matches(key, 'filterOperator')) dispatch({type: 'cycleOperator'});
    else if (matches(key, 'clearFilters')) dispatch({type: 'clearFilters'});
    else return false;
    return true;
  }, {active, priority: PRIORITY.screen});

  if (s.error) return <Text color={theme.error}>{s.error}</Text>;
  if (!s.events) return <Text color={theme.muted}>{t('audit.loading')}</Text>;
  if (detail) {
    const {rows: body, columns} = bodySize(size);
    return (
      <Box flexDirection="column" height={body}>
        <Text bold wrap="truncate">{t('audit.detail.title', {at: warsawDateTime(new Date(detail.at))})}</Text>
        <ScrollView lines={detailLines(detail, t, columns - 1)} height={body - 2} active={active} />
        <Text color={theme.muted} wrap="truncate">{t('audit.detail.keys')}</Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <Table
        rows={rows} columns={columns} height={Math.max(3, termRows - 12)} active={active} rowKey={r => r.e.id}
        emptyText={t('audit.empty')} onSelect={r => dispatch({type: 'open', id: r.e.id})}
      />
      <Text color={theme.muted} wrap="truncate">
        {t('audit.filters', {action: s.action ? actionLabel(t, s.action) : t('audit.allActions'), operator: s.operator ?? t('audit.allOperators')})}
      </Text>
    </Box>
  );
}
