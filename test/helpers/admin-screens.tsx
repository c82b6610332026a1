// Shared for the administration screen tests: the App at a given terminal size over a FakeStore, and the frame
// checks of issue 12 (header on line 1, footer on the last line, nothing wider than the terminal).
import React from 'react';
import {expect} from 'vitest';
import {render} from 'ink-testing-library';
import {App} from '../../src/screens/shell/App.js';
import type {Lang} from '../../src/i18n/index.js';
import {FakeStore} from './fake-store.js';
import {waitForFrame} from './ink.js';

/** What a terminal without colour shows: the frame with every SGR sequence removed. */
export const mono = (f: string | undefined) => (f ?? '').replace(/\x1b\[[0-9;]*m/g, '');

export async function openAt(store: FakeStore, at: string[], ready: string | RegExp, opts: {lang?: Lang; columns?: number; rows?: number; operator?: number} = {}) {
  const {lang = 'pl', columns = 80, rows = 24, operator = 0} = opts;
  const r = render(<App store={store} dataDir="/srv/ksef/data" workstation="ws1" lang={lang} operator={store.data.operators[operator]} initialPath={at} escTimeoutMs={0} />);
  const out = r.stdout as unknown as NodeJS.EventEmitter;
  Object.defineProperty(out, 'columns', {value: columns, configurable: true});
  Object.defineProperty(out, 'rows', {value: rows, configurable: true});
  out.emit('resize');
  await waitForFrame(r.lastFrame, ready);
  return r;
}

/** Issue 12 frame rules at `columns`×`rows`: the title on line 1, the F-key legend on the last line, no line wider. */
export function expectWhole(frame: string | undefined, columns = 80, rows = 24, footer: RegExp = /F1 /) {
  const lines = mono(frame).split('\n');
  expect(lines.length).toBeLessThanOrEqual(rows);
  for (const l of lines) expect([...l].length).toBeLessThanOrEqual(columns);
  expect(lines[0]).toContain('ksef-certs');
  expect(lines[lines.length - 1]).toMatch(footer);
}

/** Polish letters outside user data (an English screen must have none). */
export const POLISH = /[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]/;
