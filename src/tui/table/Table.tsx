// Windowed table view: header, the visible slice of the filtered/sorted rows, a search/count line and a legend.
// Keys go through useKeys; the reducer is applied eagerly against a ref so every key of a chunk sees the state
// left by the previous one (also the view used for Enter), then React renders the latest state once.
import React, {useEffect, useMemo, useRef, useState} from 'react';
import {Box} from 'ink';
import {Text} from '../text.js';
import {PRIORITY, useKeys} from '../keys/KeyProvider.js';
import {theme} from '../theme.js';
import {truncate} from '../format.js';
import {terminalSafe} from '../../domain/index.js';
import {useTerminalSize} from '../use-terminal-size.js';
import {bodySize} from '../layout.js';
import {fitColumns} from './fit.js';
import {useTranslate} from '../form/use-translate.js';
import {TableIndex} from './table-index.js';
import {clampWindow, initTableState, tableConsumes, tableReducer, type TableAction, type TableGeometry, type TableState} from './reducer.js';
import type {Column, SortSpec} from './types.js';

export interface TableProps<R> {
  rows: readonly R[];
  columns: readonly Column<R>[];
  /** Visible data rows. Default: terminal rows − 14 (inside the Shell with a title and a status line), min 3. */
  height?: number;
  /** Keys reach the table only while true (pass the screen's `active`). Default true. */
  active?: boolean;
  /** Enter on a row. Without it Enter is not consumed (goes on to the screen). */
  onSelect?(row: R): void;
  /** The highlighted row changed (undefined when the view is empty) — for F4/F8 on "the current row". */
  onCursorChange?(row: R | undefined): void;
  initialSort?: SortSpec;
  initialFilter?: string;
  /** Stable React key of a row (default: its index in `rows`). */
  rowKey?(row: R): string;
  /** Text shown when no row is visible (default "Brak pozycji."). */
  emptyText?: string;
  /** Show the key legend line. Default true. */
  showKeys?: boolean;
  /** Key priority; default PRIORITY.field (above the screen's own useKeys). */
  priority?: number;
  /** Columns available to the table (default: the Shell's body width); columns shrink, drop or grow to fit it. */
  width?: number;
}

/** Cursor marker in front of the highlighted row (and its blank width in front of the others). */
export const ROW_MARK = '▶ ';
const ROW_MARK_BLANK = ' '.repeat(ROW_MARK.length);

// A cell is one line: its text is escaped (line breaks too) before it is measured and cut.
const pad = (text: string, width: number, align: 'left' | 'right' = 'left') => {
  const cut = truncate(terminalSafe(text), width);
  return align === 'right' ? cut.padStart(width) : cut.padEnd(width);
};

export function Table<R>(props: TableProps<R>) {
  const {rows, columns, onSelect, showKeys = true} = props;
  const t = useTranslate();
  const terminal = useTerminalSize();
  const termRows = terminal.rows;
  const width = props.width ?? bodySize(terminal).columns;
  // Search and sort see every column; the frame shows those that fit (see fit.ts).
  const shownCols = useMemo(() => fitColumns(columns, width - ROW_MARK.length), [columns, width]);
  const height = Math.max(3, props.height ?? termRows - 14);
  const index = useRef(new TableIndex<R>()).current;
  const [state, setState] = useState<TableState>(() => initTableState(props.initialSort, props.initialFilter));
  const ref = useRef(state);
  const sortable = columns.filter(c => c.sortable !== false).map(c => c.id);
  const viewOf = (s: TableState) => index.view(rows, columns, s.sort, s.filter);
  const geoOf = (s: TableState): TableGeometry => ({count: viewOf(s).length, height, sortable});

  const apply = (a: TableAction | ((s: TableState) => TableAction)) => {
    const cur = ref.current;
    const action = typeof a === 'function' ? a(cur) : a;
    let next = tableReducer(cur, action);
    if (next !== cur && (next.filter !== cur.filter || next.sort !== cur.sort)) next = clampWindow(next, geoOf(next));
    if (next !== cur) {
      ref.current = next;
      setState(next);
    }
  };

  useKeys(key => {
    const s = ref.current;
    if (!tableConsumes(s, key, !!onSelect)) return false;
    if (key.name === 'enter' && !s.filtering) {
      const view = viewOf(s);
      const i = view[s.cursor];
      if (i !== undefined) onSelect?.(rows[i]);
      return true;
    }
    apply(cur => ({type: 'key', key, geo: geoOf(cur)}));
    return true;
  }, {active: props.active ?? true, priority: props.priority ?? PRIORITY.field});

  const view = viewOf(state);
  // Rows or height changed under the cursor: keep it inside the view.
  useEffect(() => {
    apply({type: 'clamp', geo: geoOf(ref.current)});
  }); // eslint-disable-line react-hooks/exhaustive-deps

  const shown = clampWindow(state, {count: view.length, height, sortable});
  const current = view[shown.cursor] === undefined ? undefined : rows[view[shown.cursor]];
  const onCursor = useRef(props.onCursorChange);
  onCursor.current = props.onCursorChange;
  const lastReported = useRef<{row: R | undefined} | undefined>(undefined);
  useEffect(() => {
    if (lastReported.current && lastReported.current.row === current) return;
    lastReported.current = {row: current};
    onCursor.current?.(current);
  }, [current]);

  const sortMark = (c: Column<R>) => (state.sort?.column === c.id ? (state.sort.desc ? '▼' : '▲') : '');
  // Every row starts with the cursor marker column: the highlighted row stays visible without colour (NO_COLOR,
  // CI, a monochrome terminal), where Ink drops background and inverse alike.
  const header = ROW_MARK_BLANK + shownCols.map(c => pad(c.header + sortMark(c), c.width, c.align)).join(' ');
  const slice = view.slice(shown.top, shown.top + height);
  const sortCol = state.sort ? columns.find(c => c.id === state.sort!.column) : undefined;
  const status = [
    t('table.count', {shown: view.length, total: rows.length}),
    ...(sortCol ? [t('table.sortedBy', {column: sortCol.header, dir: state.sort!.desc ? '▼' : '▲'})] : []),
  ].join(' · ');

  return (
    <Box flexDirection="column">
      <Text bold underline wrap="truncate">{header}</Text>
      <Box flexDirection="column" height={height}>
        {slice.length === 0 ? <Text color={theme.muted}>{props.emptyText ?? t('table.empty')}</Text> : null}
        {slice.map((i, k) => {
          const row = rows[i];
          const selected = shown.top + k === shown.cursor;
          const key = props.rowKey ? props.rowKey(row) : String(i);
          if (selected) {
            const line = ROW_MARK + shownCols.map(c => pad(c.render(row), c.width, c.align)).join(' ');
            return <Text key={key} backgroundColor={theme.highlightBg} color={theme.highlightFg} wrap="truncate">{line}</Text>;
          }
          return (
            <Text key={key} wrap="truncate">
              {ROW_MARK_BLANK}
              {shownCols.map((c, ci) => (
                <Text key={c.id} color={c.color?.(row)}>{(ci > 0 ? ' ' : '') + pad(c.render(row), c.width, c.align)}</Text>
              ))}
            </Text>
          );
        })}
      </Box>
      <Box justifyContent="space-between">
        <Text wrap="truncate">
          {state.filtering || state.filter ? (
            <Text color={state.filtering ? theme.crumb : undefined}>{`${t('table.search')}: ${state.filter}${state.filtering ? '▏' : ''}`}</Text>
          ) : ' '}
        </Text>
        <Text color={theme.muted} wrap="truncate">{status}</Text>
      </Box>
      {showKeys ? <Text color={theme.muted} wrap="truncate">{t('table.keys')}</Text> : null}
    </Box>
  );
}
