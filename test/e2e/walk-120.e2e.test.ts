// Issue 12: the same walk of every module screen as walk.e2e.test.ts, at 120×40 (Polish): the title bar on line 1,
// the F-key legend on line 40, no line wider than 120, on every frame including those polled during progress.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startBuiltApp, tmuxApp} from '../helpers/tmux.js';
import {walkModule} from '../helpers/walk.js';
import {saveCapture} from '../helpers/frame.js';

const app = tmuxApp('ksef-e2e-walk120', 30_000);
let tmp = '';
let dataDir = '';

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ksef-walk120-'));
  dataDir = path.join(tmp, 'data');
  startBuiltApp(app, dataDir, 120, 40);
}, 120_000);

afterAll(() => {
  app.kill();
  if (tmp) fs.rmSync(tmp, {recursive: true, force: true});
});

describe('120×40 walk of the module (Polish)', () => {
  it('every screen keeps the header on line 1 and the footer on line 40, nothing wider than 120', async () => {
    const w = await walkModule({app, cols: 120, rows: 40, dataDir, ready: 'GOTOWY'});
    // Every screen of the walk opened (the audit detail included).
    expect(w.missing).toEqual([]);
    expect(w.progress.length).toBeGreaterThan(0);
    saveCapture('walk-120x40-progress', w.frames.progress ?? '');
    saveCapture('walk-120x40-list', w.frames.list ?? '');
    saveCapture('walk-120x40-qr-links', w.frames['qr-links'] ?? '');
    saveCapture('walk-120x40-qr-codes', w.frames['qr-codes'] ?? '');
    app.keys('F10');
    await app.waitFor('EXIT_CODE=0');
  }, 240_000);
});
