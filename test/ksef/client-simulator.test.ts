// The client against the project's KSeF simulator over real loopback HTTP: full XAdES login with a test
// certificate (challenge → auth.xml → XAdES → submit → poll → redeem), token refresh, certificate calls.
// Every request and response the client exchanges is checked against contract/open-api.json.
import {renderPl} from '../../src/i18n/index.js';
import 'reflect-metadata';
import {createPrivateKey} from 'node:crypto';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {buildAuthTokenRequest} from '../../src/ksef/auth-xml.js';
import {
  KsefApiError,
  KsefClient,
  KsefSession,
  authenticateWithSignedXml,
  waitForEnrollment,
  type AuthStep,
} from '../../src/ksef/client/index.js';
import {createCsr, generateKeyPair} from '../../src/ksef/csr.js';
import {signAuthTokenRequest} from '../../src/ksef/xades.js';
import {startSimulator, type SimulatorHandle} from '../../src/simulator/index.js';
import {validateRequest, validateResponse} from '../helpers/openapi.js';

const NIP = '5265877635';
let sim: SimulatorHandle;
let dataDir: string;
let client: KsefClient;
const violations: string[] = [];
const paths: string[] = [];
/** performance.now() when each response (or failure) reached the client, per "METHOD path". */
const arrivals: {route: string; status: number; at: number}[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ksef-client-sim-'));
  sim = await startSimulator({dataDir, port: 0, authDelayMs: 100, enrollmentDelayMs: 0, quiet: true});
  client = new KsefClient({
    baseUrl: sim.apiBase('TEST'),
    retryBaseMs: 20,
    onRequest: (i) => {
      paths.push(`${i.method} ${i.path}`);
      arrivals.push({route: `${i.method} ${i.path}`, status: i.status, at: performance.now()});
      violations.push(...validateRequest(i.method, i.path, i.body, i.headers['content-type']).errors);
      if (i.status) violations.push(...validateResponse(i.method, i.path, i.status, i.responseBody, i.responseHeaders?.['content-type']).errors);
    },
  });
});

afterAll(async () => {
  await client?.close();
  await sim?.close();
  await rm(dataDir, {recursive: true, force: true});
});

async function signedAuthXml(challenge: string): Promise<string> {
  const id = await sim.issueTestIdentity({kind: 'seal', nip: NIP, organizationName: 'Łódzka Spółdzielnia Mleczarska'});
  const xml = buildAuthTokenRequest({challenge, context: {type: 'Nip', value: NIP}, subjectIdentifierType: 'certificateSubject'});
  return signAuthTokenRequest(xml, {certPem: id.certPem, key: createPrivateKey(id.keyPem)});
}

async function login(onStep?: (s: AuthStep) => void): Promise<KsefSession> {
  const {challenge} = await client.challenge();
  return authenticateWithSignedXml(client, await signedAuthXml(challenge), {pollIntervalMs: 20, onStep});
}

describe('KsefClient ↔ simulator', () => {
  it('full login with a test certificate, then limits, enrollment data and the certificate list', async () => {
    const steps: AuthStep[] = [];
    const session = await login((s) => steps.push(s));
    expect(steps[0]).toBe('submitted');
    expect(steps.at(-1)).toBe('redeemed');
    expect(session.referenceNumber).toMatch(/^\d{8}-AU-/);
    expect(session.accessValidUntil.getTime()).toBeGreaterThan(Date.now());
    expect(session.refreshValidUntil.getTime()).toBeGreaterThan(session.accessValidUntil.getTime());

    const token = await session.getAccessToken();
    const limits = await client.certificateLimits(token);
    expect(limits.certificate.limit).toBeGreaterThan(0);
    expect(limits.enrollment.remaining).toBeLessThanOrEqual(limits.enrollment.limit);
    const data = await client.enrollmentData(token);
    expect(data.organizationName).toBe('Łódzka Spółdzielnia Mleczarska');
    expect(data.organizationIdentifier ?? '').toContain(NIP);
    const list = await client.queryCertificates(token, {status: 'Active'}, {pageSize: 10, pageOffset: 0});
    expect(Array.isArray(list.certificates)).toBe(true);
    expect(violations).toEqual([]);
  });

  it('token refresh: a token about to expire is replaced by a working one', async () => {
    const first = await login();
    const s = new KsefSession(
      client,
      {
        accessToken: {token: first.accessToken, validUntil: first.accessValidUntil.toISOString()},
        refreshToken: {token: first.refreshToken, validUntil: first.refreshValidUntil.toISOString()},
      },
      first.referenceNumber,
      {now: () => first.accessValidUntil.getTime() - 1_000}, // inside the 60 s margin
    );
    const before = paths.filter((p) => p === 'POST /auth/token/refresh').length;
    const [a, b] = await Promise.all([s.getAccessToken(), s.getAccessToken()]);
    expect(a).toBe(b);
    expect(paths.filter((p) => p === 'POST /auth/token/refresh').length).toBe(before + 1);
    expect((await client.certificateLimits(a)).canRequest).toBeTypeOf('boolean');
    expect(violations).toEqual([]);
  });

  it('after logout the refresh token is refused → "zaloguj się ponownie"', async () => {
    const session = await login();
    await session.logout();
    const s = new KsefSession(
      client,
      {accessToken: {token: session.accessToken, validUntil: new Date(0).toISOString()}, refreshToken: {token: session.refreshToken, validUntil: session.refreshValidUntil.toISOString()}},
      session.referenceNumber,
    );
    const e = (await s.getAccessToken().catch((err) => err)) as KsefApiError;
    expect(e.name).toBe('KsefSessionExpiredError');
    expect(renderPl(e.msg)).toMatch(/Zaloguj się do KSeF ponownie/);
  });

  it('an unknown challenge is refused with 21111 and the Polish hint', async () => {
    const signed = await signedAuthXml('20250101-CR-0000000000-0000000000-00');
    const e = (await client.submitXadesSignature(signed).catch((err) => err)) as KsefApiError;
    expect(e).toBeInstanceOf(KsefApiError);
    expect(e.httpStatus).toBe(400);
    expect(e.code).toBe(21111);
    expect(renderPl(e.msg)).toMatch(/nowy plik auth\.xml/);
    expect(violations).toEqual([]);
  });

  it('enroll → wait → retrieve: the issued certificate carries the requested name and serial', async () => {
    const session = await login();
    const token = await session.getAccessToken();
    const data = await client.enrollmentData(token);
    const {csrBase64} = await createCsr(data, generateKeyPair('EC-P256'));
    const {referenceNumber} = await client.enroll(token, {certificateName: 'Certyfikat Łódź 1', certificateType: 'Authentication', csr: csrBase64});
    const done = await waitForEnrollment(client, () => session.getAccessToken(), referenceNumber, {pollIntervalMs: 20});
    const {certificates} = await client.retrieveCertificates(token, [done.certificateSerialNumber]);
    expect(certificates[0].certificateSerialNumber).toBe(done.certificateSerialNumber);
    expect(certificates[0].certificateName).toBe('Certyfikat Łódź 1');
    expect(Buffer.from(certificates[0].certificate, 'base64')[0]).toBe(0x30); // DER SEQUENCE
    expect(violations).toEqual([]);
  });
});

describe('KsefClient ↔ simulator faults', () => {
  let token: string;
  beforeAll(async () => {
    token = await (await login()).getAccessToken();
  });

  it('429 + Retry-After from the simulator: waited for, then served', async () => {
    sim.faults.clear();
    sim.faults.add({path: '/certificates/limits$', status: 429, retryAfter: 1, times: 1});
    const from = arrivals.length;
    const limits = await client.certificateLimits(token);
    expect(limits.certificate.limit).toBeGreaterThan(0);
    const seen = arrivals.slice(from).filter((a) => a.route === 'GET /certificates/limits');
    expect(seen.map((a) => a.status)).toEqual([429, 200]);
    expect(seen[1].at - seen[0].at).toBeGreaterThanOrEqual(990);
  });

  it('503 twice from the simulator: retried, then served', async () => {
    sim.faults.clear();
    sim.faults.add({path: '/certificates/enrollments/data$', status: 503, times: 2});
    const from = arrivals.length;
    await client.enrollmentData(token);
    expect(arrivals.slice(from).map((a) => a.status)).toEqual([503, 503, 200]);
  });

  it('a slow simulator → timeout reported in Polish', async () => {
    sim.faults.clear();
    sim.faults.add({path: '/certificates/limits$', delayMs: 3000, times: 1});
    const quick = new KsefClient({baseUrl: sim.apiBase('TEST'), timeoutMs: 200, retries: 0});
    try {
      const e = (await quick.certificateLimits(token).catch((err) => err)) as KsefApiError;
      expect(e.kind).toBe('timeout');
      expect(renderPl(e.msg)).toMatch(/nie odpowiedział w wyznaczonym czasie/);
    } finally {
      await quick.close();
      sim.faults.clear();
    }
  });

  it('a dropped connection on enrollment is surfaced, not repeated', async () => {
    sim.faults.clear();
    sim.faults.add({method: 'POST', path: '/certificates/enrollments$', dropConnection: true, times: 1});
    const from = arrivals.length;
    const e = (await client.enroll(token, {certificateName: 'Certyfikat 2', certificateType: 'Offline', csr: 'MIIB'}).catch((err) => err)) as KsefApiError;
    expect(e.kind).toBe('network');
    expect(arrivals.slice(from).filter((a) => a.route === 'POST /certificates/enrollments')).toHaveLength(1);
    sim.faults.clear();
  });
});
