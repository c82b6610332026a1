// The README's first-run walkthrough, key by key as written there, in the BUILT app at 80×24 (tmux, CI=false):
// JKOWALSKI generates his type-O certificate (the demo signer signs with his TEST person identity: PESEL in the
// subject), "Esc Esc" after the result leads to the module menu, the list and details, the QR codes of a sample
// invoice from data/faktury-demo, quit. Each step's keys must appear verbatim in the README, so the text and the
// test change together. Every frame waited on is whole (header line 1, footer line 24, ≤ 80 columns).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startBuiltApp, tmuxApp} from '../helpers/tmux.js';
import {crumbOf, wholeFrame} from '../helpers/walk.js';
import {captureLines} from '../helpers/frame.js';

const README = fs.readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
const app = tmuxApp('ksef-e2e-readme', 30_000);
let tmp = '';
let data = '';

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ksef-readme-'));
  data = path.join(tmp, 'data');
  startBuiltApp(app, data, 80, 24);
}, 120_000);

afterAll(() => {
  app.kill();
  if (tmp) fs.rmSync(tmp, {recursive: true, force: true});
});

const focus = (s: string) => captureLines(s).findIndex((l) => l.startsWith(' ▶ '));
const whole = async (ok: (s: string) => boolean, what: string) => {
  const s = await wholeFrame(app, ok, what, 80, 24);
  return s;
};
/** Sends one README key and waits for what it does. */
const press = async (key: string, then: (s: string) => boolean, what: string) => {
  app.keys(key);
  return whole(then, what);
};
const moved = (from: number) => (s: string) => focus(s) >= 0 && focus(s) !== from;
const tabs = async (n: number) => {
  for (let i = 0; i < n; i++) await press('Tab', moved(focus(app.screen())), 'Tab');
};
const typed = async (text: string, shown = text) => {
  app.literal(text);
  return whole((s) => (captureLines(s)[focus(s)] ?? '').includes(shown), `typed ${shown}`);
};
const at = (code: string) => (s: string) => crumbOf(s).startsWith(`[${code}] `);

describe('README walkthrough (80×24)', () => {
  it('runs exactly as the README says', async () => {
    const section = README.slice(README.indexOf('## Pierwsze uruchomienie'), README.indexOf('## Menu `[A-1-5]`'));
    for (const text of [
      'type `JKOWALSKI`, `Enter`, type `Demo2026!oper`, `Enter`', '`a` `1` `5`', '`4` `1`', '`Tab` `Tab` → `Nazwa certyfikatu`: type `JK offline`',
      '`Tab` → `Typ certyfikatu`: `o`', '`Tab` `Tab` → `Hasło klucza (.key)`: type `Haslo!2026demo`; `Tab`, type it again; `F2`',
      'The authorisation screen: `k`', '`Esc` `Esc` → back to the module menu', '`7` →', '`Enter` → details; `Esc` → the list',
      '`Esc` → the module menu', '`8` →', 'type `data/faktury-demo/FV-0001.xml`', '`F2`\n   → KOD I and KOD II links; `Enter` → the codes',
      '`p` → full\n   screen', '`Esc` → the framed codes, `Esc` → the links, `Esc` → the form\n   (next invoice), `Esc` → the module menu', '`F10` → quit', 'demo-reset --yes',
    ]) expect(section, text).toContain(text);

    // 1. Login.
    await whole((s) => s.includes('GOTOWY') && s.includes('Kod operatora'), 'login');
    app.literal('JKOWALSKI');
    await app.waitFor('JKOWALSKI▏');
    app.keys('Enter');
    app.literal('Demo2026!oper');
    await app.waitFor('*************▏');
    await press('Enter', (s) => s.includes('Operator: JKOWALSKI') && crumbOf(s).startsWith('Menu główne'), 'main menu');
    // 2. a 1 5.
    for (const k of ['a', '1']) app.keys(k);
    await press('5', at('A-1-5'), '[A-1-5]');
    // 3. 4 1, the form.
    app.keys('4');
    await press('1', (s) => at('A-1-5-4-1')(s) && /▶ Operator\s+JKOWALSKI/.test(s), 'form on Operator');
    await tabs(2);
    await typed('JK offline');
    await tabs(1);
    const typeLine = focus(app.screen());
    app.literal('o');
    await whole((s) => focus(s) === typeLine + 1 && /Typ certyfikatu\s+O /.test(s), 'type O, on Tryb');
    await tabs(2);
    await typed('Haslo!2026demo', '*'.repeat(14));
    await tabs(1);
    await typed('Haslo!2026demo', '*'.repeat(14));
    await press('F2', (s) => s.includes(`${path.join(data, 'podpis')}/auth.xml`), 'authorisation screen');
    // 4. k: signed with Jan Kowalski's TEST person identity; the result.
    app.keys('k');
    const result = await whole((s) => /Numer seryjny:\s+[0-9A-F]{16}/.test(s) && /_[0-9A-F]{16}\.key\s*$/m.test(s), 'result');
    expect(result).toContain('serialNumber=PNOPL-75010112353');
    expect(result).toContain(path.join(data, 'eksport'));
    // 5. Esc Esc → module menu.
    await press('Escape', at('A-1-5-4'), '[A-1-5-4]');
    await press('Escape', at('A-1-5'), '[A-1-5]');
    // 6. List, details, back.
    await press('7', (s) => at('A-1-5-7')(s) && s.includes('JK offline'), 'list');
    await press('Enter', (s) => s.includes('PNOPL-75010112353'), 'details');
    await press('Escape', (s) => at('A-1-5-7')(s) && !s.includes('PNOPL'), 'list again');
    await press('Escape', at('A-1-5'), '[A-1-5] from the list');
    // 7. QR codes of the sample invoice.
    await press('8', (s) => at('A-1-5-8')(s) && s.includes(path.join(data, 'faktury-demo')), 'QR form names the folder');
    app.literal(path.join(data, 'faktury-demo', 'FV-0001.xml'));
    await whole((s) => (s.match(/1111111111/g) ?? []).length >= 2, 'invoice facts');
    await press('F2', (s) => s.includes('KOD II') && s.includes('https://qr-demo.ksef.mf.gov.pl/certificate/'), 'links');
    await press('Enter', (s) => s.includes('kod potrzebuje'), 'codes (needs line at 80×24)');
    app.keys('p');
    await app.waitUntil((s) => /^█{41}$/.test(captureLines(s)[0] ?? ''), 'full screen KOD I');
    await press('Escape', (s) => s.includes('kod potrzebuje'), 'framed codes');
    await press('Escape', (s) => s.includes('https://qr-demo'), 'links again');
    await press('Escape', (s) => at('A-1-5-8')(s) && /▶ Plik faktury/.test(s), 'form (next invoice)');
    await press('Escape', at('A-1-5'), '[A-1-5] from the QR screen');
    // 8. Quit.
    app.keys('F10');
    await app.waitFor('EXIT_CODE=0');
  }, 180_000);
});
