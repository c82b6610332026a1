// Text from outside (file names, certificate subjects, KSeF messages, stored data) drawn on a terminal must not
// drive it: ESC/CSI/OSC sequences, other C0/C1 controls and bidi overrides are shown escaped, never emitted.
// Data stays as it is in the store; this is applied where text leaves for the terminal (TUI Text, CLI writer).

/** C0 controls, DEL, C1 controls, Arabic letter mark, LRM/RLM, line/paragraph separators, bidi embeddings,
 *  overrides and isolates. `\n` is matched too; callers that draw lines may keep it. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;
const UNSAFE_KEEP_NL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;
const UNSAFE_TEST = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

/** The visible form: `\x1b` for C0/DEL/C1 (`\n`, `\t`, `\r` by name), `\u202e` for Unicode format characters. */
export function escapeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  if (ch === '\t') return '\\t';
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with every terminal-driving character escaped visibly. Pure and idempotent on its own output.
 *  `keepNewlines` leaves `\n` (for multi-line output the program composes itself). */
export function terminalSafe(text: string, opts: {keepNewlines?: boolean} = {}): string {
  if (!hasTerminalControls(text, !opts.keepNewlines)) return text;
  return text.replace(opts.keepNewlines ? UNSAFE_KEEP_NL : UNSAFE, escapeChar);
}

/** True when `text` holds a character terminalSafe would escape (`\n` counts unless `countNewlines` is false). */
export function hasTerminalControls(text: string, countNewlines = true): boolean {
  return UNSAFE_TEST.test(text) || (countNewlines && text.includes('\n'));
}

/** JSON text in which the characters JSON.stringify leaves raw (DEL, C1, bidi and separators) are `\uXXXX`
 *  escapes too: still valid JSON that parses back to exactly the same value, and inert on a terminal. */
export function terminalSafeJson(value: unknown, space?: number): string {
  const text = JSON.stringify(value, null, space) ?? 'null'; // C0 inside strings: already \u00XX
  return text.replace(/[\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g, ch => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
