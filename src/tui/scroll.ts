// Scroll state of a region that shows `height` of `total` lines: the first shown line, and whether the region
// follows the tail (progress: the newest lines stay in view until the user scrolls up; back at the end it follows
// again). Pure, so several keys of one chunk compose before React re-renders.
import {matches} from './keys/keymap.js';
import type {Key} from './keys/key.js';

export interface ScrollState {
  /** Index of the first shown line. */
  top: number;
  /** Stick to the end as lines are added. */
  follow: boolean;
}

export interface ScrollGeometry {
  total: number;
  height: number;
}

export type ScrollAction =
  | {type: 'by'; lines: number}
  | {type: 'page'; pages: number}
  | {type: 'home'}
  | {type: 'end'}
  /** Content or size changed: clamp, follow the tail, keep `reveal` (a line index, e.g. the current step) in view. */
  | {type: 'fit'; reveal?: number};

export const maxTop = ({total, height}: ScrollGeometry): number => Math.max(0, total - Math.max(1, height));

export function initialScroll(follow = false): ScrollState {
  return {top: 0, follow};
}

function at(top: number, g: ScrollGeometry, followMode: boolean): ScrollState {
  const max = maxTop(g);
  const clamped = Math.min(max, Math.max(0, top));
  // In follow mode, reaching the end (again) re-attaches to the tail; leaving it detaches.
  return {top: clamped, follow: followMode && clamped >= max};
}

/** `followMode`: the region was asked to follow the tail (the state's `follow` says whether it does right now). */
export function scrollReducer(s: ScrollState, a: ScrollAction, g: ScrollGeometry, followMode = false): ScrollState {
  const page = Math.max(1, g.height - 1); // one line of overlap keeps the reader's place
  switch (a.type) {
    case 'by':
      return at(s.top + a.lines, g, followMode);
    case 'page':
      return at(s.top + a.pages * page, g, followMode);
    case 'home':
      return at(0, g, followMode);
    case 'end':
      return at(maxTop(g), g, followMode);
    case 'fit': {
      if (s.follow) return s.top === maxTop(g) ? s : {top: maxTop(g), follow: true};
      let top = Math.min(maxTop(g), Math.max(0, s.top));
      if (a.reveal !== undefined && a.reveal >= 0 && a.reveal < g.total) {
        if (a.reveal < top) top = a.reveal;
        else if (a.reveal >= top + g.height) top = a.reveal - g.height + 1;
      }
      return top === s.top ? s : {top, follow: false};
    }
  }
}

/** The scroll action a key means (↑ ↓ PgUp PgDn Home End through the keymap), or undefined. */
export function scrollActionOf(key: Key): ScrollAction | undefined {
  if (matches(key, 'up')) return {type: 'by', lines: -1};
  if (matches(key, 'down')) return {type: 'by', lines: 1};
  if (matches(key, 'pageUp')) return {type: 'page', pages: -1};
  if (matches(key, 'pageDown')) return {type: 'page', pages: 1};
  if (matches(key, 'first')) return {type: 'home'};
  if (matches(key, 'last')) return {type: 'end'};
  return undefined;
}

/** Position marker: `▲ 12–31/54 ▼` — arrows only where more lines are; '' when everything fits. */
export function scrollMarker(s: ScrollState, g: ScrollGeometry): string {
  if (g.total <= g.height) return '';
  const first = s.top + 1;
  const last = Math.min(g.total, s.top + g.height);
  return `${s.top > 0 ? '▲' : ' '} ${first}–${last}/${g.total} ${last < g.total ? '▼' : ' '}`;
}

/** Plain text as terminal lines of at most `width` columns: words wrapped, words longer than a line cut. */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const out: string[] = [];
  for (const para of text.split('\n')) {
    const indent = /^\s*/.exec(para)?.[0] ?? '';
    let line = '';
    const push = () => {
      out.push(line);
      line = '';
    };
    const words = para.slice(indent.length).split(/ +/);
    line = indent.length < w ? indent : '';
    let lineHasWord = false;
    for (const word of words) {
      let rest = [...word];
      while (rest.length > 0) {
        const room = w - [...line].length - (lineHasWord ? 1 : 0);
        if (rest.length <= room) {
          line += (lineHasWord ? ' ' : '') + rest.join('');
          lineHasWord = true;
          rest = [];
        } else if (lineHasWord) {
          push();
          lineHasWord = false;
        } else {
          line += rest.slice(0, room).join('');
          rest = rest.slice(room);
          push();
        }
      }
    }
    if (lineHasWord || para.trim() === '') push();
  }
  return out;
}
