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
