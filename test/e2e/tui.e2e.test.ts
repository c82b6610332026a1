// Real terminal: the BUILT app (dist/) in a private tmux server, driven by send-keys, read by capture-pane.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startBuiltApp, tmuxApp} from '../helpers/tmux.js';

const app = tmuxApp('ksef-e2e', 15_000);
const {tmux, keys, literal, waitUntil, waitFor} = app;
const SESSION = app.session;
let tmp = '';

/** Breadcrumb line (second line of the frame). */
const crumbLine = (s: string) => s.split('\n')[1] ?? '';

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ksef-e2e-'));
  startBuiltApp(app, path.join(tmp, 'data'), 100, 30);
}, 120_000);

afterAll(() => {
  app.kill();
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
      return lines[22]?.startsWith('Operator: ADMIN') && /F1 Pomoc/.test(lines[23] ?? '') && /^\[A-1-5-7\] /.test(lines[1] ?? '')
        && Math.max(...lines.map(l => l.trimEnd().length)) <= 80;
    }, '80×24 frame');
    expect(s.replace(/\n$/, '').split('\n')).toHaveLength(24);

    keys('F10');
    s = await waitFor('EXIT_CODE=0');
    expect(s).not.toContain('Menu główne'); // alternate screen left, the shell prompt is back
    const panes = tmux('list-panes', '-t', SESSION, '-F', '#{pane_current_command}').trim();
    expect(panes).not.toBe('node');
  });
});
