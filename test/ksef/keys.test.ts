// Key files in every form users bring (made by openssl), wrong passwords, PKCS#12, and our encrypted export.
import {renderPl} from '../../src/i18n/index.js';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readFileSync, statSync, writeFileSync, readdirSync} from 'node:fs';
import {createPrivateKey, createPublicKey} from 'node:crypto';
import {
  encryptPrivateKey,
  keyAlgorithmName,
  keyMatchesCertificate,
  readPrivateKey,
  writeCertFile,
  writeKeyFile,
} from '../../src/ksef/keys.js';
import {describePbes2, OID} from '../../src/ksef/pkcs5.js';
import {pemBlocks} from '../../src/ksef/pem.js';
import {KsefCryptoError} from '../../src/ksef/errors.js';
import {issueCert, run, tempDir, type TestCert} from './crypto-fixtures.js';

const PASS = 'Tajne-Hasło-1!';
const tmp = tempDir();
const f = tmp.file;
const ossl = (...args: string[]) => {
  const r = run('openssl', args);
  if (r.code !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};
const spki = (pem: string | Buffer) => createPublicKey(pem).export({type: 'spki', format: 'der'}).toString('hex');

function expectCode(fn: () => unknown, code: string) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(KsefCryptoError);
    expect((e as KsefCryptoError).code).toBe(code);
    expect((e as Error).message).not.toMatch(/error:|ERR_|at \w+ \(/);
    return e as KsefCryptoError;
  }
  throw new Error(`expected ${code}`);
}

beforeAll(() => {
  ossl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', f('ec.pk8.pem'));
  ossl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', f('rsa.pk8.pem'));
  ossl('pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-v2prf', 'hmacWithSHA256', '-iter', '100000', '-in', f('ec.pk8.pem'), '-out', f('ec.aes256.pem'), '-passout', `pass:${PASS}`);
  ossl('pkcs8', '-topk8', '-v2', 'aes-128-cbc', '-v2prf', 'hmacWithSHA1', '-in', f('ec.pk8.pem'), '-out', f('ec.aes128sha1.pem'), '-passout', `pass:${PASS}`);
  ossl('pkcs8', '-topk8', '-v2', 'aes-192-cbc', '-in', f('rsa.pk8.pem'), '-out', f('rsa.aes192.pem'), '-passout', `pass:${PASS}`);
  ossl('pkcs8', '-topk8', '-v2', 'des3', '-in', f('rsa.pk8.pem'), '-out', f('rsa.des3.pem'), '-passout', `pass:${PASS}`);
  ossl('pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-in', f('ec.pk8.pem'), '-outform', 'DER', '-out', f('ec.aes256.der'), '-passout', `pass:${PASS}`);
  ossl('ec', '-in', f('ec.pk8.pem'), '-out', f('ec.sec1.pem'));
  ossl('ec', '-in', f('ec.pk8.pem'), '-aes256', '-out', f('ec.sec1.aes.pem'), '-passout', `pass:${PASS}`);
  ossl('ec', '-in', f('ec.pk8.pem'), '-outform', 'DER', '-out', f('ec.sec1.der'));
  ossl('rsa', '-in', f('rsa.pk8.pem'), '-traditional', '-out', f('rsa.pkcs1.pem'));
  ossl('rsa', '-in', f('rsa.pk8.pem'), '-traditional', '-aes256', '-out', f('rsa.pkcs1.aes.pem'), '-passout', `pass:${PASS}`);
  ossl('rsa', '-in', f('rsa.pk8.pem'), '-traditional', '-outform', 'DER', '-out', f('rsa.pkcs1.der'));
  ossl('pkcs8', '-topk8', '-nocrypt', '-in', f('rsa.pk8.pem'), '-outform', 'DER', '-out', f('rsa.pk8.der'));
});
afterAll(() => tmp.cleanup());

describe('readPrivateKey', () => {
  const ec = () => spki(readFileSync(f('ec.pk8.pem')));
  const rsa = () => spki(readFileSync(f('rsa.pk8.pem')));
  const cases: [string, 'ec' | 'rsa', boolean][] = [
    ['ec.pk8.pem', 'ec', false],
    ['ec.aes256.pem', 'ec', true],
    ['ec.aes128sha1.pem', 'ec', true],
    ['ec.aes256.der', 'ec', true],
    ['ec.sec1.pem', 'ec', false],
    ['ec.sec1.aes.pem', 'ec', true],
    ['ec.sec1.der', 'ec', false],
    ['rsa.pk8.pem', 'rsa', false],
    ['rsa.pk8.der', 'rsa', false],
    ['rsa.aes192.pem', 'rsa', true],
    ['rsa.des3.pem', 'rsa', true],
    ['rsa.pkcs1.pem', 'rsa', false],
    ['rsa.pkcs1.aes.pem', 'rsa', true],
    ['rsa.pkcs1.der', 'rsa', false],
  ];
  it.each(cases)('imports %s', (name, kind, encrypted) => {
    const bytes = readFileSync(f(name));
    const key = readPrivateKey(bytes, encrypted ? PASS : undefined);
    expect(key.type).toBe('private');
    expect(spki(createPublicKey(key).export({type: 'spki', format: 'pem'}) as string)).toBe(kind === 'ec' ? ec() : rsa());
    expect(keyAlgorithmName(key)).toBe(kind === 'ec' ? 'EC-P256' : 'RSA-2048');
    if (encrypted) {
      expectCode(() => readPrivateKey(bytes, 'zle-haslo'), 'wrongPassword');
      expectCode(() => readPrivateKey(bytes), 'passwordRequired');
    }
  });

  it('wrong password gives the Polish message, no OpenSSL text', () => {
    const e = expectCode(() => readPrivateKey(readFileSync(f('ec.aes256.pem')), 'x'), 'wrongPassword');
    expect(e.message).toBe('Nieprawidłowe hasło do klucza prywatnego');
    expect(renderPl(e.msg)).toBe(e.message);
  });

  it('refuses a PKCS#12 file with a hint how to extract the key', () => {
    const cert = f('c.crt');
    ossl('req', '-x509', '-key', f('ec.pk8.pem'), '-subj', '/CN=p12', '-days', '2', '-out', cert);
    ossl('pkcs12', '-export', '-inkey', f('ec.pk8.pem'), '-in', cert, '-out', f('k.p12'), '-passout', `pass:${PASS}`);
    const e = expectCode(() => readPrivateKey(readFileSync(f('k.p12')), PASS), 'pkcs12NotSupported');
    expect(e.message).toContain('openssl pkcs12 -in');
    expect(e.message).toContain('-nocerts');
  });

  it('garbage, empty input and a certificate given as key → corruptKey', () => {
    expectCode(() => readPrivateKey(Buffer.from('hello world, not a key')), 'corruptKey');
    expectCode(() => readPrivateKey(Buffer.alloc(0)), 'corruptKey');
    expectCode(() => readPrivateKey(Buffer.from([0x30, 0x03, 0x02, 0x01, 0x00])), 'corruptKey');
    const e = expectCode(() => readPrivateKey(readFileSync(f('c.crt'))), 'corruptKey');
    expect(e.message).toContain('certyfikat');
  });

  it('refuses key types KSeF does not use', () => {
    ossl('genpkey', '-algorithm', 'ED25519', '-out', f('ed.pem'));
    expectCode(() => readPrivateKey(readFileSync(f('ed.pem'))), 'unsupportedKey');
  });
});

describe('keyMatchesCertificate', () => {
  let a: TestCert;
  let b: TestCert;
  beforeAll(async () => {
    a = await issueCert();
    b = await issueCert({alg: 'RSA-2048'});
  });
  it('compares the SubjectPublicKeyInfo (PEM and DER certificate)', () => {
    expect(keyMatchesCertificate(a.key, a.certPem)).toBe(true);
    expect(keyMatchesCertificate(a.key, a.certDer)).toBe(true);
    expect(keyMatchesCertificate(b.key, b.certPem)).toBe(true);
    expect(keyMatchesCertificate(a.key, b.certPem)).toBe(false);
    expect(keyMatchesCertificate(b.key, a.certDer)).toBe(false);
  });
});

describe('encryptPrivateKey / writeKeyFile', () => {
  it('writes PBES2 AES-256-CBC PBKDF2-HMAC-SHA256 with the chosen iteration count, openssl opens it', async () => {
    const key = readPrivateKey(readFileSync(f('ec.pk8.pem')));
    const pem = encryptPrivateKey(key, PASS);
    expect(pem.startsWith('-----BEGIN ENCRYPTED PRIVATE KEY-----\n')).toBe(true);
    await writeKeyFile(f('out.key'), pem);
    expect(statSync(f('out.key')).mode & 0o777).toBe(0o600);
    expect(readdirSync(tmp.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    const opened = run('openssl', ['pkey', '-in', f('out.key'), '-passin', `pass:${PASS}`]);
    expect(opened.code).toBe(0);
    expect(spki(opened.stdout)).toBe(spki(readFileSync(f('ec.pk8.pem'))));
    expect(run('openssl', ['pkey', '-in', f('out.key'), '-passin', 'pass:wrong']).code).not.toBe(0);

    // Iteration count as read by openssl's own ASN.1 parser.
    const asn = ossl('asn1parse', '-in', f('out.key'));
    expect(asn).toContain(':PBES2');
    expect(asn).toContain(':PBKDF2');
    expect(asn).toContain(':hmacWithSHA256');
    expect(asn).toContain(':aes-256-cbc');
    expect(asn).toMatch(/INTEGER\s+:0?927C0\s/); // 600000
    const d = describePbes2(pemBlocks(pem)[0].der)!;
    expect(d).toEqual({cipherOid: OID.aes256Cbc, prfOid: OID.hmacWithSHA256, iterations: 600_000, saltLength: 16});

    // Round trip through our own reader and through Node.
    expect(spki(createPublicKey(readPrivateKey(Buffer.from(pem), PASS)).export({type: 'spki', format: 'pem'}) as string)).toBe(spki(readFileSync(f('ec.pk8.pem'))));
    expect(createPrivateKey({key: pem, passphrase: PASS}).asymmetricKeyType).toBe('ec');
  });

  it('honours a custom iteration count and RSA keys; a UTF-8 password works with openssl', () => {
    const key = readPrivateKey(readFileSync(f('rsa.pk8.pem')));
    const pw = 'Zażółć-gęślą-jaźń-9';
    const pem = encryptPrivateKey(key, pw, {iterations: 100_000});
    writeFileSync(f('rsa-out.key'), pem);
    expect(ossl('asn1parse', '-in', f('rsa-out.key'))).toMatch(/INTEGER\s+:0?186A0\s/);
    expect(run('openssl', ['pkey', '-in', f('rsa-out.key'), '-passin', `pass:${pw}`]).code).toBe(0);
  });

  it('refuses to write an unencrypted key', async () => {
    await expect(writeKeyFile(f('plain.key'), readFileSync(f('ec.pk8.pem'), 'utf8'))).rejects.toMatchObject({code: 'invalidInput'});
    expect(() => statSync(f('plain.key'))).toThrow();
  });

  it('writes certificates atomically', async () => {
    const c = await issueCert();
    await writeCertFile(f('out.crt'), c.certPem);
    expect(readFileSync(f('out.crt'), 'utf8')).toBe(c.certPem);
    await expect(writeCertFile(f('bad.crt'), 'nope')).rejects.toMatchObject({code: 'corruptCertificate'});
  });
});
