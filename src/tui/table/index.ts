// Shared windowed list/table (10,000+ rows).
//
//   const columns: Column<CertRow>[] = [
//     {id: 'name', header: 'Nazwa', width: 24, render: r => r.name},
//     {id: 'days', header: 'Dni', width: 5, align: 'right', render: r => String(r.days), sortKey: r => r.days,
//      color: r => (r.days <= 7 ? 'red' : r.days <= 30 ? 'yellow' : undefined)},
//   ];
//   <Table rows={rows} columns={columns} height={rows - chrome} active={active}
//          onSelect={row => nav.push(...)} onCursorChange={row => setCurrent(row)} />
//
// Declare `columns` outside the component or in useMemo, and pass a NEW `rows` array when the data changes: the
// search texts and the sort order are cached per `rows` identity (a key press costs O(window), not O(rows)).
// Keys (legend shown under the table): ↑/↓, PgUp/PgDn (a window at a time), Home/End; `/` opens the search line
// (typing narrows to rows whose cells contain the text, case-insensitive; Enter keeps the filter and leaves the
// line, Backspace on an empty line leaves it, Esc clears it); `s` cycles the sort column (… → last column →
// original order), `S` reverses the direction; Enter calls onSelect(row). Other keys (F4, F8, letters) are not
// consumed, so the screen's own useKeys (PRIORITY.screen) handles them with the row from onCursorChange.
// Pure parts for unit tests: tableReducer/initTableState/clampWindow, TableIndex.
export {Table, ROW_MARK, type TableProps} from './Table.js';
export {tableReducer, initTableState, clampWindow, tableConsumes, type TableState, type TableAction, type TableGeometry} from './reducer.js';
export {TableIndex, compareKeys, searchText} from './table-index.js';
export type {Column, SortSpec} from './types.js';
