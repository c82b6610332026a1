// Polls an enrollment until KSeF issues the certificate (status 200) or rejects it.
import {sleep, type KsefClient} from './client.js';
import {KsefApiError, statusError} from './errors.js';
import type {CertificateEnrollmentStatusResponse} from './types.js';

export interface WaitForEnrollmentOptions {
  /** First poll delay; grows ×1.5 up to 5 s. Default 1000. */
  pollIntervalMs?: number;
  /** Default 300000. */
  maxWaitMs?: number;
  onPoll?: (status: CertificateEnrollmentStatusResponse['status']) => void;
  signal?: AbortSignal;
  now?: () => number;
}

/** Resolves with the final status (code 200, certificateSerialNumber set); 400/500/550 → KsefApiError kind 'status'. */
export async function waitForEnrollment(
  client: KsefClient,
  accessToken: string | (() => Promise<string>),
  referenceNumber: string,
  opts: WaitForEnrollmentOptions = {},
): Promise<CertificateEnrollmentStatusResponse & {certificateSerialNumber: string}> {
  const now = opts.now ?? Date.now;
  const deadline = now() + (opts.maxWaitMs ?? 300_000);
  let delay = opts.pollIntervalMs ?? 1000;
  for (;;) {
    const token = typeof accessToken === 'function' ? await accessToken() : accessToken;
    const st = await client.enrollmentStatus(token, referenceNumber, {signal: opts.signal});
    if (st.status.code === 200 && st.certificateSerialNumber) return st as CertificateEnrollmentStatusResponse & {certificateSerialNumber: string};
    if (st.status.code !== 100 && st.status.code !== 200) throw statusError('enrollment', st.status, referenceNumber);
    opts.onPoll?.(st.status);
    if (now() + delay > deadline) {
      throw new KsefApiError({
        kind: 'timeout',
        code: st.status.code,
        messagePl:
          'KSeF nie wydał jeszcze certyfikatu (wniosek w realizacji). Co zrobić: sprawdź status wniosku później — nie składaj nowego wniosku, bo zużyjesz limit.',
        details: [st.status.description],
        referenceNumber,
        operation: 'GET /certificates/enrollments/{referenceNumber}',
      });
    }
    await sleep(delay, opts.signal);
    delay = Math.min(5_000, Math.round(delay * 1.5));
  }
}
