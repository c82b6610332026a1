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
  /** Narrowest useful width when the table must shrink to the terminal (default `width`: never shrinks). */
  minWidth?: number;
  /** Widest it may grow when the terminal has room to spare (default `width`). */
  maxWidth?: number;
  /**
   * Order in which the column gives way when even the minimum widths do not fit: 1 goes first (its `narrow` form
   * first, if it has one, then the column itself). Without it the column always stays.
   */
  drop?: number;
  /**
   * This column keeps its full `width` until every column with a drop rank up to `keepBefore` has given way (its
   * narrow form, or the column itself when it has none); only then does it shrink toward `minWidth`. E.g. the
   * certificate name is worth more than the serial and the full validity range.
   */
  keepBefore?: number;
  /** A shorter form tried before the column is dropped (e.g. only the end date instead of the range). */
  narrow?: {header: string; width: number; render(row: R): string};
}

export interface SortSpec {
  column: string;
  desc: boolean;
}
