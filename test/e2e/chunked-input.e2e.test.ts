// The design card's widgets in a real terminal with chunked input (issue 11 step 5): several keys in ONE
// `tmux send-keys` call reach the app as one read. The login fields are ink-text-input (KitTextInput): code, Enter,
// password and Enter typed in one call must log in. Unit-level proof, and probes of the bare widgets losing such
// chunks, are in test/tui/fed-input.test.tsx.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startBuiltApp, tmuxApp} from '../helpers/tmux.js';

const app = tmuxApp('ksef-chunk', 20_000);
const {keys, waitFor} = app;
let tmp = '';

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ksef-chunk-'));
  startBuiltApp(app, path.join(tmp, 'data'), 80, 24);
}, 120_000);

afterAll(() => {
  app.kill();
  if (tmp) fs.rmSync(tmp, {recursive: true, force: true});
});

describe('chunked input against the built app (tmux, 80×24)', () => {
  it('login: a wrong and then the right code + password, each typed with Enter in one send-keys call', async () => {
    await waitFor('GOTOWY', 'operator: ADMIN');
    keys('admin', 'Enter', 'zle-haslo', 'Enter');
    let s = await waitFor('(próba 1 z 5)');
    expect(s).toMatch(/Kod operatora\s+ADMIN/); // upper-cased while typed, nothing lost
    keys('Demo2026!ksef', 'Enter');
    s = await waitFor('Menu główne', 'Operator: ADMIN');
    keys('F10');
    await waitFor('EXIT_CODE=0');
  });
});
