// Fits table columns to the width available: first every column shrinks toward its minWidth; when even that is too
// wide, columns give way by `drop` rank (their narrow form first, then the whole column); spare room lets columns
// grow to maxWidth. Columns without a drop rank (e.g. status, days left) always stay. A column with `keepBefore`
// keeps its width while columns up to that rank can still give way (the certificate name over the serial).
import type {Column} from './types.js';

const SEP = 1;

export function fitColumns<R>(columns: readonly Column<R>[], available: number): Column<R>[] {
  let cols: Column<R>[] = columns.map(c => ({...c}));
  const min = (c: Column<R>) => Math.min(c.width, c.minWidth ?? c.width);
  const sum = (f: (c: Column<R>) => number) => cols.reduce((n, c) => n + f(c), 0) + Math.max(0, cols.length - 1) * SEP;

  // Give way by rank until the minimum widths fit; a column kept ahead of this rank counts with its full width.
  const kept = (rank: number) => (c: Column<R>) => (c.keepBefore !== undefined && rank <= c.keepBefore ? c.width : min(c));
  const ranked = cols.filter(c => c.drop !== undefined).sort((a, b) => a.drop! - b.drop!).map(c => c.id);
  for (const id of ranked) {
    const c = cols.find(x => x.id === id)!;
    if (sum(kept(c.drop!)) <= available) break;
    if (c.narrow) {
      const n = c.narrow;
      cols = cols.map(x => (x.id === id ? {...x, header: n.header, width: n.width, minWidth: n.width, maxWidth: n.width, render: n.render, narrow: undefined} : x));
      if (sum(min) <= available) break;
    }
    cols = cols.filter(x => x.id !== id);
  }

  // Shrink the columns with the most slack first, one character at a time; kept columns (keepBefore) last.
  let over = sum(c => c.width) - available;
  for (const floor of [(c: Column<R>) => (c.keepBefore !== undefined ? c.width : min(c)), min]) {
    while (over > 0) {
      let best: Column<R> | undefined;
      for (const c of cols) if (c.width > floor(c) && (!best || c.width - floor(c) > best.width - floor(best))) best = c;
      if (!best) break;
      best.width--;
      over--;
    }
  }
  // Grow into spare room, in column order, up to maxWidth.
  let spare = available - sum(c => c.width);
  for (const c of cols) {
    if (spare <= 0) break;
    const add = Math.min(spare, Math.max(0, (c.maxWidth ?? c.width) - c.width));
    c.width += add;
    spare -= add;
  }
  return cols;
}
