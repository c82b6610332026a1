// Verifier of KOD I / KOD II links (kody-qr.md), stricter than the public QR page, which checks only the
// certificate's status: environment host, canonical base64url, invoice hash, seller and issue date against the
// invoice, the KOD II signature against the certificate, the certificate's type (O, nonRepudiation), environment,
// validity on the issue date, and that context and seller NIP belong to the certificate's subject. Pure: the caller
// supplies the invoice facts, the certificate and (optionally) KSeF's own verdict.
import {warsawDate, isValidNip, isValidInternalId, type EnvCode} from '../domain/index.js';
import {parseCertificate, type CertInfo} from './cert-info.js';
import {KSEF_ENVIRONMENTS} from './environments.js';
import {verifyKod2} from './qr.js';

export type QrCheckId =
  | 'format' | 'host' | 'sellerNip' | 'context' | 'issueDate' | 'hashCanonical' | 'signatureCanonical'
  | 'invoiceHash' | 'invoiceSeller' | 'invoiceDate' | 'certificate' | 'serial' | 'signature' | 'offlineType'
  | 'certEnv' | 'validOnIssueDate' | 'contextOfCertificate' | 'sellerOfContext' | 'ksefStatus';

/** ok: true passed, false failed (a reason), null not checkable here (e.g. no invoice given). */
export interface QrCheck {
  id: QrCheckId;
  ok: boolean | null;
  /** Values for the message (found vs expected), never secrets. */
  info?: Record<string, string>;
}

export interface QrLinkParts {
  kind: 'KOD I' | 'KOD II';
  host: string;
  env?: EnvCode;
  sellerNip: string;
  invoiceHash: string;
  /** KOD I: DD-MM-YYYY from the link. */
  issueDate?: string;
  contextType?: string;
  contextValue?: string;
  serial?: string;
  signature?: string;
}

export interface QrVerification {
  valid: boolean;
  link?: QrLinkParts;
  checks: QrCheck[];
}

export interface QrVerifyInput {
  /** Facts of the invoice file, if given: its hash and what it says (Podmiot1 NIP, P_1 as YYYY-MM-DD). */
  invoice?: {hash: string; sellerNip?: string; issueDate?: string};
  /** The KOD II certificate (PEM or DER), if found. */
  certificate?: Buffer | string;
  /** KSeF's own verdict from the QR page (simulator), if reachable. */
  ksef?: {valid: boolean; message: string};
}

const ENV_BY_HOST = new Map(Object.entries(KSEF_ENVIRONMENTS).map(([code, e]) => [e.qrHost, code as EnvCode]));
const SEG = '([^/?#]+)';
const KOD1_RE = new RegExp(`^https://${SEG}/invoice/${SEG}/${SEG}/${SEG}$`);
const KOD2_RE = new RegExp(`^https://${SEG}/certificate/${SEG}/${SEG}/${SEG}/${SEG}/${SEG}/${SEG}$`);

/** base64url without padding whose decoding re-encodes to the same text (no stray bits in the last character). */
const canonicalB64url = (s: string, bytes?: number): boolean => {
  if (!/^[A-Za-z0-9_-]+$/.test(s)) return false;
  const raw = Buffer.from(s, 'base64url');
  return raw.toString('base64url') === s && (bytes === undefined || raw.length === bytes);
};

function parseLink(link: string): QrLinkParts | undefined {
  const text = link.trim();
  const k1 = KOD1_RE.exec(text);
  if (k1) return {kind: 'KOD I', host: k1[1], env: ENV_BY_HOST.get(k1[1]), sellerNip: k1[2], issueDate: k1[3], invoiceHash: k1[4]};
  const k2 = KOD2_RE.exec(text);
  if (k2) {
    return {
      kind: 'KOD II', host: k2[1], env: ENV_BY_HOST.get(k2[1]), contextType: k2[2], contextValue: k2[3], sellerNip: k2[4],
      serial: k2[5], invoiceHash: k2[6], signature: k2[7],
    };
  }
  return undefined;
}

/** NIP behind a context identifier (PeppolId has none). */
function contextNip(type: string, value: string): string | undefined {
  if (type === 'Nip') return value;
  if (type === 'InternalId' || type === 'NipVatUe') return value.split('-')[0];
  return undefined;
}

function contextValid(type: string, value: string): boolean {
  if (type === 'Nip') return isValidNip(value);
  if (type === 'InternalId') return isValidInternalId(value);
  if (type === 'NipVatUe') return isValidNip(value.split('-')[0]) && /^\d{10}-[A-Z]{2}[A-Z0-9+*]{2,12}$/.test(value);
  if (type === 'PeppolId') return /^P[A-Z]{2}\d{6}$/.test(value);
  return false;
}

/** DD-MM-YYYY → YYYY-MM-DD when it is a real date. */
function isoFromLinkDate(d: string): string | undefined {
  const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(d);
  if (!m) return undefined;
  const iso = `${m[3]}-${m[2]}-${m[1]}`;
  const t = new Date(`${iso}T12:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === iso ? iso : undefined;
}

export function verifyQrLink(link: string, input: QrVerifyInput = {}): QrVerification {
  const parts = parseLink(link);
  if (!parts) return {valid: false, checks: [{id: 'format', ok: false}]};
  const checks: QrCheck[] = [{id: 'format', ok: true, info: {kind: parts.kind}}];
  const add = (id: QrCheckId, ok: boolean | null, info?: Record<string, string>) => checks.push({id, ok, ...(info ? {info} : {})});

  add('host', parts.env !== undefined, {host: parts.host});
  add('sellerNip', isValidNip(parts.sellerNip), {nip: parts.sellerNip});
  const linkDate = parts.issueDate !== undefined ? isoFromLinkDate(parts.issueDate) : undefined;
  if (parts.kind === 'KOD I') add('issueDate', linkDate !== undefined, {date: parts.issueDate!});
  else add('context', contextValid(parts.contextType!, parts.contextValue!), {context: `${parts.contextType}/${parts.contextValue}`});
  add('hashCanonical', canonicalB64url(parts.invoiceHash, 32), {hash: parts.invoiceHash});
  if (parts.kind === 'KOD II') add('signatureCanonical', canonicalB64url(parts.signature!));

  const inv = input.invoice;
  add('invoiceHash', inv ? inv.hash === parts.invoiceHash : null, inv ? {file: inv.hash, link: parts.invoiceHash} : undefined);
  add('invoiceSeller', inv ? inv.sellerNip === parts.sellerNip : null, inv ? {file: inv.sellerNip ?? '—', link: parts.sellerNip} : undefined);
  if (parts.kind === 'KOD I') add('invoiceDate', inv ? !!linkDate && inv.issueDate === linkDate : null, inv ? {file: inv.issueDate ?? '—', link: parts.issueDate!} : undefined);
  else kod2Checks(parts, input, linkDateFrom(inv), add);

  const valid = checks.every((c) => c.ok !== false) && (parts.kind === 'KOD I' || checks.some((c) => c.id === 'signature' && c.ok === true));
  return {valid, link: parts, checks};
}

const linkDateFrom = (inv: QrVerifyInput['invoice']): string | undefined => (inv?.issueDate && /^\d{4}-\d{2}-\d{2}$/.test(inv.issueDate) ? inv.issueDate : undefined);

function kod2Checks(parts: QrLinkParts, input: QrVerifyInput, issueDate: string | undefined, add: (id: QrCheckId, ok: boolean | null, info?: Record<string, string>) => void): void {
  let cert: CertInfo | undefined;
  try {
    cert = input.certificate ? parseCertificate(input.certificate) : undefined;
  } catch {
    cert = undefined;
  }
  add('certificate', !!cert, {serial: parts.serial!});
  if (cert) {
    const same = cert.serial.replace(/^0+/, '') === parts.serial!.toUpperCase().replace(/^0+/, '');
    add('serial', same, {cert: cert.serial, link: parts.serial!});
    const url = `https://${parts.host}/certificate/${parts.contextType}/${parts.contextValue}/${parts.sellerNip}/${parts.serial}/${parts.invoiceHash}/${parts.signature}`;
    add('signature', same && verifyKod2(url, cert.der));
    add('offlineType', cert.usage.nonRepudiation && cert.typeGuess === 'O', {usage: cert.usage.nonRepudiation ? 'nonRepudiation' : 'digitalSignature'});
    add('certEnv', cert.envGuess !== undefined && cert.envGuess === parts.env, {issuer: cert.issuerCn ?? '—'});
    if (issueDate) {
      const from = warsawDate(cert.notBefore);
      const to = warsawDate(cert.notAfter);
      add('validOnIssueDate', from <= issueDate && issueDate <= to, {date: issueDate, from, to});
    } else add('validOnIssueDate', null);
    const ctxNip = contextNip(parts.contextType!, parts.contextValue!);
    const id = cert.subjectIdentifier;
    add('contextOfCertificate', id?.type === 'Nip' && ctxNip ? id.value === ctxNip : null, {cert: id ? `${id.type} ${id.value}` : '—', context: ctxNip ?? parts.contextValue!});
  }
  const ctxNip = contextNip(parts.contextType!, parts.contextValue!);
  add('sellerOfContext', ctxNip ? ctxNip === parts.sellerNip : null, {seller: parts.sellerNip, context: ctxNip ?? '—'});
  add('ksefStatus', input.ksef ? input.ksef.valid : null, input.ksef ? {message: input.ksef.message} : undefined);
}
