// AuthTokenRequest: byte-exact like the official samples, valid against the 2.1 XSD (xmllint), parse back.
import {afterAll, describe, expect, it} from 'vitest';
import {readFileSync, writeFileSync} from 'node:fs';
import {buildAuthTokenRequest, parseAuthTokenRequest} from '../../src/ksef/auth-xml.js';
import {run, tempDir} from './crypto-fixtures.js';

const S = 'test/fixtures/ksef/auth-token-request-samples';
const sample = (name: string) => readFileSync(`${S}/${name}.xml`, 'utf8').replace(/\n+$/, '\n');
const CH = '20250604-CR-461EA5B000-537A6BA15D-D7';
const tmp = tempDir();
afterAll(() => tmp.cleanup());

function xsdValidate(xml: string, name: string) {
  const file = tmp.file(`${name}.xml`);
  writeFileSync(file, xml);
  return run('xmllint', ['--noout', '--schema', 'contract/schemat_auth_v2-1.xsd', file]);
}

describe('buildAuthTokenRequest', () => {
  it('reproduces the official samples byte for byte', () => {
    expect(buildAuthTokenRequest({challenge: CH, context: {type: 'Nip', value: '5265877635'}, subjectIdentifierType: 'certificateSubject'})).toBe(sample('context-identifier-nip'));
    expect(buildAuthTokenRequest({challenge: CH, context: {type: 'InternalId', value: '5265877635-12345'}, subjectIdentifierType: 'certificateSubject'})).toBe(sample('context-identifier-internal-id'));
    expect(buildAuthTokenRequest({challenge: CH, context: {type: 'NipVatUe', value: '5265877635-ATU12345678'}, subjectIdentifierType: 'certificateSubject'})).toBe(sample('context-identifier-nip-vat-ue'));
    expect(buildAuthTokenRequest({challenge: CH, context: {type: 'Nip', value: '5265877635'}, subjectIdentifierType: 'certificateFingerprint'})).toBe(sample('subject-identifier-type-certificate-fingerprint'));
  });

  it('2.1 documents (Nip, InternalId, fingerprint, IP policy) validate against schemat_auth_v2-1.xsd', () => {
    const docs = [
      buildAuthTokenRequest({challenge: CH, context: {type: 'Nip', value: '5265877635'}, subjectIdentifierType: 'certificateSubject', version: '2.1'}),
      buildAuthTokenRequest({challenge: CH, context: {type: 'InternalId', value: '5265877635-12345'}, subjectIdentifierType: 'certificateFingerprint', version: '2.1'}),
      buildAuthTokenRequest({
        challenge: CH, context: {type: 'Nip', value: '5265877635'}, subjectIdentifierType: 'certificateSubject', version: '2.1',
        allowedIps: {ip4Masks: ['192.168.1.0/24'], ip4Addresses: ['10.0.0.1', '10.0.0.2'], ip4Ranges: ['222.111.0.1-222.111.0.255']},
      }),
    ];
    docs.forEach((d, i) => {
      const r = xsdValidate(d, `ok${i}`);
      expect(r.stderr).toContain('validates');
      expect(r.code).toBe(0);
    });
    expect(docs[2]).toMatch(/<Ip4Address>10\.0\.0\.1<\/Ip4Address>\n\s+<Ip4Address>10\.0\.0\.2<\/Ip4Address>\n\s+<Ip4Range>/);
    // the XSD check is real: a wrong element order fails it
    expect(xsdValidate(docs[0].replace(/(<Challenge>.*<\/Challenge>\n)(\s+<ContextIdentifier>[\s\S]*<\/ContextIdentifier>\n)/, '$2$1'), 'bad').code).not.toBe(0);
  });

  it('refuses invalid input with Polish messages', () => {
    const base = {challenge: CH, context: {type: 'Nip' as const, value: '5265877635'}, subjectIdentifierType: 'certificateSubject' as const};
    expect(() => buildAuthTokenRequest({...base, challenge: 'abc'})).toThrow(/challenge/);
    expect(() => buildAuthTokenRequest({...base, context: {type: 'Nip', value: '0123456789'}})).toThrow(/kontekstu/);
    expect(() => buildAuthTokenRequest({...base, context: {type: 'Nip', value: '52658<7635'}})).toThrow(/kontekstu/);
    expect(() => buildAuthTokenRequest({...base, allowedIps: {ip4Addresses: ['300.1.1.1']}})).toThrow(/IP/);
    expect(() => buildAuthTokenRequest({...base, allowedIps: {ip4Addresses: Array(11).fill('1.1.1.1')}})).toThrow(/10/);
  });
});

describe('parseAuthTokenRequest', () => {
  it('reads challenge and context, also from the OpenAPI example with a ds:Signature', () => {
    const p = parseAuthTokenRequest(readFileSync(`${S}/openapi-xades-signature-request-example.xml`));
    expect(p).toMatchObject({version: '2.0', challenge: '20250625-CR-20F5EE4000-DA48AE4124-46', context: {type: 'Nip', value: '5265877635'}, signatureCount: 1});
    const q = parseAuthTokenRequest(sample('context-identifier-internal-id'));
    expect(q).toMatchObject({challenge: CH, context: {type: 'InternalId', value: '5265877635-12345'}, subjectIdentifierType: 'certificateSubject', signatureCount: 0});
  });
  it('refuses DTDs and other documents', () => {
    expect(() => parseAuthTokenRequest('<!DOCTYPE x [<!ENTITY a "b">]><AuthTokenRequest/>')).toThrow(expect.objectContaining({code: 'invalidXml'}));
    expect(() => parseAuthTokenRequest('<Faktura xmlns="http://crd.gov.pl/wzor/2023/06/29/12648/"/>')).toThrow(/AuthTokenRequest/);
    expect(() => parseAuthTokenRequest('<a')).toThrow(expect.objectContaining({code: 'invalidXml'}));
  });
});
