// [A-1-5-7] list screen over 10,000 in-memory certificates: windowed navigation, filters, search, marks, details.
import React from 'react';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import type {CertificateRecord} from '../../src/domain/index.js';
import {App} from '../../src/screens/shell/App.js';
import {FakeStore, fakeData} from '../helpers/fake-store.js';
import {KEYS, waitForFrame, waitForGone} from '../helpers/ink.js';

afterEach(cleanup);

const DAY = 86_400_000;
const NOW = new Date('2026-06-15T10:00:00Z');
const N = 10_000;

/** i: owner cycles operator JAN / branch / company; type alternates A/O; env D/P/T; #7 expires in 5 days, #8 in 20. */
function records(): CertificateRecord[] {
  return Array.from({length: N}, (_, i) => {
    const end = i === 7 ? 5.5 : i === 8 ? 20.5 : 200 + (i % 300);
    return {
      id: `id-${i}`,
      owner: i % 3 === 0 ? {kind: 'operator', code: 'JAN'} : i % 3 === 1 ? {kind: 'branch', code: 'CENTRALA'} : {kind: 'company'},
      name: `Cert ${String(i).padStart(5, '0')}`,
      type: i % 2 === 0 ? 'A' : 'O',
      env: (['D', 'P', 'T'] as const)[i % 3],
      mode: 'B',
      state: i === 9 ? 'revoked' : 'issued',
      serial: i.toString(16).toUpperCase().padStart(16, '0'),
      keyPem: '',
      keyAlgorithm: 'EC-P256',
      validFrom: new Date(NOW.getTime() - 100 * DAY).toISOString(),
      validTo: new Date(NOW.getTime() + end * DAY).toISOString(),
      source: 'imported',
      createdAt: NOW.toISOString(),
      createdBy: 'ADMIN',
    } satisfies CertificateRecord;
  });
}

let data: ReturnType<typeof fakeData>;
beforeAll(() => {
  data = fakeData();
  data.certificates = records();
});

async function openList() {
  const store = new FakeStore(structuredClone(data));
  const operator = store.data.operators[0];
  const r = render(<App store={store} dataDir="/srv/ksef/data" workstation="ws1" operator={operator} clock={() => NOW} initialPath={['A', '1', '5', '7']} escTimeoutMs={0} />);
  await waitForFrame(r.lastFrame, '10000 z 10000');
  return {...r, store};
}

/** Opens the details of the highlighted row (Enter) and returns its name, then goes back (Esc). */
async function selected(r: Awaited<ReturnType<typeof openList>>): Promise<string> {
  r.stdin.write(KEYS.enter);
  await waitForFrame(r.lastFrame, 'Odcisk SHA-256');
  const name = /(Cert \d{5}) — /.exec(r.lastFrame()!)![1];
  r.stdin.write(KEYS.esc);
  await waitForFrame(r.lastFrame, '10000 z 10000');
  return name;
}

describe('certificate list [A-1-5-7]', () => {
  it('shows the columns, Europe/Warsaw dates, days left, status and the banner of expiring certificates', async () => {
    const r = await openList();
    const f = r.lastFrame()!;
    for (const h of ['Właściciel', 'Nazwa', 'Nr seryjny', 'Ważny od – do', 'Dni', 'Status']) expect(f).toContain(h);
    expect(f).toMatch(/operator JAN\s+Cert 00000\s+A D 0000000000000000 2026-03-07–2027-01-01\s+200 aktywny/);
    expect(f).toMatch(/Cert 00009 .* unieważniony/);
    expect(f).toMatch(/! firma\s+Cert 00008/); // mark: 20 days left
    expect(f).toContain('⚠ Wygasają w ciągu 30 dni: Cert 00007 (oddział CENTRALA, O/P, 5 dni); Cert 00008 (firma, A/T, 20');
    expect(f).toContain('Filtr: wszystkie · w właściciel, t typ, e środowisko, a status');
    expect(f).toContain('F4 Eksport');
    expect(f).toContain('F8 Unieważnij');
    expect(f).toContain('F5 Odśwież');
  });

  it('↓ and PgDn move through 10,000 rows a window at a time; End reaches the last one', async () => {
    const r = await openList();
    r.stdin.write(KEYS.down);
    r.stdin.write(KEYS.down);
    expect(await selected(r)).toBe('Cert 00002');
    const visibleRows = r.lastFrame()!.split('\n').filter((l) => /Cert \d{5}/.test(l) && !l.includes('⚠')).length;
    expect(visibleRows).toBeGreaterThan(3);
    expect(visibleRows).toBeLessThan(40); // windowed: only what fits is drawn
    r.stdin.write(KEYS.pageDown);
    await waitForGone(r.lastFrame, 'Cert 00000');
    expect(await selected(r)).toBe(`Cert ${String(visibleRows).padStart(5, '0')}`);
    r.stdin.write(KEYS.pageDown);
    r.stdin.write(KEYS.pageDown);
    await waitForFrame(r.lastFrame, `Cert ${String(3 * visibleRows - 1).padStart(5, '0')}`);
    r.stdin.write(KEYS.end);
    await waitForFrame(r.lastFrame, 'Cert 09999');
    expect(await selected(r)).toBe('Cert 09999');
  });

  it('filters by type, environment, owner and status with single keys; 0 clears', async () => {
    const r = await openList();
    r.stdin.write('t');
    await waitForFrame(r.lastFrame, '5000 z 5000');
    expect(r.lastFrame()).toContain('Filtr: typ A · w t e a — zmień, 0 — wyczyść');
    expect(r.lastFrame()).not.toMatch(/Cert \d{5}\s+O /);
    r.stdin.write('e');
    await waitForFrame(r.lastFrame, 'Filtr: typ A, środowisko D ·');
    // A (even) and D (i % 3 == 0) → i % 6 == 0
    await waitForFrame(r.lastFrame, '1667 z 1667');
    r.stdin.write('0');
    await waitForFrame(r.lastFrame, '10000 z 10000');
    r.stdin.write('www');
    await waitForFrame(r.lastFrame, 'Filtr: firma ·');
    await waitForFrame(r.lastFrame, '3333 z 3333');
    r.stdin.write('0aaaa');
    await waitForFrame(r.lastFrame, 'Filtr: unieważniony ·');
    await waitForFrame(r.lastFrame, '1 z 1');
    expect(r.lastFrame()).toContain('Cert 00009');
  });

  it('searches by serial and by name (/), Enter opens the details screen', async () => {
    const r = await openList();
    r.stdin.write('/');
    await waitForFrame(r.lastFrame, 'Szukaj:');
    r.stdin.write('00000000000003E8'.toLowerCase());
    await waitForFrame(r.lastFrame, '1 z 10000');
    expect(r.lastFrame()).toContain('Cert 01000');
    r.stdin.write(KEYS.enter); // leaves the search line, keeps the filter
    await waitForGone(r.lastFrame, 'Szukaj:▏');
    r.stdin.write(KEYS.enter);
    await waitForFrame(r.lastFrame, 'Odcisk SHA-256');
    const f = r.lastFrame()!;
    expect(f).toContain('Cert 01000 — oddział CENTRALA');
    expect(f).toMatch(/Nr seryjny\s+00000000000003E8/);
    expect(f).toContain('A — uwierzytelnianie w KSeF');
    expect(f).toMatch(/Typ \/ środowisko\s+A \/ P/);
    r.stdin.write(KEYS.esc);
    await waitForFrame(r.lastFrame, '10000 z 10000');
    r.stdin.write('/cert 0999');
    await waitForFrame(r.lastFrame, '10 z 10000');
    expect(r.lastFrame()).toContain('Cert 09990');
  });
});

describe('start-up banner', () => {
  it('the main menu warns about certificates expiring within 30 days (and owners with none valid) after login', async () => {
    const d = structuredClone(data);
    d.certificates = d.certificates.slice(0, 12);
    for (const i of [4, 10]) d.certificates[i] = {...d.certificates[i], validTo: new Date(NOW.getTime() - DAY).toISOString()}; // both branch A/P expired
    const store = new FakeStore(d);
    const r = render(<App store={store} dataDir="/srv/ksef/data" workstation="ws1" operator={store.data.operators[0]} clock={() => NOW} escTimeoutMs={0} />);
    await waitForFrame(r.lastFrame, '⚠ Wygasają w ciągu 30 dni: Cert 00007');
    expect(r.lastFrame()).toContain('⚠ Brak ważnego certyfikatu: oddział CENTRALA (typ A, P)');
    expect(r.lastFrame()).toContain('A. KSeF/Inwentaryzacja/FK');
  });
});
