// Issue 12 in a real terminal at exactly 80×24, Polish and English (--lang en): the administration screens —
// login, menu, [A-1-5-1] branch and [A-1-5-2] workstation configuration, [A-1-5-5] operators, [A-1-5-6] audit log
// and its detail, F1 help, the quit question. On every frame: the title on line 1, the F-key legend on line 24,
// no line wider than 80; in English no Polish letters outside user data.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {MAIN, tmuxApp, type TmuxApp} from '../helpers/tmux.js';

const POLISH = /[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]/;
let tmp = '';
const apps: TmuxApp[] = [];

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ksef-admin-'));
});
afterAll(() => {
  for (const a of apps) a.kill();
  if (tmp) fs.rmSync(tmp, {recursive: true, force: true});
});

function start(lang: 'pl' | 'en'): TmuxApp {
  const app = tmuxApp(`ksef-admin-${lang}`, 20_000);
  apps.push(app);
  const data = path.join(tmp, `data-${lang}`);
  const cmd = `node '${MAIN}' --demo --data '${data}' --lang ${lang}; echo "EXIT_CODE=$?"; sleep 120`;
  app.tmux('new-session', '-d', '-s', app.session, '-x', '80', '-y', '24', '-e', 'CI=false', '-e', 'KSEF_CERTS_E2E=1', cmd);
  return app;
}

/** Frame rules; `user` = texts that are user data (names from the demo store) removed before the language check. */
function expectWhole(screen: string, lang: 'pl' | 'en', footer: RegExp) {
  const lines = screen.split('\n');
  expect(lines[0]).toContain('ksef-certs');
  expect(lines[23] ?? '').toMatch(footer);
  for (const l of lines) expect([...l.trimEnd()].length).toBeLessThanOrEqual(80);
  if (lang === 'en') expect(screen.replace(/Kowalski|Centrala|Oddział 1|Łódź/g, '')).not.toMatch(POLISH);
}

describe('administration screens at 80×24 (tmux)', () => {
  for (const lang of ['pl', 'en'] as const) {
    it(`${lang}: login → A-1-5-1, -2, -5, -6 (detail), F1, quit`, async () => {
      const app = start(lang);
      const L = lang === 'pl'
        ? {menu: 'Menu główne', help: 'F1 Pomoc', save: 'F2 Zapisz', add: 'F3 Dodaj', branch: '▶ Oddział', ws: '▶ Folder podpisu', ops: 'JKOWALSKI',
          audit: 'Filtry — a zdarzenie', detail: 'Zdarzenie z ', helpTitle: 'Pomoc — ', quit: '(T/N)', no: 'n'}
        : {menu: 'Main menu', help: 'F1 Help', save: 'F2 Save', add: 'F3 Add', branch: '▶ Branch', ws: '▶ Signing folder', ops: 'JKOWALSKI',
          audit: 'Filters — a event', detail: 'Event of ', helpTitle: 'Help — ', quit: '(Y/N)', no: 'n'};
      await app.waitFor(lang === 'pl' ? 'GOTOWY' : 'READY');
      app.keys('ADMIN', 'Enter', 'Demo2026!ksef', 'Enter');
      expectWhole(await app.waitFor(L.menu), lang, new RegExp(L.help));
      const visit = async (codes: string[], ready: string, footer: string) => {
        app.keys(...codes);
        const s = await app.waitFor(ready);
        expectWhole(s, lang, new RegExp(footer));
        app.keys('F1');
        expectWhole(await app.waitFor(L.helpTitle), lang, new RegExp(L.help));
        app.keys('F1');
        await app.waitUntil(x => !x.includes(L.helpTitle), 'help closed');
        return s;
      };
      await visit(['a', '1', '5', '1'], L.branch, `${L.save}.*${L.help}`);
      app.keys('Escape');
      await app.waitUntil(x => (x.split('\n')[1] ?? '').startsWith('[A-1-5] '), 'A-1-5');
      await visit(['2'], L.ws, `${L.save}.*${L.help}`);
      app.keys('Escape');
      await app.waitUntil(x => (x.split('\n')[1] ?? '').startsWith('[A-1-5] '), 'A-1-5');
      await visit(['5'], L.ops, `${L.add}.*${L.help}`);
      app.keys('Escape');
      await app.waitUntil(x => (x.split('\n')[1] ?? '').startsWith('[A-1-5] '), 'A-1-5');
      await visit(['6'], L.audit, L.help);
      app.keys('Enter');
      expectWhole(await app.waitFor(L.detail), lang, new RegExp(L.help));
      app.keys('Escape');
      await app.waitFor(L.audit);
      app.keys('Escape');
      await app.waitUntil(x => (x.split('\n')[1] ?? '').startsWith('[A-1-5] '), 'A-1-5');
      app.keys('Escape');
      await app.waitUntil(x => (x.split('\n')[1] ?? '').startsWith('[A-1] '), 'A-1');
      app.keys('Escape');
      await app.waitUntil(x => (x.split('\n')[1] ?? '').startsWith('[A] '), 'A');
      app.keys('Escape');
      await app.waitFor(L.menu);
      app.keys('Escape');
      expectWhole(await app.waitFor(L.quit), lang, new RegExp(L.help));
      app.keys('F10');
      await app.waitFor('EXIT_CODE=0');
    }, 180_000);
  }
});
