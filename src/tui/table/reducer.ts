// Table cursor / window / search / sort state. Pure; the geometry (row count of the current view, window height,
// sortable columns) comes with every action, so nothing here is O(rows).
import type {Key} from '../keys/key.js';
import {isText} from '../keys/key.js';
import type {SortSpec} from './types.js';

export interface TableState {
  /** Position in the current (filtered, sorted) view. */
  cursor: number;
  /** First visible position. */
  top: number;
  filter: string;
  /** The search line takes typed characters. */
  filtering: boolean;
  sort?: SortSpec;
}

export interface TableGeometry {
  count: number;
  height: number;
  /** Column ids in the `s` cycle, in order. */
  sortable: readonly string[];
}

export type TableAction =
  | {type: 'key'; key: Key; geo: TableGeometry}
  | {type: 'clamp'; geo: TableGeometry}
  | {type: 'filter'; filter: string}
  | {type: 'sort'; sort?: SortSpec};

export const initTableState = (sort?: SortSpec, filter = ''): TableState => ({cursor: 0, top: 0, filter, filtering: false, sort});

/** Puts the cursor inside [0, count) and the window around it. */
export function clampWindow(s: TableState, geo: TableGeometry): TableState {
  const h = Math.max(1, geo.height);
  const cursor = geo.count === 0 ? 0 : Math.min(Math.max(0, s.cursor), geo.count - 1);
  let top = Math.min(s.top, cursor);
  if (cursor >= top + h) top = cursor - h + 1;
  top = Math.max(0, Math.min(top, Math.max(0, geo.count - h)));
  return cursor === s.cursor && top === s.top ? s : {...s, cursor, top};
}

const reset = (s: TableState, patch: Partial<TableState>): TableState => ({...s, ...patch, cursor: 0, top: 0});

function nextSort(s: TableState, sortable: readonly string[]): SortSpec | undefined {
  if (!sortable.length) return s.sort;
  const at = s.sort ? sortable.indexOf(s.sort.column) : -1;
  const next = sortable[at + 1];
  return next === undefined ? undefined : {column: next, desc: false}; // after the last column: original order
}

export function tableReducer(s: TableState, a: TableAction): TableState {
  switch (a.type) {
    case 'clamp':
      return clampWindow(s, a.geo);
    case 'filter':
      return reset(s, {filter: a.filter});
    case 'sort':
      return reset(s, {sort: a.sort});
    case 'key':
      break;
  }
  const {key, geo} = a;
  const h = Math.max(1, geo.height);
  if (s.filtering) {
    if (isText(key)) return reset(s, {filter: s.filter + key.ch});
    if (key.name === 'backspace') return s.filter ? reset(s, {filter: s.filter.slice(0, -1)}) : {...s, filtering: false};
    if (key.name === 'enter') return {...s, filtering: false};
    if (key.name === 'escape') return reset(s, {filter: '', filtering: false});
  }
  switch (key.name) {
    case 'up':
      return clampWindow({...s, cursor: s.cursor - 1}, geo);
    case 'down':
      return clampWindow({...s, cursor: s.cursor + 1}, geo);
    case 'pageUp':
      return clampWindow({...s, cursor: s.cursor - h, top: s.top - h}, geo);
    case 'pageDown':
      return clampWindow({...s, cursor: s.cursor + h, top: s.top + h}, geo);
    case 'home':
      return clampWindow({...s, cursor: 0, top: 0}, geo);
    case 'end':
      return clampWindow({...s, cursor: geo.count - 1, top: geo.count - h}, geo);
    case 'escape':
      return s.filter ? reset(s, {filter: ''}) : s;
    default:
      break;
  }
  if (isText(key) && !s.filtering) {
    if (key.ch === '/') return {...s, filtering: true};
    if (key.ch === 's') return reset(s, {sort: nextSort(s, geo.sortable)});
    if (key.ch === 'S') {
      const column = s.sort?.column ?? geo.sortable[0];
      return column === undefined ? s : reset(s, {sort: {column, desc: !(s.sort?.desc ?? false)}});
    }
  }
  return s;
}

/** Keys the table takes in state `s`; the rest (F-keys, other letters, Esc without a search) go to the screen. */
export function tableConsumes(s: TableState, key: Key, selectable: boolean): boolean {
  if (['up', 'down', 'pageUp', 'pageDown', 'home', 'end'].includes(key.name)) return true;
  if (key.name === 'enter') return selectable || s.filtering;
  if (s.filtering) return isText(key) || key.name === 'backspace' || key.name === 'escape';
  if (key.name === 'escape') return s.filter !== '';
  return isText(key) && ['/', 's', 'S'].includes(key.ch);
}
