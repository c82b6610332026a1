// The client against the project's KSeF simulator over real loopback HTTP: full XAdES login with a test
// certificate (challenge → auth.xml → XAdES → submit → poll → redeem), token refresh, certificate calls.
// Every request and response the client exchanges is checked against contract/open-api.json.
import 'reflect-metadata';
import {createPrivateKey} from 'node:crypto';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {buildAuthTokenRequest} from '../../src/ksef/auth-xml.js';
import {KsefApiError, KsefClient, KsefSession, authenticateWithSignedXml, type AuthStep} from '../../src/ksef/client/index.js';
import {signAuthTokenRequest} from '../../src/ksef/xades.js';
import {startSimulator, type SimulatorHandle} from '../../src/simulator/index.js';
import {validateRequest, validateResponse} from '../helpers/openapi.js';

const NIP = '5265877635';
let sim: SimulatorHandle;
let dataDir: string;
let client: KsefClient;
const violations: string[] = [];
const paths: string[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ksef-client-sim-'));
  sim = await startSimulator({dataDir, port: 0, authDelayMs: 100, enrollmentDelayMs: 0, quiet: true});
  client = new KsefClient({
    baseUrl: sim.apiBase('TEST'),
    retryBaseMs: 20,
    onRequest: (i) => {
      paths.push(`${i.method} ${i.path}`);
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
    expect(e.messagePl).toMatch(/Zaloguj się do KSeF ponownie/);
  });

  it('an unknown challenge is refused with 21111 and the Polish hint', async () => {
    const signed = await signedAuthXml('20250101-CR-0000000000-0000000000-00');
    const e = (await client.submitXadesSignature(signed).catch((err) => err)) as KsefApiError;
    expect(e).toBeInstanceOf(KsefApiError);
    expect(e.httpStatus).toBe(400);
    expect(e.code).toBe(21111);
    expect(e.messagePl).toMatch(/nowy plik auth\.xml/);
    expect(violations).toEqual([]);
  });
});
