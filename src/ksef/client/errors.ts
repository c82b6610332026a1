// Typed KSeF errors. Both error formats of API 2.x are understood: the legacy `ExceptionResponse`
// (application/json) and RFC 9457 Problem Details (application/problem+json, always for 401/403/410 and for
// 400/429 when asked with X-Error-Format: problem-details).
import type {ExceptionResponse, ProblemDetails, StatusInfo, TooManyRequestsResponse} from './types.js';
import {
  AUTH_STATUS_MESSAGES,
  ENROLLMENT_REJECTION_HINTS,
  ENROLLMENT_STATUS_MESSAGES,
  EXCEPTION_MESSAGES,
  FORBIDDEN_REASON_MESSAGES,
  HTTP_STATUS_MESSAGES,
  NETWORK_MESSAGE,
  SESSION_EXPIRED_MESSAGE,
  TIMEOUT_MESSAGE,
  UNKNOWN_CODE_HINT,
  explain,
  rateLimitedMessage,
  type Explanation,
} from './messages.js';
import {msg as message, renderPl, type Localized, type Message} from '../../i18n/index.js';

export type KsefErrorKind = 'http' | 'timeout' | 'network' | 'rateLimited' | 'status';

export interface KsefApiErrorInit {
  kind: KsefErrorKind;
  /** What happened + what to do, as a catalogue message (rendered in the session's language). */
  msg: Message;
  httpStatus?: number;
  code?: number;
  details?: string[];
  retryAfterSec?: number;
  referenceNumber?: string;
  serviceCode?: string;
  reasonCode?: string;
  traceId?: string;
  /** e.g. "POST /auth/xades-signature" — never contains tokens. */
  operation?: string;
  cause?: unknown;
}

export class KsefApiError extends Error implements Localized {
  readonly kind: KsefErrorKind;
  readonly httpStatus?: number;
  /** KSeF exceptionCode (kind 'http') or operation status code (kind 'status', e.g. 460). */
  readonly code?: number;
  /** What happened + what to do. Safe to show to the user once rendered; `message` is its Polish text. */
  readonly msg: Message;
  readonly details: string[];
  readonly retryAfterSec?: number;
  readonly referenceNumber?: string;
  readonly serviceCode?: string;
  /** 403 problem-details reasonCode. */
  readonly reasonCode?: string;
  readonly traceId?: string;
  readonly operation?: string;

  constructor(init: KsefApiErrorInit) {
    const pl = renderPl(init.msg);
    super(init.code !== undefined ? `[${init.code}] ${pl}` : pl, {cause: init.cause});
    this.name = 'KsefApiError';
    this.kind = init.kind;
    this.httpStatus = init.httpStatus;
    this.code = init.code;
    this.msg = init.msg;
    this.details = init.details ?? [];
    this.retryAfterSec = init.retryAfterSec;
    this.referenceNumber = init.referenceNumber;
    this.serviceCode = init.serviceCode;
    this.reasonCode = init.reasonCode;
    this.traceId = init.traceId;
    this.operation = init.operation;
  }
}

/** The refresh token is no longer accepted (400/401 on refresh, or expired locally): the user must log in again. */
export class KsefSessionExpiredError extends KsefApiError {
  constructor(cause?: KsefApiError) {
    super({
      kind: cause?.kind ?? 'http',
      httpStatus: cause?.httpStatus,
      code: cause?.code,
      msg: explain(SESSION_EXPIRED_MESSAGE),
      details: cause ? [cause.message, ...cause.details] : [],
      serviceCode: cause?.serviceCode,
      operation: cause?.operation,
      cause,
    });
    this.name = 'KsefSessionExpiredError';
  }
}

export interface ParsedErrorBody {
  code?: number;
  description?: string;
  details: string[];
  referenceNumber?: string;
  serviceCode?: string;
  reasonCode?: string;
  traceId?: string;
}

/** Extracts code/description/details from either error format; tolerant of unknown or non-JSON bodies. */
export function parseErrorBody(bodyText: string): ParsedErrorBody {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    return {details: bodyText.trim() ? [bodyText.trim().slice(0, 500)] : []};
  }
  if (!json || typeof json !== 'object') return {details: []};
  const out: ParsedErrorBody = {details: []};

  const legacy = (json as ExceptionResponse).exception;
  if (legacy && typeof legacy === 'object') {
    const list = legacy.exceptionDetailList ?? [];
    list.forEach((e, i) => {
      if (i === 0) {
        out.code = e.exceptionCode;
        out.description = e.exceptionDescription ?? undefined;
      } else if (e.exceptionCode !== undefined) {
        out.details.push(`${e.exceptionCode}: ${e.exceptionDescription ?? ''}`.trim());
      }
      out.details.push(...(e.details ?? []));
    });
    out.referenceNumber = legacy.referenceNumber ?? undefined;
    out.serviceCode = legacy.serviceCode ?? undefined;
    return out;
  }

  const tooMany = (json as TooManyRequestsResponse).status;
  if (tooMany && typeof tooMany === 'object' && 'code' in tooMany) {
    out.description = tooMany.description;
    out.details.push(...(tooMany.details ?? []));
    return out;
  }

  const pd = json as ProblemDetails;
  if (Array.isArray(pd.errors)) {
    pd.errors.forEach((e, i) => {
      if (i === 0) {
        out.code = e.code;
        out.description = e.description;
      } else {
        out.details.push(`${e.code}: ${e.description}`);
      }
      out.details.push(...(e.details ?? []));
    });
  }
  if (typeof pd.detail === 'string' && pd.detail && pd.detail !== out.description) out.details.push(pd.detail);
  if (typeof pd.reasonCode === 'string') out.reasonCode = pd.reasonCode;
  if (pd.traceId) out.traceId = pd.traceId;
  if (pd.security && typeof pd.security === 'object') {
    for (const [k, v] of Object.entries(pd.security)) if (v !== null && v !== undefined) out.details.push(`${k}: ${JSON.stringify(v)}`);
  }
  return out;
}

/** Retry-After is either delta-seconds or an HTTP date. Returns whole seconds ≥ 0, or undefined. */
export function parseRetryAfter(value: string | string[] | undefined, nowMs: number = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined || v.trim() === '') return undefined;
  if (/^\s*\d+\s*$/.test(v)) return Number(v);
  const date = Date.parse(v);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - nowMs) / 1000));
}

function messageForHttp(httpStatus: number, parsed: ParsedErrorBody): Explanation {
  if (parsed.code !== undefined) {
    const known = EXCEPTION_MESSAGES[parsed.code];
    if (known) return known;
    if (parsed.description) return {text: message('err.verbatim', {text: parsed.description}), hint: UNKNOWN_CODE_HINT};
  }
  if (httpStatus === 403 && parsed.reasonCode && FORBIDDEN_REASON_MESSAGES[parsed.reasonCode]) {
    return FORBIDDEN_REASON_MESSAGES[parsed.reasonCode];
  }
  const byStatus = HTTP_STATUS_MESSAGES[httpStatus] ?? (httpStatus >= 500 ? HTTP_STATUS_MESSAGES[500] : undefined);
  if (byStatus) return byStatus;
  return {text: message('ksefErr.unexpectedHttp', {status: httpStatus}), hint: UNKNOWN_CODE_HINT};
}

/** Error for a non-2xx response (not 429 — see rateLimitedError). */
export function httpError(httpStatus: number, bodyText: string, operation?: string): KsefApiError {
  const parsed = parseErrorBody(bodyText);
  return new KsefApiError({
    kind: 'http',
    httpStatus,
    code: parsed.code,
    msg: explain(messageForHttp(httpStatus, parsed)),
    details: parsed.details,
    referenceNumber: parsed.referenceNumber,
    serviceCode: parsed.serviceCode,
    reasonCode: parsed.reasonCode,
    traceId: parsed.traceId,
    operation,
  });
}

export function rateLimitedError(retryAfterSec: number | undefined, bodyText: string, operation?: string): KsefApiError {
  const parsed = parseErrorBody(bodyText);
  return new KsefApiError({
    kind: 'rateLimited',
    httpStatus: 429,
    msg: explain(rateLimitedMessage(retryAfterSec)),
    details: parsed.details,
    retryAfterSec,
    traceId: parsed.traceId,
    operation,
  });
}

export function timeoutError(timeoutMs: number, operation?: string, cause?: unknown): KsefApiError {
  return new KsefApiError({
    kind: 'timeout',
    msg: explain(TIMEOUT_MESSAGE),
    details: [`Limit czasu: ${timeoutMs} ms.`],
    operation,
    cause,
  });
}

export function networkError(cause: unknown, operation?: string): KsefApiError {
  const c = cause as {code?: string; message?: string} | undefined;
  return new KsefApiError({
    kind: 'network',
    msg: explain(NETWORK_MESSAGE),
    details: c?.code ? [c.code] : c?.message ? [c.message] : [],
    operation,
    cause,
  });
}

/**
 * Error for a failed asynchronous operation status: `auth` = GET /auth/{ref} (415/425/450/460/470/480/500/550),
 * `enrollment` = GET /certificates/enrollments/{ref} (400/500/550). KSeF's details are kept.
 */
export function statusError(operation: 'auth' | 'enrollment', status: StatusInfo, referenceNumber?: string): KsefApiError {
  const table = operation === 'auth' ? AUTH_STATUS_MESSAGES : ENROLLMENT_STATUS_MESSAGES;
  const details = status.details ?? [];
  let msg: Explanation = table[status.code] ?? {text: message('err.verbatim', {text: status.description}), hint: UNKNOWN_CODE_HINT};
  if (operation === 'enrollment' && status.code === 400) {
    const specific = ENROLLMENT_REJECTION_HINTS.find((h) => details.some((d) => h.match.test(d)));
    if (specific) msg = {text: msg.text, hint: specific.hint};
  }
  // KSeF's own detail ("Certyfikat odwołany", …) is part of what the user reads: it says which problem it was.
  const said = details.filter(Boolean).join('; ');
  return new KsefApiError({
    kind: 'status',
    code: status.code,
    msg: explain(msg, said),
    details: [status.description, ...details].filter(Boolean),
    referenceNumber,
    operation: operation === 'auth' ? 'GET /auth/{referenceNumber}' : 'GET /certificates/enrollments/{referenceNumber}',
  });
}
