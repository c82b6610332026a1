// KsefClient transport behaviour against a scripted loopback server: 429/Retry-After, 5xx retries, resets,
// timeouts, both error formats, X-System-Warning, XML bytes untouched.
import {renderPl} from '../../src/i18n/index.js';
import {readFileSync} from 'node:fs';
import {afterEach, describe, expect, it} from 'vitest';
import {KsefApiError, KsefClient, type KsefClientOptions, type KsefRequestInfo} from '../../src/ksef/client/index.js';
import {samples, startFakeKsef, type FakeKsef, type FakeStep} from '../helpers/fake-ksef.js';
import {resolvePathTemplate, validateRequest} from '../helpers/openapi.js';

let fake: FakeKsef | undefined;
let client: KsefClient | undefined;
/** Requests that do not match contract/open-api.json (the fake server's replies are scripted, so only requests). */
let violations: string[] = [];

afterEach(async () => {
  await client?.close();
  await fake?.close();
  client = undefined;
  fake = undefined;
  const v = violations;
  violations = [];
  expect(v).toEqual([]);
});

function checkContract(i: KsefRequestInfo): void {
  violations.push(...validateRequest(i.method, i.path, i.body, i.headers['content-type']).errors);
  const tpl = resolvePathTemplate(i.path);
  if (!tpl) return void violations.push(`${i.method} ${i.path}: path not in open-api.json`);
  // query parameters and headers must be ones the operation declares
  const params = spec.paths[tpl][i.method.toLowerCase()]?.parameters ?? [];
  for (const q of Object.keys(i.query)) if (!params.some((p) => p.in === 'query' && p.name === q)) violations.push(`${i.method} ${tpl}: undeclared query ${q}`);
  if (i.headers['x-continuation-token'] && !params.some((p) => p.in === 'header' && p.name === 'x-continuation-token')) violations.push(`${tpl}: undeclared header`);
}

const spec = JSON.parse(readFileSync(new URL('../../contract/open-api.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, {parameters?: {in: string; name: string}[]}>>;
};

async function setup(routes: Record<string, FakeStep[]>, opts: Partial<KsefClientOptions> = {}): Promise<KsefClient> {
  fake = await startFakeKsef(routes);
  const userHook = opts.onRequest;
  client = new KsefClient({
    baseUrl: fake.baseUrl,
    retryBaseMs: 5,
    ...opts,
    onRequest: (i) => {
      checkContract(i);
      userHook?.(i);
    },
  });
  return client;
}

async function caught(p: Promise<unknown>): Promise<KsefApiError> {
  const e = await p.then(
    () => {
      throw new Error('expected a KsefApiError');
    },
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(KsefApiError);
  return e as KsefApiError;
}

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.secret-access.sig';

describe('429 Too Many Requests', () => {
  it('honours Retry-After (seconds): the repeat arrives only after the wait', async () => {
    const c = await setup({
      'GET /certificates/limits': [
        {status: 429, headers: {'retry-after': '1'}, json: {status: {code: 429, description: 'Too Many Requests', details: ['Przekroczono limit.']}}},
        {status: 200, json: samples.limits},
      ],
    });
    const res = await c.certificateLimits(TOKEN);
    expect(res.certificate.limit).toBe(6);
    const calls = fake!.calls('GET /certificates/limits');
    expect(calls).toHaveLength(2);
    // behaviour, not speed: the second request must not precede the Retry-After instant
    expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(990);
  });

  it('honours Retry-After given as an HTTP date', async () => {
    const c = await setup({
      'POST /auth/challenge': [
        {status: 429, headers: {'retry-after': new Date(Date.now() + 2000).toUTCString()}},
        {status: 200, json: samples.challenge},
      ],
    });
    const res = await c.challenge();
    expect(res.challenge).toHaveLength(36);
    const calls = fake!.calls('POST /auth/challenge');
    expect(calls).toHaveLength(2);
    expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(990);
  });

  it('a Retry-After above maxRetryAfterSec is not waited for: rateLimited with retryAfterSec', async () => {
    const c = await setup(
      {
        'POST /certificates/enrollments': [
          {
            status: 429,
            headers: {'retry-after': '2680', 'content-type': 'application/problem+json'},
            json: {title: 'Too Many Requests', status: 429, instance: '/v2/certificates/enrollments', detail: 'Przekroczono limit 20 żądań na godzinę. Spróbuj ponownie po 2680 sekundach.', timestamp: '2025-10-11T12:23:56Z', traceId: 't'},
          },
        ],
      },
      {maxRetryAfterSec: 30},
    );
    const e = await caught(c.enroll(TOKEN, {certificateName: 'Certyfikat Łódź', certificateType: 'Authentication', csr: 'MIIB'}));
    expect(e.kind).toBe('rateLimited');
    expect(e.httpStatus).toBe(429);
    expect(e.retryAfterSec).toBe(2680);
    expect(renderPl(e.msg)).toMatch(/limit zapytań/);
    expect(renderPl(e.msg)).toMatch(/44 min 40 s/);
    expect(e.details.join(' ')).toMatch(/2680 sekundach/);
    expect(fake!.calls('POST /certificates/enrollments')).toHaveLength(1);
  });

  it('429 repeated beyond the retry budget surfaces rateLimited', async () => {
    const c = await setup({'GET /certificates/enrollments/data': [{status: 429, headers: {'retry-after': '0'}}]}, {retries: 2});
    const e = await caught(c.enrollmentData(TOKEN));
    expect(e.kind).toBe('rateLimited');
    expect(e.retryAfterSec).toBe(0);
    expect(fake!.calls('GET /certificates/enrollments/data')).toHaveLength(3);
  });
});

describe('5xx and dropped connections', () => {
  it('503 then 500 then success: retried with back-off', async () => {
    const c = await setup({'GET /certificates/limits': [{status: 503}, {status: 500, text: 'boom'}, {status: 200, json: samples.limits}]});
    const res = await c.certificateLimits(TOKEN);
    expect(res.canRequest).toBe(true);
    expect(fake!.calls('GET /certificates/limits')).toHaveLength(3);
  });

  it('5xx exhausted → http error with the Polish message', async () => {
    const c = await setup({'GET /certificates/limits': [{status: 503}]}, {retries: 2});
    const e = await caught(c.certificateLimits(TOKEN));
    expect(e.kind).toBe('http');
    expect(e.httpStatus).toBe(503);
    expect(renderPl(e.msg)).toMatch(/chwilowo niedostępny.*Co zrobić:/);
    expect(fake!.calls('GET /certificates/limits')).toHaveLength(3);
  });

  it('5xx on POST /certificates/enrollments is not retried (quota)', async () => {
    const c = await setup({'POST /certificates/enrollments': [{status: 502}, {status: 202, json: {referenceNumber: 'x'.repeat(36), timestamp: '2025-01-01T00:00:00Z'}}]});
    const e = await caught(c.enroll(TOKEN, {certificateName: 'Certyfikat 1', certificateType: 'Offline', csr: 'MIIB'}));
    expect(e.httpStatus).toBe(502);
    expect(fake!.calls('POST /certificates/enrollments')).toHaveLength(1);
  });

  it('connection reset is retried for GET', async () => {
    const attempts: [number, number][] = [];
    const c = await setup(
      {'GET /certificates/limits': [{destroy: true}, {destroy: true}, {status: 200, json: samples.limits}]},
      {onRequest: (i) => attempts.push([i.attempt, i.status])},
    );
    const res = await c.certificateLimits(TOKEN);
    expect(res.enrollment.remaining).toBe(11);
    expect(fake!.calls('GET /certificates/limits')).toHaveLength(3);
    expect(attempts).toEqual([[0, 0], [1, 0], [2, 200]]);
  });

  // Which calls may be repeated after a failure whose outcome is unknown (see client.ts header).
  const policy: {name: string; route: string; retried: boolean; call: (c: KsefClient) => Promise<unknown>}[] = [
    {name: 'challenge', route: 'POST /auth/challenge', retried: true, call: (c) => c.challenge()},
    {name: 'refresh', route: 'POST /auth/token/refresh', retried: true, call: (c) => c.refreshToken('r')},
    {name: 'retrieve', route: 'POST /certificates/retrieve', retried: true, call: (c) => c.retrieveCertificates(TOKEN, ['0321C82DA41B4362'])},
    {name: 'query', route: 'POST /certificates/query', retried: true, call: (c) => c.queryCertificates(TOKEN)},
    {name: 'redeem', route: 'POST /auth/token/redeem', retried: false, call: (c) => c.redeemToken('a')},
    {name: 'revoke certificate', route: 'POST /certificates/0321C82DA41B4362/revoke', retried: false, call: (c) => c.revokeCertificate(TOKEN, '0321C82DA41B4362')},
    {name: 'revoke session', route: 'DELETE /auth/sessions/current', retried: false, call: (c) => c.revokeCurrentSession(TOKEN)},
  ];
  for (const p of policy) {
    it(`503 on ${p.name}: ${p.retried ? 'retried' : 'surfaced, not repeated'}`, async () => {
      const c = await setup({[p.route]: [{status: 503}]}, {retries: 2});
      const e = await caught(p.call(c));
      expect(e.httpStatus).toBe(503);
      expect(fake!.calls(p.route)).toHaveLength(p.retried ? 3 : 1);
    });
  }

  it('connection reset is NOT retried for POST /certificates/enrollments', async () => {
    const c = await setup({'POST /certificates/enrollments': [{destroy: true}, {status: 202, json: {referenceNumber: 'x'.repeat(36), timestamp: '2025-01-01T00:00:00Z'}}]});
    const e = await caught(c.enroll(TOKEN, {certificateName: 'Certyfikat 1', certificateType: 'Authentication', csr: 'MIIB'}));
    expect(e.kind).toBe('network');
    expect(renderPl(e.msg)).toMatch(/Nie udało się połączyć z KSeF/);
    expect(fake!.calls('POST /certificates/enrollments')).toHaveLength(1);
  });

  it('connection refused → network error', async () => {
    const tmp = await startFakeKsef({});
    const url = tmp.baseUrl;
    await tmp.close();
    client = new KsefClient({baseUrl: url, retries: 1, retryBaseMs: 1});
    const e = await caught(client.challenge());
    expect(e.kind).toBe('network');
    expect(e.details.join()).toMatch(/ECONNREFUSED/);
  });
});

describe('timeouts', () => {
  it('a stalled server → kind timeout with Polish text; GET retried before giving up', async () => {
    const c = await setup({'GET /certificates/limits': [{stall: true}]}, {timeoutMs: 200, retries: 1});
    const e = await caught(c.certificateLimits(TOKEN));
    expect(e.kind).toBe('timeout');
    expect(renderPl(e.msg)).toMatch(/nie odpowiedział w wyznaczonym czasie/);
    expect(fake!.calls('GET /certificates/limits')).toHaveLength(2);
  });

  it('a stalled XAdES submit is not repeated', async () => {
    const c = await setup({'POST /auth/xades-signature': [{stall: true}]}, {timeoutMs: 200});
    const e = await caught(c.submitXadesSignature('<a/>'));
    expect(e.kind).toBe('timeout');
    expect(fake!.calls('POST /auth/xades-signature')).toHaveLength(1);
  });
});

describe('error bodies', () => {
  it('legacy ExceptionResponse → code, Polish message with hint, details, referenceNumber, serviceCode', async () => {
    const c = await setup({
      'POST /auth/xades-signature': [{status: 400, json: samples.legacyError(21111, 'Nieprawidłowe wyzwanie autoryzacyjne.', ['Challenge wygasł.'])}],
    });
    const e = await caught(c.submitXadesSignature('<AuthTokenRequest/>'));
    expect(e.kind).toBe('http');
    expect(e.httpStatus).toBe(400);
    expect(e.code).toBe(21111);
    expect(renderPl(e.msg)).toMatch(/10 minut.*Co zrobić:.*auth\.xml/);
    expect(e.message).toMatch(/^\[21111\] /);
    expect(e.details).toContain('Challenge wygasł.');
    expect(e.referenceNumber).toBe('20250514-AU-2DFC46C000-3AC6D5877F-D4');
    expect(e.serviceCode).toBe('00-c02c-00');
  });

  it('problem details 400 → code 25007 with the revoke hint; X-Error-Format header sent', async () => {
    const c = await setup(
      {
        'POST /certificates/enrollments': [
          {status: 400, headers: {'content-type': 'application/problem+json'}, json: samples.problem400(25007, 'Osiągnięto limit dopuszczalnej liczby posiadanych certyfikatów.')},
        ],
      },
      {errorFormat: 'problem-details'},
    );
    const e = await caught(c.enroll(TOKEN, {certificateName: 'Certyfikat 1', certificateType: 'Authentication', csr: 'MIIB'}));
    expect(e.code).toBe(25007);
    expect(renderPl(e.msg)).toMatch(/Unieważnij nieużywany certyfikat/);
    expect(e.traceId).toBe('trace-1');
    expect(fake!.requests[0].headers['x-error-format']).toBe('problem-details');
  });

  it('problem details 403 reasonCode → Polish reason', async () => {
    const c = await setup({
      'GET /certificates/limits': [
        {
          status: 403,
          headers: {'content-type': 'application/problem+json'},
          json: {title: 'Forbidden', status: 403, detail: 'Adres IP 10.0.0.1 nie jest dozwolony.', reasonCode: 'ip-not-allowed', security: {clientIp: '10.0.0.1'}, timestamp: '2025-10-11T12:23:56Z'},
        },
      ],
    });
    const e = await caught(c.certificateLimits(TOKEN));
    expect(e.httpStatus).toBe(403);
    expect(e.reasonCode).toBe('ip-not-allowed');
    expect(e.code).toBeUndefined();
    expect(renderPl(e.msg)).toMatch(/adresu IP/);
    expect(e.details.join(' ')).toMatch(/10\.0\.0\.1/);
  });

  it('410 Gone on an old enrollment status → Polish "operacja wygasła"', async () => {
    const c = await setup({
      'GET /certificates/enrollments/20251010-EH-1B6C9EB000-4B15D3AEB9-89': [
        {status: 410, headers: {'content-type': 'application/problem+json'}, json: {title: 'Gone', status: 410, instance: '/x', detail: 'Operacja wygasła i nie jest już dostępna.', timestamp: '2025-10-11T12:23:56Z', traceId: 't'}},
      ],
    });
    const e = await caught(c.enrollmentStatus(TOKEN, '20251010-EH-1B6C9EB000-4B15D3AEB9-89'));
    expect(e.httpStatus).toBe(410);
    expect(renderPl(e.msg)).toMatch(/wygasła.*Co zrobić/);
  });
});

describe('request shape', () => {
  it('X-System-Warning is surfaced through onWarning, one call per [code]', async () => {
    const warnings: string[] = [];
    const c = await setup(
      {'POST /auth/challenge': [{status: 200, headers: {'x-system-warning': '[sig-001]: Podpis niezgodny z profilem XAdES | [gen-002]: Przerwa techniczna o 16:00'}, json: samples.challenge}]},
      {onWarning: (w) => warnings.push(w)},
    );
    await c.challenge();
    expect(warnings).toEqual(['[sig-001]: Podpis niezgodny z profilem XAdES', '[gen-002]: Przerwa techniczna o 16:00']);
  });

  it('XAdES post: application/xml, bytes untouched (Polish letters), query and feature header', async () => {
    const c = await setup({
      'POST /auth/xades-signature': [{status: 202, json: {referenceNumber: '20250514-AU-2DFC46C000-3AC6D5877F-D4', authenticationToken: {token: 'jwt', validUntil: '2030-01-01T00:00:00Z'}}}],
    });
    const xml = Buffer.from('<?xml version="1.0" encoding="utf-8"?>\r\n<AuthTokenRequest>Zażółć gęślą jaźń\t </AuthTokenRequest>\n', 'utf8');
    const res = await c.submitXadesSignature(xml, {verifyCertificateChain: false, enforceXadesCompliance: true});
    expect(res.referenceNumber).toHaveLength(36);
    const req = fake!.requests[0];
    expect(req.headers['content-type']).toBe('application/xml');
    expect(req.body.equals(xml)).toBe(true);
    expect(req.query.get('verifyCertificateChain')).toBe('false');
    expect(req.headers['x-ksef-feature']).toBe('enforce-xades-compliance');
    expect(req.headers.authorization).toBeUndefined();
  });

  it('bearer token sent but never exposed through onRequest', async () => {
    const seen: unknown[] = [];
    const c = await setup({'GET /certificates/limits': [{status: 200, json: samples.limits}]}, {onRequest: (i) => seen.push(i)});
    await c.certificateLimits(TOKEN);
    expect(fake!.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.stringify(seen)).not.toContain('secret-access');
  });

  it('query paging and path parameters reach the server', async () => {
    const c = await setup({
      'POST /certificates/query': [{status: 200, json: {certificates: [], hasMore: false}}],
      'POST /certificates/0321C82DA41B4362/revoke': [{status: 204}],
      'GET /auth/sessions': [{status: 200, json: {items: [], continuationToken: null}}],
    });
    await c.queryCertificates(TOKEN, {status: 'Active', type: 'Authentication'}, {pageSize: 20, pageOffset: 2});
    await c.revokeCertificate(TOKEN, '0321C82DA41B4362', 'Superseded');
    await c.listSessions(TOKEN, 10, 'cont-1');
    const [q, r, s] = fake!.requests;
    expect(q.query.get('pageSize')).toBe('20');
    expect(q.query.get('pageOffset')).toBe('2');
    expect(JSON.parse(q.body.toString())).toEqual({status: 'Active', type: 'Authentication'});
    expect(JSON.parse(r.body.toString())).toEqual({revocationReason: 'Superseded'});
    expect(s.headers['x-continuation-token']).toBe('cont-1');
  });
});
