// The QR screen [A-1-5-8] and its verifier (F6): the form's defaults, the invoice facts that pre-fill it, the
// certificate choice, KOD I + II, PNG/SVG files and the link check — bound to the session. The QR, X.509 and signing
// modules load on first use (cold start: test/cold-start-graph.test.ts).
import {readFileSync, statSync} from 'node:fs';
import type {CertificateRecord, ContextIdentifier, EnvCode} from '../../domain/index.js';
import {normalizeNip} from '../../domain/index.js';
import {cardModule} from '../card-module.js';
import {contextFor} from '../context-id.js';
import type {MakeCodesResult} from '../qr.js';
import {MAX_INVOICE_BYTES, readInvoiceFacts} from '../qr-invoice.js';
import type {VerifyQrResult} from '../verify-qr.js';
import {operatorOf} from './certificates.js';
import type {ServiceDeps} from './deps.js';

export interface QrFormDefaults {
  /** `Type:value` of the operator's branch context [A-1-5-1]. */
  context: string;
  /** The workstation's PKCS#11 token [A-1-5-2], when it has one (a type-O key there needs the PIN). */
  card?: {module: string; label?: string};
}

export interface QrRequest {
  invoicePath: string;
  sellerNip?: string;
  issueDate?: string;
  env: EnvCode;
  context?: ContextIdentifier;
  certSerial?: string;
  pin?: string;
}

/** Seller NIP and P_1 of the file a path names, for pre-filling; {} when it is not a readable invoice. */
export function invoiceFactsOf(absPath: string): {sellerNip?: string; issueDate?: string} {
  try {
    if (!/\.xml$/i.test(absPath)) return {};
    const st = statSync(absPath);
    if (!st.isFile() || st.size > MAX_INVOICE_BYTES) return {};
    const f = readInvoiceFacts(readFileSync(absPath));
    return {sellerNip: f.sellerNip, issueDate: f.issueDate};
  } catch {
    return {};
  }
}

/**
 * True when the seller NIP is not the NIP the KSeF context names (Nip, InternalId `NIP-nnnnn`, NipVatUe
 * `NIP-…`): KSeF accepts the code only for invoices of the context's taxpayer, so the user is warned before signing.
 */
export function sellerDiffersFromContext(sellerNip: string | undefined, context: ContextIdentifier | undefined): boolean {
  if (!sellerNip || !context || context.type === 'PeppolId') return false;
  const seller = normalizeNip(sellerNip);
  const ctxNip = context.value.replace(/[\s-]/g, '').slice(0, 10);
  return /^\d{10}$/.test(seller) && /^\d{10}$/.test(ctxNip) && seller !== ctxNip;
}

export function qrServices(deps: ServiceDeps) {
  const base = () => ({store: deps.store, operator: operatorOf(deps), workstation: deps.workstation, now: deps.clock});
  return {
    async defaults(): Promise<QrFormDefaults> {
      const operator = operatorOf(deps);
      const [company, branches, ws] = await Promise.all([deps.store.company(), deps.store.listBranches(), deps.store.workstation(deps.workstation)]);
      const c = contextFor(company, branches.find((b) => b.code === operator.branch)?.config);
      const card = cardModule(ws);
      return {context: `${c.type}:${c.value}`, ...(card ? {card} : {})};
    },
    invoiceFacts: invoiceFactsOf,
    sellerDiffersFromContext,
    /** The type-O certificates KSeF would accept for this invoice, best first. */
    async choices(r: Pick<QrRequest, 'invoicePath' | 'issueDate' | 'env'>): Promise<CertificateRecord[]> {
      const {invoiceDateOf, qrCertificateChoices} = await import('../qr.js');
      const invoiceDate = invoiceDateOf({invoice: readFileSync(r.invoicePath), issueDate: r.issueDate});
      return (await qrCertificateChoices(base(), {env: r.env, invoiceDate})).choices;
    },
    async make(r: QrRequest, card?: {module: string; label?: string}): Promise<MakeCodesResult> {
      const token = card ? {module: card.module, label: card.label, pin: () => r.pin ?? ''} : undefined;
      return (await import('../qr.js')).makeInvoiceCodes({...base(), token}, {
        invoice: readFileSync(r.invoicePath), invoiceName: r.invoicePath, sellerNip: r.sellerNip, issueDate: r.issueDate, env: r.env,
        context: r.context, certSerial: r.certSerial,
      });
    },
    /** PNG + SVG of both codes into `dir`, named after the invoice file. */
    saveImages: async (codes: MakeCodesResult, invoicePath: string, dir: string): Promise<string[]> => {
      const {writeQrImages, invoiceBaseName} = await import('../qr.js');
      return writeQrImages(codes, invoiceBaseName(invoicePath), {pngDir: dir, svgDir: dir});
    },
    verify: async (r: {link: string; invoicePath?: string; certPath?: string}): Promise<VerifyQrResult> =>
      (await import('../verify-qr.js')).verifyQr({store: deps.store, gateway: deps.gateway}, {
        link: r.link, invoice: r.invoicePath ? readFileSync(r.invoicePath) : undefined, certificate: r.certPath ? readFileSync(r.certPath) : undefined,
      }),
  };
}

export type QrServices = ReturnType<typeof qrServices>;
