// [A-1-5-7] at 80 and 120 columns: status and days left always visible (an active certificate, its waiting
// successor (Z) and a revoked one are told apart at 80), columns give way by priority, the full serial is a column
// at 120, the filters in force on one compact line; the highlighted row keeps a marker without colour.
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import type {CertificateRecord} from '../../src/domain/index.js';
import {ConfirmDialog} from '../../src/tui/components/ConfirmDialog.js';
import {KeyProvider} from '../../src/tui/keys/KeyProvider.js';
import {App} from '../../src/screens/shell/App.js';
import {FakeStore, fakeData} from '../helpers/fake-store.js';
import {KEYS, waitForFrame} from '../helpers/ink.js';

afterEach(cleanup);

const DAY = 86_400_000;
const NOW = new Date('2026-06-15T10:00:00Z');
const SERIAL_ACTIVE = '53D6B04C9EC7A32F0011223344556677';
const SERIAL_NEXT = '53D6B04C9EC7A32F00112233445566AA';
const SERIAL_REVOKED = '0A1B2C3D4E5F60718293A4B5C6D7E8F9';

function cert(id: string, serial: string, name: string, from: number, to: number, extra: Partial<CertificateRecord> = {}): CertificateRecord {
  return {
    id, owner: {kind: 'branch', code: 'CENTRALA'}, name, type: 'A', env: 'D', mode: 'B', state: 'issued', serial, keyPem: '', keyAlgorithm: 'EC-P256',
    validFrom: new Date(NOW.getTime() + from * DAY).toISOString(), validTo: new Date(NOW.getTime() + to * DAY).toISOString(),
    source: 'imported', createdAt: NOW.toISOString(), createdBy: 'ADMIN', ...extra,
  };
}

const RECORDS = [
  cert('a', SERIAL_ACTIVE, 'Bieżący A', -300, 60.5),
  cert('z', SERIAL_NEXT, 'Następca Z', 60.5, 790.5, {mode: 'Z'}),
  cert('r', SERIAL_REVOKED, 'Stary A', -700, 30.5, {state: 'revoked'}),
];

/** What a terminal without colour shows: the frame with every SGR sequence removed. */
const mono = (f: string | undefined) => (f ?? '').replace(/\x1b\[[0-9;]*m/g, '');

async function openList(columns: number, rows: number, records = RECORDS, lang: 'pl' | 'en' = 'pl') {
  const data = fakeData();
  data.certificates = structuredClone(records);
  const store = new FakeStore(data);
  const r = render(<App store={store} dataDir="/srv/ksef/data" workstation="ws1" lang={lang} operator={store.data.operators[0]} clock={() => NOW} initialPath={['A', '1', '5', '7']} escTimeoutMs={0} />);
  const out = r.stdout as unknown as NodeJS.EventEmitter;
  Object.defineProperty(out, 'columns', {value: columns, configurable: true});
  Object.defineProperty(out, 'rows', {value: rows, configurable: true});
  out.emit('resize');
  await waitForFrame(r.lastFrame, lang === 'pl' ? `${records.length} z ${records.length}` : `${records.length} of ${records.length}`);
  return r;
}

const rowOf = (frame: string, name: string) => frame.split('\n').find((l) => l.includes(name)) ?? '';

describe('certificate list adapts to the width', () => {
  it('80 columns: status and days left on every row, the serial gives way first; nothing wider than 80', async () => {
    const r = await openList(80, 24);
    const f = mono(r.lastFrame());
    for (const l of f.split('\n')) expect([...l].length).toBeLessThanOrEqual(80);
    expect(f).not.toContain('Nr seryjny');
    expect(f).not.toContain(SERIAL_ACTIVE.slice(0, 10));
    expect(f).toContain('Ważny od – do');
    expect(rowOf(f, 'Bieżący A')).toMatch(/2026-08-15\s+60 aktywny\s*$/);
    expect(rowOf(f, 'Następca Z')).toMatch(/2028-08-14\s+790 oczekujący \(Z\)\s*$/);
    expect(rowOf(f, 'Stary A')).toMatch(/2026-07-16\s+unieważniony\s*$/);
    expect(f).toMatch(/^ *Filtr: wszystkie · w właściciel, t typ, e środowisko, a status *$/m);

    // The filters in force and the sort column, each on its line: status = revoked, sorted by days left.
    r.stdin.write('aaaa');
    await waitForFrame(r.lastFrame, 'Filtr: unieważniony · w t e a — zmień, 0 — wyczyść');
    r.stdin.write('0');
    await waitForFrame(r.lastFrame, '3 z 3');
    r.stdin.write('sssssss');
    await waitForFrame(r.lastFrame, /sortowanie: Dni ▲/);
  });

  // The walk's list (two company certificates, 16-digit serials, short statuses): English used to keep the serial
  // and cut the names to `Firma A…`; the name is worth more than the serial in both languages.
  it.each([
    {lang: 'pl' as const, serial: 'Nr seryjny', range: 'Ważny od – do'},
    {lang: 'en' as const, serial: 'Serial number', range: 'Valid from – to'},
  ])('80 columns ($lang): whole names win over the serial; the validity range stays', async ({lang, serial, range}) => {
    const company = {owner: {kind: 'company'} as const};
    const r = await openList(80, 24, [
      cert('a', '038A40F78A8E333F', 'Firma A demo', -1, 730, company),
      cert('o', '0343275456AE0628', 'Firma O demo', -1, 730, {...company, type: 'O'}),
    ], lang);
    const f = mono(r.lastFrame());
    for (const l of f.split('\n')) expect([...l].length).toBeLessThanOrEqual(80);
    expect(rowOf(f, 'Firma A')).toContain('Firma A demo');
    expect(rowOf(f, 'Firma O')).toContain('Firma O demo');
    expect(f).not.toContain(serial);
    expect(f).not.toContain('038A40F78A8E333F');
    expect(f).toContain(range);
  });

  it('120 columns: the full serial is a column, the validity range is back, owner and name whole', async () => {
    const r = await openList(120, 30);
    await waitForFrame(r.lastFrame, 'Nr seryjny');
    const f = mono(r.lastFrame());
    for (const l of f.split('\n')) expect([...l].length).toBeLessThanOrEqual(120);
    expect(f).toContain('Ważny od – do');
    expect(rowOf(f, 'Bieżący A')).toMatch(new RegExp(`oddział CENTRALA Bieżący A +A D ${SERIAL_ACTIVE} 2025-08-19–2026-08-15 +60 aktywny`));
    expect(rowOf(f, 'Następca Z')).toContain(SERIAL_NEXT);
    expect(rowOf(f, 'Stary A')).toMatch(new RegExp(`${SERIAL_REVOKED} .* unieważniony`));
    expect(f).not.toContain('…');
  });
});

describe('monochrome: focus visible without colour', () => {
  it('the highlighted list row carries ▶ after every SGR sequence is removed; ↓ moves it', async () => {
    const r = await openList(80, 24);
    let f = mono(r.lastFrame());
    expect(rowOf(f, 'Bieżący A')).toMatch(/^ ▶ /);
    expect(rowOf(f, 'Następca Z')).not.toContain('▶');
    r.stdin.write(KEYS.down);
    await waitForFrame(() => mono(r.lastFrame()), /▶ .*Następca Z/);
    f = mono(r.lastFrame());
    expect(rowOf(f, 'Bieżący A')).not.toContain('▶');
    expect(f.match(/▶/g)).toHaveLength(1);
  });

  it('the focused menu item carries ▶ and the focused Tak/Nie button its brackets, with no SGR at all', async () => {
    const data = fakeData();
    const store = new FakeStore(data);
    const app = render(<App store={store} dataDir="/srv/ksef/data" workstation="ws1" operator={store.data.operators[0]} clock={() => NOW} initialPath={['A', '1', '5']} escTimeoutMs={0} />);
    await waitForFrame(app.lastFrame, '[A-1-5]');
    expect(mono(app.lastFrame())).toMatch(/^ ▶ 1\. /m);
    app.stdin.write(KEYS.down);
    await waitForFrame(() => mono(app.lastFrame()), /^ ▶ 2\. /m);
    expect(mono(app.lastFrame()).match(/▶/g)).toHaveLength(1);
    app.unmount();

    const r = render(<KeyProvider escTimeoutMs={0}><ConfirmDialog message="Unieważnić?" onYes={() => {}} onNo={() => {}} /></KeyProvider>);
    await waitForFrame(r.lastFrame, 'Unieważnić?');
    expect(mono(r.lastFrame())).toMatch(/ Tak +\[Nie\]/);
    r.stdin.write(KEYS.tab);
    await waitForFrame(() => mono(r.lastFrame()), /\[Tak\] + Nie /);
  });
});
