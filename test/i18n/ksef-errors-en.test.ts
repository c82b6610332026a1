// KSeF error explanations in English: real HTTP on loopback (scripted KSeF), rendered through the same
// userMessage() the screens and the CLI use, with the session's language.
import {afterEach, describe, expect, it} from 'vitest';
import {makeT, render} from '../../src/i18n/index.js';
import {pl} from '../../src/i18n/pl/index.js';
import {en} from '../../src/i18n/en/index.js';
import {
  AUTH_STATUS_MESSAGES, ENROLLMENT_REJECTION_HINTS, ENROLLMENT_STATUS_MESSAGES, EXCEPTION_MESSAGES, FORBIDDEN_REASON_MESSAGES,
  HTTP_STATUS_MESSAGES, KsefApiError, KsefClient, statusError, type Explanation,
} from '../../src/ksef/client/index.js';
import {userMessage} from '../../src/flows/errors.js';
import {samples, startFakeKsef, type FakeKsef, type FakeStep} from '../helpers/fake-ksef.js';
import {POLISH} from '../helpers/polish-lines.js';

const TOKEN = 'token';
const enT = makeT('en');
let fake: FakeKsef | undefined;
let client: KsefClient | undefined;

afterEach(async () => {
  await client?.close();
  await fake?.close();
  client = fake = undefined;
});

async function setup(routes: Record<string, FakeStep[]>, maxRetryAfterSec?: number): Promise<KsefClient> {
  fake = await startFakeKsef(routes);
  client = new KsefClient({baseUrl: fake.baseUrl, retryBaseMs: 5, ...(maxRetryAfterSec !== undefined ? {maxRetryAfterSec} : {})});
  return client;
}

const failure = (p: Promise<unknown>): Promise<KsefApiError> =>
  p.then(() => { throw new Error('expected a KsefApiError'); }, (e: unknown) => {
    if (!(e instanceof KsefApiError)) throw e;
    return e;
  });

describe('KSeF errors under --lang en', () => {
  it('4xx with an exception code: English explanation and hint, the code kept, the Polish text unchanged', async () => {
    const c = await setup({'POST /auth/xades-signature': [{status: 400, json: samples.legacyError(21111, 'Nieprawidłowe wyzwanie autoryzacyjne.', ['Challenge wygasł.'])}]});
    const e = await failure(c.submitXadesSignature('<AuthTokenRequest/>'));
    const m = userMessage(e, enT);
    expect(m.code).toBe(21111);
    expect(m.text).toBe('Invalid or expired authorisation challenge (a challenge is valid for 10 minutes). What to do: Start the login again to get a new auth.xml and sign it within 10 minutes.');
    expect(userMessage(e).text).toMatch(/^Nieprawidłowe lub wygasłe wyzwanie.*Co zrobić:/);
  });

  it('429 with Retry-After beyond the client limit: English text names the wait', async () => {
    const c = await setup({'POST /certificates/enrollments': [{status: 429, headers: {'retry-after': '2680'}, json: {status: {code: 429, description: 'Too Many Requests', details: ['Spróbuj później']}}}]}, 30);
    const e = await failure(c.enroll(TOKEN, {certificateName: 'X', certificateType: 'Authentication', csr: 'MIIB'}));
    const m = userMessage(e, enT);
    expect(m.retryAfterSec).toBe(2680);
    expect(m.text).toBe('Too many requests to KSeF. What to do: Wait 44 min 40 s and try again.');
  });

  it('403 with a problem-details reasonCode is English too', async () => {
    const c = await setup({
      'GET /certificates/limits': [
        {status: 403, headers: {'content-type': 'application/problem+json'}, json: {title: 'Forbidden', status: 403, reasonCode: 'ip-not-allowed', detail: 'Adres IP spoza polityki.'}},
      ],
    });
    const e = await failure(c.certificateLimits(TOKEN));
    expect(userMessage(e, enT).text).toMatch(/^Request from a disallowed IP address .* What to do: /);
  });

  it('an unknown code keeps KSeF\'s own (Polish) description, with the English generic hint', () => {
    const e = statusError('enrollment', {code: 777, description: 'Coś nowego', details: ['szczegół']});
    expect(render(enT, e.msg)).toBe('Coś nowego What to do: Check the error details; if the problem persists, contact KSeF technical support. KSeF details: szczegół.');
  });

  it('enrolment rejection picks its specific hint in English', () => {
    const e = statusError('enrollment', {code: 400, description: 'Wniosek odrzucony', details: ['Klucz publiczny został już certyfikowany przez inny podmiot.']});
    expect(render(enT, e.msg)).toMatch(/^The certificate request was rejected\. What to do: This key has already been certified .* KSeF details: Klucz publiczny/);
  });

  it('every table entry names keys present in both catalogues, and the English text has no Polish letters', () => {
    const tables: Record<string, Explanation>[] = [EXCEPTION_MESSAGES, AUTH_STATUS_MESSAGES, ENROLLMENT_STATUS_MESSAGES, HTTP_STATUS_MESSAGES, FORBIDDEN_REASON_MESSAGES];
    const keys = [...tables.flatMap(t => Object.values(t).flatMap(x => [x.text.key, x.hint.key])), ...ENROLLMENT_REJECTION_HINTS.map(h => h.hint.key)];
    expect(keys.length).toBeGreaterThan(150);
    expect(keys.filter(k => !(k in pl) || !(k in en))).toEqual([]);
    for (const t of tables) for (const x of Object.values(t)) expect(render(enT, x.text) + render(enT, x.hint)).not.toMatch(POLISH);
  });
});
