// Lines of a scrolling text view (the kit's ScrollView), pre-wrapped to the region's width: a value is never cut,
// it continues on the next line under its label.
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
