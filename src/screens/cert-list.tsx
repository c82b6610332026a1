// [A-1-5-7] Lista Certyfikatów KSeF: the windowed table of every certificate with expiry colours and marks, filters
// (w owner, t type, e environment, a status, 0 clear), search (`/`) and sort (`s`/`S`) from the shared table,
// Enter → details, F4 export, F8 revoke, F5 refresh from KSeF. The store is read once per screen (and after an
// action) through the bound services; rows are derived once per read and filtered once per filter change.
import React, {useCallback, useEffect, useMemo, useReducer, useRef} from 'react';
import {Box} from 'ink';
import {Text} from '../tui/text.js';
import type {CertificateView} from '../domain/index.js';
import {ENV_CODES} from '../domain/index.js';
import {buildRows, concernsOperator, expiryAlerts, filterRows, type CertRow, type RowFilter} from '../flows/list-view.js';
import {userMessage} from '../flows/errors.js';
import {useAppContext, useLegend, useOperator, withLegend} from './shell/context.js';
import {PRIORITY, useKeys} from '../tui/keys/KeyProvider.js';
import {matches} from '../tui/keys/keymap.js';
import {Table, type Column} from '../tui/table/index.js';
import {theme} from '../tui/theme.js';
import {useTerminalSize} from '../tui/use-terminal-size.js';
import {useCertActions} from './cert-list-actions.js';
import {FILTER_COMMANDS, initialList, listReducer, type ListCommand} from './cert-list-reducer.js';
import {alertTexts, ownerText, statusText} from './cert-texts.js';
import type {ScreenProps} from './types.js';
import type {MessageKey, Translate} from '../i18n/index.js';

const levelColor = (r: CertRow): string | undefined => (r.level === 'urgent' ? theme.error : r.level === 'soon' ? theme.warning : undefined);

/** The name as listed: `[T]` marks a certificate whose key is on a PKCS#11 token. */
const nameText = (r: CertRow): string => (r.keyToken !== undefined ? `[T] ${r.name}` : r.name);

/**
 * The list's columns and how they give way at 80 columns (see tui/table/fit.ts): status and days left always stay;
 * the serial (never cut: a cut serial is useless — the details screen has it whole) goes first, then the validity
 * range becomes its end date, then environment and type; owner and name shrink. The name is kept whole until the
 * serial and the full range have given way (keepBefore 2): it is how the user tells the certificates apart. At 120+
 * the full serial is shown.
 */
export function certColumns(t: Translate, w: {serial: number; owner: number; name: number; status: number} = {serial: 16, owner: 16, name: 16, status: 14}): Column<CertRow>[] {
  return [
    {id: 'mark', header: '!', width: 1, render: (r) => (r.expiring ? '!' : ' '), color: levelColor, sortable: false},
    {id: 'owner', header: t('certs.col.owner'), width: w.owner, minWidth: Math.min(10, w.owner), maxWidth: w.owner, drop: 5, render: (r) => r.owner},
    {id: 'name', header: t('certs.col.name'), width: w.name, minWidth: Math.min(8, w.name), maxWidth: w.name, drop: 6, keepBefore: 2, render: nameText},
    {id: 'type', header: t('certs.col.type'), width: 1, drop: 4, render: (r) => r.type},
    {id: 'env', header: t('certs.col.env'), width: 1, drop: 3, render: (r) => r.env},
    {id: 'serial', header: t('certs.col.serial'), width: w.serial, drop: 1, render: (r) => r.serial || '—'},
    {
      id: 'valid', header: t('certs.col.valid'), width: 21, drop: 2, render: (r) => (r.validFrom ? `${r.validFrom}–${r.validTo}` : '—'), sortKey: (r) => r.validTo,
      narrow: {header: t('list.col.validTo'), width: 10, render: (r) => r.validTo || '—'},
    },
    {id: 'days', header: t('certs.col.days'), width: 4, align: 'right', render: (r) => (r.days === undefined ? '' : String(r.days)), sortKey: (r) => r.days ?? Number.MAX_SAFE_INTEGER, color: levelColor},
    {id: 'status', header: t('certs.col.status'), width: w.status, minWidth: Math.min(14, w.status), render: (r) => r.statusText},
  ];
}

/** One short line: only the filters in force (the sort column is on the table's count line), keys at the end. */
export function compactFilterText(f: RowFilter, t: Translate): string {
  const on = [
    ...(f.ownerKind ? [t(`certs.owner.${f.ownerKind}` as MessageKey)] : []),
    ...(f.type ? [t('list.filter.type', {type: f.type})] : []),
    ...(f.env ? [t('list.filter.env', {env: f.env})] : []),
    ...(f.status ? [statusText(t, f.status)] : []),
  ];
  return on.length ? t('list.filter.on', {filters: on.join(', ')}) : t('list.filter.none');
}

/** Reads the certificates through the services once (and again after `reload()`). */
export function useCertificates(): {records?: CertificateView[]; error?: string; reload(): void} {
  const {services, t} = useAppContext();
  const [s, dispatch] = useReducer(listReducer, initialList);
  useEffect(() => {
    let cancelled = false;
    services.certificates.list().then(
      (records) => !cancelled && dispatch({type: 'loaded', records}),
      (e) => !cancelled && dispatch({type: 'failed', error: userMessage(e, t).text}),
    );
    return () => {
      cancelled = true;
    };
  }, [services, t, s.version]);
  return {records: s.records, error: s.error, reload: useCallback(() => dispatch({type: 'reload'}), [])};
}

export function CertListScreen({active, nav, path}: ScreenProps) {
  const {clock, t} = useAppContext();
  const operator = useOperator();
  const {rows: termRows} = useTerminalSize();
  const {records, error, reload} = useCertificates();
  const [s, dispatch] = useReducer(listReducer, initialList);
  const current = useRef<CertRow | undefined>(undefined);
  const actions = useCertActions(active, reload);
  const legend = useLegend(actions.legend, active);

  // One pass in the screen's words: no second copy of every row (localRows) for the TUI's labels.
  const rows = useMemo(
    () => (records ? buildRows(records, clock(), undefined, {owner: (o) => ownerText(t, o), status: (st) => statusText(t, st)}) : []),
    [records, clock, t],
  );
  const visible = useMemo(() => filterRows(rows, s.filter), [rows, s.filter]);
  // Natural widths from the data (capped), so columns shrink only when the terminal is narrower than the data.
  const widths = useMemo(() => {
    // Code points, without an array per cell unless the text has surrogate pairs (10,000 rows × 4 columns).
    const cps = (s: string) => (/[\uD800-\uDBFF]/.test(s) ? [...s].length : s.length);
    const longest = (f: (r: CertRow) => string, lo: number, hi: number) => Math.min(hi, rows.reduce((n, r) => Math.max(n, cps(f(r))), lo));
    return {serial: longest((r) => r.serial, 10, 64), owner: longest((r) => r.owner, 10, 24), name: longest(nameText, 5, 32), status: longest((r) => r.statusText, 6, 20)};
  }, [rows]);
  const columns = useMemo(() => certColumns(t, widths), [t, widths]);
  const banner = useMemo(() => alertTexts(t, expiryAlerts(rows.filter((r) => concernsOperator(operator, r.rec.owner)))).slice(0, 2), [rows, operator, t]);

  const listActive = active && !actions.open;
  // F4/F8/F5 act on the row highlighted when React has drawn every earlier key: the table reports its cursor from an
  // effect, and a child's effects run before ours in the same commit, so the command runs from our effect.
  useEffect(() => {
    if (!s.pending) return;
    dispatch({type: 'done'});
    const row = current.current;
    if (s.pending.cmd === 'export' && row) actions.exportCert(row.rec);
    else if (s.pending.cmd === 'revoke' && row) actions.revokeCert(row.rec);
    else if (s.pending.cmd === 'refresh') {
      actions.refresh(s.filter.env ? [s.filter.env] : ENV_CODES.filter((e) => rows.some((r) => r.env === e && r.serial && (r.status === 'active' || r.status === 'waiting' || r.status === 'revoked'))));
    }
  }, [s.pending]); // eslint-disable-line react-hooks/exhaustive-deps
  useKeys((key) => {
    const cmd = (['export', 'revoke', 'refresh'] as ListCommand[]).find((c) => matches(key, c));
    if (cmd) {
      dispatch({type: 'command', cmd});
      return true;
    }
    const filter = FILTER_COMMANDS.find((c) => matches(key, c));
    if (!filter) return false;
    dispatch({type: 'filter', command: filter});
    return true;
  }, {active: listActive, priority: PRIORITY.screen});

  if (error) return withLegend(legend, <Text color={theme.error}>{error}</Text>);
  if (!records) return withLegend(legend, <Text color={theme.muted}>{t('certs.loadingList')}</Text>);
  // Shell chrome (6) + table header/status/keys (3) + our filter line and banner.
  const height = Math.max(3, termRows - 1 - 6 - 3 - 1 - banner.length - 1);
  return withLegend(legend, (
    <Box flexDirection="column">
      {banner.map((l, i) => <Text key={i} color={theme.warning} wrap="truncate">{`⚠ ${l}`}</Text>)}
      {actions.overlay}
      <Box flexDirection="column" display={actions.open ? 'none' : 'flex'}>
        <Table
          rows={visible}
          columns={columns}
          height={height}
          active={listActive}
          rowKey={(r) => r.id}
          emptyText={rows.length ? t('certs.emptyFiltered') : t('certs.empty')}
          onCursorChange={(r) => {
            current.current = r;
          }}
          onSelect={(r) => nav.push({kind: 'screen', path, screen: 'cert-details', params: {id: r.id}})}
        />
        <Text color={theme.muted} wrap="truncate">{compactFilterText(s.filter, t)}</Text>
      </Box>
    </Box>
  ));
}
