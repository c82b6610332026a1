// XAdES signing of AuthTokenRequest checked by xmlsec1 (independent verifier), and the signed-file pre-check.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {writeFileSync} from 'node:fs';
import {createHash} from 'node:crypto';
import {DOMParser} from '@xmldom/xmldom';
import {buildAuthTokenRequest, parseAuthTokenRequest} from '../../src/ksef/auth-xml.js';
import {inspectSignedFile, signAuthTokenRequest, verifyXadesSignature} from '../../src/ksef/xades.js';
import {KsefCryptoError} from '../../src/ksef/errors.js';
import {issueCert, makeCa, run, tempDir, type TestCert} from './crypto-fixtures.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const CHALLENGE = '20250604-CR-461EA5B000-537A6BA15D-D7';
const DS = 'http://www.w3.org/2000/09/xmldsig#';
const XADES = 'http://uri.etsi.org/01903/v1.3.2#';
const unsigned = buildAuthTokenRequest({challenge: CHALLENGE, context: {type: 'Nip', value: '5265877635'}, subjectIdentifierType: 'certificateSubject'});

function xmlsecVerify(signed: string, certPem: string, name: string) {
  const xml = tmp.file(`${name}.xml`);
  const cert = tmp.file(`${name}.crt`);
  writeFileSync(xml, signed);
  writeFileSync(cert, certPem);
  return run('xmlsec1', ['--verify', '--pubkey-cert-pem', cert, '--trusted-pem', cert, '--id-attr:Id', `${XADES}:SignedProperties`, xml]);
}

let ca: TestCert;
let ecA: TestCert;
let rsaA: TestCert;
beforeAll(async () => {
  ca = await makeCa('TEST CCK KSeF');
  ecA = await issueCert({ca, type: 'A'});
  rsaA = await issueCert({type: 'A', alg: 'RSA-2048'});
});

describe('signAuthTokenRequest', () => {
  it.each([['EC P-256', () => ecA], ['RSA-2048 self-signed', () => rsaA]])('%s: xmlsec1 verifies, structure as the official client', async (label, get) => {
    const c = get();
    const now = new Date();
    const signed = await signAuthTokenRequest(unsigned, {certPem: c.certPem, key: c.key});
    // The unsigned text is kept byte-for-byte; only the signature is inserted before the closing tag.
    const at = signed.indexOf('<ds:Signature');
    expect(signed.slice(0, at) + signed.slice(signed.indexOf('</ds:Signature>') + '</ds:Signature>'.length)).toBe(unsigned);

    const r = xmlsecVerify(signed, c.certPem, label.replace(/\W/g, ''));
    expect(r.stderr + r.stdout).toMatch(/^OK$/m);
    expect(r.code).toBe(0);
    expect(await verifyXadesSignature(signed)).toBe(true);

    const doc = new DOMParser().parseFromString(signed, 'text/xml');
    const sig = doc.getElementsByTagNameNS(DS, 'Signature')[0];
    expect(sig.parentNode).toBe(doc.documentElement);
    expect(doc.getElementsByTagNameNS(DS, 'CanonicalizationMethod')[0].getAttribute('Algorithm')).toBe('http://www.w3.org/2001/10/xml-exc-c14n#');
    const method = doc.getElementsByTagNameNS(DS, 'SignatureMethod')[0].getAttribute('Algorithm');
    expect(method).toBe(label.startsWith('EC') ? 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256' : 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    const refs = Array.from(doc.getElementsByTagNameNS(DS, 'Reference'));
    expect(refs).toHaveLength(2);
    const transforms = (r: (typeof refs)[number]) => Array.from(r.getElementsByTagNameNS(DS, 'Transform')).map((t) => t.getAttribute('Algorithm'));
    expect(refs[0].getAttribute('URI')).toBe('');
    expect(transforms(refs[0])).toEqual(['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#']);
    expect(refs[1].getAttribute('Type')).toBe('http://uri.etsi.org/01903#SignedProperties');
    expect(transforms(refs[1])).toEqual(['http://www.w3.org/2001/10/xml-exc-c14n#']);
    for (const dm of Array.from(doc.getElementsByTagNameNS(DS, 'DigestMethod'))) expect(dm.getAttribute('Algorithm')).toBe('http://www.w3.org/2001/04/xmlenc#sha256');
    const sp = doc.getElementsByTagNameNS(XADES, 'SignedProperties')[0];
    expect('#' + sp.getAttribute('Id')).toBe(refs[1].getAttribute('URI'));
    const signingTime = new Date(doc.getElementsByTagNameNS(XADES, 'SigningTime')[0].textContent!);
    expect(Math.abs(now.getTime() - 60_000 - signingTime.getTime())).toBeLessThan(5_000);
    const certDigest = doc.getElementsByTagNameNS(XADES, 'CertDigest')[0];
    expect(certDigest.getElementsByTagNameNS(DS, 'DigestValue')[0].textContent).toBe(createHash('sha256').update(c.certDer).digest('base64'));
    const serial = doc.getElementsByTagNameNS(DS, 'X509SerialNumber')[0].textContent;
    expect(serial).toBe(BigInt('0x' + c.cert.serialNumber).toString());
    expect(doc.getElementsByTagNameNS(DS, 'X509Certificate')[0].textContent!.replace(/\s/g, '')).toBe(c.certDer.toString('base64'));
    if (label.startsWith('EC')) {
      // raw R‖S: exactly 64 bytes (DER would start with 0x30 and be 70-72 bytes)
      expect(Buffer.from(doc.getElementsByTagNameNS(DS, 'SignatureValue')[0].textContent!, 'base64')).toHaveLength(64);
    }
    expect(parseAuthTokenRequest(signed)).toMatchObject({challenge: CHALLENGE, context: {type: 'Nip', value: '5265877635'}, signatureCount: 1});
  });

  it('a tampered document fails xmlsec1 and the local verification', async () => {
    const signed = await signAuthTokenRequest(unsigned, {certPem: ecA.certPem, key: ecA.key});
    const tampered = signed.replace('<Nip>5265877635</Nip>', '<Nip>7762811692</Nip>');
    expect(xmlsecVerify(tampered, ecA.certPem, 'tampered').code).not.toBe(0);
    expect(await verifyXadesSignature(tampered)).toBe(false);
  });

  it('refuses a type-O certificate, a foreign key and an expired certificate', async () => {
    const offline = await issueCert({ca, type: 'O'});
    await expect(signAuthTokenRequest(unsigned, {certPem: offline.certPem, key: offline.key})).rejects.toMatchObject({
      code: 'offlineCannotAuthenticate',
      message: 'Certyfikat typu O (offline) nie służy do uwierzytelniania w KSeF — wybierz certyfikat typu A.',
    });
    // the store's type wins over the guess
    await expect(signAuthTokenRequest(unsigned, {certPem: ecA.certPem, key: ecA.key, type: 'O'})).rejects.toBeInstanceOf(KsefCryptoError);
    await expect(signAuthTokenRequest(unsigned, {certPem: ecA.certPem, key: rsaA.key})).rejects.toMatchObject({code: 'keyMismatch'});
    const old = await issueCert({ca, notBefore: new Date('2023-01-01'), notAfter: new Date('2024-01-01')});
    await expect(signAuthTokenRequest(unsigned, {certPem: old.certPem, key: old.key})).rejects.toMatchObject({code: 'certificateExpired'});
  });
});

describe('inspectSignedFile', () => {
  it('accepts an enveloped signature and reports challenge and signer', async () => {
    const signed = await signAuthTokenRequest(unsigned, {certPem: ecA.certPem, key: ecA.key});
    const bytes = Buffer.from(signed, 'utf8');
    const copy = Buffer.from(bytes);
    const r = inspectSignedFile(bytes);
    expect(r).toMatchObject({ok: true, signatureCount: 1, challenge: CHALLENGE, context: {type: 'Nip', value: '5265877635'}});
    expect(r.ok && r.signerSubject).toContain('CN=Beta (uwierzytelnienie)');
    expect(bytes.equals(copy)).toBe(true);
  });

  it('rejects what KSeF would reject, with Polish messages', async () => {
    const signed = await signAuthTokenRequest(unsigned, {certPem: ecA.certPem, key: ecA.key});
    const sig = signed.slice(signed.indexOf('<ds:Signature'), signed.indexOf('</ds:Signature>') + 15);
    const cases: [Buffer, string][] = [
      [Buffer.alloc(0), 'empty'],
      [Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0xfe]), 'notXml'],
      [Buffer.from('%PDF-1.7\n'), 'notXml'],
      // Issue 12 finish item: malformed XML is said to be malformed, not "maybe a .asic/.zip container or a PDF".
      [Buffer.from('<AuthTokenRequest><unclosed>'), 'malformedXml'],
      [Buffer.from('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><AuthTokenRequest>&lol2;</AuthTokenRequest>'), 'xmlBomb'],
      [Buffer.from(unsigned), 'noSignature'],
      [Buffer.from('<?xml version="1.0"?><Faktura/>'), 'notAuthTokenRequest'],
      [Buffer.from(signed.replace('</AuthTokenRequest>', sig + '</AuthTokenRequest>')), 'multipleSignatures'],
      [Buffer.from(signed.replace('URI=""', 'URI="auth.xml"')), 'detached'],
      [Buffer.from(sig.replace('URI=""', 'URI="auth.xml"')), 'detached'],
    ];
    for (const [bytes, reason] of cases) {
      const r = inspectSignedFile(bytes);
      expect(r.ok, reason).toBe(false);
      if (!r.ok) {
        expect(r.reason).toBe(reason);
        expect(r.messagePl).toMatch(/[a-ząćęłńóśźż]/);
        if (reason === 'malformedXml') expect(r.messagePl).not.toMatch(/asic|zip|PDF/);
      }
    }
  });
});
