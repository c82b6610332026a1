import React from 'react';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {App, type AppProps} from '../../src/screens/shell/App.js';
import {SCREENS} from '../../src/screens/registry.js';
import {FakeStore, FAKE_ADMIN} from '../helpers/fake-store.js';
import {KEYS, settle, waitForFrame, waitForGone, press} from '../helpers/ink.js';

afterEach(cleanup);

function start(extra: Partial<AppProps> = {}) {
  const store = new FakeStore();
  const onExit = vi.fn();
  const r = render(
    <App store={store} dataDir="/srv/ksef/data" workstation="ws1" demo demoCredentials={FAKE_ADMIN} onExit={onExit} {...extra} />,
  );
  return {...r, store, onExit};
}

async function startLoggedIn(extra: Partial<AppProps> = {}) {
  const store = new FakeStore();
  const operator = store.data.operators[0];
  const r = start({operator, ...extra});
  await waitForFrame(r.lastFrame, 'Menu główne');
  await waitForFrame(r.lastFrame, 'Operator: ADMIN');
  return r;
}

/** Writes one key and waits for `expected` to appear. */

describe('login', () => {
  it('rejects a wrong password with a Polish message and counts the attempt, then accepts the right one', async () => {
    const r = start();
    await waitForFrame(r.lastFrame, 'Logowanie operatora');
    expect(r.lastFrame()).toContain('operator: ADMIN, hasło: Demo2026!ksef'); // demo credentials shown
    await press(r, 'ADMIN', 'ADMIN');
    await press(r, KEYS.enter, /Hasło\s+▏/);
    r.stdin.write('zlehaslo');
    await waitForFrame(r.lastFrame, '********');
    expect(r.lastFrame()).not.toContain('zlehaslo'); // masked
    await press(r, KEYS.enter, 'Nieprawidłowy kod operatora lub hasło (próba 1 z 5).');
    expect(r.lastFrame()).not.toContain('Menu główne');
    expect(r.store.data.audit.map(a => a.action)).toEqual(['loginFailed']);

    r.stdin.write(FAKE_ADMIN.password);
    await waitForFrame(r.lastFrame, '*'.repeat(FAKE_ADMIN.password.length));
    await press(r, KEYS.enter, 'Menu główne');
    expect(r.lastFrame()).toContain('A. KSeF/Inwentaryzacja/FK');
    expect(r.lastFrame()).toContain('Operator: ADMIN');
    expect(r.lastFrame()).toContain('Oddział: CENTRALA');
    expect(r.lastFrame()).toContain('Środowisko: DEMO');
    expect(r.store.data.audit.map(a => a.action)).toEqual(['loginFailed', 'login']);
    expect(r.store.data.audit[1].workstation).toBe('ws1');
  });

  it('takes code, Enter and password typed as one chunk', async () => {
    const r = start();
    await waitForFrame(r.lastFrame, 'Logowanie operatora');
    r.stdin.write(`admin\r${FAKE_ADMIN.password}\r`);
    await waitForFrame(r.lastFrame, 'Menu główne');
  });

  it('drops unknown escape sequences instead of typing them', async () => {
    const r = start();
    await waitForFrame(r.lastFrame, 'Logowanie operatora');
    r.stdin.write('\x1b[1;2S');
    r.stdin.write(KEYS.f12);
    r.stdin.write('\x1b[200~');
    await press(r, 'X', /Kod operatora\s+X▏/);
    expect(r.lastFrame()).not.toContain('[1;2S');
    expect(r.lastFrame()).not.toContain('200~');
  });
});

describe('menu navigation', () => {
  it('reaches A-1-5-7 one key at a time', async () => {
    const r = await startLoggedIn();
    await press(r, 'a', '[A] KSeF/Inwentaryzacja/FK');
    await press(r, '1', '[A-1] ');
    await press(r, '5', '[A-1-5] ');
    expect(r.lastFrame()).toContain('4. Generowanie nowego Certyfikatu KSeF');
    expect(r.lastFrame()).toContain('8. Kody QR faktur offline');
    expect(r.lastFrame()).not.toContain('8. Kody QR faktur offline (planowane)');
    await press(r, '7', '[A-1-5-7] KSeF/Inwentaryzacja/FK › KSeF › Konfiguracja KSeF › Lista Certyfikatów KSeF');
  });

  it('reaches A-1-5-7 with arrows and Enter', async () => {
    const r = await startLoggedIn();
    await press(r, KEYS.enter, '[A] ');
    await press(r, KEYS.enter, '[A-1] ');
    for (let i = 0; i < 4; i++) r.stdin.write(KEYS.down);
    await waitForFrame(r.lastFrame, '▶ 5. Konfiguracja KSeF');
    await press(r, KEYS.enter, '[A-1-5] ');
    await press(r, KEYS.end, '▶ 8. Kody QR');
    await press(r, KEYS.up, '▶ 7. Lista Certyfikatów KSeF');
    await press(r, KEYS.enter, '[A-1-5-7] ');
  });

  it('handles a multi-key chunk: a15 lands on A-1-5', async () => {
    const r = await startLoggedIn();
    r.stdin.write('a15');
    await waitForFrame(r.lastFrame, '[A-1-5] ');
    expect(r.lastFrame()).toContain('1. Konfiguracja oddziału');
    r.stdin.write('4\x1b[B\r'); // submenu 4, then down + Enter in the same chunk
    await waitForFrame(r.lastFrame, '[A-1-5-4-2] ');
  });

  it('goes back with Esc (after the Esc-digit window) and asks before quitting at the root', async () => {
    const r = await startLoggedIn();
    r.stdin.write('a15');
    await waitForFrame(r.lastFrame, '[A-1-5] ');
    await press(r, KEYS.esc, '[A-1] ');
    await press(r, KEYS.esc, '[A] ');
    await press(r, KEYS.esc, 'A. KSeF/Inwentaryzacja/FK');
    await waitForGone(r.lastFrame, '[A]');
    await press(r, KEYS.esc, 'Zakończyć pracę programu? (T/N)');
    await press(r, 'n', 'Menu główne');
    // 'Menu główne' is on screen behind the question too: wait for the question to close (it raced under load).
    await waitForGone(r.lastFrame, '(T/N)');
    expect(r.lastFrame()).not.toContain('(T/N)');
    expect(r.onExit).not.toHaveBeenCalled();
    // Esc then a non-digit: Esc is delivered at once, then the letter answers the question.
    r.stdin.write(KEYS.esc);
    await settle();
    r.stdin.write('t');
    await vi.waitFor(() => expect(r.onExit).toHaveBeenCalledWith('quit'), {timeout: 5000});
  });

  it('F10 quits at once from a submenu', async () => {
    const r = await startLoggedIn();
    r.stdin.write('a1');
    await waitForFrame(r.lastFrame, '[A-1] ');
    r.stdin.write(KEYS.f10);
    await vi.waitFor(() => expect(r.onExit).toHaveBeenCalledWith('quit'), {timeout: 5000});
  });

  it('says an item of another module is outside this module, and does not navigate', async () => {
    const r = await startLoggedIn();
    await press(r, 'b', 'Poza modułem certyfikatów KSeF');
    expect(r.lastFrame()).toContain('Menu główne');
    r.stdin.write('a');
    await waitForFrame(r.lastFrame, '[A] ');
    expect(r.lastFrame()).not.toContain('Poza modułem'); // message cleared by the next key
    await press(r, '2', 'Poza modułem certyfikatów KSeF'); // Inwentaryzacja
    await press(r, '1', '[A-1] ');
    await press(r, '3', 'Poza modułem certyfikatów KSeF'); // Status sesji KSeF
    expect(r.lastFrame()).toContain('[A-1] ');
  });

  it('shows "w przygotowaniu" for a leaf without a registered screen', async () => {
    const r = await startLoggedIn({screens: {placeholder: SCREENS.placeholder}});
    r.stdin.write('a158');
    await waitForFrame(r.lastFrame, '[A-1-5-8] ');
    expect(r.lastFrame()).toContain('Funkcja w przygotowaniu.');
    await press(r, KEYS.esc, '▶ 8. Kody QR faktur offline');
  });

  it('ignores unknown keys: Shift+F4 (ESC[1;2S), F12, Insert leave the frame as it was', async () => {
    const r = await startLoggedIn();
    const before = r.lastFrame();
    r.stdin.write('\x1b[1;2S');
    r.stdin.write(KEYS.f12);
    r.stdin.write('\x1b[2~');
    r.stdin.write('\x1b[M!!!'); // mouse report junk
    r.stdin.write(KEYS.down); // a known key after them: once it shows, the unknown ones were processed
    await waitForFrame(r.lastFrame, '▶ B. Sprzedaż');
    r.stdin.write(KEYS.up);
    await waitForFrame(r.lastFrame, '▶ A. KSeF');
    expect(r.lastFrame()).toBe(before);
  });
});

describe('F1 help', () => {
  const forms: [string, string[]][] = [
    ['xterm ESC O P', [KEYS.f1]],
    ['vt220/PuTTY ESC [11~', ['\x1b[11~']],
    ['Linux console ESC [[A', ['\x1b[[A']],
    ['Esc then 1', [KEYS.esc, '1']],
    ['Esc+1 in one read', ['\x1b1']],
  ];
  for (const [name, seq] of forms) {
    it(`opens the help of the current screen via ${name}`, async () => {
      const r = await startLoggedIn();
      r.stdin.write('a15');
      await waitForFrame(r.lastFrame, '[A-1-5] ');
      for (const s of seq) {
        r.stdin.write(s);
        await settle();
      }
      await waitForFrame(r.lastFrame, 'Pomoc — Konfiguracja KSeF');
      expect(r.lastFrame()).toContain('Wybierz pozycję, naciskając jej literę lub cyfrę');
      expect(r.lastFrame()).not.toContain('[A-1-5-1]'); // the "1" was not taken as a menu choice
      await press(r, KEYS.enter, '1. Konfiguracja oddziału');
      expect(r.lastFrame()).toContain('[A-1-5] ');
      expect(r.lastFrame()).not.toContain('Pomoc —');
    });
  }

  it('shows the login help before login', async () => {
    const r = start();
    await waitForFrame(r.lastFrame, 'Logowanie operatora');
    await press(r, KEYS.f1, 'Pomoc — Logowanie operatora');
    expect(r.lastFrame()).toContain('Podaj kod operatora i hasło');
  });
});

describe('English', () => {
  it('--lang en switches the whole UI', async () => {
    const r = start({lang: 'en'});
    await waitForFrame(r.lastFrame, 'Operator login');
    r.stdin.write(`ADMIN\r${FAKE_ADMIN.password}\r`);
    await waitForFrame(r.lastFrame, 'Main menu');
    expect(r.lastFrame()).toContain('Environment: DEMO');
    r.stdin.write('a157');
    await waitForFrame(r.lastFrame, '[A-1-5-7] KSeF/Stocktaking/Accounting › KSeF › KSeF configuration › KSeF certificate list');
    expect(r.lastFrame()).toContain('F10 Quit');
  });

  it('rejects a wrong password in English', async () => {
    const r = start({lang: 'en'});
    await waitForFrame(r.lastFrame, 'Operator login');
    r.stdin.write('ADMIN\rnope\r');
    await waitForFrame(r.lastFrame, 'Wrong operator code or password (attempt 1 of 5).');
  });
});

describe('layout', () => {
  it('follows a terminal resize (columns and rows from stdout, "resize" event)', async () => {
    const r = await startLoggedIn();
    const out = r.stdout as unknown as NodeJS.EventEmitter & {columns: number; rows?: number};
    const lines = () => (r.lastFrame() ?? '').split('\n');
    expect(lines()[0].indexOf('DEMO')).toBe(95); // right-aligned badge at 100 columns
    expect(lines()).toHaveLength(24); // default 24 rows: the frame takes every row
    Object.defineProperty(out, 'columns', {value: 80, configurable: true});
    Object.defineProperty(out, 'rows', {value: 20, configurable: true});
    out.emit('resize');
    await vi.waitFor(() => expect(lines()[0].indexOf('DEMO')).toBe(75));
    expect(lines()).toHaveLength(20);
    expect(Math.max(...lines().map(l => l.length))).toBeLessThanOrEqual(80);
    expect(lines()[18]).toBe('Operator: ADMIN │ Oddział: CENTRALA │ Środowisko: DEMO │ Baza: /srv/ksef/data');
    expect(lines()[19]).toMatch(/^F1 Pomoc {2}Esc Powrót {2}F10 Koniec$/);
  });
});
