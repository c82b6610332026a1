// "A pending enrollment can be resumed after restarting the app" (issue 7), with the BUILT CLI as child processes
// against the simulator on loopback (5 s enrollment delay): `generate --signed` (auth.xml signed by xmlsec1) is
// killed with SIGKILL while it polls KSeF → the store holds a `pending` record (sealed key, reference number) and no
// plain key anywhere → `list` names the reference → `resume REF --signed` with a fresh signature → `issued`, the
// certificate matches the sealed key (public keys compared through openssl) and is the one in the simulator's state.
// Also: resume of a record that is not pending, and of an unknown reference → exit 1, Polish, store unchanged.
import 'reflect-metadata';
import {spawn} from 'node:child_process';
import {createPublicKey} from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {CertificateRecord} from '../../src/domain/index.js';
import {readStoreDoc} from '../helpers/store-doc.js';
import {startSimulator, type SimulatorHandle} from '../../src/simulator/index.js';
import {STATE_FILE} from '../../src/simulator/store.js';
import {createDemoStore, DEMO_COMPANY, DEMO_CREDENTIALS, openStore} from '../../src/store/index.js';
import type {Store} from '../../src/store/types.js';
import {MAIN, opensslSpki, plainKeyFiles, POLISH, runCli, signedAuthXml, STACK_TRACE, storeView} from './cli-child.js';

const ENROLLMENT_DELAY_MS = 5000;

let root: string;
let dataDir: string;
let sim: SimulatorHandle;
let api: string;
let seal: {certPem: string; keyPem: string};
let pwFile: string;

beforeAll(async () => {
  if (!fs.existsSync(MAIN)) throw new Error('Build first: npm run build');
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ksef-certs-resume-'));
  dataDir = path.join(root, 'data');
  await createDemoStore(dataDir);
  sim = await startSimulator({dataDir: path.join(root, 'sim'), quiet: true, enrollmentDelayMs: ENROLLMENT_DELAY_MS, authDelayMs: 0, rateLimits: false});
  api = sim.apiBase('DEMO');
  seal = await sim.issueTestIdentity({env: 'DEMO', kind: 'seal', nip: DEMO_COMPANY.nip, organizationName: DEMO_COMPANY.name});
  pwFile = path.join(root, 'haslo.txt');
  fs.writeFileSync(pwFile, 'Haslo-Kopii-2026!\n', {mode: 0o600});
}, 60_000);
afterAll(async () => {
  await sim?.close();
  if (root) fs.rmSync(root, {recursive: true, force: true});
});

// The files on disk, blobs merged back (the slim layout keeps PEMs and sealed keys in certs/).
const storeDoc = (): {certificates: CertificateRecord[]} => readStoreDoc(dataDir);

async function withStore<T>(f: (s: Store) => Promise<T>): Promise<T> {
  return f(await openStore(dataDir));
}

describe('pending enrollment survives SIGKILL and is resumed by `ksef-certs resume` (built CLI)', () => {
  const NAME = 'Firma po awarii';
  let ref: string;
  let id: string;

  it('generate --signed killed with SIGKILL while polling → pending record, sealed key, reference, no plain key', async () => {
    const signed = await signedAuthXml({root, dataDir, api, seal}, 'przed-awaria');
    const who = DEMO_CREDENTIALS.admin;
    const child = spawn(process.execPath, [
      MAIN, '--data', dataDir, '--api', api,
      'generate', '--owner', 'company', '--env', 'D', '--type', 'A', '--name', NAME, '--key-password-file', pwFile, '--signed', signed,
    ], {env: {PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', CI: 'true', KSEF_CERTS_OPERATOR: who.code, KSEF_CERTS_OPERATOR_PASSWORD: who.password}, stdio: ['ignore', 'pipe', 'pipe']});
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((ok) => child.on('close', (code, signal) => ok({code, signal})));
    // The request is accepted (progress line) and the record is on disk: the child is now polling (5 s delay).
    const t0 = Date.now();
    while (!(err.includes('✓ Złożenie wniosku o certyfikat') && storeDoc().certificates.some((c) => c.name === NAME && c.state === 'pending'))) {
      if (child.exitCode !== null || Date.now() - t0 > 20_000) throw new Error(`generate did not reach polling: ${err}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(err).not.toContain('✓ Oczekiwanie na wydanie certyfikatu');
    child.kill('SIGKILL');
    expect((await exited).signal).toBe('SIGKILL');

    const rec = storeDoc().certificates.find((c) => c.name === NAME)!;
    expect(rec).toMatchObject({state: 'pending', owner: {kind: 'company'}, type: 'A', env: 'D'});
    expect(rec.serial).toBeUndefined();
    expect(rec.keyPem.startsWith('-----BEGIN ENCRYPTED PRIVATE KEY-----')).toBe(true);
    expect(rec.enrollment!.referenceNumber).toMatch(/^\d{8}-EH-/);
    expect(plainKeyFiles(dataDir)).toEqual([]);
    ref = rec.enrollment!.referenceNumber!;
    id = rec.id;
    // The store still opens after the kill and the key unseals (nothing half-written).
    expect((await withStore((s) => s.unsealKey(rec.keyPem))).asymmetricKeyType).toBe('ec');
  }, 40_000);

  it('list shows the pending record with the reference (text) and its id + reference (JSON)', async () => {
    const text = await runCli(['list'], {dataDir, api});
    expect(text.code, text.err).toBe(0);
    expect(text.out).toMatch(/W trakcie wydawania — dokończ: ksef-certs resume/);
    expect(text.out).toContain(`${ref}  ${NAME}`);
    const json = await runCli(['list', '--json', '--status', 'pending'], {dataDir, api});
    const doc = JSON.parse(json.out) as {certificates: {id: string; enrollment?: {referenceNumber: string}; keyPem?: string}[]};
    const row = doc.certificates.find((c) => c.id === id)!;
    expect(row.enrollment!.referenceNumber).toBe(ref);
    expect(row.keyPem).toBeUndefined();
  });

  it('resume REF --signed (fresh signature) → issued; certificate matches the sealed key; same serial in the simulator', async () => {
    const signed = await signedAuthXml({root, dataDir, api, seal}, 'po-awarii');
    const r = await runCli(['resume', ref.toLowerCase(), '--signed', signed, '--json'], {dataDir, api, timeoutMs: 30_000});
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as {certificate: CertificateRecord; backup: unknown};
    expect(doc.certificate).toMatchObject({id, state: 'issued', name: NAME});
    expect(doc.certificate.keyPem).toBeUndefined();
    expect(doc.backup).toBeNull(); // no --key-password-file: nothing written outside the store

    const rec = (await withStore((s) => s.getCertificate(id)))!;
    expect(rec.state).toBe('issued');
    expect(rec.serial).toBe(doc.certificate.serial);
    const key = await withStore((s) => s.unsealKey(rec.keyPem));
    expect(createPublicKey(key).export({type: 'spki', format: 'der'}).toString('base64')).toBe(opensslSpki(root, rec.certPem!));

    const state = JSON.parse(fs.readFileSync(path.join(root, 'sim', STATE_FILE), 'utf8')) as {
      envs: {DEMO: {enrollments: Record<string, {certificateSerialNumber: string | null}>; certificates: Record<string, {name: string; derB64: string}>}};
    };
    expect(state.envs.DEMO.enrollments[ref].certificateSerialNumber).toBe(rec.serial);
    const issued = state.envs.DEMO.certificates[rec.serial!];
    expect(issued.name).toBe(NAME);
    expect(Buffer.from(issued.derB64, 'base64').equals(Buffer.from(rec.certPem!.replace(/-----[^-]+-----|\s/g, ''), 'base64'))).toBe(true);
    expect(plainKeyFiles(dataDir)).toEqual([]);
    const audit = await withStore((s) => s.listAudit());
    expect(audit.some((e) => e.action === 'generate' && e.certificateId === id && e.serial === rec.serial)).toBe(true);
  }, 40_000);

  it('resume of a record that is not pending → exit 1, Polish message, no stack trace, store unchanged', async () => {
    const serial = storeDoc().certificates.find((c) => c.id === id)!.serial!;
    const signed = await signedAuthXml({root, dataDir, api, seal}, 'niepotrzebny');
    const before = storeView(dataDir);
    for (const target of [ref, id, serial]) {
      const r = await runCli(['resume', target, '--signed', signed], {dataDir, api});
      expect(r.code).toBe(1);
      expect(r.err).toMatch(POLISH);
      expect(r.err).toContain(`Certyfikat „${NAME}” nie czeka na wydanie (status: aktywny)`);
      expect(r.err).not.toMatch(STACK_TRACE);
    }
    const unknown = await runCli(['resume', '20260101-EH-0000000000-00', '--signed', signed, '--json'], {dataDir, api});
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.out).error.message).toMatch(/Nie ma w bazie wniosku ani certyfikatu/);
    expect((await runCli(['resume', ref], {dataDir, api})).code).toBe(2); // no authorisation chosen
    expect(storeView(dataDir)).toBe(before);
  }, 30_000);
});
