// Real terminal at 80×24 without colour: the BUILT app in tmux with NO_COLOR=1 (and no CI variable, so only
// NO_COLOR turns colour off — a control run without it shows colour). The focused menu item and the highlighted
// list row carry ▶, the focused Tak/Nie answer of a question is bracketed; the frame is whole (title on line 1,
// legend on the last line, nothing wider than 80).
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {loginAndOpen, MAIN, tmuxApp, type TmuxApp} from '../helpers/tmux.js';
import {captureLines, expectWholeFrame, saveCapture} from '../helpers/frame.js';
import {makeQrWorld, type QrWorld} from '../helpers/qr-world.js';

let w: QrWorld;
const apps: TmuxApp[] = [];

beforeAll(async () => {
  if (!fs.existsSync(MAIN)) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], {cwd: path.resolve(import.meta.dirname, '../..'), stdio: 'inherit'});
  w = await makeQrWorld();
  await w.addCert({type: 'O', serial: '0C010A0B0C0D0E0F'});
  await w.addCert({type: 'A', serial: '0C010A0B0C0D0E10', owner: {kind: 'company'}});
}, 120_000);

afterAll(async () => {
  for (const a of apps) a.kill();
  await w?.cleanup();
});

/** The app at 80×24 with TERM=xterm-256color (colour-capable) and CI removed; `noColor` adds NO_COLOR=1. */
function start(noColor: boolean): TmuxApp {
  const app = tmuxApp('ksef-e2e-mono', 20_000);
  apps.push(app);
  // -u NO_COLOR/FORCE_COLOR too: CI runs the suite with NO_COLOR=1, which the tmux server would pass on to the control run.
  const env = `env -u CI -u NO_COLOR -u FORCE_COLOR TERM=xterm-256color KSEF_CERTS_E2E=1${noColor ? ' NO_COLOR=1' : ''}`;
  const cmd = `${env} node '${MAIN}' --demo --data '${w.dataDir}'; echo "EXIT_CODE=$?"; sleep 120`;
  app.tmux('new-session', '-d', '-s', app.session, '-x', '80', '-y', '24', cmd);
  return app;
}

const login = (app: TmuxApp) => loginAndOpen(app, 'ADMIN', 'Demo2026!ksef', []);

/** The pane with its escape sequences; true when any SGR sets a colour (30–37, 40–47, 90–107, 38;…, 48;…). */
const hasColour = (app: TmuxApp) => /\x1b\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9;]*)?m/.test(app.tmux('capture-pane', '-p', '-e', '-t', app.session));

describe('monochrome terminal (tmux, NO_COLOR=1)', () => {
  it('menu and list show their focus marker; no colour is sent; a run without NO_COLOR has colour', async () => {
    const app = start(true);
    await login(app);
    for (const k of ['a', '1', '5']) app.keys(k);
    let s = await app.waitFor('[A-1-5] ', '▶ 1. ');
    expectWholeFrame(s, 80, 24, 'ADMIN');
    expect(hasColour(app)).toBe(false);
    app.keys('Down');
    s = await app.waitFor('▶ 2. ');
    expect(s.match(/▶/g)).toHaveLength(1);

    app.keys('7');
    s = await app.waitUntil((x) => x.includes('2 z 2') && /^ ▶ /m.test(x), 'list with the highlighted row');
    expectWholeFrame(s, 80, 24, 'ADMIN');
    expect(captureLines(s).filter((l) => l.startsWith(' ▶ '))).toHaveLength(1);
    // Status and days left on every row at 80 columns.
    expect(captureLines(s).filter((l) => /\b\d+ aktywny\s*$/.test(l))).toHaveLength(2);
    saveCapture('list-80x24-mono', s);
    app.keys('Down');
    s = await app.waitUntil((x) => captureLines(x).findIndex((l) => l.startsWith(' ▶ ')) !== captureLines(s).findIndex((l) => l.startsWith(' ▶ ')), 'marker moved');
    expect(captureLines(s).filter((l) => l.startsWith(' ▶ '))).toHaveLength(1);
    expect(hasColour(app)).toBe(false);

    // The focused Tak/Nie answer is marked without colour: F8, the reason (F2), then the question starts on [Nie].
    app.keys('F8');
    await app.waitFor('Przyczyna');
    app.keys('F2');
    s = await app.waitUntil((x) => /\[Nie\]/.test(x), 'revoke question with [Nie]');
    // A T/N question takes every key but F1 and Esc, so its legend names just those (no F10).
    expectWholeFrame(s, 80, 24, 'ADMIN', /^F1 .*Esc /);
    expect(s).not.toMatch(/\[Tak\]/);
    app.keys('Tab');
    s = await app.waitUntil((x) => /\[Tak\]/.test(x), 'focus moved to [Tak]');
    expect(s).not.toMatch(/\[Nie\]/);
    expect(hasColour(app)).toBe(false);
    app.keys('Escape'); // Esc = Nie: nothing revoked
    await app.waitUntil((x) => !/\[(Tak|Nie)\]/.test(x) && !x.includes('╔'), 'question closed');
    app.keys('F10');
    await app.waitFor('EXIT_CODE=0');

    // Control: the same terminal without NO_COLOR gets colour (so the check above can fail).
    const colour = start(false);
    await login(colour);
    expect(hasColour(colour)).toBe(true);
    colour.keys('F10');
    await colour.waitFor('EXIT_CODE=0');
  });
});
