// XAdES login flow (submit → poll → redeem) and the token holder that refreshes before expiry.
import {sleep, type KsefClient} from './client.js';
import {KsefApiError, KsefSessionExpiredError, statusError} from './errors.js';
import {AUTH_PENDING_MESSAGE, explain} from './messages.js';
import type {AuthenticationOperationStatusResponse, AuthenticationTokensResponse} from './types.js';

export type AuthStep = 'submitted' | 'polling' | 'redeemed';

export interface AuthenticateOptions {
  /** First poll delay; grows ×1.5 up to 5 s. Default 500. */
  pollIntervalMs?: number;
  /** Give up polling after this long (KSeF keeps 100 while OCSP/CRL is pending). Default 120000. */
  maxWaitMs?: number;
  onStep?: (step: AuthStep, info?: {referenceNumber: string; status?: AuthenticationOperationStatusResponse['status']}) => void;
  signal?: AbortSignal;
  verifyCertificateChain?: boolean;
  enforceXadesCompliance?: boolean;
  /** Injectable clock (ms since epoch) for the session. */
  now?: () => number;
}

const MAX_POLL_MS = 5_000;

/** Full login with a signed AuthTokenRequest: POST /auth/xades-signature → GET /auth/{ref} until 200 → redeem. */
export async function authenticateWithSignedXml(
  client: KsefClient,
  signedXml: Buffer | string,
  opts: AuthenticateOptions = {},
): Promise<KsefSession> {
  const {signal} = opts;
  const init = await client.submitXadesSignature(signedXml, {
    verifyCertificateChain: opts.verifyCertificateChain,
    enforceXadesCompliance: opts.enforceXadesCompliance,
    signal,
  });
  const ref = init.referenceNumber;
  const authToken = init.authenticationToken.token;
  opts.onStep?.('submitted', {referenceNumber: ref});

  const now = opts.now ?? Date.now;
  const deadline = now() + (opts.maxWaitMs ?? 120_000);
  let delay = opts.pollIntervalMs ?? 500;
  for (;;) {
    const st = await client.authStatus(ref, authToken, {signal});
    if (st.status.code === 200) break;
    if (st.status.code !== 100) throw statusError('auth', st.status, ref);
    opts.onStep?.('polling', {referenceNumber: ref, status: st.status});
    if (now() + delay > deadline) {
      throw new KsefApiError({
        kind: 'timeout',
        code: 100,
        msg: explain(AUTH_PENDING_MESSAGE),
        details: [st.status.description],
        referenceNumber: ref,
        operation: 'GET /auth/{referenceNumber}',
      });
    }
    await sleep(delay, signal);
    delay = Math.min(MAX_POLL_MS, Math.round(delay * 1.5));
  }

  const tokens = await client.redeemToken(authToken, {signal});
  opts.onStep?.('redeemed', {referenceNumber: ref});
  return new KsefSession(client, tokens, ref, {now: opts.now});
}

export interface KsefSessionOptions {
  /** Refresh this long before the access token expires. Default 60000. */
  refreshMarginMs?: number;
  now?: () => number;
}

/**
 * Holds the access/refresh tokens of one login. `getAccessToken()` refreshes shortly before expiry, with one refresh
 * in flight at a time (concurrent callers share it). Tokens are kept off toString/JSON so they do not end up in logs.
 */
export class KsefSession {
  accessValidUntil: Date;
  readonly refreshValidUntil: Date;
  readonly referenceNumber: string;
  #accessToken: string;
  readonly #refreshToken: string;
  #inflight?: Promise<string>;
  readonly #client: KsefClient;
  readonly #now: () => number;
  readonly #marginMs: number;

  constructor(client: KsefClient, tokens: AuthenticationTokensResponse, referenceNumber: string, opts: KsefSessionOptions = {}) {
    this.#client = client;
    this.#accessToken = tokens.accessToken.token;
    this.#refreshToken = tokens.refreshToken.token;
    this.accessValidUntil = new Date(tokens.accessToken.validUntil);
    this.refreshValidUntil = new Date(tokens.refreshToken.validUntil);
    this.referenceNumber = referenceNumber;
    this.#now = opts.now ?? Date.now;
    this.#marginMs = opts.refreshMarginMs ?? 60_000;
  }

  get accessToken(): string {
    return this.#accessToken;
  }

  get refreshToken(): string {
    return this.#refreshToken;
  }

  /** A valid access token, refreshed first when it expires within the margin. */
  getAccessToken(): Promise<string> {
    if (this.#now() < this.accessValidUntil.getTime() - this.#marginMs) return Promise.resolve(this.#accessToken);
    this.#inflight ??= this.#refresh().finally(() => {
      this.#inflight = undefined;
    });
    return this.#inflight;
  }

  /** Ends the session in KSeF (refresh token invalidated). */
  async logout(): Promise<void> {
    await this.#client.revokeCurrentSession(this.#accessToken);
  }

  toJSON(): object {
    return {referenceNumber: this.referenceNumber, accessValidUntil: this.accessValidUntil, refreshValidUntil: this.refreshValidUntil};
  }

  async #refresh(): Promise<string> {
    if (this.#now() >= this.refreshValidUntil.getTime()) throw new KsefSessionExpiredError();
    try {
      const res = await this.#client.refreshToken(this.#refreshToken);
      this.#accessToken = res.accessToken.token;
      this.accessValidUntil = new Date(res.accessToken.validUntil);
      return this.#accessToken;
    } catch (err) {
      // A revoked or expired refresh token answers 400 (21301/21304), sometimes 401.
      if (err instanceof KsefApiError && err.kind === 'http' && (err.httpStatus === 400 || err.httpStatus === 401)) {
        throw new KsefSessionExpiredError(err);
      }
      throw err;
    }
  }
}
