// KSeF API 2.0 HTTP client (auth + certificates) on undici.
//
// Retry policy (why each call is or is not retried on 5xx / dropped connection / timeout):
//   retried   — GETs, POST /auth/challenge (a new challenge consumes nothing), POST /auth/token/refresh (the refresh
//               token is reusable until it expires and only mints a new access token), POST /certificates/retrieve
//               and /certificates/query (read-only POSTs).
//   surfaced  — POST /auth/xades-signature (may have consumed the challenge), POST /auth/token/redeem (single use:
//               a repeat answers 21301), POST /certificates/enrollments (counts against the enrollment quota),
//               POST /certificates/{serial}/revoke and DELETE /auth/sessions/* (a repeat after a lost response
//               reports a misleading "already revoked").
//   429       — always honoured for every call: KSeF did not process the request, so repeating is safe. Waits up to
//               maxRetryAfterSec automatically; longer → KsefApiError kind 'rateLimited' with retryAfterSec.
import {Agent, request, type Dispatcher} from 'undici';
import {KsefApiError, httpError, networkError, parseRetryAfter, rateLimitedError, timeoutError} from './errors.js';
import {BAD_FORMAT_MESSAGE, explain} from './messages.js';
import type {
  AuthenticationChallengeResponse,
  AuthenticationInitResponse,
  AuthenticationListResponse,
  AuthenticationOperationStatusResponse,
  AuthenticationTokenRefreshResponse,
  AuthenticationTokensResponse,
  CertificateEnrollmentDataResponse,
  CertificateEnrollmentStatusResponse,
  CertificateLimitsResponse,
  CertificateRevocationReason,
  EnrollCertificateRequest,
  EnrollCertificateResponse,
  QueryCertificatesRequest,
  QueryCertificatesResponse,
  QueryPaging,
  RetrieveCertificatesRequest,
  RetrieveCertificatesResponse,
  RevokeCertificateRequest,
} from './types.js';

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

/** Passed to `onRequest` after every attempt (tests validate requests against the OpenAPI contract with it). */
export interface KsefRequestInfo {
  method: HttpMethod;
  /** Path relative to baseUrl, without query, e.g. /auth/challenge. */
  path: string;
  query: Record<string, string>;
  /** Request headers, lower-case names; Authorization is redacted to "Bearer ***". */
  headers: Record<string, string>;
  /** JSON request body (parsed) or the XML body as a string. */
  body?: unknown;
  /** HTTP status, or 0 when no response arrived (timeout / network). */
  status: number;
  responseHeaders?: Record<string, string>;
  /** Parsed JSON response (or raw text when not JSON). */
  responseBody?: unknown;
  attempt: number;
}

export interface KsefClientOptions {
  /** e.g. https://api-test.ksef.mf.gov.pl/v2 or http://127.0.0.1:1234/test/v2 */
  baseUrl: string;
  /** Per-attempt limit (connect + headers + body). Default 30000. */
  timeoutMs?: number;
  /** Extra attempts for retryable calls. Default 3. */
  retries?: number;
  /** Base of the exponential back-off (base·2^n + jitter). Default 500. */
  retryBaseMs?: number;
  /** Longest Retry-After honoured automatically. Default 30. */
  maxRetryAfterSec?: number;
  /** Own dispatcher (not closed by close()). Default: a private undici Agent. */
  dispatcher?: Dispatcher;
  /** Each `[code]: message` of the X-System-Warning header, with the operation that received it ("GET /auth/…"). */
  onWarning?: (warning: string, operation: string) => void;
  onRequest?: (info: KsefRequestInfo) => void;
  /**
   * 'problem-details' (default, as the official C# and Java clients do) sends X-Error-Format: problem-details, so
   * 400/429 come as application/problem+json; 'legacy' asks for the deprecated ExceptionResponse format.
   */
  errorFormat?: 'legacy' | 'problem-details';
}

export interface CallOptions {
  signal?: AbortSignal;
}

interface CallSpec extends CallOptions {
  method: HttpMethod;
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  bearer?: string;
  json?: unknown;
  xml?: Buffer;
  headers?: Record<string, string>;
  /** Retry on 5xx / network / timeout (429 is always retried within limits). */
  idempotent: boolean;
  expect: number[];
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);
const MAX_BACKOFF_MS = 10_000;

export class KsefClient {
  readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly retryBaseMs: number;
  private readonly maxRetryAfterSec: number;
  private readonly dispatcher: Dispatcher;
  private readonly ownDispatcher?: Agent;
  private readonly opts: KsefClientOptions;

  constructor(opts: KsefClientOptions) {
    this.opts = opts;
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.retries = opts.retries ?? 3;
    this.retryBaseMs = opts.retryBaseMs ?? 500;
    this.maxRetryAfterSec = opts.maxRetryAfterSec ?? 30;
    if (opts.dispatcher) {
      this.dispatcher = opts.dispatcher;
    } else {
      this.ownDispatcher = new Agent({connect: {timeout: this.timeoutMs}});
      this.dispatcher = this.ownDispatcher;
    }
  }

  /** Closes the private connection pool (no-op for a dispatcher passed in). */
  async close(): Promise<void> {
    await this.ownDispatcher?.close();
  }

  // ---- auth ----------------------------------------------------------------------------------

  challenge(o?: CallOptions): Promise<AuthenticationChallengeResponse> {
    return this.call({...o, method: 'POST', path: '/auth/challenge', idempotent: true, expect: [200]});
  }

  /** Sends the signed AuthTokenRequest byte for byte (Content-Type: application/xml). */
  submitXadesSignature(
    signedXml: Buffer | string,
    opts: {verifyCertificateChain?: boolean; enforceXadesCompliance?: boolean} & CallOptions = {},
  ): Promise<AuthenticationInitResponse> {
    const xml = typeof signedXml === 'string' ? Buffer.from(signedXml, 'utf8') : signedXml;
    return this.call({
      signal: opts.signal,
      method: 'POST',
      path: '/auth/xades-signature',
      query: {verifyCertificateChain: opts.verifyCertificateChain},
      headers: opts.enforceXadesCompliance ? {'x-ksef-feature': 'enforce-xades-compliance'} : undefined,
      xml,
      idempotent: false,
      expect: [202],
    });
  }

  authStatus(referenceNumber: string, authenticationToken: string, o?: CallOptions): Promise<AuthenticationOperationStatusResponse> {
    return this.call({...o, method: 'GET', path: `/auth/${enc(referenceNumber)}`, bearer: authenticationToken, idempotent: true, expect: [200]});
  }

  redeemToken(authenticationToken: string, o?: CallOptions): Promise<AuthenticationTokensResponse> {
    return this.call({...o, method: 'POST', path: '/auth/token/redeem', bearer: authenticationToken, idempotent: false, expect: [200]});
  }

  refreshToken(refreshToken: string, o?: CallOptions): Promise<AuthenticationTokenRefreshResponse> {
    return this.call({...o, method: 'POST', path: '/auth/token/refresh', bearer: refreshToken, idempotent: true, expect: [200]});
  }

  listSessions(accessToken: string, pageSize?: number, continuationToken?: string, o?: CallOptions): Promise<AuthenticationListResponse> {
    return this.call({
      ...o,
      method: 'GET',
      path: '/auth/sessions',
      query: {pageSize},
      headers: continuationToken ? {'x-continuation-token': continuationToken} : undefined,
      bearer: accessToken,
      idempotent: true,
      expect: [200],
    });
  }

  /** DELETE /auth/sessions/current with an access or refresh token: invalidates the refresh token. */
  async revokeCurrentSession(token: string, o?: CallOptions): Promise<void> {
    await this.call({...o, method: 'DELETE', path: '/auth/sessions/current', bearer: token, idempotent: false, expect: [204]});
  }

  async revokeSession(accessToken: string, referenceNumber: string, o?: CallOptions): Promise<void> {
    await this.call({...o, method: 'DELETE', path: `/auth/sessions/${enc(referenceNumber)}`, bearer: accessToken, idempotent: false, expect: [204]});
  }

  // ---- certificates --------------------------------------------------------------------------

  certificateLimits(accessToken: string, o?: CallOptions): Promise<CertificateLimitsResponse> {
    return this.call({...o, method: 'GET', path: '/certificates/limits', bearer: accessToken, idempotent: true, expect: [200]});
  }

  enrollmentData(accessToken: string, o?: CallOptions): Promise<CertificateEnrollmentDataResponse> {
    return this.call({...o, method: 'GET', path: '/certificates/enrollments/data', bearer: accessToken, idempotent: true, expect: [200]});
  }

  /** Never retried automatically (quota): on a dropped connection check enrollment status / query instead. */
  enroll(accessToken: string, req: EnrollCertificateRequest, o?: CallOptions): Promise<EnrollCertificateResponse> {
    return this.call({...o, method: 'POST', path: '/certificates/enrollments', bearer: accessToken, json: req, idempotent: false, expect: [202]});
  }

  enrollmentStatus(accessToken: string, referenceNumber: string, o?: CallOptions): Promise<CertificateEnrollmentStatusResponse> {
    return this.call({
      ...o,
      method: 'GET',
      path: `/certificates/enrollments/${enc(referenceNumber)}`,
      bearer: accessToken,
      idempotent: true,
      expect: [200],
    });
  }

  retrieveCertificates(accessToken: string, serials: string[], o?: CallOptions): Promise<RetrieveCertificatesResponse> {
    const body: RetrieveCertificatesRequest = {certificateSerialNumbers: serials};
    return this.call({...o, method: 'POST', path: '/certificates/retrieve', bearer: accessToken, json: body, idempotent: true, expect: [200]});
  }

  async revokeCertificate(accessToken: string, serial: string, reason?: CertificateRevocationReason, o?: CallOptions): Promise<void> {
    const body: RevokeCertificateRequest | undefined = reason ? {revocationReason: reason} : undefined;
    await this.call({
      ...o,
      method: 'POST',
      path: `/certificates/${enc(serial)}/revoke`,
      bearer: accessToken,
      json: body ?? {},
      idempotent: false,
      expect: [204],
    });
  }

  queryCertificates(
    accessToken: string,
    filter: QueryCertificatesRequest = {},
    paging: QueryPaging = {},
    o?: CallOptions,
  ): Promise<QueryCertificatesResponse> {
    return this.call({
      ...o,
      method: 'POST',
      path: '/certificates/query',
      query: {pageSize: paging.pageSize, pageOffset: paging.pageOffset},
      bearer: accessToken,
      json: filter,
      idempotent: true,
      expect: [200],
    });
  }

  // ---- transport -----------------------------------------------------------------------------

  private async call<T>(spec: CallSpec): Promise<T> {
    const query: Record<string, string> = {};
    for (const [k, v] of Object.entries(spec.query ?? {})) if (v !== undefined) query[k] = String(v);
    const qs = new URLSearchParams(query).toString();
    const url = `${this.baseUrl}${spec.path}${qs ? `?${qs}` : ''}`;
    const operation = `${spec.method} ${spec.path}`;

    const headers: Record<string, string> = {accept: 'application/json', 'user-agent': 'ksef-certs', ...spec.headers};
    if ((this.opts.errorFormat ?? 'problem-details') === 'problem-details') headers['x-error-format'] = 'problem-details';
    if (spec.bearer !== undefined) headers.authorization = `Bearer ${spec.bearer}`;
    let body: Buffer | string | undefined;
    let loggedBody: unknown;
    if (spec.xml) {
      headers['content-type'] = 'application/xml';
      body = spec.xml;
      loggedBody = spec.xml.toString('utf8');
    } else if (spec.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(spec.json);
      loggedBody = spec.json;
    }
    const redacted = {...headers};
    if (redacted.authorization) redacted.authorization = 'Bearer ***';

    for (let attempt = 0; ; attempt++) {
      const canRetry = attempt < this.retries;
      let status: number;
      let text: string;
      let resHeaders: Record<string, string>;
      // A whole-attempt deadline (undici's own headers/body timers are coarse, ~1 s resolution).
      const deadline = AbortSignal.timeout(this.timeoutMs);
      try {
        const res = await request(url, {
          method: spec.method,
          headers,
          body,
          dispatcher: this.dispatcher,
          headersTimeout: this.timeoutMs,
          bodyTimeout: this.timeoutMs,
          signal: spec.signal ? AbortSignal.any([spec.signal, deadline]) : deadline,
        });
        status = res.statusCode;
        resHeaders = flattenHeaders(res.headers);
        text = await res.body.text();
      } catch (err) {
        if (spec.signal?.aborted) throw err;
        const code = (err as {code?: string}).code ?? '';
        const error = deadline.aborted || TIMEOUT_CODES.has(code) ? timeoutError(this.timeoutMs, operation, err) : networkError(err, operation);
        this.opts.onRequest?.({method: spec.method, path: spec.path, query, headers: redacted, body: loggedBody, status: 0, attempt});
        if (spec.idempotent && canRetry) {
          await sleep(this.backoffMs(attempt), spec.signal);
          continue;
        }
        throw error;
      }

      const responseBody = parseMaybeJson(text);
      this.opts.onRequest?.({
        method: spec.method,
        path: spec.path,
        query,
        headers: redacted,
        body: loggedBody,
        status,
        responseHeaders: resHeaders,
        responseBody,
        attempt,
      });
      this.emitWarnings(resHeaders['x-system-warning'], operation);

      if (spec.expect.includes(status)) {
        if (status === 204 || text === '') return undefined as T;
        if (typeof responseBody === 'string') {
          throw new KsefApiError({
            kind: 'http',
            httpStatus: status,
            msg: explain(BAD_FORMAT_MESSAGE),
            details: [text.slice(0, 200)],
            operation,
          });
        }
        return responseBody as T;
      }

      if (status === 429) {
        const retryAfterSec = parseRetryAfter(resHeaders['retry-after']);
        if (retryAfterSec !== undefined && retryAfterSec > this.maxRetryAfterSec) throw rateLimitedError(retryAfterSec, text, operation);
        if (!canRetry) throw rateLimitedError(retryAfterSec, text, operation);
        await sleep(retryAfterSec !== undefined ? retryAfterSec * 1000 : this.backoffMs(attempt), spec.signal);
        continue;
      }
      if (status >= 500 && spec.idempotent && canRetry) {
        await sleep(this.backoffMs(attempt), spec.signal);
        continue;
      }
      throw httpError(status, text, operation);
    }
  }

  private backoffMs(attempt: number): number {
    const exp = Math.min(MAX_BACKOFF_MS, this.retryBaseMs * 2 ** attempt);
    return exp + Math.floor(Math.random() * (exp / 2));
  }

  private emitWarnings(header: string | undefined, operation: string): void {
    if (!header || !this.opts.onWarning) return;
    // "[code]: message | [code]: message"
    for (const w of header.split(/\s*\|\s*(?=\[)/)) if (w.trim()) this.opts.onWarning(w.trim(), operation);
  }
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function parseMaybeJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** setTimeout that rejects with the signal's reason when aborted. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, {once: true});
  });
}
