// Certificate facts: serial, DN attributes, type (keyUsage first), environment, identifier, validity.
import {describe, expect, it, beforeAll} from 'vitest';
import {readFileSync, writeFileSync} from 'node:fs';
import {parseCertificate, validityProblem, assertCertificateValid} from '../../src/ksef/cert-info.js';
import {envFromIssuerCn, KSEF_ENVIRONMENTS} from '../../src/ksef/environments.js';
import {KsefCryptoError} from '../../src/ksef/errors.js';
import {issueCert, makeCa, run, tempDir, type TestCert} from './crypto-fixtures.js';

const FIX = 'test/fixtures/ksef/test-vectors/qr-example-cert-01F20A5D352AE590';

describe('parseCertificate on the official TEST certificate', () => {
  it('reads PEM and DER alike, as KSeF and openssl print it', () => {
    const pem = parseCertificate(readFileSync(`${FIX}.pem`));
    const der = parseCertificate(readFileSync(`${FIX}.der`));
    expect(der).toEqual(pem);
    expect(pem.serial).toBe('01F20A5D352AE590');
    const osslSerial = run('openssl', ['x509', '-in', `${FIX}.pem`, '-noout', '-serial']).stdout.trim();
    expect(osslSerial).toBe('serial=01F20A5D352AE590');
    const osslFp = run('openssl', ['x509', '-in', `${FIX}.pem`, '-noout', '-fingerprint', '-sha256']).stdout.trim();
    expect(osslFp.split('=')[1].replace(/:/g, '')).toBe(pem.fingerprintSha256);
    expect(pem.issuerCn).toBe('TI CCK KSeF');
    expect(pem.envGuess).toBe('T');
    expect(pem.subjectAttrs.organizationIdentifier).toEqual(['VATPL-5265877635']);
    expect(pem.subjectIdentifier).toEqual({type: 'Nip', value: '5265877635'});
    expect(pem.keyAlgorithm).toBe('RSA-2048');
    expect(pem.usage).toEqual({digitalSignature: true, nonRepudiation: false});
    expect(pem.typeGuess).toBe('A');
    expect(pem.selfSigned).toBe(false);
    expect(pem.subject).toContain('CN=5265877635');
    expect(pem.pem).toBe(readFileSync(`${FIX}.pem`, 'utf8').replace(/\r\n/g, '\n'));
  });
});

describe('parseCertificate on generated certificates', () => {
  let ca: TestCert;
  beforeAll(async () => {
    ca = await makeCa('DEMO CCK KSeF');
  });

  it('type O from nonRepudiation, person identifier from serialNumber, multi-valued givenName', async () => {
    const c = await issueCert({
      ca,
      type: 'O',
      serial: '00A1B2C3D4E5F60718',
      subject: [
        {CN: [{utf8String: 'Łukasz Żółć offline'}]},
        {SN: [{utf8String: 'Żółć'}]},
        {'2.5.4.42': [{utf8String: 'Łukasz'}]},
        {'2.5.4.42': [{utf8String: 'Józef'}]},
        {'2.5.4.5': [{printableString: 'PNOPL-44051401359'}]},
        {C: ['PL']},
      ],
    });
    const info = parseCertificate(c.certPem);
    expect(info.typeGuess).toBe('O');
    expect(info.envGuess).toBe('D');
    expect(info.serial).toBe('00A1B2C3D4E5F60718');
    expect(info.subjectAttrs.givenName).toEqual(['Łukasz', 'Józef']);
    expect(info.subjectAttrs.surname).toEqual(['Żółć']);
    expect(info.subjectIdentifier).toEqual({type: 'Pesel', value: '44051401359'});
    expect(info.keyAlgorithm).toBe('EC-P256');
    expect(info.selfSigned).toBe(false);
  });

  it('CN suffix is only a hint when keyUsage is absent; self-signed detected', async () => {
    const c = await issueCert({type: 'none'});
    const info = parseCertificate(c.certDer);
    expect(info.usage).toEqual({digitalSignature: false, nonRepudiation: false});
    expect(info.typeGuess).toBe('A'); // "(uwierzytelnienie)" in CN
    expect(info.selfSigned).toBe(true);
    expect(info.envGuess).toBeUndefined();
  });

  it('validity problems', async () => {
    const c = await issueCert({notBefore: new Date('2024-01-01T00:00:00Z'), notAfter: new Date('2025-01-01T00:00:00Z')});
    const info = parseCertificate(c.certPem);
    expect(validityProblem(info, new Date('2024-06-01'))).toBeUndefined();
    expect(validityProblem(info, new Date('2025-06-01'))).toBe('expired');
    expect(validityProblem(info, new Date('2023-06-01'))).toBe('notYetValid');
    expect(() => assertCertificateValid(info, new Date('2025-06-01'))).toThrow(/wygasł/);
  });

  it('corrupt input → corruptCertificate with a Polish message; PKCS#12 and key files recognised', async () => {
    const bad = [Buffer.from('not a cert'), Buffer.alloc(0), Buffer.from([0x30, 0x82, 0x01]), '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'];
    for (const b of bad) {
      try {
        parseCertificate(b);
        throw new Error('accepted');
      } catch (e) {
        expect(e).toBeInstanceOf(KsefCryptoError);
        expect((e as KsefCryptoError).code).toBe('corruptCertificate');
      }
    }
    const c = await issueCert();
    expect(() => parseCertificate(c.keyPem)).toThrow(/klucza prywatnego/);
    const t = tempDir();
    try {
      writeFileSync(t.file('k.pem'), c.keyPem);
      writeFileSync(t.file('c.pem'), c.certPem);
      run('openssl', ['pkcs12', '-export', '-inkey', t.file('k.pem'), '-in', t.file('c.pem'), '-out', t.file('x.p12'), '-passout', 'pass:x']);
      expect(() => parseCertificate(readFileSync(t.file('x.p12')))).toThrow(expect.objectContaining({code: 'pkcs12NotSupported'}));
    } finally {
      t.cleanup();
    }
  });
});

describe('environments', () => {
  it('maps issuer CN to the environment', () => {
    expect(envFromIssuerCn('TEST CCK KSeF')).toBe('T');
    expect(envFromIssuerCn('TI CCK KSeF')).toBe('T');
    expect(envFromIssuerCn('DEMO CCK KSeF')).toBe('D');
    expect(envFromIssuerCn('CCK KSeF')).toBe('P');
    expect(envFromIssuerCn('Certum QCA 2017')).toBeUndefined();
    expect(envFromIssuerCn(undefined)).toBeUndefined();
  });
  it('matches contract/environments.json', () => {
    const json = JSON.parse(readFileSync('contract/environments.json', 'utf8'));
    for (const code of ['T', 'D', 'P'] as const) {
      const e = KSEF_ENVIRONMENTS[code];
      expect(json[e.name].apiBase).toBe(e.apiBase);
      expect(json[e.name].qrBase).toBe(e.qrBase);
      expect(json[e.name].selfSignedAuthAllowed).toBe(e.selfSignedAuthAllowed);
      expect(`https://${e.qrHost}`).toBe(e.qrBase);
    }
  });
});
