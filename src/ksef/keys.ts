// Private-key files: reading every form a user brings, checking the key against a certificate, and writing
// keys only as password-protected PKCS#8 (PBES2 / PBKDF2-HMAC-SHA256 / AES-256-CBC).
import {createCipheriv, createPrivateKey, createPublicKey, pbkdf2Sync, randomBytes, X509Certificate as NodeX509, type KeyObject} from 'node:crypto';
import {randomUUID} from 'node:crypto';
import {promises as fs} from 'node:fs';
import * as path from 'node:path';
import {AsnConvert, OctetString} from '@peculiar/asn1-schema';
import {AlgorithmIdentifier} from '@peculiar/asn1-x509';
import {EncryptedData, EncryptedPrivateKeyInfo} from '@peculiar/asn1-pkcs8';
import {KsefCryptoError} from './errors.js';
import {bareBase64, pemBlocks, toPem} from './pem.js';
import {OID, Pbes2Params, Pbkdf2Params} from './pkcs5.js';
import {isPkcs12} from './pkcs12-detect.js';

/** PBKDF2 iterations of keys we write (OWASP 2023 figure for PBKDF2-HMAC-SHA256; the Taxpayer App uses 100 000). */
export const KEY_PBKDF2_ITERATIONS = 600_000;

const KEY_LABELS = ['ENCRYPTED PRIVATE KEY', 'PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY'];
const PBES_OIDS = new Set([
  OID.pbes2,
  // PBES1 / PKCS#12 PBE schemes (old tools); Node/OpenSSL decrypt them too.
  '1.2.840.113549.1.5.3', '1.2.840.113549.1.5.10', '1.2.840.113549.1.12.1.3', '1.2.840.113549.1.12.1.6',
]);

function isEncryptedPkcs8Der(der: Buffer): boolean {
  try {
    const info = AsnConvert.parse(der, EncryptedPrivateKeyInfo);
    return PBES_OIDS.has(info.encryptionAlgorithm.algorithm);
  } catch {
    return false;
  }
}

function checkKeyType(key: KeyObject): KeyObject {
  const t = key.asymmetricKeyType;
  if (t === 'rsa' || t === 'rsa-pss' || t === 'ec') return key;
  throw new KsefCryptoError('unsupportedKey');
}

const missingPassword = (password: string | undefined): boolean => password === undefined || password === '';

function fromDer(der: Buffer, password: string | undefined): KeyObject {
  if (isPkcs12(der)) throw new KsefCryptoError('pkcs12NotSupported');
  if (isEncryptedPkcs8Der(der)) {
    if (missingPassword(password)) throw new KsefCryptoError('passwordRequired');
    try {
      return createPrivateKey({key: der, format: 'der', type: 'pkcs8', passphrase: password});
    } catch (e) {
      throw new KsefCryptoError('wrongPassword', undefined, {cause: e});
    }
  }
  for (const type of ['pkcs8', 'pkcs1', 'sec1'] as const) {
    try {
      return createPrivateKey({key: der, format: 'der', type});
    } catch {
      // try the next container
    }
  }
  try {
    new NodeX509(der);
    throw new KsefCryptoError('corruptKey', 'To jest certyfikat (.crt), a nie klucz prywatny (.key)');
  } catch (e) {
    if (e instanceof KsefCryptoError) throw e;
  }
  throw new KsefCryptoError('corruptKey');
}

function fromPem(text: string, password: string | undefined): KeyObject {
  const blocks = pemBlocks(text);
  const block = blocks.find((b) => KEY_LABELS.includes(b.label));
  if (!block) {
    if (blocks.some((b) => b.label === 'CERTIFICATE')) {
      throw new KsefCryptoError('corruptKey', 'To jest certyfikat (.crt), a nie klucz prywatny (.key)');
    }
    if (blocks.some((b) => b.label === 'PKCS12')) throw new KsefCryptoError('pkcs12NotSupported');
    const bare = bareBase64(text);
    if (bare) return fromDer(bare, password);
    throw new KsefCryptoError('corruptKey');
  }
  const encrypted = block.label === 'ENCRYPTED PRIVATE KEY' || /ENCRYPTED/i.test(block.headers['Proc-Type'] ?? '');
  if (encrypted && missingPassword(password)) throw new KsefCryptoError('passwordRequired');
  try {
    return createPrivateKey({key: block.text, format: 'pem', passphrase: encrypted ? password : undefined});
  } catch (e) {
    // With CBC ciphers a wrong password surfaces as "bad decrypt" or, rarely, as a garbled ASN.1 structure.
    throw new KsefCryptoError(encrypted ? 'wrongPassword' : 'corruptKey', undefined, {cause: e});
  }
}

/**
 * Reads a private key: encrypted PKCS#8 (PBES2 AES/3DES, PBKDF2 SHA-1/256/…), plain PKCS#8, PKCS#1 RSA and SEC1 EC
 * (plain or legacy `Proc-Type: 4,ENCRYPTED`), PEM or DER. Accepts any password (no policy on import).
 */
export function readPrivateKey(bytes: Buffer, password?: string): KeyObject {
  if (!bytes || bytes.length === 0) throw new KsefCryptoError('corruptKey', 'Plik klucza prywatnego jest pusty');
  const key = bytes[0] === 0x30 ? fromDer(bytes, password) : fromPem(bytes.toString('utf8'), password);
  return checkKeyType(key);
}

function certPublicKeyDer(certPemOrDer: string | Buffer): Buffer {
  let cert: NodeX509;
  try {
    cert = new NodeX509(certPemOrDer);
  } catch (e) {
    throw new KsefCryptoError('corruptCertificate', undefined, {cause: e});
  }
  return cert.publicKey.export({type: 'spki', format: 'der'});
}

/** True when the key (private, or the public half of a token key) belongs to the certificate (SPKI comparison). */
export function keyMatchesCertificate(key: KeyObject, certPemOrDer: string | Buffer): boolean {
  const fromKey = (key.type === 'public' ? key : createPublicKey(key)).export({type: 'spki', format: 'der'});
  return fromKey.equals(certPublicKeyDer(certPemOrDer));
}

/** `EC-P256`, `RSA-2048`, … (same naming as CertInfo.keyAlgorithm). */
export function keyAlgorithmName(key: KeyObject): string {
  const d = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'ec') return d.namedCurve === 'prime256v1' ? 'EC-P256' : `EC-${d.namedCurve ?? '?'}`;
  if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') return `RSA-${d.modulusLength ?? '?'}`;
  return key.asymmetricKeyType ?? 'unknown';
}

/**
 * PEM `ENCRYPTED PRIVATE KEY`: PKCS#8 EncryptedPrivateKeyInfo, PBES2 with PBKDF2-HMAC-SHA256 (`iterations`,
 * 16-byte salt) and AES-256-CBC (16-byte IV). Node's own export fixes PBKDF2 at 2048 iterations, hence this.
 */
export function encryptPrivateKey(key: KeyObject, password: string, options: {iterations?: number} = {}): string {
  if (key.type !== 'private') throw new KsefCryptoError('invalidInput', 'Oczekiwano klucza prywatnego');
  if (!password) throw new KsefCryptoError('passwordRequired', 'Podaj hasło do zaszyfrowania klucza prywatnego');
  const iterations = options.iterations ?? KEY_PBKDF2_ITERATIONS;
  const plain = key.export({type: 'pkcs8', format: 'der'});
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  const dk = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256');
  const cipher = createCipheriv('aes-256-cbc', dk, iv);
  const encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
  dk.fill(0);

  const kdf = new Pbkdf2Params({
    salt: new OctetString(salt),
    iterationCount: iterations,
    prf: new AlgorithmIdentifier({algorithm: OID.hmacWithSHA256, parameters: null}),
  });
  const pbes2 = new Pbes2Params({
    keyDerivationFunc: new AlgorithmIdentifier({algorithm: OID.pbkdf2, parameters: AsnConvert.serialize(kdf)}),
    encryptionScheme: new AlgorithmIdentifier({algorithm: OID.aes256Cbc, parameters: AsnConvert.serialize(new OctetString(iv))}),
  });
  const info = new EncryptedPrivateKeyInfo({
    encryptionAlgorithm: new AlgorithmIdentifier({algorithm: OID.pbes2, parameters: AsnConvert.serialize(pbes2)}),
    encryptedData: new EncryptedData(encrypted),
  });
  return toPem('ENCRYPTED PRIVATE KEY', new Uint8Array(AsnConvert.serialize(info)));
}

async function writeAtomic(file: string, data: string, mode: number): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${randomUUID()}.tmp`);
  try {
    const fh = await fs.open(tmp, 'wx', mode);
    try {
      await fh.writeFile(data, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.chmod(tmp, mode);
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, {force: true}).catch(() => undefined);
    throw new KsefCryptoError('writeFailed', `Nie udało się zapisać pliku ${path.basename(file)}`, {cause: e});
  }
}

/** Writes an encrypted key PEM atomically with mode 0600. Refuses an unencrypted key. */
export async function writeKeyFile(file: string, pem: string): Promise<void> {
  const encrypted = pemBlocks(pem).some((b) => b.label === 'ENCRYPTED PRIVATE KEY' || /ENCRYPTED/i.test(b.headers['Proc-Type'] ?? ''));
  if (!encrypted) throw new KsefCryptoError('invalidInput', 'Odmowa zapisu: klucz prywatny musi być zaszyfrowany hasłem');
  await writeAtomic(file, pem, 0o600);
}

/** Writes a certificate PEM atomically (mode 0644 — a certificate is public). */
export async function writeCertFile(file: string, pem: string): Promise<void> {
  if (!pemBlocks(pem).some((b) => b.label === 'CERTIFICATE')) throw new KsefCryptoError('corruptCertificate');
  await writeAtomic(file, pem, 0o644);
}
