// X509IssuerName in the app's XAdES is written in RFC 4514 order, as the official C# client emits it; checked
// against `openssl x509 -issuer -nameopt RFC2253` and accepted by the simulator, which also accepts the X.500 order
// older signers wrote and refuses a name of another issuer.
import {execFileSync} from 'node:child_process';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {buildAuthTokenRequest, readPrivateKey, signAuthTokenRequest} from '../../src/ksef/index.js';
import {exceptionCode, freshNip} from '../helpers/sim-session.js';
import {authTokenRequestXml, signWithXmlsec1, startTestSim, type TestSim} from '../helpers/simulator.js';

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(async () => {
  expect(t.violations).toEqual([]);
  await t.close();
});

const issuerOf = (xml: string): string => /<ds:X509IssuerName>([^<]*)<\/ds:X509IssuerName>/.exec(xml)?.[1] ?? '';
const submit = (xml: string) => t.api('TEST', '/auth/xades-signature', {method: 'POST', headers: {'Content-Type': 'application/xml'}, body: xml});

describe('X509IssuerName', () => {
  it('is CN=…,O=…,C=PL (openssl RFC2253 form); the simulator accepts it, and the X.500 order, but not another issuer', async () => {
    const nip = freshNip(733000000);
    const id = await t.sim.issueTestIdentity({kind: 'seal', nip});
    const sign = async () => {
      const {challenge} = (await t.api('TEST', '/auth/challenge', {method: 'POST'})).body as {challenge: string};
      const xml = buildAuthTokenRequest({challenge, context: {type: 'Nip', value: nip}, subjectIdentifierType: 'certificateSubject'});
      return signAuthTokenRequest(xml, {certPem: id.certPem, key: readPrivateKey(Buffer.from(id.keyPem))});
    };
    const signed = await sign();
    const openssl = execFileSync('openssl', ['x509', '-noout', '-issuer', '-nameopt', 'RFC2253,-esc_msb'], {input: id.certPem}).toString().trim().replace(/^issuer=/, '');
    expect(issuerOf(signed)).toBe(openssl);
    expect(issuerOf(signed)).toMatch(/^CN=[^,]+,O=.+,C=PL$/);
    expect((await submit(signed)).status).toBe(202);
    // A changed X509IssuerName breaks the SignedProperties digest, so these are re-signed by xmlsec1 in the helper's
    // template, which writes the X.500 order (accepted) — and a foreign issuer, which must be refused.
    const ch = async () => ((await t.api('TEST', '/auth/challenge', {method: 'POST'})).body as {challenge: string}).challenge;
    const x500 = signWithXmlsec1(authTokenRequestXml(await ch(), nip), id.certPem, id.keyPem);
    expect(issuerOf(x500)).toMatch(/^C=PL, O=.+, CN=/);
    expect((await submit(x500)).status).toBe(202);
    const foreign = signWithXmlsec1(authTokenRequestXml(await ch(), nip), id.certPem, id.keyPem, {issuerName: 'CN=Inny CA,O=Inna firma,C=PL'});
    expect(exceptionCode((await submit(foreign)).body)).toBe(9105);
  });
});
