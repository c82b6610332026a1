// Navigator: one reducer holds the screen stack, the overlays (help, quit confirmation) and the flash message.
// Menu keys are handled here, on the latest state, so a chunk like `a15` walks three levels without waiting for
// React to re-render between keys.
import type {Key} from '../../tui/keys/key.js';
import {isText} from '../../tui/keys/key.js';
import {matches} from '../../tui/keys/keymap.js';
import type {MessageKey} from '../../i18n/index.js';
import {nodeAt, type MenuNode} from './tree.js';
import type {FrameScreen} from '../registry.js';

export type Frame =
  | {kind: 'menu'; path: string[]; cursor: number}
  | {kind: 'screen'; path: string[]; screen: FrameScreen; params?: Record<string, unknown>};

export type Overlay = {kind: 'help'} | {kind: 'quit'};

export interface NavState {
  tree: MenuNode;
  stack: Frame[];
  overlay?: Overlay;
  /** One-line message shown until the next key (e.g. "Poza modułem certyfikatów KSeF"). */
  message?: MessageKey;
  /** Set when the app should exit. */
  quit: boolean;
  /** The logged-in operator is an administrator (items marked adminOnly open only then). */
  admin?: boolean;
  /** Letters accepted as "yes"/"no" in the quit confirmation (from the catalogue). */
  yesKeys: string;
  noKeys: string;
}

export type NavAction =
  | {type: 'key'; key: Key}
  | {type: 'open'; path: string[]}
  | {type: 'push'; frame: Frame}
  | {type: 'back'}
  | {type: 'reset'; stack: Frame[]}
  | {type: 'help'}
  | {type: 'closeOverlay'}
  | {type: 'askQuit'}
  | {type: 'quit'}
  | {type: 'message'; message?: MessageKey}
  | {type: 'role'; admin: boolean};

export const ROOT_FRAME: Frame = {kind: 'menu', path: [], cursor: 0};

export function initialNav(tree: MenuNode, stack: Frame[] = [ROOT_FRAME], yesKeys = 'tT', noKeys = 'nN'): NavState {
  return {tree, stack, quit: false, yesKeys, noKeys};
}

export const topFrame = (s: NavState): Frame => s.stack[s.stack.length - 1];

/** Opens a child of the current menu: submenu, screen, or a message for items outside the module. */
function openChild(s: NavState, parent: string[], child: MenuNode): NavState {
  if (child.outside) return {...s, message: 'menu.outside'};
  if (child.adminOnly && !s.admin) return {...s, message: 'menu.adminOnly'};
  const path = [...parent, child.code];
  if (child.children?.length) return {...s, stack: [...s.stack, {kind: 'menu', path, cursor: 0}]};
  return {...s, stack: [...s.stack, {kind: 'screen', path, screen: child.screen ?? 'placeholder'}]};
}

function menuKey(s: NavState, frame: Extract<Frame, {kind: 'menu'}>, key: Key): NavState {
  const node = nodeAt(s.tree, frame.path);
  const items = node?.children ?? [];
  const n = items.length;
  const setCursor = (cursor: number): NavState => {
    const stack = s.stack.slice();
    stack[stack.length - 1] = {...frame, cursor};
    return {...s, stack};
  };
  if (isText(key)) {
    const i = items.findIndex(c => c.code.toUpperCase() === key.ch.toUpperCase());
    if (i < 0) return s;
    return openChild(setCursor(i), frame.path, items[i]);
  }
  if (n === 0) return s;
  if (matches(key, 'up')) return setCursor((frame.cursor - 1 + n) % n);
  if (matches(key, 'down')) return setCursor((frame.cursor + 1) % n);
  if (matches(key, 'first') || matches(key, 'pageUp')) return setCursor(0);
  if (matches(key, 'last') || matches(key, 'pageDown')) return setCursor(n - 1);
  if (matches(key, 'confirm') || key.name === 'right') return openChild(s, frame.path, items[Math.min(frame.cursor, n - 1)]);
  if (key.name === 'left') return back(s);
  return s;
}

function back(s: NavState): NavState {
  if (s.stack.length <= 1) return {...s, overlay: {kind: 'quit'}};
  return {...s, stack: s.stack.slice(0, -1)};
}

function overlayKey(s: NavState, overlay: Overlay, key: Key): NavState {
  if (overlay.kind === 'help') {
    if (matches(key, 'back') || matches(key, 'confirm') || matches(key, 'help')) return {...s, overlay: undefined};
    if (matches(key, 'quit')) return {...s, quit: true};
    return s;
  }
  // quit confirmation (T/N)
  if (isText(key) && s.yesKeys.includes(key.ch)) return {...s, quit: true, overlay: undefined};
  if (matches(key, 'quit')) return {...s, quit: true, overlay: undefined};
  if ((isText(key) && s.noKeys.includes(key.ch)) || matches(key, 'back')) return {...s, overlay: undefined};
  return s;
}

export function navReducer(s: NavState, a: NavAction): NavState {
  switch (a.type) {
    case 'key': {
      if (s.quit) return s;
      const cleared: NavState = s.message ? {...s, message: undefined} : s;
      if (s.overlay) return overlayKey(cleared, s.overlay, a.key);
      // F10 quits at once from anywhere (no confirmation: it is the F2000 "Koniec" key). Esc at the root asks.
      if (matches(a.key, 'quit')) return {...cleared, quit: true};
      if (matches(a.key, 'help')) return {...cleared, overlay: {kind: 'help'}};
      const top = topFrame(cleared);
      if (matches(a.key, 'back')) return back(cleared);
      if (top.kind === 'menu') return menuKey(cleared, top, a.key);
      return cleared;
    }
    case 'open': {
      let st: NavState = {...s, stack: [ROOT_FRAME], overlay: undefined, message: undefined};
      for (let i = 0; i < a.path.length; i++) {
        const parent = a.path.slice(0, i);
        const node = nodeAt(s.tree, parent);
        const idx = node?.children?.findIndex(c => c.code.toUpperCase() === a.path[i].toUpperCase()) ?? -1;
        if (!node?.children || idx < 0) break;
        const top = topFrame(st);
        if (top.kind === 'menu') st.stack[st.stack.length - 1] = {...top, cursor: idx};
        st = openChild(st, parent, node.children[idx]);
      }
      return st;
    }
    case 'push':
      return {...s, stack: [...s.stack, a.frame]};
    case 'back':
      return back(s);
    case 'reset':
      return {...s, stack: a.stack, overlay: undefined, message: undefined};
    case 'help':
      return {...s, overlay: {kind: 'help'}};
    case 'closeOverlay':
      return {...s, overlay: undefined};
    case 'askQuit':
      return {...s, overlay: {kind: 'quit'}};
    case 'quit':
      return {...s, quit: true};
    case 'message':
      return {...s, message: a.message};
    case 'role':
      return {...s, admin: a.admin};
  }
}
