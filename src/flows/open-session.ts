// One way into a KSeF session for an operation (generate, resume, login check), for the TUI and the CLI alike:
// where the owner's requests go (owner → branch → context / API URL, resolveOwnerTarget) and the session itself
// (openSession), opened from bytes signed outside the program (file drop, picked file, card, `--signed`) or by a
// stored type-A certificate that signs AuthTokenRequest itself. Progress arrives as login step events.
import type {AuthMethod, Branch, CertificateRecord, Company, ContextIdentifier, EnvCode, Operator, Owner} from '../domain/index.js';
import type {KsefSession} from '../ksef/client/index.js';
import {makeT, type Translate} from '../i18n/index.js';
import type {Store} from '../store/types.js';
import {readSignedFile, submitSignedFile} from './authorize.js';
import {branchCodeFor} from './auth-plan.js';
import {contextFor} from './context-id.js';
import {catalogueError} from './errors.js';
import type {KsefGateway} from './gateway.js';
import {assertMayAuthoriseWith} from './generate-rights.js';
import {loginWithCertificate} from './login.js';
import type {TokenAccess} from './token-keys.js';

/** Where an owner's KSeF requests go: the branch configuration [A-1-5-1] that applies, its context and API URL. */
export interface OwnerTarget {
  branch?: Branch;
  context: ContextIdentifier;
  /** Branch API override (undefined: the gateway's default). */
  apiUrl?: string;
  /** How the branch authorises when no stored certificate signs by itself. */
  authMethod: AuthMethod;
}

/** The one rule: the owner's own branch (a branch; an operator's branch), else the acting operator's; the company
 *  always logs in to its NIP context, a branch or an operator to the branch's InternalId when configured. */
export function ownerTargetOf(
  world: {company: Company; branches: readonly Branch[]; operators: readonly Operator[]}, owner: Owner, acting: Pick<Operator, 'branch'>,
): OwnerTarget {
  const code = branchCodeFor(owner, world.operators, acting);
  const branch = world.branches.find((b) => b.code === code);
  return {
    branch,
    context: contextFor(world.company, owner.kind === 'company' ? undefined : branch?.config),
    apiUrl: branch?.config.apiUrl,
    authMethod: branch?.config.authMethod ?? 'esignature',
  };
}

export async function resolveOwnerTarget(
  store: Pick<Store, 'company' | 'listBranches' | 'listOperators'>, owner: Owner, acting: Pick<Operator, 'branch'>,
): Promise<OwnerTarget> {
  const [company, branches, operators] = await Promise.all([store.company(), store.listBranches(), store.listOperators()]);
  return ownerTargetOf({company, branches, operators}, owner, acting);
}

/** The KSeF login steps shown before an operation's own steps. */
export type SessionStep = 'sign' | 'submit' | 'authStatus' | 'redeem';
export const SESSION_STEPS: readonly SessionStep[] = ['sign', 'submit', 'authStatus', 'redeem'];

export interface SessionEvent {
  step: SessionStep;
  phase: 'start' | 'done';
  /** Text in the session's language (which file or certificate signs). */
  detail?: string;
  /** The stored certificate that signs (sign events of that path). */
  via?: {name: string; serial: string};
}

/** How the session is authorised. */
export type SessionAuth =
  /** Bytes already checked against our challenge (folder drop, picked file, card). */
  | {kind: 'signed'; bytes: Buffer}
  /** A file signed outside for a challenge of `auth-request` (read and checked here). */
  | {kind: 'signedFile'; file: string}
  /** A stored type-A certificate (record, or its serial / record id) signs by itself. */
  | {kind: 'certificate'; via: CertificateRecord | string};

export interface SessionDeps {
  store: Store;
  gateway: KsefGateway;
  operator: Operator;
  workstation: string;
  now?: () => Date;
  /** PKCS#11 access for a certificate whose key is on a token. */
  token?: TokenAccess;
  t?: Translate;
}

export interface OpenSessionOptions {
  env: EnvCode;
  apiUrl?: string;
  /** The context a stored certificate logs in to (a signed file names its own). */
  context: ContextIdentifier;
  auth: SessionAuth;
  signal?: AbortSignal;
  onStep?: (e: SessionEvent) => void;
  pollIntervalMs?: number;
}

/** The stored certificate named by serial or record id, or refused with the catalogue's "not in the store". */
export async function storedCertificate(store: Pick<Store, 'getCertificate'>, ref: string): Promise<CertificateRecord> {
  const rec = await store.getCertificate(ref);
  if (!rec) throw catalogueError('session.noSuchCert', {serial: ref.trim().toUpperCase()}, 'notFound');
  return rec;
}

/**
 * Opens the KSeF session of an operation. A stored certificate must be one the acting operator may manage; its
 * login is audited by loginWithCertificate. Signed bytes go to KSeF untouched.
 */
export async function openSession(deps: SessionDeps, o: OpenSessionOptions): Promise<KsefSession> {
  const t = deps.t ?? makeT('pl');
  let via: SessionEvent['via'];
  const ev = (step: SessionStep, phase: 'start' | 'done', detail?: string) =>
    o.onStep?.({step, phase, ...(detail !== undefined ? {detail} : {}), ...(via && step === 'sign' ? {via} : {})});
  const authStep = (s: string) => {
    if (s === 'submitted') {
      ev('submit', 'done');
      ev('authStatus', 'start');
    }
    if (s === 'redeemed') {
      ev('authStatus', 'done');
      ev('redeem', 'done');
    }
  };
  if (o.auth.kind !== 'certificate') {
    const bytes = o.auth.kind === 'signed' ? o.auth.bytes : (await readSignedFile(o.auth.file)).bytes;
    ev('sign', 'done', t('session.signedOutside'));
    ev('submit', 'start');
    const client = await deps.gateway.client(o.env, {apiUrl: o.apiUrl});
    return submitSignedFile(client, bytes, {onStep: authStep, signal: o.signal, pollIntervalMs: o.pollIntervalMs});
  }
  const rec = typeof o.auth.via === 'string' ? await storedCertificate(deps.store, o.auth.via) : o.auth.via;
  assertMayAuthoriseWith(deps.operator, rec);
  via = {name: rec.name, serial: rec.serial ?? rec.id};
  ev('sign', 'start', t('session.signingWith', via));
  return loginWithCertificate(
    {store: deps.store, gateway: deps.gateway, operator: deps.operator.code, workstation: deps.workstation, now: deps.now, token: deps.token},
    rec,
    {
      context: o.context, apiUrl: o.apiUrl, signal: o.signal,
      onStep: (s) => {
        if (s === 'challenge') ev('sign', 'start');
        if (s === 'signed') {
          ev('sign', 'done', t('session.signedByCert'));
          ev('submit', 'start');
        }
        authStep(s);
      },
    },
  );
}
