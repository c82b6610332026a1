// `W` "Wznów wydawanie" on the details of a pending enrollment, with ink-testing-library on a real store and the
// in-process KSeF simulator: the company's type-A certificate logs in by itself; a branch without one goes through
// the external-signature step (a file signed by xmlsec1 dropped into the sign folder); a reference KSeF does not
// know is shown in Polish with its code and the record stays pending; an ordinary operator is refused.
import React from 'react';
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {CertificateRecord, Operator, Owner} from '../../src/domain/index.js';
import {enrollCertificate} from '../../src/flows/generate.js';
import {generateKeyPair} from '../../src/ksef/csr.js';
import {keyMatchesCertificate} from '../../src/ksef/keys.js';
import {parseCertificate} from '../../src/ksef/cert-info.js';
import {CertDetailsScreen} from '../../src/screens/cert-details.js';
import {pendingLine, startupAlerts} from '../../src/screens/startup-banner.js';
import {signWithXmlsec1} from '../helpers/simulator.js';
import type {CertWorld} from '../helpers/revoke-world.js';
import {makeSealWorld, sealSession, type Seal} from '../helpers/seal-world.js';
import {KEYS, waitForFrame} from '../helpers/ink.js';
import {mountScreen} from '../helpers/mount.js';

let w: CertWorld;
let seal: Seal;
let signFolder: string;

beforeAll(async () => {
  ({w, seal, signFolder} = await makeSealWorld('ws-tui'));
  await w.enroll({type: 'A', owner: {kind: 'company'}, name: 'Logowanie firmy'});
}, 60_000);
afterEach(cleanup);
afterAll(() => w?.cleanup());

/** A request really accepted by KSeF (sealed key + reference stored), interrupted right after: a pending record. */
async function pendingEnrollment(owner: Owner, name: string): Promise<CertificateRecord> {
  const session = await sealSession(w, seal, 'ws-pre', 'pre');
  const ac = new AbortController();
  await expect(enrollCertificate({store: w.store, gateway: w.gateway, operator: w.admin, workstation: 'ws-pre', keyIterations: 1000}, session,
    {owner, env: 'D', name, type: 'O', mode: 'B', keyPassword: 'Haslo-Klucza-2026!'},
    {signal: ac.signal, onStep: (e) => e.step === 'enroll' && e.phase === 'done' && ac.abort()})).rejects.toThrow(/przerwano/i);
  await session.logout();
  const rec = (await w.store.getCertificate((await w.store.listCertificates()).find((c) => c.name === name)!.id))!;
  expect(rec.state).toBe('pending');
  return rec;
}

function mount(rec: CertificateRecord, operator: Operator = w.admin) {
  return mountScreen(
    {store: w.store, dataDir: w.dataDir, operator, workstation: 'ws-tui', gateway: w.gateway},
    (nav) => <CertDetailsScreen active path={['A', '1', '5', '7']} nav={nav} params={{id: rec.id}} />,
  );
}

async function expectIssued(id: string): Promise<CertificateRecord> {
  const rec = (await w.store.getCertificate(id))!;
  expect(rec.state).toBe('issued');
  expect(rec.serial).toMatch(/^[0-9A-F]{16}$/);
  expect(keyMatchesCertificate(await w.store.unsealKey(rec.keyPem), parseCertificate(Buffer.from(rec.certPem!)).der)).toBe(true);
  return rec;
}

describe('W — Wznów wydawanie on a pending record', () => {
  it('the start-up banner counts the pending enrollments the operator may resume', async () => {
    const rec = await pendingEnrollment({kind: 'company'}, 'Firma baner');
    const lines = await startupAlerts(w.store, w.admin, 'ws-tui', new Date());
    expect(lines).toContain(pendingLine(1));
    expect(pendingLine(1)).toMatch(/^1 wniosek w trakcie wydawania — \[A-1-5-7\]/);
    expect(pendingLine(3)).toMatch(/^3 wnioski /);
    expect(pendingLine(12)).toMatch(/^12 wniosków /);
    expect(await startupAlerts(w.store, w.operator, 'ws-tui', new Date())).not.toContain(pendingLine(1)); // the company's, not JKOWALSKI's
    await w.store.patchCertificate(rec.id, {state: 'failed'});
  });

  it('company: its type-A certificate logs in by itself → poll, retrieve, store → issued, key matches', async () => {
    const rec = await pendingEnrollment({kind: 'company'}, 'Firma wznowiona');
    const r = mount(rec);
    await waitForFrame(r.lastFrame, 'W — Wznów wydawanie', 5000);
    expect(r.lastFrame()).toContain(rec.enrollment!.referenceNumber);
    expect(r.lastFrame()).toContain('w trakcie wydawania');
    r.stdin.write('W');
    await waitForFrame(r.lastFrame, 'Wydano certyfikat KSeF „Firma wznowiona” dla firmy.', 15_000);
    const done = await expectIssued(rec.id);
    expect(r.lastFrame()).toContain(`Numer seryjny:   ${done.serial}`);
    r.stdin.write(KEYS.enter);
    await waitForFrame(r.lastFrame, /Nr seryjny\s+[0-9A-F]{16}/, 5000); // back on the details, now issued
    expect(r.lastFrame()).not.toContain('W — Wznów wydawanie');
    expect((await w.store.listAudit()).some((e) => e.action === 'generate' && e.certificateId === rec.id)).toBe(true);
  }, 30_000);

  it('branch without a type-A certificate: the external-signature step, a file signed by xmlsec1 dropped → issued', async () => {
    const rec = await pendingEnrollment({kind: 'branch', code: 'CENTRALA'}, 'Oddział wznowiony');
    const r = mount(rec);
    await waitForFrame(r.lastFrame, 'W — Wznów wydawanie', 5000);
    r.stdin.write('w');
    await waitForFrame(r.lastFrame, 'Autoryzacja podpisem zewnętrznym', 10_000);
    await waitForFrame(r.lastFrame, /Pozostało (10:00|09:5\d)/);
    expect(r.lastFrame()).toContain(`Wniosek KSeF: ${rec.enrollment!.referenceNumber}`);
    const authFile = path.join(signFolder, 'auth.xml');
    fs.writeFileSync(path.join(signFolder, 'wznowienie-podpisany.xml'), signWithXmlsec1(fs.readFileSync(authFile, 'utf8'), seal.certPem, seal.keyPem));
    await waitForFrame(r.lastFrame, 'Wydano certyfikat KSeF „Oddział wznowiony” dla oddziału', 15_000);
    await expectIssued(rec.id);
  }, 30_000);

  it('Esc in the signature step returns to the details; the record stays pending', async () => {
    const rec = await pendingEnrollment({kind: 'branch', code: 'CENTRALA'}, 'Oddział Esc');
    const r = mount(rec);
    await waitForFrame(r.lastFrame, 'W — Wznów wydawanie', 5000);
    r.stdin.write('w');
    await waitForFrame(r.lastFrame, /Pozostało (10:00|09:5\d)/, 10_000);
    r.stdin.write(KEYS.esc);
    await waitForFrame(r.lastFrame, 'W — Wznów wydawanie');
    expect((await w.store.getCertificate(rec.id))!.state).toBe('pending');
  }, 30_000);

  it('a reference KSeF does not know: Polish message with the KSeF code; the record stays pending', async () => {
    const rec = await w.addRecord({
      name: 'Firma nieznany wniosek', type: 'O', state: 'pending', source: 'generated',
      keyPem: await w.store.sealKey(generateKeyPair('EC-P256').privateKey),
      enrollment: {referenceNumber: '20260101-EH-0000000000-00', apiUrl: w.sim.apiBase('DEMO'), requestedAt: new Date().toISOString(), ksefType: 'Offline'},
    });
    const r = mount(rec);
    await waitForFrame(r.lastFrame, 'W — Wznów wydawanie', 5000);
    r.stdin.write('W');
    await waitForFrame(r.lastFrame, '[25005]', 15_000);
    expect(r.lastFrame()).toMatch(/✗ Oczekiwanie na wydanie certyfikatu/);
    expect((await w.store.getCertificate(rec.id))!.state).toBe('pending');
    r.stdin.write(KEYS.esc);
    await waitForFrame(r.lastFrame, 'W — Wznów wydawanie');
  }, 30_000);

  it('no reference number (KSeF\'s reply lost): W finds the certificate in KSeF by the request\'s public key → issued', async () => {
    const accepted = await pendingEnrollment({kind: 'company'}, 'Firma bez numeru');
    const {referenceNumber: _lost, ...enrollment} = accepted.enrollment!;
    const rec = await w.store.patchCertificate(accepted.id, {enrollment});
    const r = mount(rec);
    await waitForFrame(r.lastFrame, 'W — Wznów wydawanie', 5000);
    expect(r.lastFrame()).toContain('brak (nie potwierdzony przez KSeF)');
    r.stdin.write('W');
    await waitForFrame(r.lastFrame, 'Wydano certyfikat KSeF „Firma bez numeru” dla firmy.', 15_000);
    const done = await expectIssued(rec.id);
    expect((await w.store.listAudit()).some((e) => e.action === 'generate' && e.serial === done.serial && /odnaleziony po kluczu/.test(e.details ?? ''))).toBe(true);
  }, 30_000);

  it('no reference and KSeF has no certificate with the key: says so, files nothing; X marks it as not sent', async () => {
    const rec = await w.addRecord({
      name: 'Firma nigdy nie wysłany', type: 'A', state: 'pending', source: 'generated',
      keyPem: await w.store.sealKey(generateKeyPair('EC-P256').privateKey),
      enrollment: {apiUrl: w.sim.apiBase('DEMO'), requestedAt: new Date().toISOString(), ksefType: 'Authentication'},
    });
    const r = mount(rec);
    await waitForFrame(r.lastFrame, 'W — Wznów wydawanie', 5000);
    r.stdin.write('W');
    await waitForFrame(r.lastFrame, 'X — oznacz jako niewysłany', 15_000);
    expect(r.lastFrame()!.replace(/\s+/g, ' ')).toContain('W KSeF nie ma (jeszcze) certyfikatu z kluczem wniosku „Firma nigdy nie wysłany”');
    expect((await w.store.getCertificate(rec.id))!.state).toBe('pending');
    r.stdin.write('x');
    await waitForFrame(r.lastFrame, 'oznaczono jako niewysłany', 5000);
    expect((await w.store.getCertificate(rec.id))!.state).toBe('failed');
  }, 30_000);

  it('an ordinary operator cannot resume the company enrollment', async () => {
    const rec = await pendingEnrollment({kind: 'company'}, 'Firma cudza');
    const r = mount(rec, w.operator);
    await waitForFrame(r.lastFrame, 'W — Wznów wydawanie', 5000);
    r.stdin.write('W');
    await waitForFrame(r.lastFrame, 'Brak uprawnień: operator JKOWALSKI nie może dokończyć wniosku „Firma cudza”');
    expect((await w.store.getCertificate(rec.id))!.state).toBe('pending');
  }, 30_000);
});
