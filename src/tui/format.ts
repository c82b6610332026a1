// Small text helpers for fixed-width terminal layout.
import os from 'node:os';

/** Cuts `text` to `width` characters, ending with `…` when cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/** Shortens a path for the status line: home → `~`, then keeps the tail: `…/clients/data`. */
export function shortenPath(p: string, width: number, home = os.homedir()): string {
  let s = home && home !== '/' && p.startsWith(home) ? `~${p.slice(home.length)}` : p;
  if (s.length > width) s = `…${s.slice(s.length - Math.max(1, width - 1))}`;
  return s;
}

/** Splits `text` into rows of at most `width` characters (at spaces where it can). */
export function wrapLines(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let rest = para;
    while ([...rest].length > width) {
      const chars = [...rest];
      const head = chars.slice(0, width).join('');
      const cut = head.lastIndexOf(' ');
      const n = cut > width / 3 ? cut : width;
      out.push(chars.slice(0, n).join('').trimEnd());
      rest = chars.slice(n).join('').trimStart();
    }
    out.push(rest);
  }
  return out;
}
