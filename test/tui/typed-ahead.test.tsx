// Keys typed ahead across a screen change reach the next screen: a menu key and the opened screen's key in one
// write or two immediate writes (the screen's module is still loading: the keys wait for its handlers instead of
// falling through to the navigator), and Esc followed at once by a menu key (Ink hands the two over as one
// Esc-prefixed "Alt+key", which nothing binds: it is Esc, then the key). Esc then a digit stays F1–F10 (the
// Esc-digit convention, test/tui/esc-fallback.test.ts).
import React from 'react';
import {afterEach, describe, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {App} from '../../src/screens/shell/App.js';
import {FakeStore, fakeData} from '../helpers/fake-store.js';
import {KEYS, waitForFrame} from '../helpers/ink.js';

afterEach(cleanup);

function open(path: string[]) {
  const store = new FakeStore(fakeData());
  return render(<App store={store} dataDir="/srv/ksef/data" workstation="ws1" operator={store.data.operators[0]} initialPath={path} escTimeoutMs={0} />);
}

describe('typed-ahead keys across a screen change', () => {
  // Each case opens a screen no earlier case rendered: its lazy component suspends on its first render.
  it('menu key and the audit log\'s filter key in one write', async () => {
    const r = open(['A', '1', '5']);
    await waitForFrame(r.lastFrame, '[A-1-5] ');
    r.stdin.write('6a');
    await waitForFrame(r.lastFrame, /a zdarzenie: (?!wszystkie)/);
  });

  it('menu key and the list\'s filter key in two immediate writes', async () => {
    const r = open(['A', '1', '5']);
    await waitForFrame(r.lastFrame, '[A-1-5] ');
    r.stdin.write('7');
    r.stdin.write('t');
    await waitForFrame(r.lastFrame, 'Filtr: typ A');
  });

  it.each([
    ['one write', [`${KEYS.esc}${KEYS.down}${KEYS.enter}`]],
    ['immediate writes', [KEYS.esc, KEYS.down, KEYS.enter]],
  ])('Esc from a screen, then ↓ and Enter on the menu (%s)', async (_, writes) => {
    const r = open(['A', '1', '5']);
    await waitForFrame(r.lastFrame, '[A-1-5] ');
    r.stdin.write('2');
    await waitForFrame(r.lastFrame, '[A-1-5-2]');
    for (const w of writes) r.stdin.write(w);
    await waitForFrame(r.lastFrame, '[A-1-5-3]');
  });
});
