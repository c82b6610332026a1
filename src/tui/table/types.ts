// Column definitions of the shared windowed table.

export interface Column<R> {
  id: string;
  /** Already translated header. */
  header: string;
  /** Cell width in characters (text is cut with `…`). */
  width: number;
  align?: 'left' | 'right';
  /** Cell text. Also what the search matches and the default sort key. */
  render(row: R): string;
  /** Ink colour of the cell (e.g. yellow/red by days left); ignored on the highlighted row. */
  color?(row: R): string | undefined;
  /** Sort key when the text does not sort right (dates, numbers). */
  sortKey?(row: R): string | number;
  /** Excluded from the `s` sort cycle when false. Default true. */
  sortable?: boolean;
}

export interface SortSpec {
  column: string;
  desc: boolean;
}
