// KSeF login with a stored type-A certificate: the app signs AuthTokenRequest itself (no manual step).
import type {CertificateRecord, CertificateView, ContextIdentifier} from '../domain/index.js';
import {wholeRecord} from './whole-records.js';
import {displayStatus} from '../domain/index.js';
import {authenticateWithSignedXml, type AuthStep, type KsefSession} from '../ksef/client/index.js';
import {buildAuthTokenRequest} from '../ksef/auth-xml.js';
import {signAuthTokenRequest} from '../ksef/xades.js';
import type {Store} from '../store/types.js';
import {catalogueError} from './errors.js';
import type {KsefGateway} from './gateway.js';
import {withRecordKey, type TokenAccess} from './token-keys.js';

export interface LoginDeps {
  store: Store;
  gateway: KsefGateway;
  operator: string;
  workstation: string;
  now?: () => Date;
  /** PKCS#11 module and PIN, for a certificate whose key is on a token. */
  token?: TokenAccess;
}

export interface LoginOptions {
  context: ContextIdentifier;
  apiUrl?: string;
  onStep?: (step: 'challenge' | 'signed' | AuthStep) => void;
  signal?: AbortSignal;
}

export async function loginWithCertificate(deps: LoginDeps, view: CertificateView, opts: LoginOptions): Promise<KsefSession> {
  const now = deps.now?.() ?? new Date();
  // A list row carries no certificate or key: the whole record is read here, on demand.
  const rec: CertificateRecord = await wholeRecord(deps.store, view);
  if (rec.type !== 'A') {
    throw catalogueError('session.offlineCannotLogin', undefined, 'offlineCannotAuthenticate');
  }
  const status = displayStatus(rec, now);
  if (status !== 'active' || !rec.certPem) {
    throw catalogueError('session.notActive', {name: rec.name, status}, 'certificateNotActive');
  }
  const client = await deps.gateway.client(rec.env, {apiUrl: opts.apiUrl});
  const {challenge} = await client.challenge({signal: opts.signal});
  opts.onStep?.('challenge');
  const xml = buildAuthTokenRequest({challenge, context: opts.context, subjectIdentifierType: 'certificateSubject'});
  const certPem = rec.certPem;
  const signed = await withRecordKey(deps.store, rec, deps.token, (key) => signAuthTokenRequest(xml, {certPem, key, type: rec.type}));
  opts.onStep?.('signed');
  const session = await authenticateWithSignedXml(client, signed, {onStep: (s) => opts.onStep?.(s), signal: opts.signal});
  await deps.store.audit({
    operator: deps.operator, workstation: deps.workstation, action: 'ksefLogin', certificateId: rec.id, serial: rec.serial,
    details: `${opts.context.type} ${opts.context.value}`,
  });
  return session;
}
