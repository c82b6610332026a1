// Generowanie nowego Certyfikatu KSeF [A-1-5-4] for an operator, a branch or the company: limits → enrollment
// data → key + CSR (subject checked before sending) → a `pending` record (sealed key, public key) stored BEFORE the
// request is sent, its reference number added from KSeF's reply (enrollment-submit.ts) → poll → retrieve → `issued`
// record → .crt/.key backup → audit (enrollment-complete.ts). KSeF rejection (status 400/550) leaves a `failed`
// record with the Polish reason; a lost reply, a crash, a polling timeout or Esc leave the `pending` record, which
// resumeEnrollment() (W / `ksef-certs resume`) completes later.
import type {CertTypeCode, CertificateRecord, CertificateView, EnvCode, ModeCode, Operator, Owner} from '../domain/index.js';
import {authCandidate, wholeWhere} from './whole-records.js';
import {
  checkCertificateName, DAY_MS, hasControlChars, KSEF_CERT_TYPE, ownerKey, warsawDate, warsawDateTime,
} from '../domain/index.js';
import {canManage} from '../domain/rights.js';
import {csrSubjectMatches, type CsrKeyAlgorithm} from '../ksef/csr.js';
import type {EnrollmentWait, KsefSession} from '../ksef/client/index.js';
import {makeT, type MessageKey, type Translate} from '../i18n/index.js';
import type {Store} from '../store/types.js';
import {catalogueError, FlowError} from './errors.js';
import {passwordPolicyMessage, type ExportResult} from './export.js';
import {completeEnrollment} from './enrollment-complete.js';
import {submitEnrollment} from './enrollment-submit.js';
import type {KsefGateway} from './gateway.js';
import {ownerText} from './list-view.js';
import {abortError} from './authorize.js';
import type {TokenAccess} from './token-keys.js';
import {certMatchesPublicKey, keyAndCsr, tokenCertificateCopy} from './generate-key.js';
import {assertAuthorisingCertificate, assertEnrollmentDataFitsOwner, loadParties, type Parties} from './generate-rights.js';
import {dateProblem, FAR_FUTURE, predecessorFor, warsawMidnight} from './generate-start.js';

export {dateError, dateProblem, defaultStartDate, predecessorFor, warsawMidnight} from './generate-start.js';

export interface GenerateDeps {
  store: Store;
  gateway: KsefGateway;
  operator: Operator;
  workstation: string;
  now?: () => Date;
  /** PBKDF2 iterations of the backup .key (default: the ksef core's 600 000; tests lower it). */
  keyIterations?: number;
  /** Catalogue for new messages (default Polish). */
  t?: Translate;
}

export interface GenerateRequest {
  owner: Owner;
  env: EnvCode;
  name: string;
  type: CertTypeCode;
  /** `RRRR-MM-DD`; mode B: today by default; mode Z: the current certificate's end by default. */
  validFrom?: string;
  mode: ModeCode;
  /** Mode Z: the certificate followed (default: currentForSuccession). */
  predecessorId?: string;
  /** Encrypts the .key backup written to the export folder (policy: ≥ 12 chars, upper, lower, digit, special). */
  keyPassword: string;
  keyAlgorithm?: CsrKeyAlgorithm;
  /** Branch API override [A-1-5-1] (or --api). */
  apiUrl?: string;
  /** "Klucz na tokenie": key pair generated on this PKCS#11 token; no .key backup, so no keyPassword needed. */
  keyOnToken?: {access: TokenAccess; label: string};
  /** The stored type-A certificate (id or serial) that logs in for this request, if any (checked by planGenerate). */
  authCertId?: string;
}

export type GenerateStep = 'limits' | 'enrollmentData' | 'keyCsr' | 'enroll' | 'pollEnrollment' | 'retrieve' | 'store' | 'backup' | 'audit';

export const GENERATE_STEPS: readonly GenerateStep[] = ['limits', 'enrollmentData', 'keyCsr', 'enroll', 'pollEnrollment', 'retrieve', 'store', 'backup', 'audit'];

/** Catalogue key of a step's label. */
export const stepLabelKey = (step: GenerateStep): MessageKey => `gen.step.${step}`;

export interface StepEvent {
  step: GenerateStep;
  phase: 'start' | 'done';
  /** Detail in the deps' language: which limit, the reference number, the KSeF status text. */
  detail?: string;
  /** While polling: time waited, time left, how long KSeF has been silent (every tick). */
  wait?: EnrollmentWait;
}

export interface GenerateOptions {
  onStep?: (e: StepEvent) => void;
  signal?: AbortSignal;
  /** Enrollment status polling (default: the client's 1 s growing to 5 s). */
  pollIntervalMs?: number;
  maxWaitMs?: number;
  /** Progress tick while polling (default 1 s). */
  tickMs?: number;
  /** The id of the `pending` record, as soon as it is stored (before KSeF sees the request). */
  onRecord?: (id: string) => void;
}

export interface EnrollOptions extends GenerateOptions {
  /** planGenerate's answer for this very request (checked once per submit by the caller); else checked here. */
  plan?: GeneratePlan;
}

export interface GenerateResult {
  record: CertificateRecord;
  /** The .crt/.key written to the export folder (absent when it failed — see backupError). */
  backup?: ExportResult;
  /** Key on a token: the .crt copy written and the note that no .key backup exists. */
  tokenBackup?: {certPath: string; note: string};
  backupError?: string;
  /** Warnings in the deps' language (e.g. a certificate that starts working later). */
  warnings: string[];
}

export interface GeneratePlan {
  /** Instant sent as validFrom (undefined = issue time). */
  validFrom?: Date;
  predecessor?: CertificateView;
  nameNotPortable: boolean;
}

const plT = makeT('pl');

/** Catalogue key of the name field's error, or undefined. */
export function nameProblem(name: string): MessageKey | undefined {
  if (hasControlChars(name)) return 'gen.name.control';
  const c = checkCertificateName(name);
  return c.ok ? undefined : (`gen.name.${c.problem!}` as MessageKey);
}

/** Error of the name field in `t`'s language, or undefined. */
export function nameError(name: string, t: Translate = plT): string | undefined {
  const k = nameProblem(name);
  return k ? t(k) : undefined;
}

export function describeFollows(p: CertificateView, t: Translate = plT): string {
  return t('gen.follows', {name: p.name, serial: p.serial ?? '—', until: p.validTo ? warsawDateTime(new Date(p.validTo)) : '—'});
}

/**
 * Checks a request against our rules (rights, name, date, mode, password) and resolves the start instant and the
 * predecessor (mode Z). Throws FlowError with a Polish message and a code naming the field. With `parties`, a
 * stored authorising certificate (req.authCertId) must be one the operator may manage and carry the owner's identity.
 */
export function planGenerate(records: readonly CertificateView[], operator: Operator, req: GenerateRequest, now: Date, parties?: Parties): GeneratePlan {
  if (!canManage(operator, req.owner)) {
    // The owner as typed in the CLI (company, branch:KOD, operator:KOD): the same in every language.
    const owner = req.owner.kind === 'company' ? 'company' : `${req.owner.kind}:${req.owner.code}`;
    throw catalogueError('rights.generateForbidden', {operator: operator.code, owner}, 'forbidden');
  }
  if (req.authCertId !== undefined) {
    const key = req.authCertId.trim().toUpperCase();
    const via = records.find((r) => r.id === req.authCertId || r.serial?.toUpperCase() === key);
    if (!via) throw catalogueError('session.noSuchCert', {serial: key}, 'notFound');
    if (parties) assertAuthorisingCertificate(operator, via, req.owner, parties);
  }
  const badName = nameProblem(req.name);
  if (badName) throw catalogueError(badName, undefined, 'badName');
  if (req.type !== 'A' && req.type !== 'O') throw catalogueError('gen.badType', {type: req.type}, 'badType');
  if (!['D', 'P', 'T'].includes(req.env)) throw catalogueError('gen.badEnv', {env: req.env}, 'badEnv');
  if (req.mode !== 'B' && req.mode !== 'Z') throw catalogueError('gen.badMode', {mode: req.mode}, 'badMode');
  const weak = req.keyOnToken ? undefined : passwordPolicyMessage(req.keyPassword);
  if (weak) throw new FlowError(weak, 'weakPassword');
  if (req.validFrom !== undefined) {
    const bad = dateProblem(req.validFrom, now, req.mode === 'Z' ? FAR_FUTURE : undefined); // Z: bounded by its predecessor below
    if (bad) throw catalogueError(bad.key, bad.params, 'badDate');
  }
  const nameNotPortable = checkCertificateName(req.name).notPortable;
  if (req.mode === 'B') {
    const today = warsawDate(now);
    const validFrom = req.validFrom && req.validFrom > today ? warsawMidnight(req.validFrom) : undefined;
    return {validFrom, nameNotPortable};
  }
  const predecessor = predecessorFor(records, req.owner, req.type, req.env, now, req.predecessorId);
  if (req.predecessorId && !predecessor) {
    throw catalogueError('gen.noPredecessorNamed', {type: req.type, env: req.env, owner: ownerText(req.owner)}, 'noPredecessor');
  }
  if (!predecessor || !predecessor.validTo) {
    throw catalogueError('gen.noPredecessor', {type: req.type, env: req.env, owner: ownerText(req.owner)}, 'noPredecessor');
  }
  const end = new Date(predecessor.validTo);
  if (req.validFrom !== undefined) {
    const bad = dateProblem(req.validFrom, now, end);
    if (bad) throw catalogueError(bad.key, bad.params, 'badDate');
  }
  // Z starts when the predecessor ends unless the user chose another (not past) date.
  const validFrom = req.validFrom && req.validFrom !== warsawDate(end) ? warsawMidnight(req.validFrom) : end;
  return {validFrom: validFrom.getTime() > now.getTime() ? validFrom : undefined, predecessor, nameNotPortable};
}

function limitError(which: 'enrollment' | 'certificate', remaining: number, limit: number): FlowError {
  return catalogueError(`gen.limit.${which}`, {used: limit - remaining, limit}, which === 'certificate' ? '25007' : '25006');
}

/**
 * Requests a certificate in the given KSeF session (opened by loginWithCertificate or an external signature) and
 * stores it. See the file comment for the steps and what is left behind on failure.
 */
export function enrollCertificate(deps: GenerateDeps, session: KsefSession, req: GenerateRequest, opts: EnrollOptions = {}): Promise<GenerateResult> {
  // One enrollment per owner, type and environment at a time across every process and server sharing the store (a row
  // lock on PostgreSQL): the limits read, the request that spends them and the stored pending record go together.
  return deps.store.withLock(`enroll:${ownerKey(req.owner)}/${req.type}/${req.env}`, () => enrollLocked(deps, session, req, opts));
}

async function enrollLocked(deps: GenerateDeps, session: KsefSession, req: GenerateRequest, opts: EnrollOptions): Promise<GenerateResult> {
  const t = deps.t ?? makeT('pl');
  const now = () => deps.now?.() ?? new Date();
  const step = (s: GenerateStep, phase: 'start' | 'done', detail?: string) => opts.onStep?.({step: s, phase, detail});
  const {signal} = opts;
  const checkAbort = () => {
    if (signal?.aborted) throw abortError();
  };
  const parties = await loadParties(deps.store);
  const plan = opts.plan ?? planGenerate(await wholeWhere(deps.store, await deps.store.listCertificates(), authCandidate), deps.operator, req, now(), parties);
  const client = await deps.gateway.client(req.env, {apiUrl: req.apiUrl});
  const apiUrl = await deps.gateway.apiBase(req.env, {apiUrl: req.apiUrl});

  step('limits', 'start');
  const limits = await client.certificateLimits(await session.getAccessToken(), {signal});
  if (limits.certificate.remaining <= 0) throw limitError('certificate', limits.certificate.remaining, limits.certificate.limit);
  if (limits.enrollment.remaining <= 0 || !limits.canRequest) throw limitError('enrollment', limits.enrollment.remaining, limits.enrollment.limit);
  step('limits', 'done', t('gen.detail.limits', {er: limits.enrollment.remaining, el: limits.enrollment.limit, cr: limits.certificate.remaining, cl: limits.certificate.limit}));
  checkAbort();

  step('enrollmentData', 'start');
  const data = await client.enrollmentData(await session.getAccessToken(), {signal});
  // The subject KSeF will copy into the certificate must be the owner chosen (any authorisation path).
  assertEnrollmentDataFitsOwner(data, req.owner, parties);
  step('enrollmentData', 'done', [data.commonName, data.organizationIdentifier ?? data.serialNumber].filter(Boolean).join(', '));
  checkAbort();

  step('keyCsr', 'start');
  const alg = req.keyOnToken ? 'EC-P256' : req.keyAlgorithm ?? 'EC-P256';
  const {keys, keyFields, csrDer, csrBase64} = await keyAndCsr(deps, req, alg, data);
  if (!(await csrSubjectMatches(csrDer, data))) {
    throw catalogueError('gen.csrMismatch', undefined, '25003');
  }
  step('keyCsr', 'done', req.keyOnToken ? t('gen.detail.keyOnToken', {alg, label: req.keyOnToken.label}) : alg);
  checkAbort();

  step('enroll', 'start');
  // The pending record is on disk before KSeF sees the request: a lost reply or a crash never loses the key.
  const record = await submitEnrollment(deps, client, {
    req, onRecord: opts.onRecord, predecessorId: plan.predecessor?.id, predecessorLabel: plan.predecessor ? plan.predecessor.serial ?? plan.predecessor.id : undefined,
    keyFields, privateKey: keys?.privateKey, keyAlgorithm: alg, ksefType: KSEF_CERT_TYPE[req.type], apiUrl, accessToken: () => session.getAccessToken(), signal,
    body: {certificateName: req.name, certificateType: KSEF_CERT_TYPE[req.type], csr: csrBase64, ...(plan.validFrom ? {validFrom: plan.validFrom.toISOString()} : {})},
  });
  step('enroll', 'done', t('gen.detail.reference', {ref: record.enrollment!.referenceNumber ?? '—'}));

  return completeEnrollment(deps, record, keys?.privateKey, session, {...opts, keyPassword: req.keyPassword, apiUrl: req.apiUrl});
}

export {abandonEnrollment, resumeEnrollment} from './enrollment-complete.js';
