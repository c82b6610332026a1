// Offline invoice QR codes (type O use): certificate choice, KOD I + KOD II for one invoice, PNG/SVG files, audit.
import {promises as fs} from 'node:fs';
import path from 'node:path';
import type {SigningKey} from '../ksef/key-source.js';
import {
  displayStatus, ENV_NAME, ownerChain, ownerKey, parseDate, warsawDate,
  type CertificateRecord, type ContextIdentifier, type EnvCode, type Operator, type Owner,
} from '../domain/index.js';
import {parseCertificate, validityProblem} from '../ksef/cert-info.js';
import {envFromIssuerCn} from '../ksef/environments.js';
import {qrPng, qrSvg} from '../ksef/qr.js';
import type {Store} from '../store/types.js';
import {wholeRecords} from './whole-records.js';
import {contextFor} from './context-id.js';
import {FlowError, flowError} from './errors.js';
import {msg, type Message} from '../i18n/index.js';
import {checkContext, invoiceCodes, readInvoiceFacts, resolveIssueDate, resolveSellerNip, type InvoiceCodes} from './qr-invoice.js';
import {makeDir} from './fs-util.js';
import {recordKey, type TokenAccess} from './token-keys.js';
import {type Translate} from '../i18n/index.js';
import {ownerText} from './list-view.js';
import {auditNote} from './audit-notes.js';

export {readInvoiceFacts, parseContextArg, checkContext, type InvoiceFacts, type InvoiceCodes, type QrLink} from './qr-invoice.js';

export interface QrDeps {
  store: Store;
  operator: Operator;
  workstation: string;
  now?: () => Date;
  /** PKCS#11 module and PIN, for a type-O certificate whose key is on a token. */
  token?: TokenAccess;
}

export interface QrCertificateOptions {
  /** `--cert SERIAL` (or record id); otherwise the selector operator → branch → company picks a type-O certificate. */
  certSerial?: string;
  /** Environment; default: the operator's branch default (or the chosen certificate's own env with --cert). */
  env?: EnvCode;
  /** KSeF context; default: the branch context [A-1-5-1] (company NIP or InternalId). */
  context?: ContextIdentifier;
  /** Invoice issue date P_1 (`RRRR-MM-DD`): the certificate must have been valid on that day. */
  invoiceDate?: string;
}

/** Everything needed to sign KOD II: the certificate, its unsealed key (memory only), env and context. */
export interface QrSigner {
  record: CertificateRecord;
  serial: string;
  env: EnvCode;
  context: ContextIdentifier;
  key: SigningKey;
  /** Ends the token session of a token key (no-op for a store key); call when done signing. */
  close(): void;
}

/** `firma`, `oddział X`, `operator Y` in the language of `t` (Polish by default). */
export const ownerLabel = (o: Owner, t?: Translate): string => ownerText(o, t);

function unusable(rec: CertificateRecord, now: Date): Message | undefined {
  const cert = msg('qrCert.name', {name: rec.name, serial: rec.serial ?? msg('qrCert.noSerial')});
  switch (displayStatus(rec, now)) {
    case 'expired': return msg('qrCert.expired', {cert, date: rec.validTo ? ` ${warsawDate(new Date(rec.validTo))}` : ''});
    case 'revoked': return msg('qrCert.revoked', {cert});
    case 'waiting': return msg('qrCert.waiting', {cert, date: rec.validFrom ? warsawDate(new Date(rec.validFrom)) : '?'});
    case 'pending': return msg('qrCert.pending', {cert});
    case 'failed': return msg('qrCert.failed', {cert});
    default: return undefined;
  }
}

/**
 * Why KSeF would not accept KOD II signed with `rec` in `env` (FlowError with a Polish message), or undefined:
 * type A, not active now, F5 found it unknown to KSeF, not issued by that environment's KSeF CA (self-signed or
 * another issuer — recognised as import does, from the issuer CN), or not valid on the invoice date.
 */
export function qrRefusal(rec: CertificateRecord, env: EnvCode, now: Date, invoiceDate?: string): FlowError | undefined {
  if (rec.type === 'A') return flowError(msg('crypto.authCannotSignQr'), 'authCannotSignQr');
  const problem = unusable(rec, now);
  if (problem) return flowError(problem, 'certificateNotActive');
  if (!rec.certPem || !rec.serial) return flowError(msg('qrCert.noFile', {name: rec.name}), 'certificateNotActive');
  const cert = msg('qrCert.name', {name: rec.name, serial: rec.serial});
  if (rec.ksefUnknownAt) {
    return flowError(msg('qrCert.unknownToKsef', {cert, date: warsawDate(new Date(rec.ksefUnknownAt))}), 'unknownToKsef');
  }
  // The record says O and active; the certificate itself must agree (KeyUsage, issuer, dates), as KSeF checks the real one.
  const info = parseCertificate(rec.certPem);
  if (info.typeGuess === 'A') return flowError(msg('crypto.authCannotSignQr'), 'authCannotSignQr');
  if (info.selfSigned || envFromIssuerCn(info.issuerCn) !== env) {
    return flowError(msg('qrCert.notIssuedByKsef', {cert, env: ENV_NAME[env], issuer: info.issuer}), 'notIssuedByKsef');
  }
  const validity = validityProblem(info, now);
  if (validity === 'expired') return flowError(msg('qrCert.serialExpired', {serial: rec.serial, date: warsawDate(info.notAfter)}), 'certificateNotActive');
  if (validity === 'notYetValid') return flowError(msg('qrCert.serialNotYet', {serial: rec.serial, date: warsawDate(info.notBefore)}), 'certificateNotActive');
  if (invoiceDate && (invoiceDate < warsawDate(info.notBefore) || invoiceDate > warsawDate(info.notAfter))) {
    return flowError(msg('qrCert.notValidOnDate', {cert, invoiceDate, from: warsawDate(info.notBefore), to: warsawDate(info.notAfter)}), 'notValidOnInvoiceDate');
  }
  return undefined;
}

/**
 * The type-O certificates KOD II may be signed with for the operator in `env`: only those KSeF would accept
 * (qrRefusal), best first — operator → branch → company, the newest start first within one owner. `skipped` says
 * why the other type-O certificates of those owners were left out.
 */
export async function qrCertificateChoices(deps: QrDeps, o: {env: EnvCode; invoiceDate?: string}): Promise<{choices: CertificateRecord[]; skipped: string[]}> {
  const now = deps.now?.() ?? new Date();
  const records = await deps.store.listCertificates();
  const choices: CertificateRecord[] = [];
  const skipped: string[] = [];
  for (const owner of ownerChain(deps.operator)) {
    const key = ownerKey(owner);
    // Only these candidates are read whole: qrRefusal checks the certificate itself.
    const mine = (await wholeRecords(deps.store, records, (r) => r.type === 'O' && r.env === o.env && ownerKey(r.owner) === key && !['pending', 'failed'].includes(r.state)))
      .sort((a, b) => (b.validFrom ?? '').localeCompare(a.validFrom ?? ''));
    for (const r of mine) {
      const refusal = qrRefusal(r, o.env, now, o.invoiceDate);
      if (!refusal) choices.push(r);
      else if (displayStatus(r, now) === 'active') skipped.push(refusal.message);
    }
  }
  return {choices, skipped};
}

/** The type-O certificate for KOD II, refusing type A, unusable, foreign or broken ones (FlowError, Polish). */
export async function chooseQrCertificate(deps: QrDeps, opts: QrCertificateOptions): Promise<{record: CertificateRecord; env: EnvCode}> {
  const now = deps.now?.() ?? new Date();
  const {store, operator} = deps;
  const branch = (await store.listBranches()).find((b) => b.code === operator.branch);
  let record: CertificateRecord | undefined;
  let env: EnvCode;
  if (opts.certSerial) {
    record = await store.getCertificate(opts.certSerial);
    if (!record) throw flowError(msg('qrErr.certNotFound', {serial: opts.certSerial}), 'certNotFound');
    const mine = new Set(ownerChain(operator).map(ownerKey));
    if (operator.role !== 'admin' && !mine.has(ownerKey(record.owner))) {
      throw flowError(msg('qrErr.forbidden', {serial: opts.certSerial, owner: ownerLabel(record.owner), operator: operator.code}), 'forbidden');
    }
    if (opts.env && opts.env !== record.env) {
      throw flowError(msg('qrErr.envMismatch', {serial: opts.certSerial, certEnv: ENV_NAME[record.env], env: ENV_NAME[opts.env]}), 'envMismatch');
    }
    env = record.env;
  } else {
    env = opts.env ?? branch?.config.defaultEnv ?? 'D';
    const {choices, skipped} = await qrCertificateChoices(deps, {env, invoiceDate: opts.invoiceDate});
    record = choices[0];
    if (!record) {
      const searched = ownerChain(operator).map((o) => ownerLabel(o)).join(' → ');
      const facts = {env: ENV_NAME[env], searched};
      throw flowError(skipped.length ? msg('qrErr.noOfflineSkipped', {...facts, skipped: skipped.join(' ')}) : msg('qrErr.noOffline', facts), 'noOfflineCertificate');
    }
  }
  const refusal = qrRefusal(record, env, now, opts.invoiceDate);
  if (refusal) throw refusal;
  return {record, env};
}

/** Chooses the certificate, the context and unseals the key once (kept in memory only). */
export async function prepareQrSigner(deps: QrDeps, opts: QrCertificateOptions): Promise<QrSigner> {
  const {record, env} = await chooseQrCertificate(deps, opts);
  const branch = (await deps.store.listBranches()).find((b) => b.code === deps.operator.branch);
  const context = checkContext(opts.context ?? contextFor(await deps.store.company(), branch?.config));
  const {key, close} = await recordKey(deps.store, record, deps.token);
  return {record, serial: record.serial!, env, context, key, close};
}

export interface QrImageOptions {
  pngDir?: string;
  svgDir?: string;
}

/** `<base>-kod1.png`, `<base>-kod2.png` and/or `.svg` (labels OFFLINE / CERTYFIKAT); returns the paths written. */
export async function writeQrImages(codes: Pick<InvoiceCodes, 'kod1' | 'kod2'>, base: string, o: QrImageOptions): Promise<string[]> {
  const files: string[] = [];
  const pairs = [['kod1', codes.kod1], ['kod2', codes.kod2]] as const;
  if (o.pngDir) {
    await makeDir(o.pngDir);
    for (const [n, link] of pairs) {
      const f = path.join(o.pngDir, `${base}-${n}.png`);
      await qrPng(link.url, link.label, f);
      files.push(f);
    }
  }
  if (o.svgDir) {
    await makeDir(o.svgDir);
    for (const [n, link] of pairs) {
      const f = path.join(o.svgDir, `${base}-${n}.svg`);
      await fs.writeFile(f, qrSvg(link.url, link.label));
      files.push(f);
    }
  }
  return files;
}

/** Invoice file name without its extension: the base of image / `.kod.json` names. */
export const invoiceBaseName = (file: string): string => path.basename(file).replace(/\.[^.]*$/, '') || path.basename(file);

export interface MakeCodesInput extends QrCertificateOptions, QrImageOptions {
  /** Invoice file bytes exactly as sent to KSeF. */
  invoice: Buffer;
  /** File name (for image names and the audit); default `faktura`. */
  invoiceName?: string;
  sellerNip?: string;
  issueDate?: string;
}

export interface MakeCodesResult extends InvoiceCodes {
  env: EnvCode;
  context: ContextIdentifier;
  certificate: {id: string; name: string; owner: Owner; serial: string; validTo?: string};
  files: string[];
}

/** P_1 given or read from the invoice; undefined when unreadable (invoiceCodes then reports the invoice's problem). */
export function invoiceDateOf(input: Pick<MakeCodesInput, 'invoice' | 'issueDate'>): string | undefined {
  if (input.issueDate) return parseDate(input.issueDate) ? input.issueDate : undefined;
  try {
    return readInvoiceFacts(input.invoice).issueDate;
  } catch {
    return undefined;
  }
}

/** KOD I + KOD II for one offline invoice, optional PNG/SVG files, audit event `qrSign`. */
export async function makeInvoiceCodes(deps: QrDeps, input: MakeCodesInput): Promise<MakeCodesResult> {
  // The invoice's own problems (not an invoice, bad seller NIP or P_1) come first; its P_1 then picks the certificate.
  const facts = readInvoiceFacts(input.invoice);
  resolveSellerNip(input.sellerNip, facts.sellerNip);
  const invoiceDate = resolveIssueDate(input.issueDate, facts.issueDate);
  const signer = await prepareQrSigner(deps, {...input, invoiceDate: input.invoiceDate ?? invoiceDate});
  let codes: InvoiceCodes;
  try {
    codes = invoiceCodes(input.invoice, {
      env: signer.env, context: signer.context, serial: signer.serial, key: signer.key, sellerNip: input.sellerNip, issueDate: input.issueDate,
    });
  } finally {
    signer.close();
  }
  const name = input.invoiceName ?? 'faktura';
  const files = await writeQrImages(codes, invoiceBaseName(name), input);
  const {record} = signer;
  await deps.store.audit({
    operator: deps.operator.code, workstation: deps.workstation, action: 'qrSign', certificateId: record.id, serial: record.serial,
    ...auditNote(msg('auditNote.qrSign', {
      file: path.basename(name), nip: codes.sellerNip, date: codes.issueDate, ctxType: signer.context.type, ctxValue: signer.context.value,
      env: ENV_NAME[signer.env],
    })),
  });
  return {
    ...codes, env: signer.env, context: signer.context, files,
    certificate: {id: record.id, name: record.name, owner: record.owner, serial: signer.serial, validTo: record.validTo},
  };
}
