// [A-1-5-7] Lista Certyfikatów KSeF: the windowed table of every certificate with expiry colours and marks, filters
// (w owner, t type, e environment, a status, 0 clear), search (`/`) and sort (`s`/`S`) from the shared table,
// Enter → details, F4 export, F8 revoke, F5 refresh from KSeF. The store is read once per screen (and after an
// action); rows are derived once per read and filtered once per filter change, so a key costs O(window).
import React, {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {Box} from 'ink';
import {Text} from '../tui/text.js';
import type {CertificateSummary, CertTypeCode, DisplayStatus, EnvCode, OwnerKind} from '../domain/index.js';
import {ENV_CODES} from '../domain/index.js';
import {
  alertLines, buildRows, concernsOperator, expiryAlerts, filterRows, OWNER_KIND_PL, STATUS_LABEL_PL, type CertRow, type RowFilter,
} from '../flows/list-view.js';
import {logSwitchOvers} from '../flows/switchover.js';
import {userMessage} from '../flows/errors.js';
import {useAppContext, useOperator} from './shell/context.js';
import {PRIORITY, useKeys} from '../tui/keys/KeyProvider.js';
import {isText} from '../tui/keys/key.js';
import {matches} from '../tui/keys/keymap.js';
import {Table, type Column} from '../tui/table/index.js';
import {theme} from '../tui/theme.js';
import {useTerminalSize} from '../tui/use-terminal-size.js';
import {useCertActions} from './cert-list-actions.js';
import type {ScreenProps} from './types.js';
import type {Translate} from '../i18n/index.js';

const levelColor = (r: CertRow): string | undefined => (r.level === 'urgent' ? theme.error : r.level === 'soon' ? theme.warning : undefined);

/** The name as listed: `[T]` marks a certificate whose key is on a PKCS#11 token. */
const nameText = (r: CertRow): string => (r.keyToken !== undefined ? `[T] ${r.name}` : r.name);

/**
 * The list's columns and how they give way at 80 columns (see tui/table/fit.ts): status and days left always stay;
 * the serial (never cut: a cut serial is useless — the details screen has it whole) goes first, then the validity
 * range becomes its end date, then environment and type; owner and name shrink. At 120+ the full serial is shown.
 */
export function certColumns(t: Translate, w: {serial: number; owner: number; name: number; status: number} = {serial: 16, owner: 16, name: 16, status: 14}): Column<CertRow>[] {
  return [
    {id: 'mark', header: '!', width: 1, render: (r) => (r.expiring ? '!' : ' '), color: levelColor, sortable: false},
    {id: 'owner', header: 'Właściciel', width: w.owner, minWidth: Math.min(10, w.owner), maxWidth: w.owner, drop: 5, render: (r) => r.owner},
    {id: 'name', header: 'Nazwa', width: w.name, minWidth: Math.min(8, w.name), maxWidth: w.name, drop: 6, render: nameText},
    {id: 'type', header: 'T', width: 1, drop: 4, render: (r) => r.type},
    {id: 'env', header: 'Ś', width: 1, drop: 3, render: (r) => r.env},
    {id: 'serial', header: 'Nr seryjny', width: w.serial, drop: 1, render: (r) => r.serial || '—'},
    {
      id: 'valid', header: 'Ważny od – do', width: 21, drop: 2, render: (r) => (r.validFrom ? `${r.validFrom}–${r.validTo}` : '—'), sortKey: (r) => r.validTo,
      narrow: {header: t('list.col.validTo'), width: 10, render: (r) => r.validTo || '—'},
    },
    {id: 'days', header: 'Dni', width: 4, align: 'right', render: (r) => (r.days === undefined ? '' : String(r.days)), sortKey: (r) => r.days ?? Number.MAX_SAFE_INTEGER, color: levelColor},
    {id: 'status', header: 'Status', width: w.status, minWidth: Math.min(14, w.status), render: (r) => r.statusText},
  ];
}

const OWNER_CYCLE: (OwnerKind | undefined)[] = [undefined, 'operator', 'branch', 'company'];
const TYPE_CYCLE: (CertTypeCode | undefined)[] = [undefined, 'A', 'O'];
const ENV_CYCLE: (EnvCode | undefined)[] = [undefined, ...ENV_CODES];
const STATUS_CYCLE: (DisplayStatus | undefined)[] = [undefined, 'active', 'waiting', 'expired', 'revoked', 'pending', 'failed'];
const next = <T,>(cycle: readonly T[], cur: T): T => cycle[(cycle.indexOf(cur) + 1) % cycle.length];

/** One short line: only the filters in force (the sort column is on the table's count line), keys at the end. */
export function compactFilterText(f: RowFilter, t: Translate): string {
  const on = [
    ...(f.ownerKind ? [OWNER_KIND_PL[f.ownerKind]] : []),
    ...(f.type ? [t('list.filter.type', {type: f.type})] : []),
    ...(f.env ? [t('list.filter.env', {env: f.env})] : []),
    ...(f.status ? [STATUS_LABEL_PL[f.status]] : []),
  ];
  return on.length ? t('list.filter.on', {filters: on.join(', ')}) : t('list.filter.none');
}

/** Reads the certificates once (and again after `reload()`); logs mode Z switch-overs on the way. */
export function useCertificates(): {records?: CertificateSummary[]; error?: string; reload(): void} {
  const {store, workstation, clock} = useAppContext();
  const operator = useOperator();
  const [records, setRecords] = useState<CertificateSummary[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const recs = await store.listCertificates();
        await logSwitchOvers({store, operator, workstation}, recs, clock());
        if (!cancelled) setRecords(recs);
      } catch (e) {
        if (!cancelled) setError(userMessage(e).text);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [store, operator, workstation, clock, version]);
  return {records, error, reload: useCallback(() => setVersion((v) => v + 1), [])};
}

export function CertListScreen({active, nav, path}: ScreenProps) {
  const {clock, t} = useAppContext();
  const operator = useOperator();
  const {rows: termRows} = useTerminalSize();
  const {records, error, reload} = useCertificates();
  const [filter, setFilter] = useState<RowFilter>({});
  const current = useRef<CertRow | undefined>(undefined);
  const actions = useCertActions(active, reload);

  const rows = useMemo(() => (records ? buildRows(records, clock()) : []), [records, clock]);
  const visible = useMemo(() => filterRows(rows, filter), [rows, filter]);
  // Natural widths from the data (capped), so columns shrink only when the terminal is narrower than the data.
  const widths = useMemo(() => {
    const longest = (f: (r: CertRow) => string, lo: number, hi: number) => Math.min(hi, rows.reduce((n, r) => Math.max(n, [...f(r)].length), lo));
    return {serial: longest((r) => r.serial, 10, 64), owner: longest((r) => r.owner, 10, 24), name: longest(nameText, 5, 32), status: longest((r) => r.statusText, 6, 20)};
  }, [rows]);
  const columns = useMemo(() => certColumns(t, widths), [t, widths]);
  const banner = useMemo(() => alertLines(expiryAlerts(rows.filter((r) => concernsOperator(operator, r.rec.owner)))).slice(0, 2), [rows, operator]);

  const listActive = active && !actions.open;
  // F4/F8/F5 act on the row highlighted when React has drawn every earlier key: the table reports its cursor from an
  // effect, and a child's effects run before ours in the same commit, so the command runs from our effect.
  const [pending, setPending] = useState<{cmd: 'export' | 'revoke' | 'refresh'; n: number} | undefined>();
  useEffect(() => {
    if (!pending) return;
    setPending(undefined);
    const row = current.current;
    if (pending.cmd === 'export' && row) actions.exportCert(row.rec);
    else if (pending.cmd === 'revoke' && row) actions.revokeCert(row.rec);
    else if (pending.cmd === 'refresh') {
      actions.refresh(filter.env ? [filter.env] : ENV_CODES.filter((e) => rows.some((r) => r.env === e && r.serial && (r.status === 'active' || r.status === 'waiting' || r.status === 'revoked'))));
    }
  }, [pending]); // eslint-disable-line react-hooks/exhaustive-deps
  useKeys((key) => {
    const cmd = matches(key, 'export') ? 'export' : matches(key, 'revoke') ? 'revoke' : matches(key, 'refresh') ? 'refresh' : undefined;
    if (cmd) {
      setPending((p) => ({cmd, n: (p?.n ?? 0) + 1}));
      return true;
    }
    if (!isText(key)) return false;
    const ch = key.ch.toLowerCase();
    if (ch === 'w') setFilter((f) => ({...f, ownerKind: next(OWNER_CYCLE, f.ownerKind)}));
    else if (ch === 't') setFilter((f) => ({...f, type: next(TYPE_CYCLE, f.type)}));
    else if (ch === 'e') setFilter((f) => ({...f, env: next(ENV_CYCLE, f.env)}));
    else if (ch === 'a') setFilter((f) => ({...f, status: next(STATUS_CYCLE, f.status)}));
    else if (ch === '0') setFilter({});
    else return false;
    return true;
  }, {active: listActive, priority: PRIORITY.screen});

  if (error) return <Text color={theme.error}>{error}</Text>;
  if (!records) return <Text color={theme.muted}>Wczytywanie listy certyfikatów…</Text>;
  // Shell chrome (6) + table header/status/keys (3) + our filter line and banner.
  const height = Math.max(3, termRows - 1 - 6 - 3 - 1 - banner.length - 1);
  return (
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
          emptyText={rows.length ? 'Żaden certyfikat nie spełnia warunków filtru.' : 'Brak certyfikatów — wygeneruj [A-1-5-4] lub zaimportuj [A-1-5-3].'}
          onCursorChange={(r) => {
            current.current = r;
          }}
          onSelect={(r) => nav.push({kind: 'screen', path, screen: 'cert-details', params: {id: r.id}})}
        />
        <Text color={theme.muted} wrap="truncate">{compactFilterText(filter, t)}</Text>
      </Box>
    </Box>
  );
}
