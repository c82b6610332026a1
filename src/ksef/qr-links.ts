// KOD I (invoice) and KOD II (certificate) verification links per KSeF `kody-qr`: hashing, signing, parsing and
// verifying. No image code here, so the batch workers load only this (src/ksef/qr.ts adds the QR images).
import {hash as oneShotHash, createPublicKey, sign as cryptoSign, verify as cryptoVerify, constants, X509Certificate as NodeX509} from 'node:crypto';
import type {CertTypeCode, ContextIdentifier, EnvCode} from '../domain/index.js';
import {KSEF_ENVIRONMENTS} from './environments.js';
import {KsefCryptoError} from './errors.js';
import {isExternalKey, type SigningKey} from './key-source.js';
import {msg, type Message} from '../i18n/index.js';

/**
 * SHA-256 of the invoice file bytes exactly as sent to KSeF, base64url without padding (43 chars). One-shot
 * `crypto.hash` (Node ≥ 20.12): no Hash object and no digest Buffer per invoice, about half the cost of createHash.
 */
export const invoiceHash = (bytes: Buffer | string): string => oneShotHash('sha256', bytes, 'base64url');

const NIP_RE = /^\d{10}$/;
/** The base64url alphabet. */
const B64URL = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_') B64URL[c.charCodeAt(0)] = 1;
/** A SHA-256 in base64url (43 characters, no padding): a table loop, half the cost of /^[A-Za-z0-9_-]{43}$/. */
function isHash(h: string): boolean {
  if (h.length !== 43) return false;
  for (let k = 0; k < 43; k++) if (B64URL[h.charCodeAt(k)] !== 1) return false; // beyond 127: undefined
  return true;
}

/** Checks run once per invoice of a batch: `if (!ok) fail(msg(…))`, so the message is built only on failure. */
function fail(what: Message): never {
  throw new KsefCryptoError('invalidInput', what);
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** KOD I: `{qrBase}/invoice/{NIP}/{DD-MM-YYYY}/{hash}`; issueDate is P_1 as YYYY-MM-DD. */
export function kod1Link(p: {env: EnvCode; sellerNip: string; issueDate: string; invoiceHash: string}): string {
  const d = p.issueDate;
  if (!DATE_RE.test(d)) fail(msg('crypto.qr.issueDate', {date: d}));
  if (!NIP_RE.test(p.sellerNip)) fail(msg('crypto.qr.sellerNip', {nip: p.sellerNip}));
  if (!isHash(p.invoiceHash)) fail(msg('crypto.qr.hash'));
  return `${KSEF_ENVIRONMENTS[p.env].qrBase}/invoice/${p.sellerNip}/${d.slice(8, 10)}-${d.slice(5, 7)}-${d.slice(0, 4)}/${p.invoiceHash}`;
}

/**
 * kod1Link for the invoices of a batch: the link up to the hash is built and checked once per seller NIP and issue
 * date (a batch repeats a few), so per invoice only the hash is checked and appended. Same links, same errors.
 */
export function kod1Linker(env: EnvCode): (sellerNip: string, issueDate: string, invoiceHash: string) => string {
  let nip: string | undefined;
  const heads = new Map<string, string>(); // issue date → the link up to the hash, for `nip`
  return (sellerNip, issueDate, invoiceHash) => {
    let head = sellerNip === nip ? heads.get(issueDate) : undefined;
    if (head === undefined) {
      const url = kod1Link({env, sellerNip, issueDate, invoiceHash}); // checks date, NIP and hash in this order
      if (sellerNip !== nip || heads.size >= 4096) heads.clear();
      nip = sellerNip;
      heads.set(issueDate, url.slice(0, url.length - invoiceHash.length));
      return url;
    }
    if (!isHash(invoiceHash)) fail(msg('crypto.qr.hash'));
    return head + invoiceHash;
  };
}

export interface Kod2Input {
  env: EnvCode;
  context: ContextIdentifier;
  sellerNip: string;
  /** KSeF certificate serial (hex, as KSeF prints it). */
  serial: string;
  invoiceHash: string;
  /** A key unsealed from the store or a key on a PKCS#11 token (signs in this thread). */
  key: SigningKey;
  certType?: CertTypeCode;
}

/** KOD II link signed with the private key of an Offline (type O) KSeF certificate. */
export function kod2Link(p: Kod2Input): {url: string; signedString: string; signature: string} {
  return kod2Signer(p).link(p.sellerNip, p.invoiceHash);
}

export interface Kod2Signer {
  link(sellerNip: string, invoiceHash: string): {url: string; signedString: string; signature: string};
  /** link(…).url without the other parts (a batch keeps only the URL). */
  url(sellerNip: string, invoiceHash: string): string;
}

/**
 * KOD II for many invoices of one certificate and context (a batch): the key, context and serial are checked and the
 * constant part of the signed string is built once; per invoice only the NIP and hash are checked and signed.
 */
export function kod2Signer(p: Omit<Kod2Input, 'sellerNip' | 'invoiceHash'>): Kod2Signer {
  if (p.certType === 'A') throw new KsefCryptoError('authCannotSignQr');
  if (!(/^[A-Za-z0-9-]+$/.test(p.context.value) && ['Nip', 'InternalId', 'NipVatUe', 'PeppolId'].includes(p.context.type))) fail(msg('crypto.qr.context'));
  if (!/^[0-9A-F]+$/i.test(p.serial)) fail(msg('crypto.qr.serial', {serial: p.serial}));
  const sign = signerFor(p.key);
  const prefix = `${KSEF_ENVIRONMENTS[p.env].qrHost}/certificate/${p.context.type}/${p.context.value}/`;
  const serial = `/${p.serial.toUpperCase()}/`;
  // One scratch buffer for the signed bytes (ASCII only: every part is checked to be ASCII) holding the part up to the
  // hash for the last seller NIP, and its view: the signed string has the same length for every invoice of a batch
  // (10-digit NIP, 43-character hash), so per invoice only the hash is written.
  const head = (nip: string): string => prefix + nip + serial;
  const scratch = Buffer.allocUnsafe(head('0123456789').length + 43);
  const view = scratch.subarray(0, scratch.length);
  let nip: string | undefined;
  let signedHead = '';
  const parts = (sellerNip: string, invoiceHash: string): {signedString: string; signature: string} => {
    if (sellerNip !== nip) {
      if (!NIP_RE.test(sellerNip)) fail(msg('crypto.qr.sellerNip', {nip: sellerNip}));
      signedHead = head(sellerNip);
      scratch.write(signedHead, 0, 'latin1');
      nip = sellerNip;
    }
    if (!isHash(invoiceHash)) fail(msg('crypto.qr.hash'));
    scratch.write(invoiceHash, signedHead.length, 'latin1');
    const signature = sign(view).toString('base64url');
    return {signedString: signedHead + invoiceHash, signature};
  };
  return {
    link(sellerNip, invoiceHash) {
      const {signedString, signature} = parts(sellerNip, invoiceHash);
      return {url: `https://${signedString}/${signature}`, signedString, signature};
    },
    url(sellerNip, invoiceHash) {
      const {signedString, signature} = parts(sellerNip, invoiceHash);
      return `https://${signedString}/${signature}`;
    },
  };
}

/**
 * The KOD II signature function of a key: RSASSA-PSS SHA-256 / MGF1-SHA-256 / salt 32, or ECDSA SHA-256 as
 * IEEE-P1363 R‖S. A token key signs on the token (same algorithms, see ExternalKey.signKod2).
 */
function signerFor(key: SigningKey): (data: Buffer) => Buffer {
  if (isExternalKey(key)) return (data) => key.signKod2(Buffer.from(data));
  const options: Parameters<typeof cryptoSign>[2] | undefined = key.asymmetricKeyType === 'rsa' ? {key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32}
    : key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1' ? {key, dsaEncoding: 'ieee-p1363' as const}
    : undefined;
  if (!options) throw new KsefCryptoError('unsupportedKey');
  return (data) => cryptoSign('sha256', data, options);
}

export interface Kod2Parts {
  host: string;
  contextType: string;
  contextValue: string;
  sellerNip: string;
  serial: string;
  invoiceHash: string;
  signature: string;
  signedString: string;
}

export function parseKod2Link(url: string): Kod2Parts | undefined {
  const m = /^https:\/\/(([^/]+)\/certificate\/([^/]+)\/([^/]+)\/([^/]+)\/([^/]+)\/([^/]+))\/([A-Za-z0-9_-]+)$/.exec(url.trim());
  if (!m) return undefined;
  return {signedString: m[1], host: m[2], contextType: m[3], contextValue: m[4], sellerNip: m[5], serial: m[6], invoiceHash: m[7], signature: m[8]};
}

/**
 * Checks a KOD II link against a certificate: serial matches and the signature verifies (RSA-PSS salt 32; ECDSA
 * as R‖S or DER — KSeF accepts both).
 */
export function verifyKod2(url: string, certPem: string | Buffer): boolean {
  const parts = parseKod2Link(url);
  if (!parts) return false;
  let cert: NodeX509;
  try {
    cert = new NodeX509(certPem);
  } catch {
    return false;
  }
  if (cert.serialNumber.replace(/^0+/, '').toUpperCase() !== parts.serial.replace(/^0+/, '').toUpperCase()) return false;
  const key = createPublicKey(cert.publicKey.export({type: 'spki', format: 'pem'}));
  const data = Buffer.from(parts.signedString, 'utf8');
  const sig = Buffer.from(parts.signature, 'base64url');
  if (key.asymmetricKeyType === 'rsa') {
    return cryptoVerify('sha256', data, {key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32}, sig);
  }
  if (key.asymmetricKeyType === 'ec') {
    return sig.length === 64
      ? cryptoVerify('sha256', data, {key, dsaEncoding: 'ieee-p1363'}, sig)
      : cryptoVerify('sha256', data, {key, dsaEncoding: 'der'}, sig);
  }
  return false;
}

// ---- images -------------------------------------------------------------------------------------------------

export const QR_LABEL_OFFLINE = 'OFFLINE';
export const QR_LABEL_CERTIFICATE = 'CERTYFIKAT';
