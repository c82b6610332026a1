// X.509 side of the simulator: the per-environment KSeF issuing CAs, the "qualified-looking" test CA, issuing
// KSeF certificates from CSRs, and test identities (what a qualified-signature provider would sell).
import * as x509 from '@peculiar/x509';
import {createHash, createPrivateKey, webcrypto} from 'node:crypto';
import type {EnrollmentData, KeyPairPem, SimEnv} from './model.js';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);
const subtle = webcrypto.subtle;

const EC_ALG = {name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256'} as const;
/** The KSeF issuing CAs: P-384, signing with SHA-512 (ecdsa-with-SHA512, as the real TEST CA). */
const CA384_ALG = {name: 'ECDSA', namedCurve: 'P-384', hash: 'SHA-512'} as const;
const RSA_ALG = {name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256'} as const;

export const OID = {
  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  serialNumber: '2.5.4.5',
  countryName: '2.5.4.6',
  organizationName: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  givenName: '2.5.4.42',
  uniqueIdentifier: '2.5.4.45',
  organizationIdentifier: '2.5.4.97',
} as const;

export const ISSUING_CA_CN: Record<SimEnv, string> = {TEST: 'TEST CCK KSeF', DEMO: 'DEMO CCK KSeF', PROD: 'CCK KSeF'};
const CA_ORG = 'Ministerstwo Finansów (symulator)';
const CA_OU = 'Krajowa Administracja Skarbowa';
export const QUALIFIED_CA_NAME = 'Symulator Kwalifikowany CA TEST';

type NameParams = x509.JsonNameParams;
const utf8 = (oid: string, value: string): Record<string, x509.JsonAttributeObject[]> => ({[oid]: [{utf8String: value}]});
const printable = (oid: string, value: string): Record<string, x509.JsonAttributeObject[]> => ({[oid]: [{printableString: value}]});

export const toPem = (der: ArrayBuffer | Uint8Array, label: string): string => {
  const b64 = Buffer.from(der as ArrayBuffer).toString('base64');
  return `-----BEGIN ${label}-----\n${b64.replace(/.{1,64}/g, '$&\n')}-----END ${label}-----\n`;
};

async function exportKeyPem(key: webcrypto.CryptoKey): Promise<string> {
  return toPem(await subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

/** The CA key and the algorithm it signs with: P-384 → SHA-512 (KSeF issuing CAs), P-256 → SHA-256 (older states). */
async function importSigningKey(pem: string): Promise<{key: webcrypto.CryptoKey; alg: EcdsaParams & EcKeyImportParams}> {
  const k = createPrivateKey(pem);
  const alg = k.asymmetricKeyDetails?.namedCurve === 'secp384r1' ? CA384_ALG : EC_ALG;
  return {key: await subtle.importKey('pkcs8', k.export({format: 'der', type: 'pkcs8'}), alg, false, ['sign']), alg};
}

/** 8 random bytes, first byte non-zero with the high bit clear so the DER INTEGER stays 8 bytes. */
export function newSerialHex(): string {
  const b = webcrypto.getRandomValues(new Uint8Array(8));
  b[0] = (b[0] & 0x7f) || 0x01;
  return Buffer.from(b).toString('hex').toUpperCase();
}

async function createCa(name: NameParams, years: number, now: Date, alg: typeof EC_ALG | typeof CA384_ALG = EC_ALG): Promise<KeyPairPem> {
  const keys = await subtle.generateKey(alg, true, ['sign', 'verify']);
  const notBefore = new Date(now.getTime() - 60 * 60 * 1000);
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + years);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: newSerialHex(),
    name: new x509.Name(name),
    notBefore,
    notAfter,
    keys: keys as CryptoKeyPair,
    signingAlgorithm: alg,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey as CryptoKey),
    ],
  });
  return {certPem: cert.toString('pem'), keyPem: await exportKeyPem(keys.privateKey)};
}

export function createIssuingCa(env: SimEnv, now: Date): Promise<KeyPairPem> {
  return createCa(
    [printable(OID.countryName, 'PL'), utf8(OID.organizationName, CA_ORG), utf8(OID.organizationalUnit, CA_OU), utf8(OID.commonName, ISSUING_CA_CN[env])],
    12,
    now,
    CA384_ALG,
  );
}

export function createQualifiedCa(now: Date): Promise<KeyPairPem> {
  return createCa([printable(OID.countryName, 'PL'), utf8(OID.organizationName, 'ksef-certs (tylko testy)'), utf8(OID.commonName, QUALIFIED_CA_NAME)], 12, now);
}

/** Subject attribute values by OID, in certificate order (multi-valued attributes keep every value). */
export function nameAttributes(name: x509.Name): Array<{oid: string; value: string}> {
  const out: Array<{oid: string; value: string}> = [];
  for (const rdn of name.toJSON()) for (const [key, values] of Object.entries(rdn)) for (const v of values) out.push({oid: oidOf(key), value: v});
  return out;
}

const NAME_TO_OID: Record<string, string> = {
  CN: OID.commonName, SN: OID.surname, serialNumber: OID.serialNumber, C: OID.countryName, O: OID.organizationName,
  OU: OID.organizationalUnit, G: OID.givenName, GN: OID.givenName, givenName: OID.givenName, surname: OID.surname,
  x500UniqueIdentifier: OID.uniqueIdentifier, organizationIdentifier: OID.organizationIdentifier,
};
const oidOf = (key: string): string => NAME_TO_OID[key] ?? key;

export const firstAttr = (attrs: Array<{oid: string; value: string}>, oid: string): string | undefined => attrs.find((a) => a.oid === oid)?.value;
export const allAttrs = (attrs: Array<{oid: string; value: string}>, oid: string): string[] => attrs.filter((a) => a.oid === oid).map((a) => a.value);

/** Normalises `NIP-…`/`PESEL-…` serial numbers to the ETSI form KSeF returns (`TINPL-…`, `PNOPL-…`). */
export function normaliseSerialNumber(sn: string): string {
  const pesel = /(PNOPL|PESEL).*?(\d{11})/.exec(sn);
  if (pesel) return `PNOPL-${pesel[2]}`;
  const nip = /(TINPL|NIP).*?(\d{10})/.exec(sn);
  if (nip) return `TINPL-${nip[2]}`;
  return sn;
}

/** DN of the expected CSR, in the order the official C# client uses (an issued certificate has it reversed). */
export function enrollmentName(d: EnrollmentData, cnSuffix = ''): NameParams {
  const n: NameParams = [utf8(OID.commonName, d.commonName + cnSuffix)];
  if (d.surname) n.push(utf8(OID.surname, d.surname));
  for (const g of d.givenNames) n.push(utf8(OID.givenName, g));
  if (d.organizationName) n.push(utf8(OID.organizationName, d.organizationName));
  if (d.organizationIdentifier) n.push(utf8(OID.organizationIdentifier, d.organizationIdentifier));
  n.push(printable(OID.countryName, d.countryName));
  if (d.serialNumber) n.push(printable(OID.serialNumber, d.serialNumber));
  if (d.uniqueIdentifier) n.push(utf8(OID.uniqueIdentifier, d.uniqueIdentifier));
  return n;
}


export interface IssueParams {
  ca: KeyPairPem;
  subject: NameParams;
  publicKey: x509.PublicKey;
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  keyUsage: number;
  extraExtensions?: x509.Extension[];
}

export async function issueCertificate(p: IssueParams): Promise<x509.X509Certificate> {
  const caCert = new x509.X509Certificate(p.ca.certPem);
  const signing = await importSigningKey(p.ca.keyPem);
  return x509.X509CertificateGenerator.create({
    serialNumber: p.serialHex,
    subject: new x509.Name(p.subject),
    issuer: caCert.subjectName,
    notBefore: p.notBefore,
    notAfter: p.notAfter,
    publicKey: p.publicKey,
    signingKey: signing.key as CryptoKey,
    signingAlgorithm: signing.alg,
    extensions: [
      await x509.AuthorityKeyIdentifierExtension.create(caCert, false),
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(p.keyUsage, true),
      await x509.SubjectKeyIdentifierExtension.create(p.publicKey),
      ...(p.extraExtensions ?? []),
    ],
  });
}

export interface TestIdentityParams {
  kind: 'person' | 'seal';
  nip: string;
  pesel?: string;
  givenNames?: string[];
  surname?: string;
  organizationName?: string;
  commonName?: string;
  keyAlgorithm?: 'EC-P256' | 'RSA-2048';
  /** Defaults to now − 1 h … +2 years. */
  notBefore?: Date;
  notAfter?: Date;
  /** Self-signed (TEST-only acceptable) instead of signed by the qualified test CA. */
  selfSigned?: boolean;
}

export function testIdentityName(p: TestIdentityParams): NameParams {
  if (p.kind === 'seal') {
    const org = p.organizationName ?? `Firma testowa ${p.nip}`;
    return [printable(OID.countryName, 'PL'), utf8(OID.organizationIdentifier, `VATPL-${p.nip}`), utf8(OID.organizationName, org), utf8(OID.commonName, p.commonName ?? org)];
  }
  const given = p.givenNames?.length ? p.givenNames : ['Jan'];
  const surname = p.surname ?? 'Kowalski';
  const serial = p.pesel ? `PNOPL-${p.pesel}` : `TINPL-${p.nip}`;
  return [
    ...given.map((g) => utf8(OID.givenName, g)),
    utf8(OID.surname, surname),
    printable(OID.serialNumber, serial),
    utf8(OID.commonName, p.commonName ?? `${given.join(' ')} ${surname}`),
    printable(OID.countryName, 'PL'),
  ];
}

/** A person or seal certificate + unencrypted PKCS#8 key, signed by the qualified test CA (or self-signed). */
export async function createTestIdentity(qualifiedCa: KeyPairPem, p: TestIdentityParams, now: Date): Promise<KeyPairPem> {
  const alg = p.keyAlgorithm === 'RSA-2048' ? RSA_ALG : EC_ALG;
  const keys = (await subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const notBefore = p.notBefore ?? new Date(now.getTime() - 60 * 60 * 1000);
  const notAfter = p.notAfter ?? new Date(notBefore.getTime() + 2 * 365 * 24 * 3600 * 1000);
  const name = testIdentityName(p);
  const usage = x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation;
  let cert: x509.X509Certificate;
  if (p.selfSigned) {
    cert = await x509.X509CertificateGenerator.createSelfSigned({serialNumber: newSerialHex(), name: new x509.Name(name), notBefore, notAfter, keys, signingAlgorithm: alg, extensions: [new x509.KeyUsagesExtension(usage, true)]});
  } else {
    const pub = new x509.PublicKey(await subtle.exportKey('spki', keys.publicKey as webcrypto.CryptoKey));
    cert = await issueCertificate({ca: qualifiedCa, subject: name, publicKey: pub, serialHex: newSerialHex(), notBefore, notAfter, keyUsage: usage});
  }
  return {certPem: cert.toString('pem'), keyPem: await exportKeyPem(keys.privateKey as webcrypto.CryptoKey)};
}

export const sha256Hex = (data: ArrayBuffer | Uint8Array): string => createHash('sha256').update(new Uint8Array(data as ArrayBuffer)).digest('hex').toUpperCase();
