// The simulator fails the way real KSeF fails (issue 13): certificate problems end in 460 after a 202, the whole
// status table of GET /auth/{ref}, ASCII-folded X-System-Warning (SHA-1 no longer a 500), X-Test-System-Warning,
// API 2.7 test-data endpoints, session revocation (425), revocation via a linked NIP–PESEL through "Blocked",
// 21406, KSeF-like error details. Every exchange is validated against contract/open-api.json (2.7.1).
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import http from 'node:http';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {isValidPesel} from '../../src/domain/index.js';
import {enrollAndWait, enrollmentData, exceptionCode as code, freshNip, login} from '../helpers/sim-session.js';
import {authTokenRequestXml, bearerInit, jsonInit, signWithXadesjs, startTestSim, type TestSim} from '../helpers/simulator.js';

let t: TestSim;
let clock = Date.now();
beforeAll(async () => {
  t = await startTestSim({now: () => new Date(clock), revocationDelayMs: 60_000});
});
afterAll(async () => {
  expect(t.violations).toEqual([]);
  await t.close();
});

const nip = () => freshNip(731000000);
const PESEL_LINKED = '44051401359';
const PESEL_DECEASED = '90010101239';

async function submit(env: 'TEST' | 'DEMO', xml: string, headers: Record<string, string> = {}) {
  return t.api(env, '/auth/xades-signature', {method: 'POST', headers: {'Content-Type': 'application/xml', ...headers}, body: xml});
}
async function challenge(env: 'TEST' | 'DEMO' = 'TEST'): Promise<string> {
  return ((await t.api(env, '/auth/challenge', {method: 'POST'})).body as {challenge: string}).challenge;
}
async function sealSession(n: string) {
  const seal = await t.sim.issueTestIdentity({kind: 'seal', nip: n});
  const r = await login(t, 'TEST', seal.certPem, seal.keyPem, n);
  expect(r.status).toBe(200);
  return {...r, seal};
}

describe('certificate problems: 202, then 460 with the official detail', () => {
  it('another environment, expired by PUT /testdata/certificates, revoked (Blocked → Revoked), untrusted chain', async () => {
    const n = nip();
    const {access} = await sealSession(n);
    const data = await enrollmentData(t, 'TEST', access);
    const auth = await enrollAndWait(t, 'TEST', access, data, 'Authentication');
    expect((await login(t, 'TEST', auth.certPem, auth.keyPem, n)).status).toBe(200);
    // A TEST certificate on DEMO.
    expect(await login(t, 'DEMO', auth.certPem, auth.keyPem, n)).toMatchObject({status: 460, details: ['Niezaufany łańcuch certyfikatów']});

    // PUT /testdata/certificates/{serialNumber} (2.7.0): only shorter; then the certificate is expired.
    const later = await t.api('TEST', `/testdata/certificates/${auth.serial}`, jsonInit('PUT', {validTo: new Date(clock + 5 * 365 * 86400_000).toISOString()}, access));
    expect(code(later.body)).toBe(21405);
    expect(code((await t.api('TEST', '/testdata/certificates/0123456789ABCDEF', jsonInit('PUT', {validTo: new Date(clock).toISOString()}, access))).body)).toBe(25008);
    const second = await enrollAndWait(t, 'TEST', access, data, 'Authentication');
    expect((await t.api('TEST', `/testdata/certificates/${second.serial}`, jsonInit('PUT', {validTo: new Date(clock - 1000).toISOString()}, access))).status).toBe(200);
    const q = await t.api('TEST', '/certificates/query', jsonInit('POST', {certificateSerialNumber: second.serial}, access));
    expect((q.body as {certificates: Array<{status: string}>}).certificates[0].status).toBe('Expired');
    expect(await login(t, 'TEST', second.certPem, second.keyPem, n)).toMatchObject({status: 460, details: ['Nieważny certyfikat']});

    // Revocation: Blocked first (suspended), Revoked once KSeF has finished.
    expect((await t.api('TEST', `/certificates/${auth.serial}/revoke`, jsonInit('POST', {revocationReason: 'KeyCompromise'}, access))).status).toBe(204);
    const blocked = await t.api('TEST', '/certificates/query', jsonInit('POST', {status: 'Blocked'}, access));
    expect((blocked.body as {certificates: Array<{certificateSerialNumber: string}>}).certificates.map((c) => c.certificateSerialNumber)).toEqual([auth.serial]);
    expect(await login(t, 'TEST', auth.certPem, auth.keyPem, n)).toMatchObject({status: 460, details: ['Certyfikat zawieszony']});
    expect(code((await t.api('TEST', `/certificates/${auth.serial}/revoke`, jsonInit('POST', {}, access))).body)).toBe(25009);
    clock += 61_000;
    const relog = await login(t, 'TEST', auth.certPem, auth.keyPem, n);
    expect(relog).toMatchObject({status: 460, details: ['Certyfikat odwołany']});
  });

  it('self-signed: 460 with verifyCertificateChain=true on TEST, 21115 at once on DEMO; an unknown CA → 460', async () => {
    const n = nip();
    const self = await t.sim.issueTestIdentity({kind: 'seal', nip: n, selfSigned: true});
    expect(await login(t, 'TEST', self.certPem, self.keyPem, n, '?verifyCertificateChain=true')).toMatchObject({status: 460, details: ['Błąd weryfikacji łańcucha certyfikatów']});
    expect((await login(t, 'TEST', self.certPem, self.keyPem, n)).status).toBe(200);
    expect((await login(t, 'DEMO', self.certPem, self.keyPem, n)).status).toBe(21115);
    // Signed by a CA nobody trusts (another simulator's test CA).
    const other = await startTestSim();
    const foreign = await other.sim.issueTestIdentity({kind: 'seal', nip: n});
    await other.close();
    expect(await login(t, 'TEST', foreign.certPem, foreign.keyPem, n)).toMatchObject({status: 460, details: ['Niezaufany łańcuch certyfikatów']});
  });
});

describe('the rest of the status table', () => {
  it('470 for a deceased person, 480 in a blocked context (unblock → 200), 450/500/550 injected', async () => {
    expect(isValidPesel(PESEL_DECEASED)).toBe(true);
    const n = nip();
    const person = await t.sim.issueTestIdentity({kind: 'person', nip: n, pesel: PESEL_DECEASED});
    expect((await t.api('TEST', '/testdata/person', jsonInit('POST', {nip: n, pesel: PESEL_DECEASED, isBailiff: false, description: 'Osoba zmarła', isDeceased: true}))).status).toBe(200);
    expect(await login(t, 'TEST', person.certPem, person.keyPem, n)).toMatchObject({status: 470, details: ['Próba wykorzystania metod autoryzacyjnych osoby zmarłej']});

    const m = nip();
    const seal = await t.sim.issueTestIdentity({kind: 'seal', nip: m});
    const ctx = {contextIdentifier: {type: 'Nip', value: m}};
    expect((await t.api('TEST', '/testdata/context/block', jsonInit('POST', ctx))).status).toBe(200);
    expect((await login(t, 'TEST', seal.certPem, seal.keyPem, m)).status).toBe(480);
    expect((await t.api('TEST', '/testdata/context/unblock', jsonInit('POST', ctx))).status).toBe(200);
    expect((await login(t, 'TEST', seal.certPem, seal.keyPem, m)).status).toBe(200);

    t.sim.faults.authOutcome(450);
    expect(await login(t, 'TEST', seal.certPem, seal.keyPem, m)).toMatchObject({status: 450, details: ['Nieprawidłowy token']});
    t.sim.faults.authOutcome(500);
    expect((await login(t, 'TEST', seal.certPem, seal.keyPem, m)).status).toBe(500);
    expect((await fetch(`${t.sim.origin}/_sim/auth-outcome`, jsonInit('POST', {code: 550}))).status).toBe(204);
    expect((await login(t, 'TEST', seal.certPem, seal.keyPem, m)).status).toBe(550);
    expect((await login(t, 'TEST', seal.certPem, seal.keyPem, m)).status).toBe(200);
  });

  it('DELETE /auth/sessions/{ref} ends another session: its status becomes 425 and its refresh token stops working', async () => {
    const n = nip();
    const seal = await t.sim.issueTestIdentity({kind: 'seal', nip: n});
    const xml = await signWithXadesjs(authTokenRequestXml(await challenge(), n), seal.certPem, seal.keyPem);
    const init = (await submit('TEST', xml)).body as {referenceNumber: string; authenticationToken: {token: string}};
    const tokens = (await t.api('TEST', '/auth/token/redeem', bearerInit('POST', init.authenticationToken.token))).body as {refreshToken: {token: string}};
    const other = await login(t, 'TEST', seal.certPem, seal.keyPem, n);
    expect((await t.api('TEST', `/auth/sessions/${init.referenceNumber}`, bearerInit('DELETE', other.access))).status).toBe(204);
    const st = await t.api('TEST', `/auth/${init.referenceNumber}`, bearerInit('GET', init.authenticationToken.token));
    expect((st.body as {status: {code: number}}).status.code).toBe(425);
    expect((await t.api('TEST', '/auth/token/refresh', bearerInit('POST', tokens.refreshToken.token))).status).toBe(401);
    expect(code((await t.api('TEST', '/auth/sessions/20250101-AU-0000000000-0000000000-00', bearerInit('DELETE', other.access))).body)).toBe(21405);
  });
});

describe('XAdES details as KSeF writes them', () => {
  it('SHA-1 digest on TEST: 202 with an ASCII-folded X-System-Warning (was a 500); refused on DEMO', async () => {
    const n = nip();
    const seal = await t.sim.issueTestIdentity({kind: 'seal', nip: n});
    const weak = await submit('TEST', await signWithXadesjs(authTokenRequestXml(await challenge(), n), seal.certPem, seal.keyPem, {referenceHash: 'SHA-1'}));
    expect(weak.status).toBe(202);
    expect(weak.headers.get('x-system-warning')).toBe('[sig-002]: Podpis zlozony z uzyciem niewspieranego algorytmu kryptograficznego.');
    const demoSeal = await t.sim.issueTestIdentity({kind: 'seal', nip: n, env: 'DEMO'});
    const demo = await submit('DEMO', await signWithXadesjs(authTokenRequestXml(await challenge('DEMO'), n), demoSeal.certPem, demoSeal.keyPem, {referenceHash: 'SHA-1'}));
    expect(code(demo.body)).toBe(9105);
  });

  it('X-Test-System-Warning comes back as X-System-Warning (folded); only on TEST', async () => {
    const r = await t.api('TEST', '/auth/challenge', {method: 'POST', headers: {'X-Test-System-Warning': '[test-001]: Próba'}});
    expect(r.headers.get('x-system-warning')).toBe('[test-001]: Proba');
    const demo = await t.api('DEMO', '/auth/challenge', {method: 'POST', headers: {'X-Test-System-Warning': '[test-001]: x'}});
    expect(demo.headers.get('x-system-warning')).toBeNull();
  });

  it('a changed document: "Nieprawidłowa wartość skrótu dla referencji", no library codes; broken XML: 21001', async () => {
    const n = nip();
    const seal = await t.sim.issueTestIdentity({kind: 'seal', nip: n});
    const signed = await signWithXadesjs(authTokenRequestXml(await challenge(), n), seal.certPem, seal.keyPem);
    const r = await submit('TEST', signed.replace(`<Nip>${n}</Nip>`, `<Nip>${nip()}</Nip>`));
    const details = (r.body as {exception: {exceptionDetailList: Array<{details: string[]}>}}).exception.exceptionDetailList[0].details;
    expect(code(r.body)).toBe(9105);
    expect(details).toContain("Nieprawidłowa wartość skrótu dla referencji ''.");
    expect(details.join(' ')).not.toMatch(/XMLJS|Error|undefined/);
    const broken = await submit('TEST', '<AuthTokenRequest><Challenge>');
    expect(code(broken.body)).toBe(21001);
    expect(JSON.stringify(broken.body)).not.toMatch(/\[xmldom|line:|col:/);
  });

  it('21406: certificateSubject with a certificate that carries no NIP/PESEL; the fingerprint form is accepted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksef-21406-'));
    try {
      const key = join(dir, 'k.pem');
      const crt = join(dir, 'c.pem');
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', crt, '-days', '30', '-subj', '/GN=Jan/SN=Kowalski/CN=Jan Kowalski/C=PL'], {stdio: 'ignore'});
      const [certPem, keyPem] = [readFileSync(crt, 'utf8'), readFileSync(key, 'utf8')];
      const n = nip();
      const bySubject = await submit('TEST', await signWithXadesjs(authTokenRequestXml(await challenge(), n), certPem, keyPem));
      expect(code(bySubject.body)).toBe(21406);
      const byPrint = await submit('TEST', await signWithXadesjs(authTokenRequestXml(await challenge(), n, {subjectType: 'certificateFingerprint'}), certPem, keyPem));
      expect(byPrint.status).toBe(202);
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });
});

describe('test data and revocation by a linked NIP–PESEL', () => {
  it('a person signed in with PESEL revokes the certificate of their NIP once /testdata/person links them', async () => {
    const n = nip();
    const byNip = await t.sim.issueTestIdentity({kind: 'person', nip: n});
    const a = await login(t, 'TEST', byNip.certPem, byNip.keyPem, n);
    const cert = await enrollAndWait(t, 'TEST', a.access, await enrollmentData(t, 'TEST', a.access), 'Offline');
    const byPesel = await t.sim.issueTestIdentity({kind: 'person', nip: n, pesel: PESEL_LINKED});
    const b = await login(t, 'TEST', byPesel.certPem, byPesel.keyPem, n);
    expect(b.status).toBe(200);
    expect(code((await t.api('TEST', `/certificates/${cert.serial}/revoke`, jsonInit('POST', {}, b.access))).body)).toBe(25008);
    expect((await t.api('TEST', '/testdata/person', jsonInit('POST', {nip: n, pesel: PESEL_LINKED, isBailiff: false, description: 'Osoba powiązana'}))).status).toBe(200);
    expect((await t.api('TEST', `/certificates/${cert.serial}/revoke`, jsonInit('POST', {revocationReason: 'Superseded'}, b.access))).status).toBe(204);
  });

  it('accepts CollectiveIdentifierManage in /testdata/permissions (2.7.0)', async () => {
    const grant = {contextIdentifier: {type: 'Nip', value: nip()}, authorizedIdentifier: {type: 'Nip', value: nip()}, permissions: [{permissionType: 'CollectiveIdentifierManage', description: 'Identyfikatory zbiorcze'}]};
    expect((await t.api('TEST', '/testdata/permissions', jsonInit('POST', grant))).status).toBe(200);
  });
});

describe('rate limits per endpoint (x-rate-limits of open-api.json), challenge per client IP', () => {
  it('a busy endpoint does not starve the others; another IP still gets challenges; GET /rate-limits', async () => {
    // A frozen clock: every request falls into the same 1-second window however slow the machine is.
    const frozen = Date.now();
    const rl = await startTestSim({rateLimits: true, now: () => new Date(frozen)});
    try {
      let first429 = 0;
      for (let i = 1; i <= 61 && !first429; i++) if ((await rl.api('TEST', '/auth/challenge', {method: 'POST'})).status === 429) first429 = i;
      expect(first429).toBe(61);
      // Another client IP on loopback has its own challenge counter.
      const other = await challengeFrom(rl, '127.0.0.2');
      expect(other.status).toBe(200);
      expect(other.body.clientIp).toBe('127.0.0.2');

      const n = nip();
      const seal = await rl.sim.issueTestIdentity({kind: 'seal', nip: n});
      const ch = (await challengeFrom(rl, '127.0.0.3')).body;
      const xml = await signWithXadesjs(authTokenRequestXml(ch.challenge, n), seal.certPem, seal.keyPem);
      const init = (await rl.api('TEST', '/auth/xades-signature', {method: 'POST', headers: {'Content-Type': 'application/xml'}, body: xml})).body as {authenticationToken: {token: string}};
      const access = ((await rl.api('TEST', '/auth/token/redeem', bearerInit('POST', init.authenticationToken.token))).body as {accessToken: {token: string}}).accessToken.token;
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await rl.api('TEST', '/certificates/limits', bearerInit('GET', access))).status);
      expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
      expect(statuses[10]).toBe(429);
      expect((await rl.api('TEST', '/certificates/query', jsonInit('POST', {}, access))).status).toBe(200);
      const limits = await rl.api('TEST', '/rate-limits', bearerInit('GET', access));
      expect(limits.status).toBe(200);
      // 2.7.1 groups (validated against the contract by rl.api) plus the 2.8 additions.
      expect(limits.body).toMatchObject({other: {perSecond: 10, perMinute: 30, perHour: 120}, anonymous: {perSecond: 60}, global: {perSecond: -1}});
      expect(rl.violations).toEqual([]);
    } finally {
      await rl.close();
    }
  });
});

/** POST /auth/challenge from another loopback address (node:http binds localAddress; fetch cannot). */
function challengeFrom(sim: TestSim, localAddress: string): Promise<{status: number; body: {challenge: string; clientIp: string}}> {
  const url = new URL(`${sim.sim.apiBase('TEST')}/auth/challenge`);
  return new Promise((resolve, reject) => {
    const req = http.request({host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress}, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString('utf8')));
      res.on('end', () => resolve({status: res.statusCode ?? 0, body: JSON.parse(text) as {challenge: string; clientIp: string}}));
    });
    req.on('error', reject);
    req.end();
  });
}
