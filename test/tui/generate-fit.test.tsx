// The generate path at 80×24 (ink-testing-library, the screen in the Shell's body: 78 × 18): the authorisation
// screen with skipped files, its own F1 help, the progress while KSeF is silent (the current step and the Esc hint in
// view), the failure with its code; every frame within the body and no line wider than 80 — in Polish and English.
import React from 'react';
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {Lang} from '../../src/i18n/index.js';
import {CertGenerateScreen} from '../../src/screens/cert-generate.js';
import {bodySize} from '../../src/tui/layout.js';
import {saveCapture} from '../helpers/frame.js';
import {signWithXmlsec1} from '../helpers/simulator.js';
import type {CertWorld} from '../helpers/revoke-world.js';
import {makeSealWorld, type Seal} from '../helpers/seal-world.js';
import {KEYS, waitForFrame, waitForGone} from '../helpers/ink.js';
import {mountScreen} from '../helpers/mount.js';

const PASSWORD = 'Haslo-Klucza-2026!';
const BODY = bodySize({columns: 80, rows: 24});
let w: CertWorld;
let seal: Seal;
let signFolder: string;

beforeAll(async () => {
  ({w, seal, signFolder} = await makeSealWorld('ws-fit'));
}, 60_000);
afterEach(cleanup);
afterAll(() => w?.cleanup());

function mount(lang: Lang = 'pl') {
  const r = mountScreen(
    {store: w.store, dataDir: w.dataDir, operator: w.admin, workstation: 'ws-fit', gateway: w.gateway, lang},
    (nav) => <CertGenerateScreen kind="company" active path={['A', '1', '5', '4']} nav={nav} />,
  );
  const out = r.stdout as unknown as NodeJS.EventEmitter;
  Object.defineProperty(out, 'columns', {value: 80, configurable: true});
  Object.defineProperty(out, 'rows', {value: 24, configurable: true});
  out.emit('resize');
  return r;
}
type R = ReturnType<typeof mount>;

/** The frame fits the Shell's body at 80×24: at most 18 rows, no line wider than 80. */
function expectFits(r: R): string {
  const f = r.lastFrame() ?? '';
  const lines = f.split('\n');
  expect(lines.length).toBeLessThanOrEqual(BODY.rows);
  for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80);
  return f;
}

async function press(r: R, key: string, expected: string | RegExp, timeout = 8000) {
  r.stdin.write(key);
  await waitForFrame(r.lastFrame, expected, timeout);
}

async function fill(r: R, name: string, labels = {env: 'Środowisko KSeF', name: 'Nazwa certyfikatu', type: 'Typ certyfikatu', mode: 'Tryb', date: 'Data uruchomienia', pw: 'Hasło klucza (.key)', pw2: 'Powtórz hasło'}) {
  await waitForFrame(r.lastFrame, labels.env);
  await press(r, 'D', `▶ ${labels.name}`);
  r.stdin.write(name);
  await waitForFrame(r.lastFrame, name);
  await press(r, KEYS.tab, `▶ ${labels.type}`);
  await press(r, 'A', `▶ ${labels.mode}`);
  await press(r, 'B', `▶ ${labels.date}`);
  await press(r, KEYS.tab, `▶ ${labels.pw}`);
  r.stdin.write(PASSWORD);
  await press(r, KEYS.tab, `▶ ${labels.pw2}`);
  r.stdin.write(PASSWORD);
  await waitForFrame(r.lastFrame, /Hasła zgodne|passwords match/);
}

const authFile = () => path.join(signFolder, 'auth.xml');
const signed = () => signWithXmlsec1(fs.readFileSync(authFile(), 'utf8'), seal.certPem, seal.keyPem);

describe('generate at 80×24', () => {
  it('authorisation with skipped files and its own F1 help fit; progress keeps the current step and "Esc — przerwij" in view', async () => {
    const r = mount();
    await fill(r, 'Firma 80x24');
    await press(r, KEYS.f2, 'Autoryzacja podpisem zewnętrznym');
    await waitForFrame(r.lastFrame, /Pozostało/);
    expectFits(r);
    for (const n of ['a', 'b', 'c', 'd']) fs.writeFileSync(path.join(signFolder, `zepsuty-${n}.xml`), `<${n}>`);
    await waitForFrame(r.lastFrame, 'Pominięto zepsuty-d.xml');
    const skipped = expectFits(r);
    saveCapture('generate-auth-skipped-80x24', skipped);
    expect(skipped).toContain('K — kontynuuj');
    expect(skipped).toContain('Esc — przerwij');

    await press(r, KEYS.f1, 'Pomoc — autoryzacja podpisem zewnętrznym');
    const help = expectFits(r).replace(/\s+/g, ' ');
    expect(help).toContain('TYLKO DO TESTÓW');
    expect(help).toContain('Po 10 minutach N pobiera nowe wyzwanie');
    await press(r, KEYS.f1, 'K — kontynuuj');

    // KSeF silent while the certificate is being issued: the progress stays on screen long enough to look at.
    w.sim.faults.add({path: '/certificates/enrollments/.+-EH-', method: 'GET', delayMs: 6000, times: 1});
    fs.writeFileSync(path.join(signFolder, 'podpisany.xml'), signed());
    await waitForFrame(r.lastFrame, /KSeF nie odpowiada od \d+ s/, 15_000);
    const progress = expectFits(r);
    saveCapture('generate-progress-80x24', progress);
    expect(progress).toContain('Generowanie certyfikatu „Firma 80x24” dla firmy');
    expect(progress).toMatch(/Oczekiwanie na wydanie certyfikatu/);
    expect(progress).toContain('Esc — przerwij');
    // 13 steps with their details do not fit: the region follows the step under way, the marker says where it is.
    expect(progress).toMatch(/▲ \d+–\d+\/\d+/);
    expect(progress).not.toContain('Podpis żądania autoryzacyjnego');
    // ↑ / Home look back at the login steps, still within the body and with the Esc hint.
    r.stdin.write(KEYS.home);
    await waitForFrame(r.lastFrame, 'Podpis żądania autoryzacyjnego');
    expect(expectFits(r)).toContain('Esc — przerwij');
    r.stdin.write(KEYS.esc);
    await waitForFrame(r.lastFrame, 'Przerwano generowanie certyfikatu.', 10_000);
    expectFits(r);
  }, 60_000);

  it('English: the authorisation screen, its help and the progress carry no Polish text of ours', async () => {
    const r = mount('en');
    await fill(r, 'Company en', {env: 'KSeF environment', name: 'Certificate name', type: 'Certificate type', mode: 'Mode', date: 'Start date', pw: 'Key password (.key)', pw2: 'Repeat password'});
    await press(r, KEYS.f2, 'Authorisation by an external signature');
    await waitForFrame(r.lastFrame, 'K — continue');
    const polish = /[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]/;
    expect(expectFits(r)).not.toMatch(polish);
    await press(r, KEYS.f1, 'TEST-ONLY signer');
    expect(expectFits(r)).not.toMatch(polish);
    await press(r, KEYS.esc, 'K — continue');
    fs.writeFileSync(path.join(signFolder, 'signed-en.xml'), signed());
    await waitForFrame(r.lastFrame, 'KSeF certificate “Company en” generated for', 20_000);
    const done = expectFits(r);
    saveCapture('generate-done-en-80x24', done);
    expect(done).toContain('Serial number:');
    expect(done.replace(/\/\S+/g, '')).not.toMatch(polish);
    await waitForGone(r.lastFrame, 'Esc — cancel');
  }, 60_000);
});
