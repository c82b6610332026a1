// A hung KSeF while `generate` waits for the certificate (issue 10): every status call stalls. The built CLI shows
// progress lines with how long KSeF has been silent and the wait left (instead of minutes of silence), stops at its
// polling deadline (KSEF_CERTS_ENROLL_WAIT_MS) and names W / `ksef-certs resume REF`; the record stays pending.
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {CertificateRecord} from '../../src/domain/index.js';
import {startSimulator, type SimulatorHandle} from '../../src/simulator/index.js';
import {createDemoStore, DEMO_COMPANY} from '../../src/store/index.js';
import {signWithXmlsec1} from '../helpers/simulator.js';
import {MAIN, runCli, STACK_TRACE} from './cli-child.js';

let root: string;
let dataDir: string;
let sim: SimulatorHandle;
let api: string;

beforeAll(async () => {
  if (!fs.existsSync(MAIN)) throw new Error('Build first: npm run build');
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ksef-certs-hung-'));
  dataDir = path.join(root, 'data');
  await createDemoStore(dataDir);
  sim = await startSimulator({dataDir: path.join(root, 'sim'), quiet: true, enrollmentDelayMs: 0, authDelayMs: 0, rateLimits: false});
  api = sim.apiBase('DEMO');
}, 60_000);
afterAll(async () => {
  await sim?.close();
  if (root) fs.rmSync(root, {recursive: true, force: true});
});

describe('hung KSeF while polling the enrollment (built CLI)', () => {
  it('progress lines name the silence and the wait left; the deadline ends it with W / resume REF; record pending', async () => {
    const seal = await sim.issueTestIdentity({env: 'DEMO', kind: 'seal', nip: DEMO_COMPANY.nip, organizationName: DEMO_COMPANY.name});
    const out = path.join(root, 'auth.xml');
    expect((await runCli(['auth-request', '--env', 'D', '--nip', DEMO_COMPANY.nip, '--out', out], {dataDir, api})).code).toBe(0);
    const signed = path.join(root, 'auth-podpisany.xml');
    fs.writeFileSync(signed, signWithXmlsec1(fs.readFileSync(out, 'utf8'), seal.certPem, seal.keyPem));
    const pw = path.join(root, 'haslo.txt');
    fs.writeFileSync(pw, 'Haslo-Kopii-2026!\n', {mode: 0o600});
    // Every enrollment status call stalls far longer than the polling deadline.
    sim.faults.add({method: 'GET', path: '/demo/v2/certificates/enrollments/\\d', delayMs: 9_000});
    try {
      const r = await runCli(
        ['generate', '--owner', 'company', '--env', 'D', '--type', 'A', '--name', 'Firma zawieszony KSeF', '--key-password-file', pw, '--signed', signed],
        {dataDir, api, timeoutMs: 40_000, env: {KSEF_CERTS_ENROLL_WAIT_MS: '7000'}},
      );
      expect(r.code, r.err).toBe(1);
      expect(r.err).not.toMatch(STACK_TRACE);
      const rec = (JSON.parse(fs.readFileSync(path.join(dataDir, 'store.json'), 'utf8')) as {certificates: CertificateRecord[]})
        .certificates.find((c) => c.name === 'Firma zawieszony KSeF')!;
      expect(rec.state).toBe('pending');
      const ref = rec.enrollment!.referenceNumber!;
      expect(ref).toMatch(/-EH-/);
      expect(r.err).toMatch(new RegExp(`… Oczekiwanie na wydanie certyfikatu — wniosek ${ref}: KSeF nie odpowiada od [2-7] s — czekam jeszcze najwyżej [0-5] s`));
      expect(r.err).toContain(`KSeF nie wydał jeszcze certyfikatu z wniosku ${ref}`);
      expect(r.err).toContain('klawiszem W w szczegółach certyfikatu');
      expect(r.err).toContain(`ksef-certs resume ${ref}`);
    } finally {
      sim.faults.clear();
    }
  }, 60_000);
});
