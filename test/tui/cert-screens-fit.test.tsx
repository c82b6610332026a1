// The certificate screens and their dialogs at 80×24 and 120×40, in Polish and English (issue 12): no line wider
// than the window, the frame within the window with the title on the first line and the F-key legend at the bottom,
// the screen's markers visible; under --lang en no Polish letter outside user data (names, subjects, issuers).
import React from 'react';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import type {CertificateRecord} from '../../src/domain/index.js';
import type {Lang} from '../../src/i18n/index.js';
import {App} from '../../src/screens/shell/App.js';
import {makeCertWorld, type CertWorld} from '../helpers/revoke-world.js';
import {fixture, makeQrWorld, type QrWorld} from '../helpers/qr-world.js';
import {KEYS, waitForFrame, waitForGone} from '../helpers/ink.js';

afterEach(cleanup);

let w: CertWorld;
let own: CertificateRecord;
let company: CertificateRecord;
/** Words of user data (company, operators, branches, certificate subjects and issuers) that may carry Polish letters. */
let userWords: string[] = [];

beforeAll(async () => {
  w = await makeCertWorld();
  own = await w.enroll({type: 'A', name: 'Operator A'});
  company = await w.enroll({type: 'A', owner: {kind: 'company'}, name: 'Firma A'});
  // A history longer than any window: the details must scroll to its oldest event.
  for (let i = 1; i <= 25; i++) {
    await w.store.audit({operator: 'ADMIN', workstation: 'ws-fit', action: 'export', certificateId: own.id, serial: own.serial, details: `folder /srv/eksport-${String(i).padStart(2, '0')}`});
  }
  const [co, ops, branches] = await Promise.all([w.store.company(), w.store.listOperators(), w.store.listBranches()]);
  const data = [co.name, ...ops.map((o) => o.name), ...branches.map((b) => b.name), ...[own, company].flatMap((r) => [r.subject ?? '', r.issuer ?? ''])];
  userWords = data.join(' ').split(/[\s,=]+/).filter((x) => /[ąćęłńóśźż]/i.test(x));
});
afterAll(() => w?.cleanup());

const POLISH = /[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]/;
const plain = (f: string | undefined) => (f ?? '').replace(/\x1b\[[0-9;]*m/g, '');

type Size = {columns: number; rows: number};
const SIZES: Size[] = [{columns: 80, rows: 24}, {columns: 120, rows: 40}];

async function openAt(lang: Lang, size: Size, at: string[], ready: string | RegExp) {
  const r = render(<App store={w.store} dataDir={w.dataDir} workstation="ws-fit" lang={lang} operator={w.admin} gateway={w.gateway} initialPath={at} escTimeoutMs={0} />);
  const out = r.stdout as unknown as NodeJS.EventEmitter;
  Object.defineProperty(out, 'columns', {value: size.columns, configurable: true});
  Object.defineProperty(out, 'rows', {value: size.rows, configurable: true});
  out.emit('resize');
  await waitForFrame(r.lastFrame, ready, 10_000);
  return r;
}

/** Whole in the window: width, height, title on top, the legend (with F10) as the last line drawn. */
function expectWhole(frame: string | undefined, size: Size, lang: Lang, what: string) {
  const lines = plain(frame).replace(/\n+$/, '').split('\n');
  for (const l of lines) expect([...l].length, `${what}: ${l}`).toBeLessThanOrEqual(size.columns);
  expect(lines.length, what).toBeLessThanOrEqual(size.rows);
  expect(lines[0], what).toMatch(/ksef-certs/);
  expect(lines[lines.length - 1], what).toMatch(/^(F\d+|Esc) /); // the F-key legend closes the frame
  if (lang === 'en') {
    let text = plain(frame);
    for (const word of userWords) text = text.split(word).join('');
    const bad = text.split('\n').filter((l) => POLISH.test(l));
    expect(bad, `${what}: Polish letters under en`).toEqual([]);
  }
}

/** The F-key legend (last line drawn). */
const legendOf = (f: string | undefined) => plain(f).replace(/\n+$/, '').split('\n').at(-1) ?? '';

const T = {
  pl: {list: /\d+ z \d+/, details: 'Odcisk SHA-256', export: 'Eksport certyfikatu', exportHelp: 'Pomoc — eksport certyfikatu', revoke: 'Unieważnienie certyfikatu', reason: 'Przyczyna', qr: 'Plik faktury', verify: 'Link', import: 'Plik certyfikatu'},
  en: {list: /\d+ of \d+/, details: 'SHA-256 fingerprint', export: 'Export of certificate', exportHelp: 'Help — certificate export', revoke: 'Revocation of certificate', reason: 'Reason', qr: 'Invoice file', verify: 'Link', import: 'Certificate file'},
} as const;

describe.each(['pl', 'en'] as const)('certificate screens fit the window (%s)', (lang) => {
  const m = T[lang];
  it.each(SIZES)('list, details (scrolling), F4 with its own F1 help, F8 reason at $columns×$rows', async (size) => {
    const r = await openAt(lang, size, ['A', '1', '5', '7'], m.list);
    expectWhole(r.lastFrame(), size, lang, 'list');
    expect(legendOf(r.lastFrame())).toMatch(/^F4 .*F5 .*F8 .*F1 .*Esc .*F10 /);
    // Status and days left stay visible on every certificate row.
    const rows = plain(r.lastFrame()).split('\n').filter((l) => /(Operato|Firma A).*\d{4}-\d\d-\d\d/.test(l));
    expect(rows.length).toBe(2);
    for (const row of rows) expect(row).toMatch(lang === 'pl' ? /\d+\s+aktywny/ : /\d+\s+active/);

    r.stdin.write(KEYS.enter);
    await waitForFrame(r.lastFrame, m.details);
    expectWhole(r.lastFrame(), size, lang, 'details');
    const first = plain(r.lastFrame());
    // The whole fingerprint and serial are there (wrapped, never cut), scrolled into view when needed.
    let seen = first;
    for (let i = 0; i < 8; i++) {
      r.stdin.write(KEYS.pageDown);
      await new Promise((res) => setTimeout(res, 30));
      seen += plain(r.lastFrame());
      expectWhole(r.lastFrame(), size, lang, 'details scrolled');
    }
    const joined = seen.replace(/\s+/g, '');
    expect(joined).toContain(own.fingerprintSha256!.replace(/\s+/g, ''));
    expect(joined).toContain(own.serial!);
    // The whole history: the newest event first, the oldest reached by scrolling.
    expect(seen).toContain('eksport-25');
    expect(seen).toContain('eksport-01');
    if (size.rows === 24) expect(first).toMatch(/ 1–\d+\/\d+ ▼/); // the scroll marker: more below

    r.stdin.write(KEYS.f4);
    await waitForFrame(r.lastFrame, m.export);
    expectWhole(r.lastFrame(), size, lang, 'export dialog');
    // The footer lists the keys that work in the dialog: F2 saves; F4/F5/F8 of the list do not work there.
    expect(legendOf(r.lastFrame())).toMatch(/^F2 .*F1 .*Esc /);
    expect(legendOf(r.lastFrame())).not.toMatch(/F4|F5|F8/);
    r.stdin.write(KEYS.f1);
    await waitForFrame(r.lastFrame, m.exportHelp);
    expectWhole(r.lastFrame(), size, lang, 'export help');
    expect(legendOf(r.lastFrame())).toMatch(/^F1 .*Esc /);
    r.stdin.write(KEYS.esc);
    await waitForGone(r.lastFrame, m.exportHelp);
    expect(r.lastFrame()).toContain(m.export);
    r.stdin.write(KEYS.esc);
    await waitForGone(r.lastFrame, m.export);

    r.stdin.write(KEYS.f8);
    await waitForFrame(r.lastFrame, m.reason);
    expect(r.lastFrame()).toContain(m.revoke);
    expectWhole(r.lastFrame(), size, lang, 'revoke reason');
    expect(legendOf(r.lastFrame())).not.toMatch(/F4|F5|F8/);
    r.stdin.write(KEYS.esc);
    await waitForGone(r.lastFrame, m.reason);
  });

  it.each(SIZES)('QR form, its verifier (F6) and the import form at $columns×$rows', async (size) => {
    const q = await openAt(lang, size, ['A', '1', '5', '8'], m.qr);
    expectWhole(q.lastFrame(), size, lang, 'qr form');
    q.stdin.write(KEYS.f6);
    await waitForFrame(q.lastFrame, m.verify);
    expectWhole(q.lastFrame(), size, lang, 'verify form');
    q.unmount();
    const i = await openAt(lang, size, ['A', '1', '5', '3'], m.import);
    expectWhole(i.lastFrame(), size, lang, 'import form');
  });
});

describe.each(['pl', 'en'] as const)('QR result fits the window (%s)', (lang) => {
  let q: QrWorld;
  beforeAll(async () => {
    q = await makeQrWorld();
    await q.addCert({type: 'O', serial: '01A2B3C4D5E6F70A'});
  });
  afterAll(() => q?.cleanup());

  it.each(SIZES)('links and the codes view at $columns×$rows', async (size) => {
    const r = render(<App store={q.store} dataDir={q.dataDir} workstation="ws-fit" lang={lang} operator={q.operator} initialPath={['A', '1', '5', '8']} escTimeoutMs={0} />);
    const out = r.stdout as unknown as NodeJS.EventEmitter;
    Object.defineProperty(out, 'columns', {value: size.columns, configurable: true});
    Object.defineProperty(out, 'rows', {value: size.rows, configurable: true});
    out.emit('resize');
    await waitForFrame(r.lastFrame, T[lang].qr, 10_000);
    r.stdin.write(fixture('fa3-demo-crlf-bom.xml'));
    await waitForFrame(r.lastFrame, /1111111111/);
    r.stdin.write(KEYS.f2);
    await waitForFrame(r.lastFrame, 'CERTYFIKAT', 10_000);
    expectWhole(r.lastFrame(), size, lang, 'qr links');
    expect(legendOf(r.lastFrame())).toMatch(/^F6 .*F1 .*Esc /);
    r.stdin.write(KEYS.enter);
    await waitForFrame(r.lastFrame, lang === 'pl' ? /KOD I — weryfikacja faktury/ : /KOD I — invoice verification/);
    expectWhole(r.lastFrame(), size, lang, 'qr codes');
  });
});

