// Response shapes: legacy ExceptionResponse / TooManyRequestsResponse and RFC 7807 Problem Details, chosen the way
// the OpenAPI contract says (401/403/410 always Problem Details; 400/429 only with `X-Error-Format: problem-details`).
import {randomBytes} from 'node:crypto';
import {EXCEPTION_DESCRIPTIONS, KsefError} from './errors.js';

export interface Reply {
  status: number;
  json?: unknown;
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/** Thrown by handlers for 401/403/410 (always Problem Details). */
export class ProblemError extends Error {
  constructor(
    readonly status: 401 | 403 | 410,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

const TITLES: Record<number, string> = {400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 410: 'Gone', 429: 'Too Many Requests'};
export const traceId = (): string => randomBytes(16).toString('hex');
const serviceCode = (): string => `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-00`;

export function ksefErrorReply(err: KsefError, problem: boolean, instance: string, now: Date): Reply {
  const description = EXCEPTION_DESCRIPTIONS[err.code] ?? 'Błąd.';
  if (problem) {
    return {
      status: 400,
      contentType: 'application/problem+json',
      json: {title: TITLES[400], status: 400, instance, detail: description, errors: [{code: err.code, description, details: err.details}], timestamp: now.toISOString(), traceId: traceId()},
    };
  }
  return {
    status: 400,
    json: {
      exception: {
        exceptionDetailList: [{exceptionCode: err.code, exceptionDescription: description, details: err.details.length ? err.details : null}],
        referenceNumber: null,
        serviceCode: serviceCode(),
        serviceCtx: 'srvSIMUL',
        serviceName: 'Symulator KSeF',
        timestamp: now.toISOString(),
      },
    },
  };
}

export function problemReply(err: ProblemError, instance: string, now: Date): Reply {
  return {
    status: err.status,
    contentType: 'application/problem+json',
    json: {title: TITLES[err.status], status: err.status, instance, detail: err.detail, ...err.extra, timestamp: now.toISOString(), traceId: traceId()},
  };
}

export function tooManyReply(retryAfterSec: number, message: string, problem: boolean, instance: string, now: Date): Reply {
  const headers = {'Retry-After': String(retryAfterSec)};
  if (problem) {
    return {status: 429, headers, contentType: 'application/problem+json', json: {title: TITLES[429], status: 429, instance, detail: message, timestamp: now.toISOString(), traceId: traceId()}};
  }
  return {status: 429, headers, json: {status: {code: 429, description: 'Too Many Requests', details: [message]}}};
}

/** `YYYYMMDD-XX-XXXXXXXXXX-XXXXXXXXXX-XX`, the 36-character reference shape KSeF uses. */
export function referenceNumber(kind: 'AU' | 'EH' | 'CR', now: Date): string {
  const d = now.toISOString().slice(0, 10).replace(/-/g, '');
  const h = randomBytes(11).toString('hex').toUpperCase();
  return `${d}-${kind}-${h.slice(0, 10)}-${h.slice(10, 20)}-${h.slice(20, 22)}`;
}
