// End-to-end sign-in against the simulator over real HTTP, signed by xadesjs and by xmlsec1 (independent tool).
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {nipWithChecksum} from '../../src/domain/index.js';
import {authTokenRequestXml, bearerInit, ecdsaValueToDer, signWithXadesjs, signWithXmlsec1, startTestSim, type TestSim} from '../helpers/simulator.js';

let t: TestSim;
let clock = Date.now();
beforeAll(async () => {
  t = await startTestSim({now: () => new Date(clock)});
});
afterAll(async () => {
  expect(t.violations).toEqual([]);
  await t.close();
});

const NIP = nipWithChecksum('526587763')!;
const OTHER_NIP = nipWithChecksum('111111111')!;

async function challenge(env: 'TEST' | 'DEMO' | 'PROD' = 'TEST'): Promise<string> {
  const r = await t.api(env, '/auth/challenge', {method: 'POST'});
  expect(r.status).toBe(200);
  return (r.body as {challenge: string}).challenge;
}

async function submit(xml: string, env: 'TEST' | 'DEMO' | 'PROD' = 'TEST', headers: Record<string, string> = {}, query = '') {
  return t.api(env, `/auth/xades-signature${query}`, {method: 'POST', headers: {'Content-Type': 'application/xml', ...headers}, body: xml});
}

const code = (body: unknown): number => (body as {exception: {exceptionDetailList: Array<{exceptionCode: number}>}}).exception.exceptionDetailList[0].exceptionCode;

describe('XAdES sign-in', () => {
  it('accepts an xadesjs signature and completes the flow up to tokens', async () => {
    const id = await t.sim.issueTestIdentity({kind: 'seal', nip: NIP});
    const xml = await signWithXadesjs(authTokenRequestXml(await challenge(), NIP), id.certPem, id.keyPem);
    const init = await submit(xml);
    expect(init.status).toBe(202);
    const {referenceNumber, authenticationToken} = init.body as {referenceNumber: string; authenticationToken: {token: string}};
    expect(referenceNumber).toMatch(/^\d{8}-AU-[0-9A-F]{10}-[0-9A-F]{10}-[0-9A-F]{2}$/);
    const st = await t.api('TEST', `/auth/${referenceNumber}`, bearerInit('GET', authenticationToken.token));
    expect(st.status).toBe(200);
    expect(st.body).toMatchObject({status: {code: 200}, authenticationMethod: 'QualifiedSeal'});
    const red = await t.api('TEST', '/auth/token/redeem', bearerInit('POST', authenticationToken.token));
    expect(red.status).toBe(200);
    const again = await t.api('TEST', '/auth/token/redeem', bearerInit('POST', authenticationToken.token));
    expect(again.status).toBe(400);
    expect(code(again.body)).toBe(21301);
    const {refreshToken} = red.body as {refreshToken: {token: string}};
    const ref = await t.api('TEST', '/auth/token/refresh', bearerInit('POST', refreshToken.token));
    expect(ref.status).toBe(200);
  });

  for (const keyAlgorithm of ['EC-P256', 'RSA-2048'] as const) {
    it(`accepts an xmlsec1 signature (${keyAlgorithm}) with XAdES QualifyingProperties`, async () => {
      const id = await t.sim.issueTestIdentity({kind: 'person', nip: NIP, keyAlgorithm, givenNames: ['Zażółć', 'Gęślą'], surname: 'Jaźń'});
      const signed = signWithXmlsec1(authTokenRequestXml(await challenge(), NIP), id.certPem, id.keyPem);
      const r = await submit(signed);
      expect(r.status, r.text).toBe(202);
    });
  }

  it('rejects a tampered document (9105)', async () => {
    const id = await t.sim.issueTestIdentity({kind: 'seal', nip: NIP});
    const signed = signWithXmlsec1(authTokenRequestXml(await challenge(), NIP), id.certPem, id.keyPem);
    const r = await submit(signed.replace(`<Nip>${NIP}</Nip>`, `<Nip>${OTHER_NIP}</Nip>`));
    expect(r.status).toBe(400);
    expect(code(r.body)).toBe(9105);
  });

  it('rejects a DER-encoded ECDSA SignatureValue (9105)', async () => {
    const id = await t.sim.issueTestIdentity({kind: 'seal', nip: NIP});
    const signed = signWithXmlsec1(authTokenRequestXml(await challenge(), NIP), id.certPem, id.keyPem);
    const r = await submit(ecdsaValueToDer(signed));
    expect(r.status).toBe(400);
    expect(code(r.body)).toBe(9105);
    expect(r.text).toContain('R||S');
  });

  it('rejects a detached signature (9105)', async () => {
    const id = await t.sim.issueTestIdentity({kind: 'seal', nip: NIP});
    const signed = signWithXmlsec1(authTokenRequestXml(await challenge(), NIP), id.certPem, id.keyPem, {referenceUri: 'request.xml'});
    const r = await submit(signed);
    expect(r.status).toBe(400);
    expect(code(r.body)).toBe(9105);
    expect(r.text).toContain('detached');
  });

  it('rejects a SigningCertificate that does not match the signing certificate (9105)', async () => {
    const id = await t.sim.issueTestIdentity({kind: 'seal', nip: NIP});
    const other = await t.sim.issueTestIdentity({kind: 'seal', nip: NIP});
    const signed = signWithXmlsec1(authTokenRequestXml(await challenge(), NIP), id.certPem, id.keyPem, {certDigestPem: other.certPem});
    const r = await submit(signed);
    expect(r.status).toBe(400);
    expect(code(r.body)).toBe(9105);
    expect(r.text).toContain('SigningCertificate');
  });

  it('rejects an unknown challenge and an expired one (21111)', async () => {
    const id = await t.sim.issueTestIdentity({kind: 'seal', nip: NIP});
    const unknown = signWithXmlsec1(authTokenRequestXml('20250101-CR-0000000000-0000000000-00', NIP), id.certPem, id.keyPem);
    const r1 = await submit(unknown);
    expect(code(r1.body)).toBe(21111);
    const c = await challenge();
    clock += 11 * 60_000;
    const r2 = await submit(signWithXmlsec1(authTokenRequestXml(c, NIP), id.certPem, id.keyPem));
    expect(r2.status).toBe(400);
    expect(code(r2.body)).toBe(21111);
  });

  it('validates 2.1-namespace requests and NipVatUe/PeppolId contexts against the (repaired) XSD', async () => {
    const id = await t.sim.issueTestIdentity({kind: 'seal', nip: NIP});
    for (const [tag, value] of [['NipVatUe', `${NIP}-ATU12345678`], ['PeppolId', 'PPL123456']]) {
      const xml = await signWithXadesjs(authTokenRequestXml(await challenge(), value, {ns: '2.1', contextTag: tag}), id.certPem, id.keyPem);
      expect((await submit(xml)).status).toBe(202);
    }
    const bad = await signWithXadesjs(authTokenRequestXml(await challenge(), 'XPL123456', {ns: '2.1', contextTag: 'PeppolId'}), id.certPem, id.keyPem);
    expect(code((await submit(bad)).body)).toBe(21401);
  });

  it('answers Problem Details for 400 when asked', async () => {
    const r = await submit('<AuthTokenRequest xmlns="http://ksef.mf.gov.pl/auth/token/2.0"><Challenge>x</Challenge></AuthTokenRequest>', 'TEST', {'X-Error-Format': 'problem-details'});
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect((r.body as {errors: Array<{code: number}>}).errors[0].code).toBe(9102);
  });
});
