// Issue 12 finish items on the certificate screens, each failing before its fix: KSeF's status word in Polish in the
// details, the QR form not keeping the previous invoice's NIP/P_1, a warning when the seller NIP is not the
// context's, and the export dialog offering to create a missing folder and keeping both passwords after a refusal.
import React from 'react';
import {copyFile, mkdir, readdir} from 'node:fs/promises';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import type {CertificateRecord, Operator} from '../../src/domain/index.js';
import {App} from '../../src/screens/shell/App.js';
import {QrScreen} from '../../src/screens/qr.js';
import {makeCertWorld, type CertWorld} from '../helpers/revoke-world.js';
import {fixture, makeQrWorld, type QrWorld} from '../helpers/qr-world.js';
import {KEYS, waitForFrame, waitForGone} from '../helpers/ink.js';
import {mountScreen} from '../helpers/mount.js';

afterEach(cleanup);

const CLEAR = '\x15'; // Ctrl+U: empties the focused field
const PASSWORD = 'Tui#Eksport2026';

describe('QR form [A-1-5-8]', () => {
  let w: QrWorld;
  beforeAll(async () => {
    w = await makeQrWorld();
    await w.addCert({type: 'O', serial: '01A2B3C4D5E6F709'});
  });
  afterAll(() => w?.cleanup());

  const mount = () => mountScreen({store: w.store, dataDir: w.dataDir, operator: w.operator, workstation: 'ws-qr'}, (nav) => <QrScreen active path={['A', '1', '5', '8']} nav={nav} />);

  async function pick(r: ReturnType<typeof mount>, file: string) {
    r.stdin.write(CLEAR);
    r.stdin.write(file);
    await waitForFrame(r.lastFrame, file.slice(-20));
  }

  it('another invoice replaces NIP and P_1; a P_1 read from the previous file does not stay when the new one has none', async () => {
    const r = mount();
    await waitForFrame(r.lastFrame, '▶ Plik faktury (.xml)');
    await pick(r, fixture('fa3-beta-2026-02-01.xml'));
    await waitForFrame(r.lastFrame, /Data wystawienia \(P_1\)\s+2026-02-01/);
    await pick(r, fixture('fa3-bez-p1.xml'));
    await waitForFrame(r.lastFrame, /NIP sprzedawcy\s+5265877635/);
    await waitForGone(r.lastFrame, '2026-02-01');
    await pick(r, fixture('fa3-demo-crlf-bom.xml'));
    await waitForFrame(r.lastFrame, /NIP sprzedawcy\s+1111111111/);
    expect(r.lastFrame()).toMatch(/Data wystawienia \(P_1\)\s+2026-01-31/);
  });

  it('warns when the seller NIP differs from the KSeF context, and stops when it matches', async () => {
    const r = mount();
    await waitForFrame(r.lastFrame, '▶ Plik faktury (.xml)');
    await pick(r, fixture('fa3-beta-2026-02-01.xml'));
    await waitForFrame(r.lastFrame, /NIP sprzedawcy 5265877635 różni się od kontekstu KSeF Nip 1111111111/);
    await pick(r, fixture('fa3-demo-crlf-bom.xml'));
    await waitForGone(r.lastFrame, 'różni się od kontekstu');
    expect(r.lastFrame()).toMatch(/NIP sprzedawcy\s+1111111111/);
  });
});

describe('export dialog (F4) and details on a real store with the simulator', () => {
  let w: CertWorld;
  let own: CertificateRecord;
  beforeAll(async () => {
    w = await makeCertWorld();
    own = await w.enroll({type: 'A', name: 'Operator A'});
  });
  afterAll(() => w?.cleanup());

  async function open(operator: Operator) {
    const r = render(<App store={w.store} dataDir={w.dataDir} workstation="ws-finish" operator={operator} gateway={w.gateway} initialPath={['A', '1', '5', '7']} escTimeoutMs={0} />);
    await waitForFrame(r.lastFrame, '1 z 1', 8000);
    return r;
  }

  async function exportTo(r: Awaited<ReturnType<typeof open>>, dir: string) {
    r.stdin.write(KEYS.f4);
    await waitForFrame(r.lastFrame, 'Eksport certyfikatu „Operator A”');
    r.stdin.write(CLEAR);
    r.stdin.write(dir);
    await waitForFrame(r.lastFrame, dir.slice(-15));
    r.stdin.write(KEYS.enter);
    r.stdin.write(PASSWORD);
    r.stdin.write(KEYS.enter);
    r.stdin.write(PASSWORD);
    r.stdin.write(KEYS.enter);
  }

  it('a folder that does not exist: the dialog offers to create it; T creates it and writes both files', async () => {
    const r = await open(w.operator);
    const dir = path.join(w.root, 'nowy', 'folder-eksportu');
    await exportTo(r, dir);
    await waitForFrame(r.lastFrame, 'nie istnieje', 10_000);
    expect(r.lastFrame()).toContain('Utworzyć go');
    r.stdin.write('t');
    await waitForFrame(r.lastFrame, 'Wyeksportowano certyfikat i klucz prywatny', 10_000);
    expect((await readdir(dir)).sort()).toEqual([`Operator_A_${own.serial}.crt`, `Operator_A_${own.serial}.key`]);
  });

  it('after a refusal (files already there, N) the form comes back with both passwords kept', async () => {
    const dir = path.join(w.root, 'drugi');
    await mkdir(dir);
    const r = await open(w.operator);
    await exportTo(r, dir);
    await waitForFrame(r.lastFrame, 'Wyeksportowano', 10_000);
    r.stdin.write('x');
    await waitForGone(r.lastFrame, 'Wyeksportowano');
    await exportTo(r, dir);
    await waitForFrame(r.lastFrame, 'Zastąpić je?', 10_000);
    r.stdin.write('n');
    await waitForFrame(r.lastFrame, 'Eksport certyfikatu „Operator A”');
    // Nothing retyped: Enter through the folder and both password fields submits again.
    r.stdin.write(KEYS.enter);
    r.stdin.write(KEYS.enter);
    r.stdin.write(KEYS.enter);
    await waitForFrame(r.lastFrame, 'Zastąpić je?', 10_000);
    r.stdin.write('t');
    await waitForFrame(r.lastFrame, 'Wyeksportowano', 10_000);
  });

  it('F5 on a first check says so (not "zmieniono 1"); details: KSeF status in Polish (aktywny), not KSeF\'s word (Active)', async () => {
    const r = await open(w.operator); // logs in to KSeF with his own type-A certificate
    r.stdin.write(KEYS.f5);
    await waitForFrame(r.lastFrame, /Środowisko D: sprawdzono \d+/, 10_000);
    // Issue 12 finish item: a first check is said to be one, not "zmieniono N".
    expect(r.lastFrame()).toContain('(pierwsze sprawdzenie)');
    expect(r.lastFrame()).not.toContain('zmieniono');
    r.stdin.write('x');
    await waitForGone(r.lastFrame, 'sprawdzono');
    expect((await w.store.getCertificate(own.id))!.ksefStatus).toBe('Active');
    r.stdin.write(KEYS.enter);
    await waitForFrame(r.lastFrame, 'Odcisk SHA-256');
    expect(r.lastFrame()).toMatch(/Status w KSeF\s+aktywny \(sprawdzono /);
    expect(r.lastFrame()).not.toContain('Active');
  });

  it('F8 reason list: ↓ ↓ Enter in one write choose KeyCompromise (keys fed one at a time); N then leaves it issued', async () => {
    const r = await open(w.operator);
    r.stdin.write(KEYS.f8);
    await waitForFrame(r.lastFrame, 'Unieważnienie certyfikatu „Operator A”');
    r.stdin.write(KEYS.down + KEYS.down + KEYS.enter);
    await waitForFrame(r.lastFrame, 'Przyczyna: KeyCompromise — ujawnienie klucza prywatnego');
    r.stdin.write('n');
    await waitForGone(r.lastFrame, 'Przyczyna: KeyCompromise');
    expect((await w.store.getCertificate(own.id))!.state).toBe('issued');
  });
});
