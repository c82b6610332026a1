// The one normalized key type of the app. Screens never see raw terminal sequences.

export type FunctionKeyName = 'f1' | 'f2' | 'f3' | 'f4' | 'f5' | 'f6' | 'f7' | 'f8' | 'f9' | 'f10' | 'f11' | 'f12';

export type KeyName =
  | 'char' // printable character in `ch` (also with ctrl/alt)
  | 'enter' | 'escape' | 'tab' | 'backtab' | 'backspace' | 'delete' | 'insert'
  | 'up' | 'down' | 'left' | 'right' | 'home' | 'end' | 'pageUp' | 'pageDown'
  | FunctionKeyName;

export interface Key {
  name: KeyName;
  /** The character for `name === 'char'` (lower-case letter for Ctrl+letter). */
  ch?: string;
  ctrl?: boolean;
  alt?: boolean;
  shift?: boolean;
  /** Raw sequence the key came from (for debugging; never shown as text). */
  seq: string;
}

/** True for a plain printable character with no Ctrl/Alt modifier. */
export const isText = (k: Key): k is Key & {name: 'char'; ch: string} => k.name === 'char' && !k.ctrl && !k.alt;

/** Short human form: `f4`, `ctrl+c`, `alt+x`, `a`, `enter`. Used by the keymap and in tests. */
export function keyId(k: Key): string {
  const mods = `${k.ctrl ? 'ctrl+' : ''}${k.alt ? 'alt+' : ''}${k.shift ? 'shift+' : ''}`;
  return mods + (k.name === 'char' ? (k.ch ?? '') : k.name);
}
