// `verify-qr` use case: gathers what the verifier needs — invoice facts, the KOD II certificate (a file, the store,
// or the simulator's QR page when reachable) and KSeF's own verdict — then runs src/ksef/qr-verify.ts.
import type {EnvCode} from '../domain/index.js';
import {verifyQrLink, type QrVerification} from '../ksef/qr-verify.js';
import type {Store} from '../store/types.js';
import type {MessageKey, Translate} from '../i18n/index.js';
import type {KsefGateway} from './gateway.js';
import {readInvoiceFacts} from './qr-invoice.js';

export interface VerifyQrDeps {
  /** Certificates already known locally (public part only is used). */
  store?: Pick<Store, 'listCertificates' | 'getCertificate'>;
  gateway?: KsefGateway;
  /** Limit for the QR page request (ms). */
  timeoutMs?: number;
}

export interface VerifyQrRequest {
  link: string;
  invoice?: Buffer;
  certificate?: Buffer;
}

export type CertificateSource = 'file' | 'store' | 'ksef';

export interface VerifyQrResult extends QrVerification {
  certificateSource?: CertificateSource;
}

interface QrPageAnswer {
  valid: boolean;
  message: string;
  certificate?: string;
}

/**
 * KSeF's QR page for this link, as JSON. Only the simulator's page answers in JSON (the public page is HTML for
 * people), so with the public KSeF addresses this is skipped.
 */
async function askQrPage(gateway: KsefGateway, env: EnvCode, link: string, timeoutMs: number): Promise<QrPageAnswer | undefined> {
  if (gateway.target !== 'simulator' && !gateway.describe().startsWith('http')) return undefined;
  try {
    const base = (await gateway.apiBase(env)).replace(/\/v2\/?$/, '');
    const path = link.trim().replace(/^https:\/\/[^/]+/, '');
    const res = await fetch(base + path, {signal: AbortSignal.timeout(timeoutMs)});
    if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return undefined;
    const body = (await res.json()) as Partial<QrPageAnswer>;
    return typeof body.valid === 'boolean' ? {valid: body.valid, message: String(body.message ?? ''), certificate: typeof body.certificate === 'string' ? body.certificate : undefined} : undefined;
  } catch {
    return undefined;
  }
}

export async function verifyQr(deps: VerifyQrDeps, req: VerifyQrRequest): Promise<VerifyQrResult> {
  const first = verifyQrLink(req.link);
  const invoice = req.invoice ? readInvoiceFacts(req.invoice) : undefined;
  const parts = first.link;
  if (!parts || parts.kind === 'KOD I') return verifyQrLink(req.link, {invoice});

  let certificate: Buffer | string | undefined = req.certificate;
  let source: CertificateSource | undefined = certificate ? 'file' : undefined;
  if (!certificate && deps.store && parts.serial) {
    const serial = parts.serial.toUpperCase();
    const row = (await deps.store.listCertificates()).find((r) => r.serial?.toUpperCase() === serial && r.hasCert);
    const rec = row && (await deps.store.getCertificate(row.id));
    if (rec?.certPem) [certificate, source] = [rec.certPem, 'store'];
  }
  const page = deps.gateway && parts.env ? await askQrPage(deps.gateway, parts.env, req.link, deps.timeoutMs ?? 5000) : undefined;
  if (!certificate && page?.certificate) [certificate, source] = [Buffer.from(page.certificate, 'base64'), 'ksef'];
  const result = verifyQrLink(req.link, {invoice, certificate, ksef: page ? {valid: page.valid, message: page.message} : undefined});
  return {...result, ...(source ? {certificateSource: source} : {})};
}

export interface VerifyLine {
  ok: boolean | null;
  text: string;
}

/** What the CLI and the TUI print: a headline, then one line per check (a reason for each failure). */
export function describeVerification(r: VerifyQrResult, t: Translate): {headline: string; lines: VerifyLine[]} {
  const kind = r.link?.kind ?? 'KOD';
  const headline = t(r.valid ? 'verify.valid' : 'verify.invalid', {kind});
  const lines = r.checks.map((c): VerifyLine => {
    const params = {...(c.info ?? {})};
    if (c.ok === false) return {ok: false, text: t(`verify.${c.id}.fail` as MessageKey, params)};
    const label = t(`verify.${c.id}` as MessageKey, params);
    return {ok: c.ok, text: c.ok === null ? `${label}: ${t('verify.unchecked')}` : label};
  });
  if (r.certificateSource) lines.push({ok: null, text: t(`verify.source.${r.certificateSource}` as MessageKey)});
  return {headline, lines};
}
