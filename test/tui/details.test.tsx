// List actions against a real store and the in-process KSeF simulator: details of an issued certificate, F4 export
// (policy error shown, then both files written and opened by openssl), F8 revoke through KSeF with the status
// refreshed, the ordinary-operator refusal, and the audit log screen [A-1-5-6].
import React from 'react';
import {execFileSync} from 'node:child_process';
import {readdir, stat, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import type {CertificateRecord, Operator} from '../../src/domain/index.js';
import {App} from '../../src/screens/shell/App.js';
import {makeCertWorld, type CertWorld} from '../helpers/revoke-world.js';
import {KEYS, waitForFrame, waitForGone} from '../helpers/ink.js';

afterEach(cleanup);

const PASSWORD = 'Tui#Eksport2026';
let w: CertWorld;
let own: CertificateRecord;
let company: CertificateRecord;

beforeAll(async () => {
  w = await makeCertWorld();
  own = await w.enroll({type: 'A', name: 'Operator A'});
  company = await w.enroll({type: 'A', owner: {kind: 'company'}, name: 'Firma A'});
});
afterAll(() => w?.cleanup());

async function open(operator: Operator, at: string[] = ['A', '1', '5', '7'], ready = '2 z 2') {
  const r = render(<App store={w.store} dataDir={w.dataDir} workstation="ws-tui" operator={operator} gateway={w.gateway} initialPath={at} escTimeoutMs={0} />);
  await waitForFrame(r.lastFrame, ready, 5000);
  return r;
}

describe('details and actions on the list', () => {
  it('details show subject, issuer, key algorithm, fingerprint and usage of the issued certificate', async () => {
    const r = await open(w.admin);
    r.stdin.write(KEYS.enter);
    await waitForFrame(r.lastFrame, 'Odcisk SHA-256');
    const f = r.lastFrame()!;
    expect(f).toContain('Operator A — operator JKOWALSKI');
    expect(f).toMatch(/Podmiot\s+.*CN=/);
    expect(f).toMatch(/Wystawca\s+C=PL, O=Ministerstwo Finansów/);
    expect(f).toMatch(/Algorytm klucza\s+EC-P256/);
    expect(f).toContain(own.fingerprintSha256!.slice(0, 40));
    expect(f).toContain('A — uwierzytelnianie w KSeF');
    expect(f).not.toContain('Generuj następcę'); // two years left
  });

  it('an ordinary operator gets a Polish refusal for F4 and F8 on the company certificate', async () => {
    const r = await open(w.operator);
    r.stdin.write(KEYS.down);
    r.stdin.write(KEYS.f4);
    await waitForFrame(r.lastFrame, 'Brak uprawnień: operator JKOWALSKI nie może eksportować certyfikatu „Firma A”');
    r.stdin.write('x');
    await waitForGone(r.lastFrame, 'Brak uprawnień');
    r.stdin.write(KEYS.f8);
    await waitForFrame(r.lastFrame, 'nie może unieważnić certyfikatu „Firma A”');
    expect((await w.store.getCertificate(company.id))!.state).toBe('issued');
  });

  it('F4: the policy error is shown for a weak password; a strong one writes both files (key opens with openssl)', async () => {
    const r = await open(w.operator);
    r.stdin.write(KEYS.f4);
    await waitForFrame(r.lastFrame, 'Eksport certyfikatu „Operator A”');
    r.stdin.write(KEYS.enter); // keep the default folder (workstation export folder)
    r.stdin.write('slabe');
    await waitForFrame(r.lastFrame, '*****');
    r.stdin.write(KEYS.enter);
    r.stdin.write('slabe');
    r.stdin.write(KEYS.enter);
    await waitForFrame(r.lastFrame, /wielkiej litery/);
    r.stdin.write(KEYS.esc);
    await waitForGone(r.lastFrame, 'Eksport certyfikatu');

    r.stdin.write(KEYS.f4);
    await waitForFrame(r.lastFrame, 'Eksport certyfikatu „Operator A”');
    r.stdin.write(KEYS.enter);
    r.stdin.write(PASSWORD);
    r.stdin.write(KEYS.enter);
    r.stdin.write(PASSWORD);
    r.stdin.write(KEYS.enter);
    await waitForFrame(r.lastFrame, 'Wyeksportowano certyfikat i klucz prywatny', 10_000);
    const f = r.lastFrame()!.replace(/\n\s*/g, ' ');
    const ws = await w.store.workstation('ws-tui');
    const files = (await readdir(ws.exportFolder)).sort();
    expect(files).toEqual([`Operator_A_${own.serial}.crt`, `Operator_A_${own.serial}.key`]);
    expect(f).toContain(`Operator_A_${own.serial}.crt`);
    expect(f).toContain(`Operator_A_${own.serial}.key`);
    const keyPath = path.join(ws.exportFolder, files[1]);
    expect((await stat(keyPath)).mode & 0o777).toBe(0o600);
    const pw = path.join(w.root, 'tui-pw');
    await writeFile(pw, PASSWORD);
    const fromKey = execFileSync('openssl', ['pkey', '-in', keyPath, '-passin', `file:${pw}`, '-pubout'], {encoding: 'utf8'});
    const fromCert = execFileSync('openssl', ['x509', '-in', path.join(ws.exportFolder, files[0]), '-noout', '-pubkey'], {encoding: 'utf8'});
    expect(fromKey).toBe(fromCert);
  });

  it('F8: reason, T/N confirmation, revoked in KSeF; the list shows the new status', async () => {
    const r = await open(w.admin);
    r.stdin.write(KEYS.down); // the company certificate
    r.stdin.write(KEYS.f8);
    await waitForFrame(r.lastFrame, 'Unieważnienie certyfikatu „Firma A”');
    r.stdin.write(KEYS.down); // Unspecified → Superseded
    await waitForFrame(r.lastFrame, 'Superseded — zastąpiony nowym certyfikatem');
    r.stdin.write(KEYS.enter);
    await waitForFrame(r.lastFrame, 'Operacji nie można cofnąć. (T/N)');
    r.stdin.write('t');
    await waitForFrame(r.lastFrame, `Certyfikat „Firma A” (${company.serial}) unieważniony`, 10_000);
    // Issue 12 finish item: KSeF's status word is shown in Polish (it was the raw `Revoked`).
    expect(r.lastFrame()).toContain('Status w KSeF: unieważniony');
    expect(r.lastFrame()).not.toContain('Revoked');
    r.stdin.write('x');
    await waitForFrame(r.lastFrame, /Firma A .* unieważniony/);
    const rec = (await w.store.getCertificate(company.id))!;
    expect(rec.state).toBe('revoked');
    expect(rec.revocationReason).toBe('Superseded');
  });

  it('audit log [A-1-5-6]: newest first, filter by action', async () => {
    const r = await open(w.admin, ['A', '1', '5', '6'], 'Dziennik');
    await waitForFrame(r.lastFrame, /\d+ z \d+/);
    expect(r.lastFrame()).toContain('unieważnienie');
    r.stdin.write('aaaaaaa'); // login → … → export (7th)
    await waitForFrame(r.lastFrame, 'a zdarzenie: eksport');
    await waitForFrame(r.lastFrame, '1 z 1');
    expect(r.lastFrame()).toContain(own.serial!);
    expect(r.lastFrame()).toMatch(/eksport\s+JKOWALSKI/);
  });
});
