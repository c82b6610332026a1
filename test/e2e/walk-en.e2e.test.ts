// Issue 12: the walk of every module screen (test/helpers/walk.ts) with `--lang en`, at 80×24 and at 120×40: each
// frame whole (header on line 1, footer on the last line, nothing wider than the window) and no Polish letter
// outside user data on any screen.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {startBuiltApp, tmuxApp, type TmuxApp} from '../helpers/tmux.js';
import {walkModule, type ScreenId} from '../helpers/walk.js';
import {saveCapture} from '../helpers/frame.js';
import {POLISH} from '../helpers/polish-lines.js';

/** User data that may carry Polish letters: names in the demo store and the simulator's issuer. */
const USER_DATA = ['Oddział 1', 'Ministerstwo Finansów', 'Krajowa Administracja Skarbowa', 'Gęślą Jaźń', 'Beta Spółka z o.o.'];
const withoutUserData = (s: string) => USER_DATA.reduce((x, d) => x.split(d).join(''), s);

const started: {app: TmuxApp; tmp: string}[] = [];
afterAll(() => {
  for (const s of started) {
    s.app.kill();
    fs.rmSync(s.tmp, {recursive: true, force: true});
  }
});

describe.each([
  {cols: 80, rows: 24},
  {cols: 120, rows: 40},
])('$cols×$rows walk of the module in English', ({cols, rows}) => {
  it('every screen whole; no Polish letter outside user data', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `ksef-walk-en-${cols}-`));
    const app = tmuxApp(`ksef-e2e-walk-en-${cols}`, 30_000);
    started.push({app, tmp});
    const dataDir = path.join(tmp, 'data');
    startBuiltApp(app, dataDir, cols, rows, {args: ['--lang', 'en']});
    const w = await walkModule({app, cols, rows, dataDir, ready: 'READY'});
    expect(w.missing).toEqual([]);
    const polish = (Object.keys(w.frames) as ScreenId[]).filter((id) => POLISH.test(withoutUserData(w.frames[id] ?? ''))).sort();
    expect(polish, polish.map((id) => `${id}:\n${w.frames[id]}`).join('\n')).toEqual([]);
    if (cols === 80) {
      saveCapture('walk-80x24-en-module-menu', w.frames['module-menu'] ?? '');
      saveCapture('walk-80x24-en-list', w.frames.list ?? '');
    }
    app.keys('F10');
    await app.waitFor('EXIT_CODE=0');
  }, 300_000);
});
