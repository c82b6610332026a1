// Pure parser: raw terminal input (one Ink 'input' event, or any chunk) → separate keys.
// Covers xterm/VTE/tmux, vt220, rxvt/PuTTY and the Linux console; unknown escape sequences are dropped,
// so e.g. Shift+F4 on a terminal we do not map never leaks `[1;2S` into a text field.
import type {FunctionKeyName, Key, KeyName} from './key.js';

const ESC = '\x1b';

const FN: FunctionKeyName[] = ['f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8', 'f9', 'f10', 'f11', 'f12'];

/** `ESC [ n ~` (vt220, PuTTY, rxvt, xterm F5+). */
const TILDE: Record<number, KeyName> = {
  1: 'home', 2: 'insert', 3: 'delete', 4: 'end', 5: 'pageUp', 6: 'pageDown', 7: 'home', 8: 'end',
  11: 'f1', 12: 'f2', 13: 'f3', 14: 'f4', 15: 'f5', 17: 'f6', 18: 'f7', 19: 'f8', 20: 'f9', 21: 'f10',
  23: 'f11', 24: 'f12',
};

/** Final byte of `ESC [ …` and `ESC O …` (xterm cursor keys, SS3 F1–F4, Shift+Tab). */
const FINAL: Record<string, KeyName> = {
  A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end', P: 'f1', Q: 'f2', R: 'f3', S: 'f4',
};

/** Linux console `ESC [ [ A..E` = F1..F5. */
const LINUX: Record<string, KeyName> = {A: 'f1', B: 'f2', C: 'f3', D: 'f4', E: 'f5'};

interface Parsed {
  key?: Key; // undefined = recognised but dropped
  next: number;
}

/** xterm modifier parameter m = 1 + (Shift 1 | Alt 2 | Ctrl 4). */
function withModifiers(key: Key, m: number | undefined): Key {
  if (!m || m < 2) return key;
  const bits = m - 1;
  return {...key, shift: (bits & 1) !== 0 || undefined, alt: (bits & 2) !== 0 || undefined, ctrl: (bits & 4) !== 0 || undefined};
}

function parseCsi(s: string, start: number): Parsed {
  // s[start] = ESC, s[start+1] = '['
  let i = start + 2;
  if (s[i] === '[') {
    const name = LINUX[s[i + 1] ?? ''];
    const next = Math.min(i + 2, s.length);
    return {key: name ? {name, seq: s.slice(start, next)} : undefined, next};
  }
  const paramStart = i;
  while (i < s.length && s.charCodeAt(i) >= 0x20 && s.charCodeAt(i) <= 0x3f) i++;
  if (i >= s.length) return {next: s.length}; // incomplete sequence: drop
  const finalCode = s.charCodeAt(i);
  if (finalCode < 0x40 || finalCode > 0x7e) return {next: i}; // malformed: drop the prefix, keep the rest
  const params = s.slice(paramStart, i);
  const final = s[i];
  const next = i + 1;
  const seq = s.slice(start, next);
  if (!/^[0-9;]*$/.test(params)) return {next}; // private modes, mouse, etc.
  const nums = params === '' ? [] : params.split(';').map(n => Number(n || '1'));
  if (final === '~') {
    const name = TILDE[nums[0] ?? -1];
    return {key: name ? withModifiers({name, seq}, nums[1]) : undefined, next};
  }
  if (final === 'Z') return {key: {name: 'backtab', shift: true, seq}, next};
  const name = FINAL[final];
  if (!name) return {next};
  // `ESC[P` alone is not F1 on any terminal we know of, only `ESC[1;mP`; cursor keys come with or without params.
  if (name.startsWith('f') && nums.length < 2) return {next};
  return {key: withModifiers({name, seq}, nums[1]), next};
}

function parseSs3(s: string, start: number): Parsed {
  // ESC O [modifier digit] final — some terminals send `ESC O 2 P` for Shift+F1.
  let i = start + 2;
  let mod: number | undefined;
  if (/[0-9]/.test(s[i] ?? '')) mod = Number(s[i++]);
  const final = s[i];
  if (final === undefined) return {next: s.length};
  const next = i + 1;
  const name = FINAL[final];
  return {key: name ? withModifiers({name, seq: s.slice(start, next)}, mod) : undefined, next};
}

/** One key starting at `i` that is not an escape sequence. */
function parsePlain(s: string, i: number): Parsed {
  const code = s.codePointAt(i)!;
  const width = code > 0xffff ? 2 : 1;
  const seq = s.slice(i, i + width);
  const next = i + width;
  if (seq === '\r') return {key: {name: 'enter', seq}, next: s[next] === '\n' ? next + 1 : next};
  if (seq === '\n') return {key: {name: 'enter', seq}, next};
  if (seq === '\t') return {key: {name: 'tab', seq}, next};
  if (code === 0x7f || code === 0x08) return {key: {name: 'backspace', seq}, next};
  if (code >= 0x01 && code <= 0x1a) return {key: {name: 'char', ch: String.fromCharCode(code + 96), ctrl: true, seq}, next};
  if (code < 0x20 || (code >= 0x80 && code < 0xa0)) return {next}; // other C0/C1 controls: drop
  return {key: {name: 'char', ch: seq, seq}, next};
}

function parseAt(s: string, i: number): Parsed {
  if (s[i] !== ESC) return parsePlain(s, i);
  const nextCh = s[i + 1];
  if (nextCh === undefined) return {key: {name: 'escape', seq: ESC}, next: i + 1};
  if (nextCh === '[') return parseCsi(s, i);
  if (nextCh === 'O' && i + 2 < s.length) return parseSs3(s, i);
  if (nextCh === ESC) {
    // ESC ESC <sequence> = Alt+<sequence>; ESC ESC alone = two Esc presses.
    if (i + 2 >= s.length) return {key: {name: 'escape', seq: ESC}, next: i + 1};
    const inner = parseAt(s, i + 1);
    if (inner.key && inner.key.seq.length > 1) return {key: {...inner.key, alt: true, seq: s.slice(i, inner.next)}, next: inner.next};
    return {key: {name: 'escape', seq: ESC}, next: i + 1};
  }
  // ESC <char> = Alt+<char> (also what a fast "Esc, then digit" becomes; the provider maps Alt+digit to F-keys).
  const inner = parsePlain(s, i + 1);
  return {key: inner.key ? {...inner.key, alt: true, seq: s.slice(i, inner.next)} : undefined, next: inner.next};
}

/** Splits a chunk into keys, in order. `'a15\r'` → a, 1, 5, enter. */
export function parseKeys(chunk: string): Key[] {
  const keys: Key[] = [];
  let i = 0;
  while (i < chunk.length) {
    const {key, next} = parseAt(chunk, i);
    if (key) keys.push(key);
    i = next > i ? next : i + 1;
  }
  return keys;
}

/** F1..F10 for the digits 1..9, 0 (Esc-then-digit fallback). */
export function digitToFunctionKey(ch: string): FunctionKeyName | undefined {
  if (!/^[0-9]$/.test(ch)) return undefined;
  return FN[ch === '0' ? 9 : Number(ch) - 1];
}
