// PKCS#10 certificate requests for POST /certificates/enrollments, built from /certificates/enrollments/data.
import {KeyObject, generateKeyPairSync, webcrypto} from 'node:crypto';
import * as x509 from './x509.js';
import {AsnConvert} from '@peculiar/asn1-schema';
import {Name as AsnName} from '@peculiar/asn1-x509';
import {dnEntries} from './cert-info.js';
import {KsefCryptoError} from './errors.js';
import {isExternalKey, routedCrypto, type ExternalKey} from './key-source.js';
import {msg} from '../i18n/index.js';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

/** OAS `CertificateEnrollmentDataResponse` (docs: givenName "returned as a list", OAS types it as string). */
export interface EnrollmentData {
  commonName: string;
  countryName: string;
  givenName?: string | string[] | null;
  surname?: string | null;
  serialNumber?: string | null;
  uniqueIdentifier?: string | null;
  organizationName?: string | null;
  organizationIdentifier?: string | null;
}

export type CsrKeyAlgorithm = 'EC-P256' | 'RSA-2048';

export interface CsrKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** EC P-256 (KSeF's recommendation, what MCU / the Taxpayer App produce) or RSA-2048. */
export function generateKeyPair(alg: CsrKeyAlgorithm = 'EC-P256'): CsrKeyPair {
  return alg === 'EC-P256'
    ? generateKeyPairSync('ec', {namedCurve: 'prime256v1'})
    : generateKeyPairSync('rsa', {modulusLength: 2048, publicExponent: 0x10001});
}

const OIDS = {
  CN: '2.5.4.3',
  surname: '2.5.4.4',
  serialNumber: '2.5.4.5',
  C: '2.5.4.6',
  O: '2.5.4.10',
  givenName: '2.5.4.42',
  uniqueIdentifier: '2.5.4.45',
  organizationIdentifier: '2.5.4.97',
} as const;

type StringType = 'utf8String' | 'printableString';
interface DnItem {
  oid: string;
  value: string;
  type: StringType;
}

const isPrintable = (v: string): boolean => /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(v);
const present = (v: string | null | undefined): v is string => typeof v === 'string' && v !== '';
const givenNames = (g: EnrollmentData['givenName']): string[] => (Array.isArray(g) ? g : g ? [g] : []).filter(present);

/**
 * Subject in the RDN order and encoding of the official C# client: CN, surname, givenName…, O,
 * organizationIdentifier (UTF8String), C and serialNumber (PrintableString, X.520), uniqueIdentifier (UTF8String).
 * Values are copied verbatim; a serialNumber outside the PrintableString alphabet falls back to UTF8String.
 */
export function enrollmentDn(data: EnrollmentData): DnItem[] {
  const out: DnItem[] = [];
  const add = (oid: string, value: string | null | undefined, type: StringType = 'utf8String') => {
    if (present(value)) out.push({oid, value, type});
  };
  add(OIDS.CN, data.commonName);
  add(OIDS.surname, data.surname);
  for (const g of givenNames(data.givenName)) add(OIDS.givenName, g);
  add(OIDS.O, data.organizationName);
  add(OIDS.organizationIdentifier, data.organizationIdentifier);
  add(OIDS.C, data.countryName, 'printableString');
  if (present(data.serialNumber)) add(OIDS.serialNumber, data.serialNumber, isPrintable(data.serialNumber) ? 'printableString' : 'utf8String');
  add(OIDS.uniqueIdentifier, data.uniqueIdentifier);
  return out;
}

async function webKeys(keys: CsrKeyPair): Promise<{pair: CryptoKeyPair; signingAlgorithm: Algorithm | EcdsaParams}> {
  const type = keys.privateKey.asymmetricKeyType;
  const d = keys.privateKey.asymmetricKeyDetails ?? {};
  let alg: RsaHashedImportParams | EcKeyImportParams;
  let signingAlgorithm: Algorithm | EcdsaParams;
  if (type === 'ec' && d.namedCurve === 'prime256v1') {
    alg = {name: 'ECDSA', namedCurve: 'P-256'};
    signingAlgorithm = {name: 'ECDSA', hash: 'SHA-256'} as EcdsaParams;
  } else if (type === 'rsa' && d.modulusLength === 2048) {
    alg = {name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256'};
    signingAlgorithm = {name: 'RSASSA-PKCS1-v1_5'};
  } else {
    throw new KsefCryptoError('unsupportedKey');
  }
  const subtle = webcrypto.subtle;
  const privateKey = await subtle.importKey('pkcs8', keys.privateKey.export({type: 'pkcs8', format: 'der'}), alg, false, ['sign']);
  const publicKey = await subtle.importKey('spki', keys.publicKey.export({type: 'spki', format: 'der'}), alg, true, ['verify']);
  return {pair: {privateKey, publicKey} as CryptoKeyPair, signingAlgorithm};
}

/** A token key as a WebCrypto pair: the private half stays on the token (routedCrypto signs there). */
async function externalWebKeys(key: ExternalKey): Promise<{pair: CryptoKeyPair; signingAlgorithm: Algorithm | EcdsaParams}> {
  if (key.algorithm !== 'EC-P256' && key.algorithm !== 'RSA-2048') throw new KsefCryptoError('unsupportedKey');
  const ec = key.algorithm === 'EC-P256';
  const alg = ec ? {name: 'ECDSA', namedCurve: 'P-256'} : {name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256'};
  const publicKey = await webcrypto.subtle.importKey('spki', key.publicKey.export({type: 'spki', format: 'der'}), alg, true, ['verify']);
  const signingAlgorithm = ec ? ({name: 'ECDSA', hash: 'SHA-256'} as EcdsaParams) : {name: 'RSASSA-PKCS1-v1_5'};
  return {pair: {privateKey: key.webPrivateKey, publicKey} as CryptoKeyPair, signingAlgorithm};
}

/** PKCS#10 (DER and base64 for the `csr` field) signed with ECDSA-SHA256 or RSA PKCS#1 v1.5 SHA-256. */
export async function createCsr(data: EnrollmentData, keys: CsrKeyPair | ExternalKey): Promise<{csrDer: Buffer; csrBase64: string}> {
  if (!present(data.commonName) || !present(data.countryName)) {
    throw new KsefCryptoError('invalidInput', msg('crypto.csrIncomplete'));
  }
  const {pair, signingAlgorithm} = isExternalKey(keys) ? await externalWebKeys(keys) : await webKeys(keys);
  const name = new x509.Name(enrollmentDn(data).map((i) => ({[i.oid]: [{[i.type]: i.value}]})));
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({name, keys: pair, signingAlgorithm}, routedCrypto);
  const csrDer = Buffer.from(csr.rawData);
  return {csrDer, csrBase64: csrDer.toString('base64')};
}

/**
 * True when the CSR's subject holds exactly the attributes and values of the enrollment data (order-independent,
 * as KSeF compares; 25003 otherwise) and its self-signature verifies.
 */
export async function csrSubjectMatches(csrDer: Uint8Array, data: EnrollmentData): Promise<boolean> {
  let csr: x509.Pkcs10CertificateRequest;
  try {
    csr = new x509.Pkcs10CertificateRequest(new Uint8Array(csrDer));
    if (!(await csr.verify())) return false;
  } catch {
    return false;
  }
  const actual = dnEntries(AsnConvert.parse(csr.subjectName.toArrayBuffer(), AsnName)).map((e) => `${e.type}=${e.value}`).sort();
  const expected = enrollmentDn(data).map((i) => `${i.oid}=${i.value}`).sort();
  return actual.length === expected.length && actual.every((v, i) => v === expected[i]);
}
