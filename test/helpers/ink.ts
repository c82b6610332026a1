// ink-testing-library helpers (ink-notes §5.6): after every key that changes state, wait for the visible change,
// then let React commit and re-register handlers.
import {expect, vi} from 'vitest';

export const KEYS = {
  up: '\x1b[A', down: '\x1b[B', right: '\x1b[C', left: '\x1b[D', enter: '\r', esc: '\x1b',
  tab: '\t', shiftTab: '\x1b[Z', backspace: '\x7f', pageUp: '\x1b[5~', pageDown: '\x1b[6~', home: '\x1b[H', end: '\x1b[F',
  f1: '\x1bOP', f2: '\x1bOQ', f3: '\x1bOR', f4: '\x1bOS', f5: '\x1b[15~', f6: '\x1b[17~', f7: '\x1b[18~',
  f8: '\x1b[19~', f9: '\x1b[20~', f10: '\x1b[21~', f11: '\x1b[23~', f12: '\x1b[24~',
} as const;

export const settle = () =>
  new Promise<void>(r => setTimeout(r, 0)).then(() => new Promise<void>(r => setImmediate(r)));

// Waits are generous: on 2 busy cores (parallel test files) a frame after a 400 ms Esc window can take > 2 s.
// They bound how long to wait for the expected frame, not what the frame must contain.
export async function waitForFrame(lastFrame: () => string | undefined, text: string | RegExp, timeout = 8000) {
  await vi.waitFor(() => {
    const f = lastFrame() ?? '';
    if (typeof text === 'string') expect(f).toContain(text);
    else expect(f).toMatch(text);
  }, {timeout, interval: 5});
  await settle();
}

export async function waitForGone(lastFrame: () => string | undefined, text: string, timeout = 8000) {
  await vi.waitFor(() => expect(lastFrame() ?? '').not.toContain(text), {timeout, interval: 5});
  await settle();
}

/** An ink-testing-library render: a keyboard and the last frame. */
export interface Typed {
  stdin: {write(s: string): void};
  lastFrame(): string | undefined;
}

/** Types `key`, then waits for `expected` in the frame (`frame`: another view of it, e.g. whitespace collapsed). */
export async function press(r: Typed, key: string, expected: string | RegExp, timeout = 8000, frame: () => string | undefined = r.lastFrame) {
  r.stdin.write(key);
  await waitForFrame(frame, expected, timeout);
}

/** `press` bound to one render. */
export const presser = (r: Typed) => (key: string, expected: string | RegExp, timeout?: number) => press(r, key, expected, timeout);
