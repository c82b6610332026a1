// Checks on a tmux capture of the framed app: the title bar on line 1, the status line and the F-key legend at the
// bottom of the frame, no line wider than the terminal.
import fs from 'node:fs';
import path from 'node:path';
import {expect} from 'vitest';

export const captureLines = (s: string): string[] => s.replace(/\n$/, '').split('\n');

/**
 * The Shell takes every row (frames are painted at fixed rows, src/tui/terminal-screen.ts): the title bar on line 1,
 * the status line on line rows−1, the F-key legend on the last line.
 */
export function expectWholeFrame(s: string, cols: number, rows: number, operator: string, legend: RegExp = /^F\d+ .*F10 /): void {
  const l = captureLines(s);
  expect(l[0]).toMatch(/^ ksef-certs/);
  expect(l.length).toBe(rows);
  expect(l[rows - 2]).toMatch(new RegExp(`^Operator: ${operator}`));
  expect(l[rows - 1]).toMatch(legend);
  for (const x of l) expect([...x].length).toBeLessThanOrEqual(cols);
}

/** Writes a capture to $KSEF_CERTS_CAPTURE_DIR (closing-note captures) when it is set. */
export function saveCapture(name: string, s: string): void {
  const dir = process.env.KSEF_CERTS_CAPTURE_DIR;
  if (dir) fs.writeFileSync(path.join(dir, `${name}.txt`), s);
}
