// Issue 12: every screen of the module at 80×24 in the BUILT app (tmux, CI=false), in Polish: generate A and O
// (form, F1 help, authorisation, progress, result), help, list, details, export, revoke, QR, audit, configuration.
// On each frame the title bar is on line 1, the F-key legend on line 24, no line is wider than 80 — also on every
// frame polled during both generations. What the app sent to the terminal is recorded (tmux pipe-pane): Ink never
// cleared the screen (no ESC[3J of its clear-per-frame), the painter cleared it once, at the start.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startBuiltApp, tmuxApp} from '../helpers/tmux.js';
import {walkModule} from '../helpers/walk.js';
import {saveCapture} from '../helpers/frame.js';

const app = tmuxApp('ksef-e2e-walk80', 30_000);
let tmp = '';
let dataDir = '';
let sent = '';

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ksef-walk80-'));
  dataDir = path.join(tmp, 'data');
  sent = path.join(tmp, 'terminal.out');
  startBuiltApp(app, dataDir, 80, 24, {delayMs: 500});
  app.tmux('pipe-pane', '-o', '-t', app.session, `cat >> '${sent}'`);
}, 120_000);

afterAll(() => {
  app.kill();
  if (tmp) fs.rmSync(tmp, {recursive: true, force: true});
});

describe('80×24 walk of the module (Polish)', () => {
  it('every screen keeps the header on line 1 and the footer on line 24, nothing wider than 80; no clear-per-frame', async () => {
    const w = await walkModule({app, cols: 80, rows: 24, dataDir, ready: 'GOTOWY'});
    // Every screen of the walk opened (the audit detail included).
    expect(w.missing).toEqual([]);
    expect(w.progress.length).toBeGreaterThan(0);
    saveCapture('walk-80x24-progress', w.frames.progress ?? '');
    saveCapture('walk-80x24-list', w.frames.list ?? '');
    saveCapture('walk-80x24-qr-links', w.frames['qr-links'] ?? '');
    saveCapture('walk-80x24-qr-codes', w.frames['qr-codes'] ?? '');
    app.keys('F10');
    await app.waitFor('EXIT_CODE=0');
    const out = fs.readFileSync(sent, 'latin1');
    expect(out.length).toBeGreaterThan(1000);
    expect(out).not.toContain('\x1b[3J');
    expect(out.split('\x1b[2J').length - 1).toBeLessThanOrEqual(1);
  }, 240_000);
});
