import React from 'react';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {KeyProvider} from '../../src/tui/keys/KeyProvider.js';
import {parseKeys} from '../../src/tui/keys/parse.js';
import {
  Table, TableIndex, clampWindow, searchText, initTableState, tableConsumes, tableReducer, type Column, type TableState,
} from '../../src/tui/table/index.js';
import {KEYS, settle, waitForFrame, waitForGone} from '../helpers/ink.js';

afterEach(cleanup);

interface Row {
  n: number;
  name: string;
  env: string;
}

const ENVS = ['D', 'P', 'T'];
const ROWS: Row[] = Array.from({length: 10_000}, (_, i) => ({
  n: i + 1, name: `Certyfikat ${String(i + 1).padStart(5, '0')}${i % 1000 === 0 ? ' Zażółć' : ''}`, env: ENVS[i % 3],
}));
const COLUMNS: Column<Row>[] = [
  {id: 'name', header: 'Nazwa', width: 26, render: r => r.name},
  {id: 'n', header: 'Nr', width: 6, align: 'right', render: r => String(r.n), sortKey: r => r.n},
  {id: 'env', header: 'Śr.', width: 4, render: r => r.env},
];

function mount(extra: Partial<React.ComponentProps<typeof Table<Row>>> = {}) {
  const onSelect = vi.fn();
  const onCursorChange = vi.fn();
  const r = render(
    <KeyProvider escTimeoutMs={0}>
      <Table rows={ROWS} columns={COLUMNS} height={10} onSelect={onSelect} onCursorChange={onCursorChange} {...extra} />
    </KeyProvider>,
  );
  return {...r, onSelect, onCursorChange};
}

/** Data lines of the frame (between the header and the status line). */
const dataLines = (frame: string | undefined) => (frame ?? '').split('\n').slice(1, 11);
const firstName = (frame: string | undefined) => /Certyfikat \d{5}/.exec(dataLines(frame)[0])?.[0];

describe('Table over 10,000 rows', () => {
  it('↓, PgDn, End, PgUp, Home move the window and the frame shows the right rows', async () => {
    const r = mount();
    await waitForFrame(r.lastFrame, '10000 z 10000');
    expect(dataLines(r.lastFrame())).toHaveLength(10);
    expect(firstName(r.lastFrame())).toBe('Certyfikat 00001');
    expect(r.lastFrame()).not.toContain('Certyfikat 00011');
    for (let i = 0; i < 10; i++) r.stdin.write(KEYS.down);
    await waitForFrame(r.lastFrame, 'Certyfikat 00011'); // cursor on row 11: window scrolled by one
    expect(firstName(r.lastFrame())).toBe('Certyfikat 00002');
    await vi.waitFor(() => expect(r.onCursorChange).toHaveBeenLastCalledWith(ROWS[10]));
    r.stdin.write(KEYS.pageDown);
    await waitForFrame(r.lastFrame, 'Certyfikat 00021');
    expect(firstName(r.lastFrame())).toBe('Certyfikat 00012');
    r.stdin.write(KEYS.end);
    await waitForFrame(r.lastFrame, 'Certyfikat 10000');
    expect(firstName(r.lastFrame())).toBe('Certyfikat 09991');
    expect(dataLines(r.lastFrame())).toHaveLength(10);
    r.stdin.write(KEYS.pageUp);
    await waitForFrame(r.lastFrame, /^[▶ ] Certyfikat 09981/m);
    r.stdin.write(KEYS.home);
    await waitForFrame(r.lastFrame, /^[▶ ] Certyfikat 00001/m);
    r.stdin.write(KEYS.enter);
    await vi.waitFor(() => expect(r.onSelect).toHaveBeenCalledWith(ROWS[0]));
  });

  it('/ opens the search; typing narrows the rows; Esc clears it', async () => {
    const r = mount();
    await waitForFrame(r.lastFrame, '10000 z 10000');
    r.stdin.write('/zażółć');
    await waitForFrame(r.lastFrame, 'Szukaj: zażółć▏');
    expect(r.lastFrame()).toContain('10 z 10000');
    expect(dataLines(r.lastFrame()).filter(l => l.includes('Zażółć'))).toHaveLength(10);
    r.stdin.write('\x7f\x7f\x7f\x7f\x7f\x7f099');
    const expected = ROWS.filter(row => searchText(row, COLUMNS).includes('099')).length;
    expect(expected).toBeGreaterThan(10);
    await waitForFrame(r.lastFrame, `Szukaj: 099▏`);
    await waitForFrame(r.lastFrame, `${expected} z 10000`);
    r.stdin.write(KEYS.enter); // leave the search line, keep the filter
    await waitForGone(r.lastFrame, 'Szukaj: 099▏');
    expect(r.lastFrame()).toContain('Szukaj: 099');
    r.stdin.write(KEYS.enter);
    await vi.waitFor(() => expect(r.onSelect).toHaveBeenCalledWith(ROWS[98]));
    r.stdin.write(KEYS.esc);
    await waitForFrame(r.lastFrame, '10000 z 10000');
  });

  it('s sorts by the next column, S reverses the order', async () => {
    const r = mount({initialSort: {column: 'n', desc: false}});
    await waitForFrame(r.lastFrame, 'sortowanie: Nr ▲');
    expect(firstName(r.lastFrame())).toBe('Certyfikat 00001');
    r.stdin.write('S');
    await waitForFrame(r.lastFrame, 'sortowanie: Nr ▼');
    expect(firstName(r.lastFrame())).toBe('Certyfikat 10000');
    expect(dataLines(r.lastFrame())[1]).toContain('Certyfikat 09999');
    r.stdin.write('s');
    await waitForFrame(r.lastFrame, 'sortowanie: Śr. ▲');
    expect(dataLines(r.lastFrame()).every(l => / D\s*$/.test(l))).toBe(true);
    r.stdin.write('S');
    await waitForFrame(r.lastFrame, 'sortowanie: Śr. ▼');
    expect(dataLines(r.lastFrame()).every(l => / T\s*$/.test(l))).toBe(true);
  });

  it('passes F-keys and other letters to the screen; Enter is not consumed without onSelect', async () => {
    const screenKeys: string[] = [];
    const {useKeys, PRIORITY} = await import('../../src/tui/keys/KeyProvider.js');
    function Screen() {
      useKeys(k => {
        screenKeys.push(k.name === 'char' ? k.ch! : k.name);
        return true;
      }, {priority: PRIORITY.screen});
      return <Table rows={ROWS.slice(0, 5)} columns={COLUMNS} height={5} />;
    }
    const r = render(<KeyProvider escTimeoutMs={0}><Screen /></KeyProvider>);
    await waitForFrame(r.lastFrame, '5 z 5');
    r.stdin.write(`${KEYS.f4}x\r${KEYS.down}${KEYS.esc}`);
    await vi.waitFor(() => expect(screenKeys).toEqual(['f4', 'x', 'enter', 'escape']));
    await settle();
  });
});

describe('table reducer and index (pure)', () => {
  const geo = (count: number, height = 10) => ({count, height, sortable: ['name', 'n', 'env']});
  const keys = (s: TableState, text: string, count = 10_000) =>
    parseKeys(text).reduce((st, key) => tableReducer(st, {type: 'key', key, geo: geo(count)}), s);

  it('moves cursor and window, clamps at both ends', () => {
    let s = keys(initTableState(), KEYS.up);
    expect(s).toMatchObject({cursor: 0, top: 0});
    s = keys(s, KEYS.down.repeat(12));
    expect(s).toMatchObject({cursor: 12, top: 3});
    s = keys(s, KEYS.pageDown);
    expect(s).toMatchObject({cursor: 22, top: 13});
    s = keys(s, KEYS.end);
    expect(s).toMatchObject({cursor: 9999, top: 9990});
    s = keys(s, KEYS.pageDown + KEYS.down);
    expect(s).toMatchObject({cursor: 9999, top: 9990});
    s = keys(s, KEYS.pageUp);
    expect(s).toMatchObject({cursor: 9989, top: 9980});
    expect(keys(s, KEYS.home)).toMatchObject({cursor: 0, top: 0});
    expect(keys(initTableState(), KEYS.end, 4)).toMatchObject({cursor: 3, top: 0});
    expect(keys(initTableState(), KEYS.down, 0)).toMatchObject({cursor: 0, top: 0});
    expect(clampWindow({...initTableState(), cursor: 50, top: 45}, geo(20))).toMatchObject({cursor: 19, top: 10});
  });

  it('search mode takes characters; s cycles columns then back to the original order; S flips', () => {
    let s = keys(initTableState(), '/abc\x7fd');
    expect(s).toMatchObject({filtering: true, filter: 'abd'});
    s = keys(s, '\r');
    expect(s).toMatchObject({filtering: false, filter: 'abd'});
    s = keys(s, 's');
    expect(s.sort).toEqual({column: 'name', desc: false});
    s = keys(s, 'sS');
    expect(s.sort).toEqual({column: 'n', desc: true});
    s = keys(s, 'ss');
    expect(s.sort).toBeUndefined();
    s = keys(s, '\x1b');
    expect(s.filter).toBe('');
    expect(tableConsumes(s, parseKeys('\x1b')[0], true)).toBe(false); // nothing to clear: Esc goes back
    expect(tableConsumes(s, parseKeys('x')[0], true)).toBe(false);
    expect(tableConsumes({...s, filtering: true}, parseKeys('x')[0], true)).toBe(true);
  });

  it('TableIndex sorts once per column and reuses the order; narrowing filters the previous result', () => {
    const idx = new TableIndex<Row>();
    let renders = 0;
    const cols: Column<Row>[] = [{id: 'name', header: 'N', width: 5, render: r => (renders++, r.name)}];
    const asc = idx.view(ROWS, cols, {column: 'name', desc: false}, '');
    expect(asc).toHaveLength(10_000);
    expect(idx.view(ROWS, cols, {column: 'name', desc: false}, '')).toBe(asc); // cached
    const afterSort = renders;
    const desc = idx.view(ROWS, cols, {column: 'name', desc: true}, '');
    expect(desc[0]).toBe(asc[asc.length - 1]);
    expect(renders).toBe(afterSort); // a flip does not re-render cells
    const f1 = idx.view(ROWS, cols, {column: 'name', desc: true}, '0999');
    expect(f1.map(i => ROWS[i].n)).toEqual([9999, 9998, 9997, 9996, 9995, 9994, 9993, 9992, 9991, 9990, 999]);
    expect(idx.view(ROWS, cols, {column: 'name', desc: true}, '09999').map(i => ROWS[i].n)).toEqual([9999]);
    expect(idx.view([...ROWS], cols, undefined, '')[0]).toBe(0); // a new rows array resets the caches
  });
});
