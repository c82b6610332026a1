// Permissions, self-signed certificates, rate limits, fault injection, retention, persistence and the identity CLI.
import {execFileSync} from 'node:child_process';
import {createPrivateKey} from 'node:crypto';
import {mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {nipWithChecksum} from '../../src/domain/index.js';
import {runSimulatorIdentityCli, startSimulator} from '../../src/simulator/index.js';
import {authTokenRequestXml, bearerInit, jsonInit, signWithXadesjs, signWithXmlsec1, startTestSim, type TestSim} from '../helpers/simulator.js';

type Env = 'TEST' | 'DEMO' | 'PROD';
let t: TestSim;
let clock = Date.now();
beforeAll(async () => {
  t = await startTestSim({now: () => new Date(clock)});
});
afterAll(async () => {
  expect(t.violations).toEqual([]);
  await t.close();
});

const code = (body: unknown): number => (body as {exception: {exceptionDetailList: Array<{exceptionCode: number}>}}).exception.exceptionDetailList[0].exceptionCode;
const NIP = nipWithChecksum('777000111')!;
const OTHER = nipWithChecksum('777000222')!;
const PESEL = '44051401359';

async function start(env: Env, certPem: string, keyPem: string, nip: string, headers: Record<string, string> = {}, query = '') {
  const ch = await t.api(env, '/auth/challenge', {method: 'POST'});
  const xml = await signWithXadesjs(authTokenRequestXml((ch.body as {challenge: string}).challenge, nip), certPem, keyPem);
  return t.api(env, `/auth/xades-signature${query}`, {method: 'POST', headers: {'Content-Type': 'application/xml', ...headers}, body: xml});
}
async function finalStatus(env: Env, init: {body: unknown}): Promise<number> {
  const {referenceNumber, authenticationToken} = init.body as {referenceNumber: string; authenticationToken: {token: string}};
  const st = await t.api(env, `/auth/${referenceNumber}`, bearerInit('GET', authenticationToken.token));
  return (st.body as {status: {code: number}}).status.code;
}

describe('permissions and certificates', () => {
  it('ends with 415 without permission; /testdata/permissions and /testdata/person grant it', async () => {
    const seal = await t.sim.issueTestIdentity({kind: 'seal', nip: OTHER});
    const init = await start('TEST', seal.certPem, seal.keyPem, NIP);
    expect(init.status).toBe(202);
    expect(await finalStatus('TEST', init)).toBe(415);
    const grant = {contextIdentifier: {type: 'Nip', value: NIP}, authorizedIdentifier: {type: 'Nip', value: OTHER}, permissions: [{permissionType: 'CredentialsManage', description: 'Uprawnienie testowe'}]};
    expect((await t.api('TEST', '/testdata/permissions', jsonInit('POST', grant))).status).toBe(200);
    expect(await finalStatus('TEST', await start('TEST', seal.certPem, seal.keyPem, NIP))).toBe(200);

    const person = await t.sim.issueTestIdentity({kind: 'person', nip: OTHER, pesel: PESEL, env: 'DEMO'});
    expect(await finalStatus('DEMO', await start('DEMO', person.certPem, person.keyPem, NIP))).toBe(415);
    const add = await t.api('DEMO', '/testdata/person', jsonInit('POST', {nip: NIP, pesel: PESEL, isBailiff: false, description: 'Osoba testowa'}));
    expect(add.status).toBe(200);
    expect(await finalStatus('DEMO', await start('DEMO', person.certPem, person.keyPem, NIP))).toBe(200);
    expect((await fetch(`${t.sim.apiBase('PROD')}/testdata/person`, jsonInit('POST', {}))).status).toBe(404);
  });

  it('accepts self-signed certificates only on TEST (21115 elsewhere); chain check or expiry end in 460', async () => {
    const self = await t.sim.issueTestIdentity({kind: 'seal', nip: NIP, selfSigned: true});
    expect((await start('TEST', self.certPem, self.keyPem, NIP)).status).toBe(202);
    // Chain verification forced on TEST: accepted, then 460 (real KSeF does not refuse at once).
    const forced = await start('TEST', self.certPem, self.keyPem, NIP, {}, '?verifyCertificateChain=true');
    expect(forced.status).toBe(202);
    expect(await finalStatus('TEST', forced)).toBe(460);
    expect(code((await start('DEMO', self.certPem, self.keyPem, NIP)).body)).toBe(21115);
    expect(code((await start('PROD', self.certPem, self.keyPem, NIP)).body)).toBe(21115);
    const expired = await t.sim.issueTestIdentity({kind: 'seal', nip: NIP, notBefore: new Date(clock - 3 * 86400_000), notAfter: new Date(clock - 86400_000)});
    const late = await start('TEST', expired.certPem, expired.keyPem, NIP);
    expect([late.status, await finalStatus('TEST', late)]).toEqual([202, 460]);
    const noSurname = await t.sim.issueTestIdentity({kind: 'person', nip: NIP, surname: ''});
    expect(code((await start('TEST', noSurname.certPem, noSurname.keyPem, NIP)).body)).toBe(21115);
  });

  it('rejects a bad context NIP checksum (21117) and a schema-invalid request (21401)', async () => {
    const seal = await t.sim.issueTestIdentity({kind: 'seal', nip: NIP});
    const badNip = NIP.slice(0, 9) + String((Number(NIP[9]) + 1) % 10);
    expect(code((await start('TEST', seal.certPem, seal.keyPem, badNip)).body)).toBe(21117);
    const ch = await t.api('TEST', '/auth/challenge', {method: 'POST'});
    const xml = await signWithXadesjs(authTokenRequestXml((ch.body as {challenge: string}).challenge, NIP, {subjectType: 'somethingElse'}), seal.certPem, seal.keyPem);
    const r = await t.api('TEST', '/auth/xades-signature', {method: 'POST', headers: {'Content-Type': 'application/xml'}, body: xml});
    expect(code(r.body)).toBe(21401);
  });

  it('warns about a missing SigningTime, and rejects it with enforce-xades-compliance', async () => {
    const seal = await t.sim.issueTestIdentity({kind: 'seal', nip: NIP});
    const sign = async () => signWithXmlsec1(authTokenRequestXml(((await t.api('TEST', '/auth/challenge', {method: 'POST'})).body as {challenge: string}).challenge, NIP), seal.certPem, seal.keyPem, {signingTime: false});
    const soft = await t.api('TEST', '/auth/xades-signature', {method: 'POST', headers: {'Content-Type': 'application/xml'}, body: await sign()});
    expect(soft.status).toBe(202);
    expect(soft.headers.get('x-system-warning')).toContain('[sig-001]');
    const strict = await t.api('TEST', '/auth/xades-signature', {method: 'POST', headers: {'Content-Type': 'application/xml', 'X-KSeF-Feature': 'enforce-xades-compliance'}, body: await sign()});
    expect(code(strict.body)).toBe(9105);
  });

  it('refuses enrollment data and enrollment for a KSeF-token session (25001, 25002)', async () => {
    const res = await fetch(`${t.sim.origin}/_sim/token-session`, jsonInit('POST', {env: 'TEST', nip: NIP}));
    const {accessToken} = (await res.json()) as {accessToken: string};
    expect(code((await t.api('TEST', '/certificates/enrollments/data', bearerInit('GET', accessToken))).body)).toBe(25001);
    const e = await t.api('TEST', '/certificates/enrollments', jsonInit('POST', {certificateName: 'Token sesja', certificateType: 'Offline', csr: 'AAAA'}, accessToken));
    expect(code(e.body)).toBe(25002);
    const noToken = await t.api('TEST', '/certificates/limits');
    expect(noToken.status).toBe(401);
  });
});

describe('rate limits and faults', () => {
  it('answers 429 with Retry-After when the group limit is exceeded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksef-sim-rl-'));
    const sim = await startSimulator({dataDir: dir, quiet: true, authDelayMs: 0});
    try {
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 65; i++) {
        last = await fetch(`${sim.apiBase('TEST')}/auth/challenge`, {method: 'POST'});
        statuses.push(last.status);
        if (last.status === 429) break;
      }
      expect(statuses.filter((s) => s === 200).length).toBe(60);
      expect(last!.status).toBe(429);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(((await last!.json()) as {status: {code: number}}).status.code).toBe(429);
    } finally {
      await sim.close();
      rmSync(dir, {recursive: true, force: true});
    }
  });

  it('injects 429/503, latency, dropped connections and enrollment outcomes', async () => {
    t.sim.faults.add({path: '/auth/challenge$', status: 429, retryAfter: 7, times: 1});
    const r429 = await t.api('TEST', '/auth/challenge', {method: 'POST', headers: {'X-Error-Format': 'problem-details'}});
    expect([r429.status, r429.headers.get('retry-after')]).toEqual([429, '7']);
    expect((await t.api('TEST', '/auth/challenge', {method: 'POST'})).status).toBe(200);
    await fetch(`${t.sim.origin}/_sim/faults`, jsonInit('POST', {path: '/auth/challenge$', status: 503, times: 1}));
    expect((await fetch(`${t.sim.apiBase('TEST')}/auth/challenge`, {method: 'POST'})).status).toBe(503);
    t.sim.faults.add({path: '/auth/challenge$', dropConnection: true, times: 1});
    await expect(fetch(`${t.sim.apiBase('TEST')}/auth/challenge`, {method: 'POST'})).rejects.toThrow();
    t.sim.faults.add({path: '/auth/challenge$', delayMs: 50, times: 1});
    expect((await t.api('TEST', '/auth/challenge', {method: 'POST'})).status).toBe(200);
    expect(t.sim.faults.list()).toEqual([]);

    const seal = await t.sim.issueTestIdentity({kind: 'seal', nip: NIP});
    const init = await start('TEST', seal.certPem, seal.keyPem, NIP);
    const tok = (init.body as {authenticationToken: {token: string}}).authenticationToken.token;
    const access = ((await t.api('TEST', '/auth/token/redeem', bearerInit('POST', tok))).body as {accessToken: {token: string}}).accessToken.token;
    const data = (await t.api('TEST', '/certificates/enrollments/data', bearerInit('GET', access))).body as {commonName: string; organizationName: string; organizationIdentifier: string};
    const key = execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']).toString();
    const dir = mkdtempSync(join(tmpdir(), 'ksef-csr-'));
    writeFileSync(join(dir, 'k.pem'), key);
    const csr = execFileSync('openssl', ['req', '-new', '-key', join(dir, 'k.pem'), '-utf8', '-subj', `/CN=${data.commonName}/O=${data.organizationName}/organizationIdentifier=${data.organizationIdentifier}/C=PL`, '-outform', 'DER']).toString('base64');
    rmSync(dir, {recursive: true, force: true});
    await fetch(`${t.sim.origin}/_sim/enrollment-outcome`, jsonInit('POST', {code: 550, times: 1}));
    t.sim.faults.enrollmentOutcome(400);
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const e = await t.api('TEST', '/certificates/enrollments', jsonInit('POST', {certificateName: `Wniosek ${i} test`, certificateType: 'Authentication', csr}, access));
      const st = await t.api('TEST', `/certificates/enrollments/${(e.body as {referenceNumber: string}).referenceNumber}`, bearerInit('GET', access));
      codes.push((st.body as {status: {code: number}}).status.code);
    }
    expect(codes).toEqual([550, 400, 200]);
    // Retention: an enrollment's status is gone (410) after 30 days.
    const old = (await t.api('TEST', '/certificates/enrollments', jsonInit('POST', {certificateName: 'Stary wniosek', certificateType: 'Offline', csr}, access))).body as {referenceNumber: string};
    clock += 31 * 86400_000;
    expect((await t.api('TEST', '/certificates/limits', bearerInit('GET', access))).status).toBe(401); // access token expired
    const again = await start('TEST', seal.certPem, seal.keyPem, NIP);
    const tok2 = (again.body as {authenticationToken: {token: string}}).authenticationToken.token;
    const access2 = ((await t.api('TEST', '/auth/token/redeem', bearerInit('POST', tok2))).body as {accessToken: {token: string}}).accessToken.token;
    const gone = await t.api('TEST', `/certificates/enrollments/${old.referenceNumber}`, bearerInit('GET', access2));
    expect(gone.status).toBe(410);
    expect(gone.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('persistence and CLI', () => {
  it('keeps its CA across restarts (state file mode 0600) and writes encrypted test identities', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksef-sim-p-'));
    try {
      const a = await startSimulator({dataDir: dir, quiet: true});
      const ca = a.caCertificatePem('PROD');
      await a.close();
      expect(statSync(join(dir, 'ksef-simulator.json')).mode & 0o777).toBe(0o600);
      const b = await startSimulator({dataDir: dir, quiet: true});
      expect(b.caCertificatePem('PROD')).toBe(ca);
      expect(b.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      await b.close();
      await expect(startSimulator({dataDir: dir, host: '0.0.0.0'})).rejects.toThrow(/127\.0\.0\.1/);

      const out = join(dir, 'id');
      expect(await runSimulatorIdentityCli(['--kind', 'seal', '--nip', NIP, '--out', out, '--data', dir])).toBe(2);
      writeFileSync(join(dir, 'pw'), 'Haslo-Testowe-123!\n');
      expect(await runSimulatorIdentityCli(['--kind', 'person', '--nip', NIP, '--pesel', PESEL, '--env', 'D', '--out', out, '--data', dir, '--password-file', join(dir, 'pw')])).toBe(0);
      expect(statSync(join(out, 'key.pem')).mode & 0o777).toBe(0o600);
      const keyPem = readFileSync(join(out, 'key.pem'), 'utf8');
      expect(keyPem).toContain('BEGIN ENCRYPTED PRIVATE KEY');
      expect(() => createPrivateKey({key: keyPem, passphrase: 'Haslo-Testowe-123!'})).not.toThrow();
      writeFileSync(join(dir, 'ca.pem'), (await (async () => {
        const c = await startSimulator({dataDir: dir, quiet: true});
        const pem = c.testQualifiedCaPem();
        await c.close();
        return pem;
      })()));
      expect(execFileSync('openssl', ['verify', '-CAfile', join(dir, 'ca.pem'), join(out, 'cert.pem')]).toString()).toContain('OK');
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });
});
