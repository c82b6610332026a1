// CSR from enrollment data: openssl verifies it, DN values verbatim with the right ASN.1 string types.
import {afterAll, describe, expect, it} from 'vitest';
import {writeFileSync} from 'node:fs';
import {createCsr, csrSubjectMatches, generateKeyPair, type EnrollmentData} from '../../src/ksef/csr.js';
import {keyAlgorithmName} from '../../src/ksef/keys.js';
import {run, tempDir} from './crypto-fixtures.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const PERSON: EnrollmentData = {
  commonName: 'Łukasz Źdźbło-Żółć',
  countryName: 'PL',
  givenName: ['Łukasz', 'Józef'],
  surname: 'Źdźbło-Żółć',
  serialNumber: 'TINPL-5265877635',
  uniqueIdentifier: 'd9d22724-4696-460c-9e5e-b9e3aafb0af3',
  organizationName: null,
  organizationIdentifier: null,
};
const SEAL: EnrollmentData = {
  commonName: 'RÓŻA SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ',
  countryName: 'PL',
  organizationName: 'RÓŻA SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ',
  organizationIdentifier: 'VATPL-6381853612 NTRPL-0001040934 BR:PL-525516467',
};

function saveDer(name: string, der: Buffer): string {
  const file = tmp.file(name);
  writeFileSync(file, der);
  return file;
}

describe('createCsr', () => {
  it('EC P-256 person CSR: openssl verifies, UTF8String with Polish letters, C/serialNumber PrintableString, order of the official client', async () => {
    const keys = generateKeyPair();
    expect(keyAlgorithmName(keys.privateKey)).toBe('EC-P256');
    const {csrDer, csrBase64} = await createCsr(PERSON, keys);
    expect(Buffer.from(csrBase64, 'base64').equals(csrDer)).toBe(true);
    const file = saveDer('p.csr', csrDer);

    const v = run('openssl', ['req', '-inform', 'DER', '-in', file, '-noout', '-verify']);
    expect(v.code).toBe(0);
    expect(v.stdout + v.stderr).toMatch(/verify OK/i);

    const text = run('openssl', ['req', '-inform', 'DER', '-in', file, '-noout', '-text', '-nameopt', 'multiline,utf8,-esc_msb,show_type']).stdout;
    expect(text).toContain('ecdsa-with-SHA256');
    expect(text).toContain('prime256v1');
    expect(text).toMatch(/commonName\s+= UTF8STRING:Łukasz Źdźbło-Żółć/);
    expect(text).toMatch(/surname\s+= UTF8STRING:Źdźbło-Żółć/);
    expect(text).toMatch(/givenName\s+= UTF8STRING:Łukasz/);
    expect(text).toMatch(/givenName\s+= UTF8STRING:Józef/);
    expect(text).toMatch(/countryName\s+= PRINTABLESTRING:PL/);
    expect(text).toMatch(/serialNumber\s+= PRINTABLESTRING:TINPL-5265877635/);
    expect(text).toMatch(/x500UniqueIdentifier\s+= UTF8STRING:d9d22724-4696-460c-9e5e-b9e3aafb0af3/);
    const order = [...text.matchAll(/^\s+(commonName|surname|givenName|countryName|serialNumber|x500UniqueIdentifier)\s+=/gm)].map((m) => m[1]);
    expect(order).toEqual(['commonName', 'surname', 'givenName', 'givenName', 'countryName', 'serialNumber', 'x500UniqueIdentifier']);

    // ecdsa-with-SHA256 AlgorithmIdentifier must have no NULL parameter (RFC 5758).
    const asn = run('openssl', ['asn1parse', '-inform', 'DER', '-in', file]).stdout;
    const lines = asn.split('\n');
    const i = lines.findIndex((l) => l.includes(':ecdsa-with-SHA256'));
    expect(i).toBeGreaterThan(0);
    expect(lines[i + 1]).not.toMatch(/NULL/);
    expect(await csrSubjectMatches(csrDer, PERSON)).toBe(true);
  });

  it('seal CSR with RSA-2048 (PKCS#1 v1.5 SHA-256) keeps composite organizationIdentifier verbatim', async () => {
    const keys = generateKeyPair('RSA-2048');
    const {csrDer} = await createCsr(SEAL, keys);
    const file = saveDer('s.csr', csrDer);
    expect(run('openssl', ['req', '-inform', 'DER', '-in', file, '-noout', '-verify']).code).toBe(0);
    const text = run('openssl', ['req', '-inform', 'DER', '-in', file, '-noout', '-text', '-nameopt', 'multiline,utf8,-esc_msb,show_type']).stdout;
    expect(text).toContain('sha256WithRSAEncryption');
    expect(text).toContain('Public-Key: (2048 bit)');
    expect(text).toMatch(/organizationName\s+= UTF8STRING:RÓŻA SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ/);
    expect(text).toMatch(/organizationIdentifier\s+= UTF8STRING:VATPL-6381853612 NTRPL-0001040934 BR:PL-525516467/);
    expect(text).not.toMatch(/givenName|surname/);
    expect(await csrSubjectMatches(csrDer, SEAL)).toBe(true);
  });

  it('csrSubjectMatches detects any difference from the enrollment data', async () => {
    const {csrDer} = await createCsr(PERSON, generateKeyPair());
    expect(await csrSubjectMatches(csrDer, {...PERSON, serialNumber: 'NIP-5265877635'})).toBe(false);
    expect(await csrSubjectMatches(csrDer, {...PERSON, givenName: ['Łukasz']})).toBe(false);
    expect(await csrSubjectMatches(csrDer, {...PERSON, uniqueIdentifier: null})).toBe(false);
    expect(await csrSubjectMatches(csrDer, {...PERSON, commonName: 'Lukasz Zdzblo-Zolc'})).toBe(false);
    // givenName as a single string is the same as a one-element list
    const single = await createCsr({...PERSON, givenName: 'Anna'}, generateKeyPair());
    expect(await csrSubjectMatches(single.csrDer, {...PERSON, givenName: ['Anna']})).toBe(true);
    // tampered bytes fail the signature check
    const bad = Buffer.from(csrDer);
    bad[bad.length - 5] ^= 0xff;
    expect(await csrSubjectMatches(bad, PERSON)).toBe(false);
  });

  it('refuses keys KSeF does not accept and incomplete data', async () => {
    const {generateKeyPairSync} = await import('node:crypto');
    const p384 = generateKeyPairSync('ec', {namedCurve: 'secp384r1'});
    await expect(createCsr(PERSON, p384)).rejects.toMatchObject({code: 'unsupportedKey'});
    await expect(createCsr({...PERSON, commonName: ''}, generateKeyPair())).rejects.toMatchObject({code: 'invalidInput'});
  });
});
