// The app's client against every final status of GET /auth/{ref} produced by the real simulator over HTTP
// (415, 450, 460, 470, 480, 500, 550; 425 happens only after redeem and is covered by the simulator test): a
// KsefApiError of kind 'status' with KSeF's details, and a catalogue message in Polish and English that keeps them.
// Also: the client asks for Problem Details and parses them; X-System-Warning reaches onWarning with the operation.
import {renderPl} from '../../src/i18n/index.js';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {userMessage} from '../../src/flows/errors.js';
import {buildAuthTokenRequest, readPrivateKey, signAuthTokenRequest} from '../../src/ksef/index.js';
import {authenticateWithSignedXml, KsefApiError, KsefClient, type KsefRequestInfo} from '../../src/ksef/client/index.js';
import {makeT} from '../../src/i18n/index.js';
import {validateRequest, validateResponse} from '../helpers/openapi.js';
import {freshNip} from '../helpers/sim-session.js';
import {jsonInit, startTestSim, type TestSim} from '../helpers/simulator.js';

let t: TestSim;
let client: KsefClient;
const seen: KsefRequestInfo[] = [];
const warnings: Array<[string, string]> = [];
const violations: string[] = [];
beforeAll(async () => {
  t = await startTestSim();
  client = new KsefClient({
    baseUrl: t.sim.apiBase('TEST'), retryBaseMs: 5, onWarning: (w, op) => warnings.push([w, op]),
    onRequest: (i) => {
      seen.push(i);
      // Every request of the app's client and every answer it got, against open-api.json 2.7.1.
      if (typeof i.body !== 'string') violations.push(...validateRequest(i.method, i.path, i.body, i.headers['content-type']).errors);
      if (i.status) violations.push(...validateResponse(i.method, i.path, i.status, i.responseBody, i.responseHeaders?.['content-type']).errors);
    },
  });
});
afterAll(async () => {
  expect(violations).toEqual([]);
  await client.close();
  await t.close();
});

const NIP = freshNip(731555000);
const PESEL = '90010101239';

async function loginFails(certPem: string, keyPem: string, nip: string, verifyCertificateChain = false): Promise<KsefApiError> {
  const {challenge} = await client.challenge();
  const xml = buildAuthTokenRequest({challenge, context: {type: 'Nip', value: nip}, subjectIdentifierType: 'certificateSubject'});
  const signed = await signAuthTokenRequest(xml, {certPem, key: readPrivateKey(Buffer.from(keyPem))});
  const err = await authenticateWithSignedXml(client, signed, {pollIntervalMs: 5, verifyCertificateChain}).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(KsefApiError);
  return err as KsefApiError;
}

describe('final auth statuses from the simulator', () => {
  it('460 (self-signed with chain verification): code, KSeF detail, pl/en catalogue texts that keep the detail', async () => {
    const self = await t.sim.issueTestIdentity({kind: 'seal', nip: NIP, selfSigned: true});
    const e = await loginFails(self.certPem, self.keyPem, NIP, true);
    expect([e.kind, e.code]).toEqual(['status', 460]);
    expect(e.details).toContain('Błąd weryfikacji łańcucha certyfikatów');
    expect(renderPl(e.msg)).toMatch(/Co zrobić: .* Szczegóły KSeF: Błąd weryfikacji łańcucha certyfikatów\.$/);
    expect(userMessage(e, makeT('pl')).text).toMatch(/^KSeF odmówił uwierzytelnienia z powodu błędu certyfikatu \(460\)\. Szczegóły KSeF: Błąd weryfikacji łańcucha certyfikatów\. Co zrobić:/);
    expect(userMessage(e, makeT('en')).text).toMatch(/^KSeF refused the authentication because of a certificate error \(460\)\. KSeF details: Błąd weryfikacji łańcucha certyfikatów\. What to do:/);
  });

  it('415, 470, 480 and the injected 450/500/550 each end with their own message in both languages', async () => {
    const stranger = await t.sim.issueTestIdentity({kind: 'seal', nip: freshNip(731555100)});
    const cases: Array<[number, () => Promise<KsefApiError>]> = [
      [415, () => loginFails(stranger.certPem, stranger.keyPem, NIP)],
    ];
    const person = await t.sim.issueTestIdentity({kind: 'person', nip: NIP, pesel: PESEL});
    await fetch(`${t.sim.apiBase('TEST')}/testdata/person`, jsonInit('POST', {nip: NIP, pesel: PESEL, isBailiff: false, description: 'Osoba zmarła', isDeceased: true}));
    cases.push([470, () => loginFails(person.certPem, person.keyPem, NIP)]);
    const blockedNip = freshNip(731555200);
    const blockedSeal = await t.sim.issueTestIdentity({kind: 'seal', nip: blockedNip});
    await fetch(`${t.sim.apiBase('TEST')}/testdata/context/block`, jsonInit('POST', {contextIdentifier: {type: 'Nip', value: blockedNip}}));
    cases.push([480, () => loginFails(blockedSeal.certPem, blockedSeal.keyPem, blockedNip)]);
    const seal = await t.sim.issueTestIdentity({kind: 'seal', nip: NIP});
    for (const code of [450, 500, 550] as const) {
      cases.push([code, () => (t.sim.faults.authOutcome(code), loginFails(seal.certPem, seal.keyPem, NIP))]);
    }
    const texts = new Set<string>();
    for (const [code, run] of cases) {
      const e = await run();
      expect([e.kind, e.code], `status ${code}`).toEqual(['status', code]);
      const pl = userMessage(e, makeT('pl')).text;
      const en = userMessage(e, makeT('en')).text;
      expect(pl).toContain(`(${code})`);
      expect(en).toContain(`(${code})`);
      expect(en).toMatch(/What to do:/);
      // KSeF's detail (or, without one, its description) is never lost.
      const said = e.details.slice(1)[0] ?? e.details[0];
      expect(pl).toContain(said);
      texts.add(pl);
    }
    expect(texts.size).toBe(cases.length);
  });
});

describe('transport conventions of API 2.7', () => {
  it('sends X-Error-Format: problem-details and reads the Problem Details body of a 400', async () => {
    const e = await client.authStatus('20250101-AU-0000000000-0000000000-00', 'x.y.z').catch((x: unknown) => x as KsefApiError);
    expect(e).toBeInstanceOf(KsefApiError);
    expect(seen.at(-1)?.headers['x-error-format']).toBe('problem-details');
    const bad = (await client.submitXadesSignature('<AuthTokenRequest/>').catch((x: unknown) => x)) as KsefApiError;
    expect([bad.httpStatus, bad.code]).toEqual([400, 9102]);
    expect(seen.at(-1)?.responseHeaders?.['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('X-System-Warning reaches onWarning with the operation that received it', async () => {
    t.sim.faults.add({path: '/auth/challenge$', warning: '[sim-001]: Pierwsze | [sim-002]: Drugie', times: 1});
    await client.challenge();
    expect(warnings).toEqual([
      ['[sim-001]: Pierwsze', 'POST /auth/challenge'],
      ['[sim-002]: Drugie', 'POST /auth/challenge'],
    ]);
  });
});
