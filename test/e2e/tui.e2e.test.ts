// Real terminal: the BUILT app (dist/) in a private tmux server, driven by send-keys, read by capture-pane.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MAIN = path.join(ROOT, 'dist/src/main.js');
const SOCKET = `ksef-e2e-${process.pid}-${Date.now()}`;
const SESSION = 'app';
let tmp = '';

const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], {encoding: 'utf8'});
const screen = () => tmux('capture-pane', '-p', '-t', SESSION);
const keys = (...k: string[]) => tmux('send-keys', '-t', SESSION, ...k);
const literal = (text: string) => tmux('send-keys', '-t', SESSION, '-l', text);

/** Polls the pane until `ok(screen)`; fails with the screen content (no fixed sleeps as assertions). */
async function waitUntil(ok: (s: string) => boolean, what: string, timeoutMs = 15_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    last = screen();
    if (ok(last)) return last;
    await new Promise(r => setTimeout(r, 50));
  }
  throw new Error(`${what} did not appear. Screen:\n${last}`);
}

/** Waits until all texts are on screen in one capture (a capture can catch a frame half-drawn). */
const waitFor = (...texts: string[]) => waitUntil(s => texts.every(t => s.includes(t)), texts.map(t => `"${t}"`).join(' + '));
/** Breadcrumb line (second line of the frame). */
const crumbLine = (s: string) => s.split('\n')[1] ?? '';

beforeAll(() => {
  if (!fs.existsSync(MAIN)) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], {cwd: ROOT, stdio: 'inherit'});
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ksef-e2e-'));
  const data = path.join(tmp, 'data');
  // The pane's shell prints the exit code and stays, so the test can see that the app ended and how.
  const cmd = `node '${MAIN}' --demo --data '${data}'; echo "EXIT_CODE=$?"; sleep 120`;
  tmux('new-session', '-d', '-s', SESSION, '-x', '100', '-y', '30', '-e', 'CI=false', '-e', 'KSEF_CERTS_E2E=1', cmd);
}, 120_000);

afterAll(() => {
  try {
    tmux('kill-server');
  } catch {
    // already gone
  }
  if (tmp) fs.rmSync(tmp, {recursive: true, force: true});
});

describe('TUI in a real terminal (tmux)', () => {
  it('logs in as ADMIN, reaches A-1-5-7, shows help, and quits with F10', async () => {
    let s = await waitFor('GOTOWY', 'Logowanie operatora', 'operator: ADMIN, hasło: Demo2026!ksef');

    literal('ADMIN');
    await waitFor('ADMIN▏');
    keys('Enter');
    literal('zle-haslo');
    await waitFor('*********▏');
    keys('Enter');
    await waitFor('Nieprawidłowy kod operatora lub hasło (próba 1 z 5).');

    literal('Demo2026!ksef');
    keys('Enter');
    s = await waitFor('Menu główne', 'Operator: ADMIN', 'Oddział: CENTRALA');

    keys('a');
    await waitFor('[A] ');
    keys('1');
    await waitFor('[A-1] ');
    keys('5');
    await waitFor('[A-1-5] ');
    keys('7');
    s = await waitFor('[A-1-5-7] ', 'Lista Certyfikatów KSeF');

    keys('F1');
    await waitFor('Pomoc — Lista Certyfikatów KSeF');
    keys('Enter');
    await waitFor('F10 Koniec');

    keys('Escape');
    await waitFor('▶ 7. Lista Certyfikatów KSeF');
    keys('Escape');
    await waitUntil(s => crumbLine(s).startsWith('[A-1] '), 'A-1');
    keys('Escape');
    await waitUntil(s => crumbLine(s).startsWith('[A] '), 'A');
    keys('Escape');
    await waitUntil(s => crumbLine(s).startsWith('Menu główne'), 'root menu');
    keys('a', '1', '5', '7'); // one send-keys: may reach the app as one chunk
    await waitUntil(s => crumbLine(s).startsWith('[A-1-5-7] '), 'A-1-5-7 by a chunk');

    // Resize to 80×24: the frame follows (status line and legend still on screen, nothing wider than 80).
    tmux('resize-window', '-t', SESSION, '-x', '80', '-y', '24');
    s = await waitUntil(t => {
      const lines = t.split('\n');
      return lines[21]?.startsWith('Operator: ADMIN') && /F1 Pomoc/.test(lines[22] ?? '') && /^\[A-1-5-7\] /.test(lines[1] ?? '')
        && Math.max(...lines.map(l => l.trimEnd().length)) <= 80;
    }, '80×24 frame');
    expect(s.split('\n').length).toBeLessThanOrEqual(25);

    keys('F10');
    s = await waitFor('EXIT_CODE=0');
    expect(s).not.toContain('Menu główne'); // alternate screen left, the shell prompt is back
    const panes = tmux('list-panes', '-t', SESSION, '-F', '#{pane_current_command}').trim();
    expect(panes).not.toBe('node');
  });
});
