// "An enrollment KSeF accepted is never lost" (issue 10), with the BUILT CLI as child processes. A loopback proxy in
// front of the simulator lets POST /certificates/enrollments through (the simulator accepts it) and then loses the
// reply: (1) it resets the connection → `generate` exits 1 saying KSeF may have accepted the request and naming
// `ksef-certs resume ID`; (2) it never answers and the `generate` process is killed with SIGKILL between the POST
// and the store write. Both leave a pending record (sealed key, public key, no reference number). `resume ID`
// first finds nothing (KSeF has not issued the certificate yet: says so, files nothing new, record unchanged), then
// — once the simulator's clock passes the issuing delay — finds the certificate by its public key (query + retrieve),
// stores it, and the key matches as openssl reads the certificate. KSeF saw exactly one request each time.
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
import {startEnrollProxy} from '../helpers/enroll-proxy.js';
import {MAIN, opensslSpki, plainKeyFiles, POLISH, runCli, signedAuthXml, STACK_TRACE, storeView} from './cli-child.js';

const ISSUE_DELAY_MS = 60_000;

let root: string;
let dataDir: string;
let sim: SimulatorHandle;
let api: string;
let seal: {certPem: string; keyPem: string};
let pwFile: string;
/** The simulator's clock runs ahead by this much (to pass the issuing delay without waiting). */
let clockAheadMs = 0;

beforeAll(async () => {
  if (!fs.existsSync(MAIN)) throw new Error('Build first: npm run build');
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ksef-certs-lost-'));
  dataDir = path.join(root, 'data');
  await createDemoStore(dataDir);
  sim = await startSimulator({
    dataDir: path.join(root, 'sim'), quiet: true, enrollmentDelayMs: ISSUE_DELAY_MS, authDelayMs: 0, rateLimits: false,
    now: () => new Date(Date.now() + clockAheadMs),
  });
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
const simEnrollments = (): Record<string, {csrB64: string; certificateSerialNumber: string | null}> =>
  JSON.parse(fs.readFileSync(path.join(root, 'sim', STATE_FILE), 'utf8')).envs.DEMO.enrollments;

const generateArgs = (name: string, signed: string) =>
  ['generate', '--owner', 'company', '--env', 'D', '--type', 'A', '--name', name, '--key-password-file', pwFile, '--signed', signed];

/** The record left behind: pending, key sealed, public key kept, no reference number, nothing plain on disk. */
async function expectResumableRecord(name: string): Promise<CertificateRecord> {
  const rec = storeDoc().certificates.find((c) => c.name === name)!;
  expect(rec).toMatchObject({state: 'pending', owner: {kind: 'company'}, type: 'A', env: 'D'});
  expect(rec.serial).toBeUndefined();
  expect(rec.enrollment!.referenceNumber).toBeUndefined();
  expect(rec.keyPem.startsWith('-----BEGIN ENCRYPTED PRIVATE KEY-----')).toBe(true);
  const key = await (await openStore(dataDir)).unsealKey(rec.keyPem);
  expect(createPublicKey(key).export({type: 'spki', format: 'der'}).toString('base64')).toBe(rec.enrollment!.publicKeySpki);
  expect(plainKeyFiles(dataDir)).toEqual([]);
  return rec;
}

/** resume before KSeF issued it → "not in KSeF", nothing changed; after the delay → issued, key matches (openssl). */
async function resumeCompletes(rec: CertificateRecord, enrollmentsBefore: number): Promise<void> {
  const early = await runCli(['resume', rec.id, '--signed', await signedAuthXml({root, dataDir, api, seal}, `${rec.id}-wczesnie`)], {dataDir, api, timeoutMs: 30_000});
  expect(early.code, early.err).toBe(1);
  expect(early.err).toMatch(POLISH);
  expect(early.err).toContain(`W KSeF nie ma (jeszcze) certyfikatu z kluczem wniosku „${rec.name}”`);
  expect(early.err).toContain(`ksef-certs resume ${rec.id} --abandon`);
  expect(early.err).not.toMatch(STACK_TRACE);
  expect(storeDoc().certificates.find((c) => c.id === rec.id)).toMatchObject({state: 'pending'});

  clockAheadMs += ISSUE_DELAY_MS + 1000;
  const r = await runCli(['resume', rec.id, '--signed', await signedAuthXml({root, dataDir, api, seal}, `${rec.id}-pozniej`), '--json'], {dataDir, api, timeoutMs: 30_000});
  expect(r.code, r.err).toBe(0);
  const doc = JSON.parse(r.out) as {certificate: CertificateRecord};
  expect(doc.certificate).toMatchObject({id: rec.id, state: 'issued', name: rec.name});
  const stored = (await (await openStore(dataDir)).getCertificate(rec.id))!;
  const key = await (await openStore(dataDir)).unsealKey(stored.keyPem);
  expect(createPublicKey(key).export({type: 'spki', format: 'der'}).toString('base64')).toBe(opensslSpki(root, stored.certPem!));
  // KSeF saw exactly one request for this key: the enrollment was never repeated.
  const all = Object.values(simEnrollments());
  expect(all.length).toBe(enrollmentsBefore + 1);
  expect(all.filter((e) => e.certificateSerialNumber === stored.serial)).toHaveLength(1);
  expect(plainKeyFiles(dataDir)).toEqual([]);
}

describe('an enrollment KSeF accepted is never lost (built CLI, proxy losing the reply)', () => {
  it('reply reset after KSeF accepted it → exit 1 "may have been accepted" + resume ID; resume finds it by key', async () => {
    const NAME = 'Firma zgubiona odpowiedz';
    const proxy = await startEnrollProxy(sim.origin, 'reset');
    const before = Object.keys(simEnrollments()).length;
    try {
      const signed = await signedAuthXml({root, dataDir, api, seal}, 'zgubiona');
      const r = await runCli(generateArgs(NAME, signed), {dataDir, api: proxy.base(api), timeoutMs: 30_000});
      expect((await proxy.accepted).status).toBe(202); // KSeF did accept it
      expect(proxy.enrollPosts).toBe(1);
      expect(r.code, r.err).toBe(1);
      expect(r.err).not.toMatch(STACK_TRACE);
      const rec = await expectResumableRecord(NAME);
      expect(r.err).toContain(`Nie otrzymano odpowiedzi KSeF na wniosek o certyfikat „${NAME}” — KSeF mógł go przyjąć`);
      expect(r.err).toContain(`ksef-certs resume ${rec.id}`);
      // The list names the id to resume with (no reference number yet).
      const list = await runCli(['list'], {dataDir, api});
      expect(list.out).toContain(`  ${rec.id}  ${NAME}`);
      await resumeCompletes(rec, before);
    } finally {
      await proxy.close();
    }
  }, 150_000);

  it('generate killed with SIGKILL between the POST (accepted by KSeF) and the store write → resume completes it', async () => {
    const NAME = 'Firma zabity proces';
    const proxy = await startEnrollProxy(sim.origin, 'hold');
    const before = Object.keys(simEnrollments()).length;
    try {
      const signed = await signedAuthXml({root, dataDir, api, seal}, 'zabity');
      const who = DEMO_CREDENTIALS.admin;
      const child = spawn(process.execPath, [MAIN, '--data', dataDir, '--api', proxy.base(api), ...generateArgs(NAME, signed)], {
        env: {PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', CI: 'true', KSEF_CERTS_OPERATOR: who.code, KSEF_CERTS_OPERATOR_PASSWORD: who.password},
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      const exited = new Promise<NodeJS.Signals | null>((ok) => child.on('close', (_c, signal) => ok(signal)));
      expect((await proxy.accepted).status).toBe(202); // KSeF accepted; the reply never reaches the child
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      expect(proxy.enrollPosts).toBe(1);
      const rec = await expectResumableRecord(NAME);
      const view = storeView(dataDir);
      await resumeCompletes(rec, before);
      expect(storeView(dataDir)).not.toBe(view);
    } finally {
      await proxy.close();
    }
  }, 150_000);

  it('resume --abandon: refused for a record that is not pending; marks a reference-less one as not sent (failed), key kept', async () => {
    const signed = await signedAuthXml({root, dataDir, api, seal}, 'porzucony');
    const proxy = await startEnrollProxy(sim.origin, 'reset');
    try {
      const r = await runCli(generateArgs('Firma porzucony wniosek', signed), {dataDir, api: proxy.base(api), timeoutMs: 30_000});
      expect(r.code, r.err).toBe(1);
    } finally {
      await proxy.close();
    }
    const rec = await expectResumableRecord('Firma porzucony wniosek');
    const issued = storeDoc().certificates.find((c) => c.name === 'Firma zabity proces')!;
    const refused = await runCli(['resume', issued.id, '--abandon'], {dataDir, api});
    expect(refused.code).toBe(1);
    const ok = await runCli(['--lang', 'en', 'resume', rec.id, '--abandon'], {dataDir, api});
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain('Request "Firma porzucony wniosek" marked as not sent (rejected)'); // catalogue, English
    const after = storeDoc().certificates.find((c) => c.id === rec.id)!;
    expect(after.state).toBe('failed');
    expect(after.keyPem).toBe(rec.keyPem);
  }, 60_000);
});
