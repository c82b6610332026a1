// Reading a certificate file (.crt / .cer / .pem, PEM or DER) into the facts the app shows and stores.
import {X509Certificate as NodeX509, createHash} from 'node:crypto';
import * as x509 from './x509.js';
import {AsnConvert} from '@peculiar/asn1-schema';
import {Certificate, Name as AsnName} from '@peculiar/asn1-x509';
import {subjectIdentifierFromAttributes, type CertTypeCode, type EnvCode, type SubjectIdentifier} from '../domain/index.js';
import {envFromIssuerCn} from './environments.js';
import {KsefCryptoError} from './errors.js';
import {bareBase64, pemBlocks, toPem} from './pem.js';
import {isPkcs12} from './pkcs12-detect.js';
import {msg} from '../i18n/index.js';

export interface CertInfo {
  pem: string;
  der: Buffer;
  /** Hex of the serial INTEGER bytes, uppercase, as KSeF prints it (e.g. 01F20A5D352AE590). */
  serial: string;
  /** `CN=…, O=…` in certificate order, short names as in subjectAttrs. */
  subject: string;
  issuer: string;
  /** Values by short name: CN, surname, givenName, serialNumber, O, OU, organizationIdentifier, C, … */
  subjectAttrs: Record<string, string[]>;
  issuerAttrs: Record<string, string[]>;
  issuerCn?: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 of the DER, uppercase hex (KSeF `certificateFingerprint`). */
  fingerprintSha256: string;
  /** `EC-P256`, `RSA-2048`, or e.g. `EC-secp384r1`, `RSA-4096`, `ed25519`. */
  keyAlgorithm: string;
  usage: {digitalSignature: boolean; nonRepudiation: boolean};
  typeGuess?: CertTypeCode;
  envGuess?: EnvCode;
  subjectIdentifier?: SubjectIdentifier;
  selfSigned: boolean;
}

/** Short names for DN attribute OIDs that appear in KSeF and qualified certificates. */
export const DN_SHORT_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'surname',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'street',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.42': 'givenName',
  '2.5.4.43': 'initials',
  '2.5.4.45': 'uniqueIdentifier',
  '2.5.4.65': 'pseudonym',
  '2.5.4.97': 'organizationIdentifier',
  '1.2.840.113549.1.9.1': 'emailAddress',
  '0.9.2342.19200300.100.1.25': 'DC',
};

export interface DnEntry {
  type: string;
  name: string;
  value: string;
}

/** Flattened RDN sequence of a DER Name, in order. */
export function dnEntries(name: AsnName): DnEntry[] {
  const out: DnEntry[] = [];
  for (const rdn of name) {
    for (const atv of rdn) {
      const v = atv.value;
      const value = v.anyValue ? Buffer.from(v.anyValue).toString('hex').toUpperCase() : v.toString();
      out.push({type: atv.type, name: DN_SHORT_NAMES[atv.type] ?? atv.type, value});
    }
  }
  return out;
}

const escapeDn = (v: string): string => v.replace(/([,+"\\<>;])/g, '\\$1');
export const dnString = (entries: DnEntry[]): string => entries.map((e) => `${e.name}=${escapeDn(e.value)}`).join(', ');

export function dnAttrs(entries: DnEntry[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of entries) (out[e.name] ??= []).push(e.value);
  return out;
}

function certDer(bytes: Buffer | string): Buffer {
  const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  if (buf.length === 0) throw new KsefCryptoError('corruptCertificate', msg('crypto.certEmpty'));
  if (buf[0] === 0x30) {
    if (isPkcs12(buf)) throw new KsefCryptoError('pkcs12NotSupported');
    return buf;
  }
  const text = buf.toString('utf8');
  const blocks = pemBlocks(text);
  const cert = blocks.find((b) => b.label === 'CERTIFICATE' || b.label === 'X509 CERTIFICATE' || b.label === 'TRUSTED CERTIFICATE');
  if (cert) return cert.der;
  if (blocks.some((b) => b.label.endsWith('PRIVATE KEY'))) {
    throw new KsefCryptoError('corruptCertificate', msg('crypto.keyNotCert'));
  }
  if (blocks.some((b) => b.label === 'CERTIFICATE REQUEST' || b.label === 'NEW CERTIFICATE REQUEST')) {
    throw new KsefCryptoError('corruptCertificate', msg('crypto.csrNotCert'));
  }
  const bare = bareBase64(text);
  if (bare) return bare;
  throw new KsefCryptoError('corruptCertificate');
}

function keyAlgorithmOf(cert: NodeX509): string {
  const k = cert.publicKey;
  const d = k.asymmetricKeyDetails ?? {};
  if (k.asymmetricKeyType === 'ec') return d.namedCurve === 'prime256v1' ? 'EC-P256' : `EC-${d.namedCurve ?? '?'}`;
  if (k.asymmetricKeyType === 'rsa' || k.asymmetricKeyType === 'rsa-pss') return `RSA-${d.modulusLength ?? '?'}`;
  return k.asymmetricKeyType ?? 'unknown';
}

function guessType(usage: CertInfo['usage'], cn: string | undefined): CertTypeCode | undefined {
  if (usage.nonRepudiation && !usage.digitalSignature) return 'O';
  if (usage.digitalSignature && !usage.nonRepudiation) return 'A';
  if (cn && /\(uwierzytelnienie\)\s*$|uwierzytelni/i.test(cn)) return 'A';
  if (cn && /offline/i.test(cn)) return 'O';
  return undefined;
}

/** Parses one certificate (PEM or DER). Bad input → KsefCryptoError corruptCertificate / pkcs12NotSupported. */
export function parseCertificate(bytes: Buffer | string): CertInfo {
  const der = certDer(bytes);
  let asn: Certificate;
  let node: NodeX509;
  let pec: x509.X509Certificate;
  try {
    asn = AsnConvert.parse(der, Certificate);
    node = new NodeX509(der);
    pec = new x509.X509Certificate(new Uint8Array(der));
  } catch (e) {
    throw new KsefCryptoError('corruptCertificate', undefined, {cause: e});
  }
  const tbs = asn.tbsCertificate;
  const serial = Buffer.from(tbs.serialNumber).toString('hex').toUpperCase();
  const subjectEntries = dnEntries(tbs.subject);
  const issuerEntries = dnEntries(tbs.issuer);
  const subjectAttrs = dnAttrs(subjectEntries);
  const issuerAttrs = dnAttrs(issuerEntries);
  const ku = pec.getExtension(x509.KeyUsagesExtension);
  const usage = {
    digitalSignature: !!ku && (ku.usages & x509.KeyUsageFlags.digitalSignature) !== 0,
    nonRepudiation: !!ku && (ku.usages & x509.KeyUsageFlags.nonRepudiation) !== 0,
  };
  const issuerCn = issuerAttrs.CN?.[0];
  let selfSigned = false;
  try {
    selfSigned = Buffer.from(AsnConvert.serialize(tbs.subject)).equals(Buffer.from(AsnConvert.serialize(tbs.issuer))) && node.verify(node.publicKey);
  } catch {
    selfSigned = false;
  }
  return {
    pem: toPem('CERTIFICATE', der),
    der: Buffer.from(der),
    serial,
    subject: dnString(subjectEntries),
    issuer: dnString(issuerEntries),
    subjectAttrs,
    issuerAttrs,
    issuerCn,
    notBefore: pec.notBefore,
    notAfter: pec.notAfter,
    fingerprintSha256: createHash('sha256').update(der).digest('hex').toUpperCase(),
    keyAlgorithm: keyAlgorithmOf(node),
    usage,
    typeGuess: guessType(usage, subjectAttrs.CN?.[0]),
    envGuess: envFromIssuerCn(issuerCn),
    subjectIdentifier: subjectIdentifierFromAttributes({
      serialNumber: subjectAttrs.serialNumber?.[0],
      organizationIdentifier: subjectAttrs.organizationIdentifier?.[0],
    }),
    selfSigned,
  };
}

export function validityProblem(info: Pick<CertInfo, 'notBefore' | 'notAfter'>, now: Date = new Date()): 'expired' | 'notYetValid' | undefined {
  if (now.getTime() > info.notAfter.getTime()) return 'expired';
  if (now.getTime() < info.notBefore.getTime()) return 'notYetValid';
  return undefined;
}

/** Throws certificateExpired / certificateNotYetValid when the certificate cannot be used now. */
export function assertCertificateValid(info: Pick<CertInfo, 'notBefore' | 'notAfter'>, now: Date = new Date()): void {
  const p = validityProblem(info, now);
  if (p === 'expired') throw new KsefCryptoError('certificateExpired', msg('crypto.certExpiredOn', {date: info.notAfter.toISOString().slice(0, 10)}));
  if (p === 'notYetValid') throw new KsefCryptoError('certificateNotYetValid', msg('crypto.certValidFrom', {date: info.notBefore.toISOString().slice(0, 10)}));
}
