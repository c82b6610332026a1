import {describe, expect, it} from 'vitest';
import {initialNav, navReducer, topFrame, ROOT_FRAME, type NavState} from '../../src/screens/menu/navigator.js';
import {MENU_TREE, breadcrumb, nodeAt, pathOfScreen} from '../../src/screens/menu/tree.js';
import {parseKeys} from '../../src/tui/keys/parse.js';

const feed = (s: NavState, chunk: string) => parseKeys(chunk).reduce((st, key) => navReducer(st, {type: 'key', key}), s);
const crumb = (s: NavState) => breadcrumb(topFrame(s).path);
const start = () => initialNav(MENU_TREE);

describe('menu tree', () => {
  it('holds the module path A → 1 → 5 with the F2000 items', () => {
    const konf = nodeAt(MENU_TREE, ['A', '1', '5'])!;
    expect(konf.children!.map(c => c.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(nodeAt(MENU_TREE, ['A', '1', '5', '4'])!.children!.map(c => c.screen))
      .toEqual(['cert-generate-operator', 'cert-generate-branch', 'cert-generate-company']);
    expect(pathOfScreen(MENU_TREE, 'cert-list')).toEqual(['A', '1', '5', '7']);
  });

  it('marks every item outside A-1-5 as outside, and none inside', () => {
    const outsideCodes = (path: string[]) => nodeAt(MENU_TREE, path)!.children!.filter(c => c.outside).map(c => c.code);
    expect(outsideCodes([])).toEqual(['B', 'C', 'K', 'M']);
    expect(outsideCodes(['A'])).toEqual(['2', '3']);
    expect(outsideCodes(['A', '1'])).toEqual(['1', '2', '3', '4']);
    expect(outsideCodes(['A', '1', '5'])).toEqual([]);
  });
});

describe('navigator reducer', () => {
  it('digits/letters open at once, case-insensitively', () => {
    expect(crumb(feed(start(), 'a157'))).toBe('A-1-5-7');
    expect(topFrame(feed(start(), 'A157'))).toMatchObject({kind: 'screen', screen: 'cert-list'});
    expect(crumb(feed({...start(), admin: true}, 'a1542'))).toBe('A-1-5-4-2');
  });

  it('items for administrators only stay closed for an operator, with the reason', () => {
    const s = feed(navReducer(start(), {type: 'role', admin: false}), 'a1543');
    expect(crumb(s)).toBe('A-1-5-4');
    expect(s.message).toBe('menu.adminOnly');
    expect(navReducer(start(), {type: 'open', path: ['A', '1', '5', '4', '2']}).stack.at(-1)).toMatchObject({kind: 'menu'});
    expect(crumb(feed(navReducer(start(), {type: 'role', admin: true}), 'a1543'))).toBe('A-1-5-4-3');
  });

  it('arrows wrap, Enter opens the highlighted item', () => {
    let s = feed(start(), '\x1b[A'); // up from A wraps to M
    expect(topFrame(s)).toMatchObject({cursor: 4});
    s = feed(s, '\x1b[B\r'); // down wraps to A, Enter
    expect(crumb(s)).toBe('A');
    s = feed(s, '\r\x1b[B\x1b[B\x1b[B\x1b[B\r\x1b[F\x1b[A\r');
    expect(crumb(s)).toBe('A-1-5-7');
  });

  it('unknown letters and keys change nothing', () => {
    const s = start();
    expect(feed(s, 'z9\x1b[24~\x1b[2~')).toEqual(s);
  });

  it('items outside the module set a message and stay', () => {
    const s = feed(start(), 'a2');
    expect(crumb(s)).toBe('A');
    expect(s.message).toBe('menu.outside');
    const next = feed(s, '\x1b[B');
    expect(next.message).toBeUndefined();
  });

  it('Esc pops; at the root it asks; T quits, N cancels', () => {
    let s = feed(start(), 'a15');
    s = feed(s, '\x1b');
    expect(crumb(s)).toBe('A-1');
    s = feed(s, '\x1b');
    s = feed(s, '\x1b');
    expect(s.stack).toEqual([ROOT_FRAME]);
    s = feed(s, '\x1b');
    expect(s.overlay).toEqual({kind: 'quit'});
    expect(feed(s, 'n').overlay).toBeUndefined();
    expect(feed(s, 'n').quit).toBe(false);
    expect(feed(s, 'x').overlay).toEqual({kind: 'quit'});
    expect(feed(s, 't').quit).toBe(true);
  });

  it('left goes back, right opens like Enter', () => {
    const s = feed(start(), '\x1b[C\x1b[C');
    expect(crumb(s)).toBe('A-1');
    expect(crumb(feed(s, '\x1b[D'))).toBe('A');
  });

  it('F10 quits from anywhere; F1 opens help which Esc/Enter/F1 closes and keys do not pass', () => {
    expect(feed(start(), 'a1\x1b[21~').quit).toBe(true);
    const h = feed(start(), 'a\x1bOP');
    expect(h.overlay).toEqual({kind: 'help'});
    expect(crumb(feed(h, '1'))).toBe('A');
    expect(feed(h, '\r').overlay).toBeUndefined();
    expect(feed(h, '\x1bOP').overlay).toBeUndefined();
  });

  it('open builds the stack of a deep path, stopping at outside items', () => {
    const s = navReducer(start(), {type: 'open', path: ['A', '1', '5', '7']});
    expect(s.stack.map(f => breadcrumb(f.path))).toEqual(['', 'A', 'A-1', 'A-1-5', 'A-1-5-7']);
    expect(s.stack[3]).toMatchObject({cursor: 6});
    const o = navReducer(start(), {type: 'open', path: ['A', '2']});
    expect(crumb(o)).toBe('A');
    expect(o.message).toBe('menu.outside');
  });

  it('a screen frame takes Esc back to its menu with the cursor kept', () => {
    const s = feed(start(), 'a157');
    const back = feed(s, '\x1b');
    expect(topFrame(back)).toEqual({kind: 'menu', path: ['A', '1', '5'], cursor: 6});
    expect(feed(s, '1')).toEqual({...s}); // digits do nothing on a leaf screen frame
  });
});
