// Lines of a scrolling text view, pre-wrapped to the region's width so the line count (and thus the scroll range)
// is known before drawing; and the scroll position reducer (↑↓ PgUp PgDn Home End) that keeps it in range.
import {terminalSafe} from '../domain/index.js';

export interface Line {
  text: string;
  color?: string;
  bold?: boolean;
}

/** Cuts `text` (made terminal-safe first) into pieces of at most `width` characters; at least one piece. */
export function wrapText(text: string, width: number): string[] {
  const chars = [...terminalSafe(text)];
  const w = Math.max(1, width);
  if (chars.length <= w) return [chars.join('')];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += w) out.push(chars.slice(i, i + w).join(''));
  return out;
}

/** `label  value`, the value wrapped under itself (continuation lines indented by the label column). */
export function fieldLines(label: string, value: string, width: number, labelWidth = 18, color?: string): Line[] {
  const lab = [...label].length >= labelWidth ? `${[...label].slice(0, labelWidth - 1).join('')} ` : label.padEnd(labelWidth);
  return wrapText(value, width - labelWidth).map((piece, i) => ({text: `${i === 0 ? lab : ' '.repeat(labelWidth)}${piece}`, color}));
}

export const wrapLines = (text: string, width: number, style: Omit<Line, 'text'> = {}): Line[] =>
  wrapText(text, width).map((t) => ({...style, text: t}));

export type ScrollMove = 'up' | 'down' | 'pageUp' | 'pageDown' | 'first' | 'last';

/** New first visible line after `move`, for `total` lines in a window of `height` lines. */
export function scrollTo(top: number, move: ScrollMove, total: number, height: number): number {
  const max = Math.max(0, total - height);
  const page = Math.max(1, height - 1);
  const next = move === 'up' ? top - 1 : move === 'down' ? top + 1 : move === 'pageUp' ? top - page : move === 'pageDown' ? top + page : move === 'first' ? 0 : max;
  return Math.min(max, Math.max(0, next));
}
