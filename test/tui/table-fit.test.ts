// Column fitting of the shared table: shrink to minWidth, then give way by drop rank (narrow form first), grow into
// spare room up to maxWidth; unranked columns always stay.
import {describe, expect, it} from 'vitest';
import {fitColumns} from '../../src/tui/table/fit.js';
import type {Column} from '../../src/tui/table/types.js';

type R = {s: string};
const col = (id: string, width: number, extra: Partial<Column<R>> = {}): Column<R> => ({id, header: id, width, render: (r) => r.s, ...extra});
const COLS = [
  col('owner', 16, {minWidth: 10, maxWidth: 24, drop: 5}),
  col('serial', 32, {drop: 1}),
  col('valid', 21, {drop: 2, narrow: {header: 'to', width: 10, render: (r) => r.s}}),
  col('days', 4),
  col('status', 14),
];
const layout = (avail: number) => fitColumns(COLS, avail).map((c) => `${c.id}:${c.width}`).join(' ');

describe('fitColumns', () => {
  it('keeps everything when it fits, grows into spare room, then shrinks, narrows and drops by rank', () => {
    expect(layout(200)).toBe('owner:24 serial:32 valid:21 days:4 status:14');
    expect(layout(91)).toBe('owner:16 serial:32 valid:21 days:4 status:14');
    expect(layout(85)).toBe('owner:10 serial:32 valid:21 days:4 status:14');
    expect(layout(84)).toBe('owner:24 valid:21 days:4 status:14'); // serial (rank 1) gives way whole; owner takes the room
    expect(layout(50)).toBe('owner:19 valid:10 days:4 status:14'); // range → end date (narrow form)
    expect(layout(41)).toBe('owner:10 valid:10 days:4 status:14');
    expect(layout(40)).toBe('owner:20 days:4 status:14'); // the end date (rank 2) goes before owner (rank 5)
    expect(layout(30)).toBe('owner:10 days:4 status:14');
    expect(layout(29)).toBe('days:4 status:14'); // only the unranked columns are left
    expect(fitColumns(COLS, 50).find((c) => c.id === 'valid')?.header).toBe('to');
  });

  it('a column with keepBefore keeps its width until the columns up to that rank have given way, and shrinks last', () => {
    const cols = [
      col('owner', 16, {minWidth: 10, maxWidth: 16, drop: 5}),
      col('name', 30, {minWidth: 8, maxWidth: 30, drop: 6, keepBefore: 2}),
      col('serial', 16, {drop: 1}),
      col('valid', 21, {drop: 2, narrow: {header: 'to', width: 10, render: (r) => r.s}}),
      col('status', 14),
    ];
    const at = (avail: number) => fitColumns(cols, avail).map((c) => `${c.id}:${c.width}`).join(' ');
    expect(at(101)).toBe('owner:16 name:30 serial:16 valid:21 status:14');
    // Without keepBefore the name would shrink to 22 and the serial stay; with it the serial goes first.
    expect(at(93)).toBe('owner:16 name:30 valid:21 status:14');
    expect(at(73)).toBe('owner:16 name:30 valid:10 status:14'); // the range → its end date before the name is cut
    expect(at(67)).toBe('owner:10 name:30 valid:10 status:14'); // the owner shrinks before the name
    expect(at(60)).toBe('owner:10 name:23 valid:10 status:14'); // then the name, the end date still shown
  });
});
