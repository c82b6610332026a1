// Filtered + sorted row order for the table, cached so that a key press costs O(window), not O(rows):
// search texts are built once per `rows` array, the sort order once per (rows, column, direction), and the filter
// once per (order, filter text) — narrowing an existing filter only scans the previous result.
import type {Column, SortSpec} from './types.js';

const collator = new Intl.Collator('pl', {numeric: true, sensitivity: 'base'});

export function compareKeys(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/** Lower-case search text of one row: all rendered cells. */
export const searchText = <R>(row: R, columns: readonly Column<R>[]): string =>
  columns.map(c => c.render(row)).join('\u0001').toLocaleLowerCase('pl');

export class TableIndex<R> {
  private rows?: readonly R[];
  private hay: string[] = [];
  private sorted?: {column: string | undefined; desc: boolean; order: number[]};
  private filtered?: {order: number[]; filter: string; view: number[]};

  /** Row indexes in display order. `rows` identity is the cache key: pass a new array when the data changes. */
  view(rows: readonly R[], columns: readonly Column<R>[], sort: SortSpec | undefined, filter: string): number[] {
    if (rows !== this.rows) {
      this.rows = rows;
      this.hay = [];
      this.sorted = undefined;
      this.filtered = undefined;
    }
    const order = this.order(rows, columns, sort);
    const f = filter.trim().toLocaleLowerCase('pl');
    if (!f) return order;
    const prev = this.filtered;
    if (prev && prev.order === order && prev.filter === f) return prev.view;
    if (this.hay.length !== rows.length) this.hay = rows.map(r => searchText(r, columns));
    // Narrowing (typed one more character): only the previous result can still match.
    const base = prev && prev.order === order && f.startsWith(prev.filter) ? prev.view : order;
    const view = base.filter(i => this.hay[i].includes(f));
    this.filtered = {order, filter: f, view};
    return view;
  }

  private order(rows: readonly R[], columns: readonly Column<R>[], sort: SortSpec | undefined): number[] {
    const column = sort ? columns.find(c => c.id === sort.column) : undefined;
    const desc = !!(column && sort?.desc);
    const s = this.sorted;
    if (s && s.column === column?.id && s.desc === desc) return s.order;
    let order: number[];
    if (!column) {
      order = rows.map((_, i) => i);
    } else if (s && s.column === column.id) {
      order = [...s.order].reverse(); // direction flip of the same column
    } else {
      const keys = rows.map(r => (column.sortKey ? column.sortKey(r) : column.render(r)));
      order = rows.map((_, i) => i).sort((a, b) => compareKeys(keys[a], keys[b]) || a - b);
      if (desc) order.reverse();
    }
    this.sorted = {column: column?.id, desc, order};
    return order;
  }
}
