import {describe, expect, it} from 'vitest';
import {createEscFallback, type Timer} from '../../src/tui/keys/esc-fallback.js';
import {parseKeys} from '../../src/tui/keys/parse.js';
import {keyId, type Key} from '../../src/tui/keys/key.js';

/** Manual timer: fire() runs the pending callback as if the window had elapsed. */
function manualTimer() {
  let pending: {fn: () => void; ms: number} | undefined;
  const timer: Timer = {
    set: (fn, ms) => (pending = {fn, ms}),
    clear: h => {
      if (h === pending) pending = undefined;
    },
  };
  return {timer, fire: () => pending?.fn(), get armed() { return pending; }};
}

function setup(timeout = 400) {
  const out: string[] = [];
  const t = manualTimer();
  const fb = createEscFallback((k: Key) => out.push(keyId(k)), timeout, t.timer);
  const feed = (chunk: string) => parseKeys(chunk).forEach(k => fb.push(k));
  return {out, t, fb, feed};
}

describe('Esc-then-digit fallback', () => {
  it('Esc followed by 1..9, 0 gives F1..F10', () => {
    const {out, feed} = setup();
    for (const d of '1234567890') {
      feed('\x1b');
      feed(d);
    }
    expect(out).toEqual(['f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8', 'f9', 'f10']);
  });

  it('holds a lone Esc until the window closes, then delivers it', () => {
    const {out, t, feed} = setup(400);
    feed('\x1b');
    expect(out).toEqual([]);
    expect(t.armed?.ms).toBe(400);
    t.fire();
    expect(out).toEqual(['escape']);
    feed('1'); // after the window a digit is a digit
    expect(out).toEqual(['escape', '1']);
  });

  it('delivers Esc at once when a non-digit follows, then that key', () => {
    const {out, t, feed} = setup();
    feed('\x1b');
    feed('x');
    expect(out).toEqual(['escape', 'x']);
    expect(t.armed).toBeUndefined();
    feed('\x1b');
    feed('\x1b[A');
    expect(out).toEqual(['escape', 'x', 'escape', 'up']);
  });

  it('Esc Esc 2: the first Esc is delivered, the second pairs with the digit', () => {
    const {out, feed} = setup();
    feed('\x1b');
    feed('\x1b');
    feed('2');
    expect(out).toEqual(['escape', 'f2']);
  });

  it('Esc and a non-digit key in one read (unbound Alt+key) are Esc, then that key; bound Alt keys stay', () => {
    const {out, feed} = setup();
    feed('\x1bx');
    feed('\x1b\x1b[B');
    feed('\x1b\r');
    feed('\x1b[1;3Q'); // xterm Alt+F2: a real modifier, not an Esc prefix
    expect(out).toEqual(['escape', 'x', 'escape', 'down', 'escape', 'enter', 'alt+f2']);
  });

  it('maps Alt+digit (Esc and digit in one read) straight to the F-key', () => {
    const {out, feed} = setup();
    feed('\x1b5');
    expect(out).toEqual(['f5']);
  });

  it('passes other keys through untouched and in order', () => {
    const {out, feed} = setup();
    feed('a15\r\x1bOS\x1b[1;2S');
    expect(out).toEqual(['a', '1', '5', 'enter', 'f4', 'shift+f4']);
  });

  it('timeout 0 disables the delay for Esc (Alt+digit still maps)', () => {
    const {out, t, feed} = setup(0);
    feed('\x1b');
    expect(out).toEqual(['escape']);
    expect(t.armed).toBeUndefined();
    feed('1');
    expect(out).toEqual(['escape', '1']);
  });

  it('flush delivers a pending Esc, dispose drops it', () => {
    const a = setup();
    a.feed('\x1b');
    a.fb.flush();
    expect(a.out).toEqual(['escape']);
    const b = setup();
    b.feed('\x1b');
    b.fb.dispose();
    b.t.fire();
    expect(b.out).toEqual([]);
  });
});
