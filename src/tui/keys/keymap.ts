// Command → key bindings, as a table. Screens match commands, never raw keys, so a binding changes in one place.
// Binding syntax: keyId() form — `f4`, `escape`, `ctrl+c`, `alt+x`, `enter`, `a`.
import {keyId, type Key} from './key.js';

export const KEYMAP = {
  help: ['f1'],
  save: ['f2'],
  add: ['f3', 'insert'],
  export: ['f4'],
  refresh: ['f5'],
  revoke: ['f8'],
  verify: ['f6'],
  quit: ['f10', 'ctrl+c'],
  back: ['escape'],
  confirm: ['enter'],
  next: ['tab', 'down'],
  previous: ['backtab', 'up'],
  up: ['up'],
  down: ['down'],
  pageUp: ['pageUp'],
  pageDown: ['pageDown'],
  first: ['home'],
  last: ['end'],
  // Certificate list [A-1-5-7] filters, details and QR result keys (letters in both cases).
  filterOwner: ['w', 'W'],
  filterType: ['t', 'T'],
  filterEnv: ['e', 'E'],
  filterStatus: ['a', 'A'],
  filterClear: ['0'],
  successor: ['g', 'G'],
  resume: ['w', 'W'],
  saveImages: ['z', 'Z'],
  fullScreen: ['p', 'P'],
  code1: ['1'],
  code2: ['2'],
  otherCode: ['tab', 'left', 'right'],
  // Answers to a T/N question (Tak/Yes, Nie/No) outside the ConfirmDialog widget.
  yes: ['t', 'T', 'y', 'Y'],
  no: ['n', 'N'],
} as const satisfies Record<string, readonly string[]>;

export type Command = keyof typeof KEYMAP;

/** True when `key` is bound to `command` (exact match: Shift+F4 is not F4). */
export function matches(key: Key, command: Command): boolean {
  const id = keyId(key);
  return (KEYMAP[command] as readonly string[]).includes(id);
}

/** First command bound to `key`, in table order. */
export function commandOf(key: Key): Command | undefined {
  const id = keyId(key);
  return (Object.keys(KEYMAP) as Command[]).find(c => (KEYMAP[c] as readonly string[]).includes(id));
}

/** Label of a command's first binding for legends: `F4`, `Esc`. */
export function bindingLabel(command: Command): string {
  const b = KEYMAP[command][0] as string;
  if (/^f\d+$/.test(b)) return b.toUpperCase();
  return ({escape: 'Esc', enter: 'Enter', tab: 'Tab'} as Record<string, string>)[b] ?? b;
}
