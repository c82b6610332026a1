// Login flow (submit → poll → redeem) and KsefSession refresh against the scripted loopback server.
import {renderPl} from '../../src/i18n/index.js';
import {afterEach, describe, expect, it} from 'vitest';
import {
  KsefApiError,
  KsefClient,
  KsefSession,
  KsefSessionExpiredError,
  authenticateWithSignedXml,
  waitForEnrollment,
  type AuthStep,
} from '../../src/ksef/client/index.js';
import {samples, startFakeKsef, type FakeKsef, type FakeStep} from '../helpers/fake-ksef.js';

const REF = '20250514-AU-2DFC46C000-3AC6D5877F-D4';
const T0 = Date.parse('2026-03-02T10:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

let fake: FakeKsef | undefined;
let client: KsefClient | undefined;
afterEach(async () => {
  await client?.close();
  await fake?.close();
  client = undefined;
  fake = undefined;
});

async function setup(routes: Record<string, FakeStep[]>): Promise<KsefClient> {
  fake = await startFakeKsef(routes);
  client = new KsefClient({baseUrl: fake.baseUrl, retryBaseMs: 5});
  return client;
}

const status = (code: number, description: string, details?: string[]) => ({
  status: 200,
  json: {
    startDate: iso(T0),
    authenticationMethod: 'QualifiedSeal',
    authenticationMethodInfo: {category: 'XadesSignature', code: 'xades.qualified-seal', displayName: 'Pieczęć kwalifikowana'},
    status: {code, description, details: details ?? null},
  },
});
const submitted = {status: 202, json: {referenceNumber: REF, authenticationToken: {token: 'auth-jwt', validUntil: iso(T0 + 45 * 60_000)}}};
const tokens = {
  status: 200,
  json: {accessToken: {token: 'access-1', validUntil: iso(T0 + 15 * 60_000)}, refreshToken: {token: 'refresh-1', validUntil: iso(T0 + 7 * 86_400_000)}},
};

describe('authenticateWithSignedXml', () => {
  it('submits, polls while 100, redeems once 200', async () => {
    const c = await setup({
      'POST /auth/xades-signature': [submitted],
      [`GET /auth/${REF}`]: [status(100, 'Uwierzytelnianie w toku'), status(100, 'Uwierzytelnianie w toku'), status(200, 'Uwierzytelnianie zakończone sukcesem')],
      'POST /auth/token/redeem': [tokens],
    });
    const steps: AuthStep[] = [];
    const session = await authenticateWithSignedXml(c, '<AuthTokenRequest/>', {pollIntervalMs: 10, onStep: (s) => steps.push(s)});
    expect(steps).toEqual(['submitted', 'polling', 'polling', 'redeemed']);
    expect(session.referenceNumber).toBe(REF);
    expect(session.accessToken).toBe('access-1');
    expect(session.accessValidUntil.getTime()).toBe(T0 + 15 * 60_000);
    const polls = fake!.calls(`GET /auth/${REF}`);
    expect(polls).toHaveLength(3);
    expect(polls.every((p) => p.headers.authorization === 'Bearer auth-jwt')).toBe(true);
    expect(fake!.calls('POST /auth/token/redeem')[0].headers.authorization).toBe('Bearer auth-jwt');
    // tokens stay out of JSON / inspection
    expect(JSON.stringify(session)).not.toMatch(/access-1|refresh-1/);
  });

  it('status 460 → KsefApiError kind status with the Polish table and KSeF details; no redeem', async () => {
    const c = await setup({
      'POST /auth/xades-signature': [submitted],
      [`GET /auth/${REF}`]: [status(460, 'Uwierzytelnianie zakończone niepowodzeniem z powodu błędu certyfikatu', ['Certyfikat odwołany'])],
      'POST /auth/token/redeem': [tokens],
    });
    const e = (await authenticateWithSignedXml(c, '<x/>', {pollIntervalMs: 10}).catch((err) => err)) as KsefApiError;
    expect(e).toBeInstanceOf(KsefApiError);
    expect(e.kind).toBe('status');
    expect(e.code).toBe(460);
    expect(renderPl(e.msg)).toMatch(/certyfikatu.*Co zrobić:/);
    expect(e.details).toContain('Certyfikat odwołany');
    expect(fake!.calls('POST /auth/token/redeem')).toHaveLength(0);
  });

  it('status 100 beyond maxWaitMs → timeout with the reference number', async () => {
    const c = await setup({'POST /auth/xades-signature': [submitted], [`GET /auth/${REF}`]: [status(100, 'Uwierzytelnianie w toku')]});
    const e = (await authenticateWithSignedXml(c, '<x/>', {pollIntervalMs: 20, maxWaitMs: 60}).catch((err) => err)) as KsefApiError;
    expect(e.kind).toBe('timeout');
    expect(e.referenceNumber).toBe(REF);
    expect(fake!.calls(`GET /auth/${REF}`).length).toBeGreaterThanOrEqual(2);
  });

  it('abort signal stops polling', async () => {
    const c = await setup({'POST /auth/xades-signature': [submitted], [`GET /auth/${REF}`]: [status(100, 'Uwierzytelnianie w toku')]});
    const ac = new AbortController();
    const p = authenticateWithSignedXml(c, '<x/>', {pollIntervalMs: 50, signal: ac.signal, onStep: (s) => s === 'polling' && ac.abort(new Error('anulowano'))});
    await expect(p).rejects.toThrow('anulowano');
    expect(fake!.calls(`GET /auth/${REF}`)).toHaveLength(1);
  });
});

describe('KsefSession', () => {
  const initial = {
    accessToken: {token: 'access-1', validUntil: iso(T0 + 15 * 60_000)},
    refreshToken: {token: 'refresh-1', validUntil: iso(T0 + 7 * 86_400_000)},
  };

  it('returns the current token while far from expiry (no request)', async () => {
    const c = await setup({'POST /auth/token/refresh': [{status: 200, json: {accessToken: {token: 'access-2', validUntil: iso(T0 + 30 * 60_000)}}}]});
    const s = new KsefSession(c, initial, REF, {now: () => T0 + 60_000});
    expect(await s.getAccessToken()).toBe('access-1');
    expect(fake!.requests).toHaveLength(0);
  });

  it('refreshes within the 60 s margin; two concurrent callers share ONE refresh', async () => {
    const c = await setup({'POST /auth/token/refresh': [{status: 200, json: {accessToken: {token: 'access-2', validUntil: iso(T0 + 30 * 60_000)}}}]});
    let now = T0 + 14 * 60_000 + 30_000; // 30 s before expiry
    const s = new KsefSession(c, initial, REF, {now: () => now});
    const [a, b] = await Promise.all([s.getAccessToken(), s.getAccessToken()]);
    expect([a, b]).toEqual(['access-2', 'access-2']);
    const calls = fake!.calls('POST /auth/token/refresh');
    expect(calls).toHaveLength(1);
    expect(calls[0].headers.authorization).toBe('Bearer refresh-1');
    expect(s.accessValidUntil.getTime()).toBe(T0 + 30 * 60_000);
    now = T0 + 20 * 60_000;
    expect(await s.getAccessToken()).toBe('access-2');
    expect(fake!.calls('POST /auth/token/refresh')).toHaveLength(1);
  });

  it('refresh rejected with 400 (revoked refresh token) → KsefSessionExpiredError "zaloguj się ponownie"', async () => {
    const c = await setup({'POST /auth/token/refresh': [{status: 400, json: samples.legacyError(21301, 'Brak autoryzacji.', ['Refresh token unieważniony.'])}]});
    const s = new KsefSession(c, initial, REF, {now: () => T0 + 16 * 60_000});
    const e = (await s.getAccessToken().catch((err) => err)) as KsefSessionExpiredError;
    expect(e).toBeInstanceOf(KsefSessionExpiredError);
    expect(e.code).toBe(21301);
    expect(renderPl(e.msg)).toMatch(/Zaloguj się do KSeF ponownie/);
    // a later call tries again rather than caching the failure
    await s.getAccessToken().catch(() => undefined);
    expect(fake!.calls('POST /auth/token/refresh')).toHaveLength(2);
  });

  it('refresh token past its validity → KsefSessionExpiredError without a request', async () => {
    const c = await setup({});
    const s = new KsefSession(c, initial, REF, {now: () => T0 + 8 * 86_400_000});
    await expect(s.getAccessToken()).rejects.toBeInstanceOf(KsefSessionExpiredError);
    expect(fake!.requests).toHaveLength(0);
  });

  it('a 503 on refresh is retried (refresh is repeatable) and not turned into "log in again"', async () => {
    const c = await setup({'POST /auth/token/refresh': [{status: 503}, {status: 200, json: {accessToken: {token: 'access-3', validUntil: iso(T0 + 30 * 60_000)}}}]});
    const s = new KsefSession(c, initial, REF, {now: () => T0 + 16 * 60_000});
    expect(await s.getAccessToken()).toBe('access-3');
    expect(fake!.calls('POST /auth/token/refresh')).toHaveLength(2);
  });
});

describe('waitForEnrollment', () => {
  const EREF = '20251010-EH-1B6C9EB000-4B15D3AEB9-89';
  it('polls until 200 and returns the serial', async () => {
    const c = await setup({
      [`GET /certificates/enrollments/${EREF}`]: [
        {status: 200, json: {requestDate: iso(T0), status: {code: 100, description: 'Wniosek przyjęty do realizacji'}}},
        {status: 200, json: {requestDate: iso(T0), status: {code: 200, description: 'Wniosek obsłużony (certyfikat wygenerowany)'}, certificateSerialNumber: '0321C82DA41B4362'}},
      ],
    });
    const st = await waitForEnrollment(c, async () => 'acc', EREF, {pollIntervalMs: 10});
    expect(st.certificateSerialNumber).toBe('0321C82DA41B4362');
  });

  it('status 400 (limit) → kind status with the revoke hint', async () => {
    const c = await setup({
      [`GET /certificates/enrollments/${EREF}`]: [
        {status: 200, json: {requestDate: iso(T0), status: {code: 400, description: 'Wniosek odrzucony', details: ['Osiągnięto dopuszczalny limit posiadanych certyfikatów.']}}},
      ],
    });
    const e = (await waitForEnrollment(c, 'acc', EREF, {pollIntervalMs: 10}).catch((err) => err)) as KsefApiError;
    expect(e.kind).toBe('status');
    expect(e.code).toBe(400);
    expect(renderPl(e.msg)).toMatch(/unieważnij nieużywany certyfikat/);
  });
});
