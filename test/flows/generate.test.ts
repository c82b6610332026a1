// Generate flow [A-1-5-4] against the in-process KSeF simulator on loopback: external signature by folder drop
// (auth.xml signed by xmlsec1, an independent tool), enrollment with a real CSR, pending → issued record, the
// .crt/.key backup checked with openssl, mode Z, KSeF rejections (400/550, 25003, 25007, 429), Esc while polling
// and resume, rights.
import 'reflect-metadata';
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {buildAuthTokenRequest} from '../../src/ksef/auth-xml.js';
import {KsefClient, type KsefSession} from '../../src/ksef/client/index.js';
import {readPrivateKey} from '../../src/ksef/keys.js';
import {parseCertificate} from '../../src/ksef/cert-info.js';
import {
  AUTH_FILE_NAME, chooseAuthorization, launchSignCommand, prepareAuthRequest, readSignedFile, submitSignedFile, watchForSignedFile,
} from '../../src/flows/authorize.js';
import {enrollCertificate, resumeEnrollment, type GenerateDeps, type GenerateRequest, type StepEvent} from '../../src/flows/generate.js';
import {FlowError, userMessage} from '../../src/flows/errors.js';
import {KsefGateway} from '../../src/flows/gateway.js';
import {loginWithCertificate} from '../../src/flows/login.js';
import {DEMO_COMPANY} from '../../src/store/index.js';
import {signWithXmlsec1} from '../helpers/simulator.js';
import {makeCertWorld, type CertWorld} from '../helpers/revoke-world.js';

const PASSWORD = 'Kopia-klucza-2026!';
let w: CertWorld;
let seal: {certPem: string; keyPem: string};
let client: KsefClient;

beforeAll(async () => {
  w = await makeCertWorld();
  seal = await w.sim.issueTestIdentity({env: 'DEMO', kind: 'seal', nip: DEMO_COMPANY.nip, organizationName: DEMO_COMPANY.name});
  client = await w.gateway.client('D');
}, 60_000);
afterAll(() => w?.cleanup());

const deps = (op = w.admin, gateway = w.gateway): GenerateDeps => ({store: w.store, gateway, operator: op, workstation: 'ws-gen', keyIterations: 1000});
const request = (o: Partial<GenerateRequest> = {}): GenerateRequest => ({
  owner: {kind: 'company'}, env: 'D', name: `Firma auth ${Math.random().toString(36).slice(2, 8)}`, type: 'A', mode: 'B', keyPassword: PASSWORD, ...o,
});
const context = {type: 'Nip' as const, value: DEMO_COMPANY.nip};

/** The full F2000 external-signature path: auth.xml → signed by xmlsec1 → dropped into the folder → picked up → KSeF. */
async function sessionBySignature(identity = seal, gateway = w.gateway): Promise<KsefSession> {
  const req = await prepareAuthRequest({store: w.store, gateway, workstation: 'ws-gen'}, {env: 'D', context});
  const signed = signWithXmlsec1(fs.readFileSync(req.file, 'utf8'), identity.certPem, identity.keyPem);
  const found = watchForSignedFile(req.dir, {challenge: req.challenge, since: req.writtenAt, pollMs: 50});
  fs.writeFileSync(path.join(req.dir, `podpisany-${req.challenge}.xml`), signed);
  const {bytes} = await found;
  return submitSignedFile(await gateway.client('D'), bytes, {pollIntervalMs: 5});
}

/** An admin enters the operator's PESEL [A-1-5-5] (personal certificates carry it). */
async function setPesel(code: string, pesel: string): Promise<void> {
  const op = (await w.store.listOperators()).find((o) => o.code === code)!;
  await w.store.upsertOperator({code, name: op.name, role: op.role, branch: op.branch, pesel}, 'ADMIN');
}

async function fails(p: Promise<unknown>): Promise<Error> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(Error);
  return e as Error;
}

describe('external signature (folder drop)', () => {
  it('writes auth.xml byte-exact into the sign folder (created), expiry = challenge time + 10 min', async () => {
    const ws = await w.store.workstation('ws-gen');
    fs.rmSync(ws.signFolder, {recursive: true, force: true});
    const before = Date.now();
    const req = await prepareAuthRequest({store: w.store, gateway: w.gateway, workstation: 'ws-gen'}, {env: 'D', context});
    expect(req.file).toBe(path.join(ws.signFolder, AUTH_FILE_NAME));
    const expected = buildAuthTokenRequest({challenge: req.challenge, context, subjectIdentifierType: 'certificateSubject'});
    expect(fs.readFileSync(req.file).equals(Buffer.from(expected, 'utf8'))).toBe(true);
    expect(req.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 10 * 60_000 - 2000);
    expect(req.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 10 * 60_000 + 2000);
  });

  it('skips broken files and files signed for another challenge (Polish reasons), picks up ours signed by xmlsec1', async () => {
    const old = await prepareAuthRequest({store: w.store, gateway: w.gateway, workstation: 'ws-gen'}, {env: 'D', context});
    const oldSigned = signWithXmlsec1(fs.readFileSync(old.file, 'utf8'), seal.certPem, seal.keyPem);
    const req = await prepareAuthRequest({store: w.store, gateway: w.gateway, workstation: 'ws-gen'}, {env: 'D', context});
    const rejected: Array<[string, string]> = [];
    const found = watchForSignedFile(req.dir, {challenge: req.challenge, since: req.writtenAt, pollMs: 30, onRejected: (f, r) => rejected.push([path.basename(f), r])});
    fs.writeFileSync(path.join(req.dir, 'a-zepsuty.xml'), 'to nie jest XML');
    fs.writeFileSync(path.join(req.dir, 'b-stary.xades'), oldSigned);
    fs.writeFileSync(path.join(req.dir, 'c-niepodpisany.xml'), fs.readFileSync(req.file));
    await new Promise((r) => setTimeout(r, 150)); // the watcher has looked at them by now (not an assertion)
    const signed = signWithXmlsec1(fs.readFileSync(req.file, 'utf8'), seal.certPem, seal.keyPem);
    fs.writeFileSync(path.join(req.dir, 'd-podpisany.xades'), signed);
    const got = await found;
    expect(path.basename(got.file)).toBe('d-podpisany.xades');
    expect(got.bytes.toString('utf8')).toBe(signed); // untouched
    const reasons = Object.fromEntries(rejected);
    expect(reasons['a-zepsuty.xml']).toMatch(/To nie jest plik XML/);
    expect(reasons['b-stary.xades']).toMatch(/podpisany dla innego wyzwania/);
    expect(reasons['c-niepodpisany.xml']).toMatch(/nie jest podpisany/);
    // The same checks for a file pointed at by hand ("kontynuuj bez uruchamiania").
    expect((await fails(readSignedFile(path.join(req.dir, 'b-stary.xades'), req.challenge))).message).toMatch(/innego wyzwania/);
    expect((await readSignedFile(got.file, req.challenge)).bytes.equals(got.bytes)).toBe(true);
  });

  it('stops watching on abort with an AbortError', async () => {
    const ac = new AbortController();
    const p = watchForSignedFile(fs.mkdtempSync(path.join(w.root, 'watch-')), {challenge: 'x', since: new Date(), signal: ac.signal, pollMs: 20});
    ac.abort();
    expect((await fails(p)).name).toBe('AbortError');
  });

  it('launches the sign command with {file}/{dir} substituted; a failing command is reported in Polish; empty does nothing', async () => {
    const dir = fs.mkdtempSync(path.join(w.root, 'launch dir '));
    const file = path.join(dir, "auth'x.xml");
    const out = path.join(dir, 'out.txt');
    let exited: string | undefined = 'pending';
    const done = new Promise<void>((resolve) => {
      void launchSignCommand(`printf '%s|%s' {file} {dir} > '${out}'`, {file, dir, onExit: (m) => { exited = m; resolve(); }}).then((r) => expect(r.launched).toBe(true));
    });
    await done;
    expect(exited).toBeUndefined();
    expect(fs.readFileSync(out, 'utf8')).toBe(`${file}|${dir}`);
    const failed = await new Promise<string | undefined>((resolve) => void launchSignCommand('nie-ma-takiego-programu-ksef {file}', {file, dir, onExit: resolve}));
    expect(failed).toMatch(/nie znaleziono programu/);
    expect(await launchSignCommand('   ', {file, dir})).toEqual({launched: false});
  });
});

describe('enrollCertificate', () => {
  let issued: Awaited<ReturnType<typeof enrollCertificate>>;

  it('company type A after a folder-drop signature: steps in order, pending stored at once, issued, backup readable by openssl', async () => {
    const session = await sessionBySignature();
    const events: StepEvent[] = [];
    let pendingSeen: unknown;
    const req = request({name: 'Firma uwierzytelnianie'});
    issued = await enrollCertificate(deps(), session, req, {
      pollIntervalMs: 5,
      onStep: (e) => {
        events.push(e);
        if (e.step === 'pollEnrollment' && e.phase === 'start' && !pendingSeen) pendingSeen = w.store.listCertificates().then((l) => l.find((r) => r.name === req.name));
      },
    });
    const order = events.filter((e) => e.phase === 'done').map((e) => e.step);
    expect(order).toEqual(['limits', 'enrollmentData', 'keyCsr', 'enroll', 'pollEnrollment', 'retrieve', 'store', 'backup', 'audit']);
    const pending = (await pendingSeen) as {state: string; enrollment: {referenceNumber: string}; keyPem: string};
    expect(pending.state).toBe('pending');
    expect(pending.enrollment.referenceNumber).toMatch(/-EH-/);
    expect(pending.keyPem).toContain('ENCRYPTED PRIVATE KEY');

    const rec = issued.record;
    expect(rec).toMatchObject({state: 'issued', owner: {kind: 'company'}, type: 'A', env: 'D', mode: 'B', source: 'generated', createdBy: 'ADMIN'});
    expect(rec.serial).toMatch(/^[0-9A-F]{16}$/);
    expect(rec.subjectIdentifier).toEqual({type: 'Nip', value: DEMO_COMPANY.nip});
    const info = parseCertificate(rec.certPem!);
    expect(info.usage.digitalSignature).toBe(true);
    // The sealed key is the certificate's key.
    const key = await w.store.unsealKey(rec.keyPem);
    expect(readPrivateKey(Buffer.from(key.export({type: 'pkcs8', format: 'pem'}) as string)).asymmetricKeyType).toBe('ec');

    // Backup: <name>_<serial>.crt/.key in the export folder, key 0600, decrypted by openssl with the form password.
    const ws = await w.store.workstation('ws-gen');
    expect(issued.backup!.keyPath).toBe(path.join(ws.exportFolder, `Firma_uwierzytelnianie_${rec.serial}.key`));
    expect(fs.statSync(issued.backup!.keyPath).mode & 0o777).toBe(0o600);
    const pw = path.join(w.root, 'pw.txt');
    fs.writeFileSync(pw, `${PASSWORD}\n`, {mode: 0o600});
    const fromKey = execFileSync('openssl', ['pkey', '-in', issued.backup!.keyPath, '-passin', `file:${pw}`, '-pubout'], {encoding: 'utf8'});
    const fromCrt = execFileSync('openssl', ['x509', '-in', issued.backup!.certPath, '-pubkey', '-noout'], {encoding: 'utf8'});
    expect(fromKey).toBe(fromCrt);
    expect(() => execFileSync('openssl', ['pkey', '-in', issued.backup!.keyPath, '-passin', 'pass:Zle-haslo-123!', '-noout'], {stdio: 'pipe'})).toThrow();

    const audit = (await w.store.listAudit()).filter((a) => a.certificateId === rec.id).map((a) => a.action);
    expect(audit).toEqual(['enrollmentStarted', 'generate', 'export']);
  });

  it('with that type-A certificate the next one is authorised by the app itself; mode Z follows it from its end', async () => {
    const records = await w.store.listCertificates();
    const plan = chooseAuthorization(records, {kind: 'company'}, 'D', 'esignature', new Date());
    expect(plan).toMatchObject({kind: 'certificate', via: {id: issued.record.id}});
    const session = await loginWithCertificate({store: w.store, gateway: w.gateway, operator: 'ADMIN', workstation: 'ws-gen'}, issued.record, {context});
    const z = await enrollCertificate(deps(), session, request({name: 'Firma następca', mode: 'Z'}), {pollIntervalMs: 5});
    expect(z.record.predecessorId).toBe(issued.record.id);
    expect(z.record.mode).toBe('Z');
    expect(z.record.validFrom).toBe(issued.record.validTo);
    expect(z.warnings.join(' ')).toMatch(/zacznie działać/);
    // Another owner without a type-A certificate needs a signature; Profil Zaufany carries the 31 March 2026 note.
    expect(chooseAuthorization(records, {kind: 'branch', code: 'ODDZIAL1'}, 'D', 'trustedProfile', new Date())).toMatchObject({kind: 'signature', method: 'trustedProfile', notePl: expect.stringMatching(/31 marca 2026/)});
  });

  it('mode Z without a current certificate is refused before KSeF is asked', async () => {
    const session = await sessionBySignature();
    const e = await fails(enrollCertificate(deps(), session, request({owner: {kind: 'branch', code: 'ODDZIAL1'}, mode: 'Z'})));
    expect(e).toBeInstanceOf(FlowError);
    expect((e as FlowError).code).toBe('noPredecessor');
    expect(e.message).toMatch(/wybierz tryb B/);
  });

  it('an ordinary operator may generate only for themselves; nothing stored', async () => {
    const session = await sessionBySignature();
    const count = (await w.store.listCertificates()).length;
    const e = await fails(enrollCertificate(deps(w.operator), session, request({owner: {kind: 'company'}})));
    expect((e as FlowError).code).toBe('forbidden');
    expect(e.message).toMatch(/tylko dla siebie/);
    expect((await w.store.listCertificates()).length).toBe(count);
    // His own certificate carries his person (PESEL entered by an admin), not the company seal.
    await setPesel('JKOWALSKI', '44051401359');
    const person = await w.sim.issueTestIdentity({env: 'DEMO', kind: 'person', nip: DEMO_COMPANY.nip, pesel: '44051401359', givenNames: ['Jan'], surname: 'Kowalski'});
    const own = await enrollCertificate(deps(w.operator), await sessionBySignature(person), request({owner: {kind: 'operator', code: 'JKOWALSKI'}, type: 'O', name: 'Offline Kowalski'}), {pollIntervalMs: 5});
    expect(own.record).toMatchObject({state: 'issued', type: 'O', owner: {kind: 'operator', code: 'JKOWALSKI'}});
    expect(parseCertificate(own.record.certPem!).usage.nonRepudiation).toBe(true);
  });

  it.each([400, 550] as const)('KSeF rejects the enrollment (status %i): record kept as failed with the Polish reason', async (code) => {
    const session = await sessionBySignature();
    w.sim.faults.enrollmentOutcome(code);
    const req = request({name: `Odrzucony ${code}`});
    const e = await fails(enrollCertificate(deps(), session, req, {pollIntervalMs: 5}));
    const m = userMessage(e);
    expect(m.code).toBe(code);
    const rec = (await w.store.listCertificates()).find((r) => r.name === req.name)!;
    expect(rec.state).toBe('failed');
    expect(rec.enrollment!.lastStatus).toBe(code);
    expect(rec.enrollment!.lastMessage).toBe(m.text);
    expect(rec.enrollment!.lastMessage).toMatch(/[ąęółśżźćń]/);
    expect((await w.store.listAudit()).some((a) => a.action === 'enrollmentFailed' && a.certificateId === rec.id)).toBe(true);
  });

  it('429 on the enrollment: Polish message with the code and the wait; nothing stored', async () => {
    const session = await sessionBySignature();
    w.sim.faults.add({path: '/certificates/enrollments$', method: 'POST', status: 429, retryAfter: 600, times: 1});
    const req = request({name: 'Za szybko'});
    const m = userMessage(await fails(enrollCertificate(deps(), session, req, {pollIntervalMs: 5})));
    expect(m.code).toBe(429);
    expect(m.retryAfterSec).toBe(600);
    expect(m.text).toMatch(/Spróbuj|spróbuj|limit/);
    expect((await w.store.listCertificates()).some((r) => r.name === req.name)).toBe(false);
  });

  it('Esc while polling leaves a resumable pending record; resumeEnrollment in a new session completes it', async () => {
    const session = await sessionBySignature();
    w.sim.faults.add({path: '/certificates/enrollments/.+-EH-', method: 'GET', delayMs: 5000, times: 1});
    const ac = new AbortController();
    const req = request({name: 'Przerwany wniosek'});
    const e = await fails(enrollCertificate(deps(), session, req, {
      pollIntervalMs: 5, signal: ac.signal,
      onStep: (ev) => ev.step === 'pollEnrollment' && ev.phase === 'start' && setTimeout(() => ac.abort(), 20),
    }));
    expect(e.name).toBe('AbortError');
    const pending = (await w.store.listCertificates()).find((r) => r.name === req.name)!;
    expect(pending.state).toBe('pending');
    const fresh = await sessionBySignature();
    const done = await resumeEnrollment(deps(), pending.id, fresh, {pollIntervalMs: 5, keyPassword: PASSWORD});
    expect(done.record).toMatchObject({id: pending.id, state: 'issued'});
    expect(fs.existsSync(done.backup!.keyPath)).toBe(true);
    expect((await fails(resumeEnrollment(deps(), pending.id, fresh))).message).toMatch(/nie czeka na wydanie/);
  });

  it('25003: enrollment data altered on the way (proxy) → the simulator refuses the CSR; Polish text with the code, nothing stored', async () => {
    // A loopback proxy in front of the simulator that changes the commonName KSeF returns for the CSR.
    const target = new URL(w.sim.apiBase('DEMO'));
    const proxy = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const up = http.request({host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers}, (r) => {
          const body: Buffer[] = [];
          r.on('data', (c) => body.push(c));
          r.on('end', () => {
            let text = Buffer.concat(body).toString('utf8');
            if (req.url?.endsWith('/certificates/enrollments/data')) text = JSON.stringify({...JSON.parse(text), commonName: 'Ktoś Inny'});
            const headers = {...r.headers, 'content-length': String(Buffer.byteLength(text))};
            res.writeHead(r.statusCode ?? 500, headers);
            res.end(text);
          });
        });
        up.end(Buffer.concat(chunks));
      });
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
    const gw = new KsefGateway({target: 'ksef', apiOverride: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}${target.pathname}`});
    try {
      const session = await sessionBySignature(seal, gw);
      const req = request({name: 'Zmienione dane'});
      const m = userMessage(await fails(enrollCertificate(deps(w.admin, gw), session, req)));
      expect(m.code).toBe(25003);
      expect(m.text).toMatch(/CSR/);
      expect((await w.store.listCertificates()).some((r) => r.name === req.name)).toBe(false);
    } finally {
      await gw.close();
      await new Promise((r) => proxy.close(r));
    }
  });

  it('25007: the certificate limit from KSeF is reached (person: 6 active) → refused before the request, naming the limit', async () => {
    const person = await w.sim.issueTestIdentity({env: 'DEMO', kind: 'person', nip: DEMO_COMPANY.nip, pesel: '90010112349', givenNames: ['Anna'], surname: 'Limitowa'});
    await setPesel('JKOWALSKI', '90010112349');
    const session = await sessionBySignature(person);
    for (let i = 0; i < 6; i++) {
      await enrollCertificate(deps(), session, request({owner: {kind: 'operator', code: 'JKOWALSKI'}, type: 'O', name: `Limit ${i} offline`}), {pollIntervalMs: 5});
    }
    const before = (await w.store.listCertificates()).length;
    const m = userMessage(await fails(enrollCertificate(deps(), session, request({owner: {kind: 'operator', code: 'JKOWALSKI'}, name: 'Siódmy'}))));
    expect(m.code).toBe('25007');
    expect(m.text).toMatch(/limit posiadanych certyfikatów KSeF \(6 z 6 aktywnych\)/);
    expect((await w.store.listCertificates()).length).toBe(before);
  }, 60_000);
});
