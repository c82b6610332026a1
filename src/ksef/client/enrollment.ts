// Polls an enrollment until KSeF issues the certificate (status 200) or rejects it. The whole wait is bounded by
// maxWaitMs, a hung KSeF included (each status call is cut at the deadline), and `onWait` reports progress every
// tick so the user sees how long KSeF has been silent and how much of the wait is left.
import {sleep, type KsefClient} from './client.js';
import {KsefApiError, statusError} from './errors.js';
import {ENROLLMENT_PENDING_MESSAGE, explain} from './messages.js';
import type {CertificateEnrollmentStatusResponse} from './types.js';

export interface EnrollmentWait {
  /** Since polling started. */
  waitedMs: number;
  /** Until the polling deadline (maxWaitMs). */
  remainingMs: number;
  /** How long the status request in flight has gone unanswered (0 while sleeping between polls). */
  silentMs: number;
  /** Last status description from KSeF, if any arrived. */
  lastStatus?: string;
}

export interface WaitForEnrollmentOptions {
  /** First poll delay; grows ×1.5 up to 5 s. Default 1000. */
  pollIntervalMs?: number;
  /** Default 300000. */
  maxWaitMs?: number;
  onPoll?: (status: CertificateEnrollmentStatusResponse['status']) => void;
  /** Called every `tickMs` (default 1000) while waiting. */
  onWait?: (w: EnrollmentWait) => void;
  tickMs?: number;
  signal?: AbortSignal;
  now?: () => number;
}


function waitTimeout(referenceNumber: string, code: number | undefined, details: string[]): KsefApiError {
  return new KsefApiError({
    kind: 'timeout', code, msg: explain(ENROLLMENT_PENDING_MESSAGE), details, referenceNumber,
    operation: 'GET /certificates/enrollments/{referenceNumber}',
  });
}

/** Resolves with the final status (code 200, certificateSerialNumber set); 400/500/550 → KsefApiError kind 'status'. */
export async function waitForEnrollment(
  client: KsefClient,
  accessToken: string | (() => Promise<string>),
  referenceNumber: string,
  opts: WaitForEnrollmentOptions = {},
): Promise<CertificateEnrollmentStatusResponse & {certificateSerialNumber: string}> {
  const now = opts.now ?? Date.now;
  const started = now();
  const maxWaitMs = opts.maxWaitMs ?? 300_000;
  const deadline = started + maxWaitMs;
  // Cuts a hung call at the deadline; told apart from the user's own abort below.
  const expired = new AbortController();
  const expiry = setTimeout(() => expired.abort(), maxWaitMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, expired.signal]) : expired.signal;
  let askedAt: number | undefined;
  let lastStatus: string | undefined;
  const tick = opts.onWait
    ? setInterval(() => {
        const t = now();
        opts.onWait!({waitedMs: t - started, remainingMs: Math.max(0, deadline - t), silentMs: askedAt === undefined ? 0 : t - askedAt, lastStatus});
      }, opts.tickMs ?? 1000)
    : undefined;
  let delay = opts.pollIntervalMs ?? 1000;
  try {
    for (;;) {
      let st: CertificateEnrollmentStatusResponse;
      try {
        const token = typeof accessToken === 'function' ? await accessToken() : accessToken;
        askedAt = now();
        st = await client.enrollmentStatus(token, referenceNumber, {signal});
      } catch (e) {
        if (expired.signal.aborted && !opts.signal?.aborted) throw waitTimeout(referenceNumber, undefined, lastStatus ? [lastStatus] : []);
        throw e;
      } finally {
        askedAt = undefined;
      }
      if (st.status.code === 200 && st.certificateSerialNumber) return st as CertificateEnrollmentStatusResponse & {certificateSerialNumber: string};
      if (st.status.code !== 100 && st.status.code !== 200) throw statusError('enrollment', st.status, referenceNumber);
      lastStatus = st.status.description;
      opts.onPoll?.(st.status);
      if (now() + delay > deadline) throw waitTimeout(referenceNumber, st.status.code, [st.status.description]);
      await sleep(delay, opts.signal);
      delay = Math.min(5_000, Math.round(delay * 1.5));
    }
  } finally {
    clearTimeout(expiry);
    if (tick) clearInterval(tick);
  }
}
