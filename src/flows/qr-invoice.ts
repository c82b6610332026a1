// Invoice facts for the QR codes (seller NIP, P_1, file hash) and the pure KOD I + KOD II computation.
// No store access here: the batch workers (qr-worker.ts) import this module on their own threads.
import type {SigningKey} from '../ksef/key-source.js';
import {isValidInternalId, isValidNip, normalizeNip, parseDate, type ContextIdentifier, type ContextType, type EnvCode} from '../domain/index.js';
import {xmlFacts, type XmlFacts} from '../ksef/xml-facts.js';
import {xmlFactsFast} from '../ksef/xml-facts-fast.js';
import {invoiceHash, kod1Linker, kod2Signer, QR_LABEL_CERTIFICATE, QR_LABEL_OFFLINE} from '../ksef/qr-links.js';
import {FlowError, flowError} from './errors.js';
import {msg} from '../i18n/index.js';

/** KSeF accepts invoice files up to 1 MB, 3 MB with attachments; anything far larger is not an invoice. */
export const MAX_INVOICE_BYTES = 10 * 1024 * 1024;

export interface InvoiceFacts {
  /** `Podmiot1/DaneIdentyfikacyjne/NIP` as written in the file (not validated). */
  sellerNip?: string;
  /** `Fa/P_1` as written in the file (not validated). */
  issueDate?: string;
  /** SHA-256 of the file bytes exactly as read, base64url (the KSeF invoiceHash). */
  hash: string;
}

const SELLER_NIP_PATH = ['Podmiot1', 'DaneIdentyfikacyjne', 'NIP'] as const;
const ISSUE_DATE_PATH = ['Fa', 'P_1'] as const;

function checkSize(bytes: Buffer): void {
  if (bytes.length === 0) throw flowError(msg('qrErr.invoice.empty'), 'invoiceEmpty');
  if (bytes.length > MAX_INVOICE_BYTES) {
    throw flowError(msg('qrErr.invoice.tooLarge', {mb: (bytes.length / 1048576).toFixed(1)}), 'invoiceTooLarge');
  }
}

const FACT_PATHS = [SELLER_NIP_PATH, ISSUE_DATE_PATH];

/** The decoding pass: decides every document the fast pass leaves open and words the errors. */
function decodedFacts(bytes: Buffer): XmlFacts {
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // BOM; no regex copy per invoice
  if (!/^\s*</.test(text)) throw flowError(msg('qrErr.invoice.notXml'), 'invalidXml');
  // One strict pass (well-formedness of the whole file, no DTD/entities); KsefCryptoError invalidXml in Polish.
  return xmlFacts(text, FACT_PATHS);
}

/**
 * Reads seller NIP and P_1 from an FA(2)/FA(3) invoice and hashes the bytes. The whole file must be well-formed XML
 * without DTD or entities (a file declaring them is refused); elements are matched by local name, so any FA namespace
 * (and prefix) works. A streaming check (src/ksef/xml-facts.ts), not a DOM: ~3 µs on the bytes of a common invoice
 * (xml-facts-fast.ts), ~12 µs decoded, instead of ~220 µs for a DOM.
 */
export function readInvoiceFacts(bytes: Buffer): InvoiceFacts {
  checkSize(bytes);
  // The common invoice is decided on its bytes (same verdict and values, xml-facts-fast.ts); the rest decoded.
  const {root, values: [sellerNip, issueDate]} = xmlFactsFast(bytes, FACT_PATHS) ?? decodedFacts(bytes);
  if (root !== 'Faktura') {
    throw flowError(msg('qrErr.invoice.notInvoice', {root}), 'notInvoice');
  }
  return {sellerNip, issueDate, hash: invoiceHash(bytes)};
}

const CONTEXT_TYPES: Record<string, ContextType> = {nip: 'Nip', internalid: 'InternalId', nipvatue: 'NipVatUe', peppolid: 'PeppolId'};

/** Checks a context identifier the way KSeF does (NIP checksum, InternalId = NIP-5 digits, …). */
export function checkContext(ctx: ContextIdentifier): ContextIdentifier {
  const ok = ctx.type === 'Nip' ? isValidNip(ctx.value) && /^\d{10}$/.test(ctx.value)
    : ctx.type === 'InternalId' ? isValidInternalId(ctx.value)
    : ctx.type === 'NipVatUe' ? /^\d{10}-[A-Z]{2}[A-Z0-9+*]{2,13}$/.test(ctx.value) && isValidNip(ctx.value.slice(0, 10))
    : /^P[A-Z]{2}[0-9]{6}$/.test(ctx.value);
  if (!ok) throw flowError(msg('qrErr.badContext', {type: ctx.type, value: ctx.value}), 'badContext');
  return ctx;
}

/** `Nip:1111111111`, `InternalId:1111111111-00001`, … (type case-insensitive); undefined when not in that form. */
export function parseContextArg(text: string): ContextIdentifier | undefined {
  const m = /^([A-Za-z]+):(.+)$/.exec(text.trim());
  const type = m && CONTEXT_TYPES[m[1].toLowerCase()];
  if (!m || !type) return undefined;
  return {type, value: m[2].trim()};
}

/** Seller NIP to use: the one given must agree with the invoice's Podmiot1; checksum verified. */
export function resolveSellerNip(given: string | undefined, fromFile: string | undefined): string {
  const nip = given !== undefined && given !== '' ? normalizeNip(given) : fromFile;
  if (!nip) throw flowError(msg('qrErr.noSellerNip'), 'noSellerNip');
  if (!isValidNip(nip)) throw flowError(msg('qrErr.badSellerNip', {nip}), 'badSellerNip');
  if (fromFile && normalizeNip(fromFile) !== nip) {
    throw flowError(msg('qrErr.sellerNipMismatch', {nip, fromFile}), 'sellerNipMismatch');
  }
  return nip;
}

/** Issue date (P_1) to use: a real `RRRR-MM-DD` day; the one given must agree with P_1 when the file has it. */
export function resolveIssueDate(given: string | undefined, fromFile: string | undefined): string {
  const date = given !== undefined && given !== '' ? given.trim() : fromFile;
  if (!date) throw flowError(msg('qrErr.noIssueDate'), 'noIssueDate');
  if (!parseDate(date)) throw flowError(msg('qrErr.badIssueDate', {date}), 'badIssueDate');
  if (fromFile && fromFile !== date) {
    throw flowError(msg('qrErr.issueDateMismatch', {date, fromFile}), 'issueDateMismatch');
  }
  return date;
}

export interface QrLink {
  url: string;
  label: string;
}

export interface InvoiceCodes {
  sellerNip: string;
  issueDate: string;
  hash: string;
  /** KOD I: invoice verification, label OFFLINE. */
  kod1: QrLink;
  /** KOD II: certificate verification, label CERTYFIKAT. */
  kod2: QrLink;
}

export interface CodeParams {
  env: EnvCode;
  context: ContextIdentifier;
  serial: string;
  key: SigningKey;
  /** Given on the command line / form; else taken from the file. */
  sellerNip?: string;
  issueDate?: string;
}

/** Both links for one invoice file. Throws FlowError / KsefCryptoError with a Polish message. */
export function invoiceCodes(bytes: Buffer, p: CodeParams): InvoiceCodes {
  return codeMaker(p)(bytes);
}

/**
 * Both links when the caller gives seller NIP and P_1 and asks not to read them from the file (batch option
 * `skipParse`): the bytes are only size-checked and hashed — no XML check and no comparison with the file's
 * Podmiot1/P_1, so the caller answers for them. About twice as fast per invoice as invoiceCodes.
 */
export function invoiceCodesFromGiven(bytes: Buffer, p: CodeParams): InvoiceCodes {
  return codeMaker({...p, skipParse: true})(bytes);
}

/**
 * invoiceCodes / invoiceCodesFromGiven for every invoice of one batch: the KOD II signer (key, context, serial) and
 * the given NIP/date are checked once, so per invoice only the file's own facts are read, hashed and signed.
 * Throws at once when the batch's parameters are wrong.
 */
export function codeMaker(p: CodeParams & {skipParse?: boolean}): (bytes: Buffer) => InvoiceCodes {
  const signer = kod2Signer({env: p.env, context: p.context, serial: p.serial, key: p.key, certType: 'O'});
  const kod1 = kod1Linker(p.env);
  const links = (sellerNip: string, issueDate: string, hash: string): InvoiceCodes => ({
    sellerNip, issueDate, hash,
    kod1: {url: kod1(sellerNip, issueDate, hash), label: QR_LABEL_OFFLINE},
    kod2: {url: signer.url(sellerNip, hash), label: QR_LABEL_CERTIFICATE},
  });
  if (p.skipParse) {
    if (!p.sellerNip || !p.issueDate) {
      throw flowError(msg('qrErr.skipParseNeedsFacts'), 'skipParseNeedsFacts');
    }
    const sellerNip = resolveSellerNip(p.sellerNip, undefined);
    const issueDate = resolveIssueDate(p.issueDate, undefined);
    return (bytes) => {
      checkSize(bytes);
      return links(sellerNip, issueDate, invoiceHash(bytes));
    };
  }
  const nipOf = remembered((fromFile) => resolveSellerNip(p.sellerNip, fromFile));
  const dateOf = remembered((fromFile) => resolveIssueDate(p.issueDate, fromFile));
  return (bytes) => {
    const facts = readInvoiceFacts(bytes);
    return links(nipOf(facts.sellerNip), dateOf(facts.issueDate), facts.hash);
  };
}

/**
 * A check of a file's value remembered for the values already accepted: a batch's invoices repeat a few seller NIPs
 * and dates, so the NIP checksum and date parse run once per distinct value. Failures are not remembered (they throw).
 */
function remembered(check: (fromFile: string | undefined) => string): (fromFile: string | undefined) => string {
  const ok = new Map<string, string>();
  return (fromFile) => {
    if (fromFile === undefined) return check(fromFile);
    let v = ok.get(fromFile);
    if (v === undefined) {
      v = check(fromFile);
      if (ok.size >= 4096) ok.clear();
      ok.set(fromFile, v);
    }
    return v;
  };
}
