// Generowanie nowego Certyfikatu KSeF [A-1-5-4] for an operator, a branch or the company: limits → enrollment
// data → key + CSR (subject checked before sending) → a `pending` record (sealed key, public key) stored BEFORE the
// request is sent, its reference number added from KSeF's reply (enrollment-submit.ts) → poll → retrieve → `issued`
// record → .crt/.key backup → audit (enrollment-complete.ts). KSeF rejection (status 400/550) leaves a `failed`
// record with the Polish reason; a lost reply, a crash, a polling timeout or Esc leave the `pending` record, which
// resumeEnrollment() (W / `ksef-certs resume`) completes later.
import type {CertTypeCode, CertificateRecord, EnvCode, ModeCode, Operator, Owner} from '../domain/index.js';
import {
  checkCertificateName, DAY_MS, hasControlChars, KSEF_CERT_TYPE, ownerKey, warsawDate, warsawDateTime,
} from '../domain/index.js';
import {canManage} from '../domain/rights.js';
import {csrSubjectMatches, type CsrKeyAlgorithm} from '../ksef/csr.js';
import type {EnrollmentWait, KsefSession} from '../ksef/client/index.js';
import type {Translate} from '../i18n/index.js';
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
import {dateError, FAR_FUTURE, predecessorFor, warsawMidnight} from './generate-start.js';

export {dateError, defaultStartDate, predecessorFor, warsawMidnight} from './generate-start.js';

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

export const GENERATE_STEP_PL: Record<GenerateStep, string> = {
  limits: 'Limity certyfikatów w KSeF',
  enrollmentData: 'Dane do wniosku (podmiot z uwierzytelnienia)',
  keyCsr: 'Klucz prywatny i wniosek CSR',
  enroll: 'Złożenie wniosku o certyfikat',
  pollEnrollment: 'Oczekiwanie na wydanie certyfikatu',
  retrieve: 'Pobranie certyfikatu',
  store: 'Zapis w bazie (klucz zaszyfrowany)',
  backup: 'Kopia .crt i .key w folderze eksportu',
  audit: 'Dziennik zdarzeń',
};

export interface StepEvent {
  step: GenerateStep;
  phase: 'start' | 'done';
  /** Polish detail: which limit, the reference number, the KSeF status text. */
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
}

export interface GenerateResult {
  record: CertificateRecord;
  /** The .crt/.key written to the export folder (absent when it failed — see backupError). */
  backup?: ExportResult;
  /** Key on a token: the .crt copy written and the note that no .key backup exists. */
  tokenBackup?: {certPath: string; note: string};
  backupError?: string;
  /** Polish warnings (e.g. a certificate that starts working later). */
  warnings: string[];
}

export interface GeneratePlan {
  /** Instant sent as validFrom (undefined = issue time). */
  validFrom?: Date;
  predecessor?: CertificateRecord;
  /** Polish line for the form / progress: which certificate a Z one follows. */
  followsPl?: string;
  nameNotPortable: boolean;
}

const NAME_PROBLEM_PL = {
  tooShort: 'Nazwa certyfikatu musi mieć co najmniej 5 znaków.',
  tooLong: 'Nazwa certyfikatu może mieć najwyżej 100 znaków.',
  badChars: 'Nazwa certyfikatu może zawierać tylko litery (także polskie), cyfry, spację, „-” i „_”.',
} as const;

export const NAME_PORTABLE_HINT_PL = 'Wskazówka: nazwa do 50 znaków bez polskich liter pasuje też do MCU i Aplikacji Podatnika.';

/** Polish error of the name field, or undefined. */
export function nameError(name: string): string | undefined {
  if (hasControlChars(name)) return 'Nazwa certyfikatu zawiera znaki sterujące — wpisz ją ponownie.';
  const c = checkCertificateName(name);
  return c.ok ? undefined : NAME_PROBLEM_PL[c.problem!];
}

export function describeFollows(p: CertificateRecord): string {
  return `Następca certyfikatu „${p.name}” (${p.serial ?? '—'}), ważnego do ${p.validTo ? warsawDateTime(new Date(p.validTo)) : '—'}.`;
}

/**
 * Checks a request against our rules (rights, name, date, mode, password) and resolves the start instant and the
 * predecessor (mode Z). Throws FlowError with a Polish message and a code naming the field. With `parties`, a
 * stored authorising certificate (req.authCertId) must be one the operator may manage and carry the owner's identity.
 */
export function planGenerate(records: readonly CertificateRecord[], operator: Operator, req: GenerateRequest, now: Date, parties?: Parties): GeneratePlan {
  if (!canManage(operator, req.owner)) {
    // The owner as typed in the CLI (company, branch:KOD, operator:KOD): the same in every language.
    const owner = req.owner.kind === 'company' ? 'company' : `${req.owner.kind}:${req.owner.code}`;
    throw catalogueError('rights.generateForbidden', {operator: operator.code, owner}, 'forbidden');
  }
  if (req.authCertId !== undefined) {
    const key = req.authCertId.trim().toUpperCase();
    const via = records.find((r) => r.id === req.authCertId || r.serial?.toUpperCase() === key);
    if (!via) throw new FlowError(`Nie ma certyfikatu o numerze seryjnym ${key} w bazie.`, 'notFound');
    if (parties) assertAuthorisingCertificate(operator, via, req.owner, parties);
  }
  const badName = nameError(req.name);
  if (badName) throw new FlowError(badName, 'badName');
  if (req.type !== 'A' && req.type !== 'O') throw new FlowError(`Nieprawidłowy typ certyfikatu: ${req.type} (A lub O).`, 'badType');
  if (!['D', 'P', 'T'].includes(req.env)) throw new FlowError(`Nieprawidłowe środowisko: ${req.env} (D, P lub T).`, 'badEnv');
  if (req.mode !== 'B' && req.mode !== 'Z') throw new FlowError(`Nieprawidłowy tryb: ${req.mode} (B lub Z).`, 'badMode');
  const weak = req.keyOnToken ? undefined : passwordPolicyMessage(req.keyPassword);
  if (weak) throw new FlowError(weak, 'weakPassword');
  if (req.validFrom !== undefined) {
    const bad = dateError(req.validFrom, now, req.mode === 'Z' ? FAR_FUTURE : undefined); // Z: bounded by its predecessor below
    if (bad) throw new FlowError(bad, 'badDate');
  }
  const nameNotPortable = checkCertificateName(req.name).notPortable;
  if (req.mode === 'B') {
    const today = warsawDate(now);
    const validFrom = req.validFrom && req.validFrom > today ? warsawMidnight(req.validFrom) : undefined;
    return {validFrom, nameNotPortable};
  }
  const predecessor = predecessorFor(records, req.owner, req.type, req.env, now, req.predecessorId);
  if (req.predecessorId && !predecessor) {
    throw new FlowError(
      `Tryb Z: wskazany certyfikat nie jest aktywnym certyfikatem typu ${req.type} (środowisko ${req.env}) dla ${ownerText(req.owner)} — nie można wygenerować jego następcy.`,
      'noPredecessor',
    );
  }
  if (!predecessor || !predecessor.validTo) {
    throw new FlowError(
      `Tryb Z: brak bieżącego certyfikatu typu ${req.type} (środowisko ${req.env}) dla ${ownerText(req.owner)}, po którym nowy miałby zacząć działać — wybierz tryb B.`,
      'noPredecessor',
    );
  }
  const end = new Date(predecessor.validTo);
  if (req.validFrom !== undefined) {
    const bad = dateError(req.validFrom, now, end);
    if (bad) throw new FlowError(bad, 'badDate');
  }
  // Z starts when the predecessor ends unless the user chose another (not past) date.
  const validFrom = req.validFrom && req.validFrom !== warsawDate(end) ? warsawMidnight(req.validFrom) : end;
  return {validFrom: validFrom.getTime() > now.getTime() ? validFrom : undefined, predecessor, followsPl: describeFollows(predecessor), nameNotPortable};
}

function limitError(which: 'enrollment' | 'certificate', remaining: number, limit: number): FlowError {
  const e =
    which === 'certificate'
      ? new FlowError(
          `Osiągnięto limit posiadanych certyfikatów KSeF (${limit - remaining} z ${limit} aktywnych). Co zrobić: unieważnij niepotrzebny certyfikat (F8 na liście) albo poczekaj, aż któryś wygaśnie. Wniosek nie został złożony.`,
          '25007',
        )
      : new FlowError(
          `Wyczerpano limit wniosków o certyfikat KSeF (${limit - remaining} z ${limit}). Co zrobić: nowy wniosek będzie możliwy po zwolnieniu limitu (zwykle po 30 dniach). Wniosek nie został złożony.`,
          '25006',
        );
  return e;
}

/**
 * Requests a certificate in the given KSeF session (opened by loginWithCertificate or an external signature) and
 * stores it. See the file comment for the steps and what is left behind on failure.
 */
export function enrollCertificate(deps: GenerateDeps, session: KsefSession, req: GenerateRequest, opts: GenerateOptions = {}): Promise<GenerateResult> {
  // One enrollment per owner, type and environment at a time across every process and server sharing the store (a row
  // lock on PostgreSQL): the limits read, the request that spends them and the stored pending record go together.
  return deps.store.withLock(`enroll:${ownerKey(req.owner)}/${req.type}/${req.env}`, () => enrollLocked(deps, session, req, opts));
}

async function enrollLocked(deps: GenerateDeps, session: KsefSession, req: GenerateRequest, opts: GenerateOptions): Promise<GenerateResult> {
  const now = () => deps.now?.() ?? new Date();
  const step = (s: GenerateStep, phase: 'start' | 'done', detail?: string) => opts.onStep?.({step: s, phase, detail});
  const {signal} = opts;
  const checkAbort = () => {
    if (signal?.aborted) throw abortError();
  };
  const [records, parties] = await Promise.all([deps.store.listCertificates(), loadParties(deps.store)]);
  const plan = planGenerate(records, deps.operator, req, now(), parties);
  const client = await deps.gateway.client(req.env, {apiUrl: req.apiUrl});
  const apiUrl = await deps.gateway.apiBase(req.env, {apiUrl: req.apiUrl});

  step('limits', 'start');
  const limits = await client.certificateLimits(await session.getAccessToken(), {signal});
  if (limits.certificate.remaining <= 0) throw limitError('certificate', limits.certificate.remaining, limits.certificate.limit);
  if (limits.enrollment.remaining <= 0 || !limits.canRequest) throw limitError('enrollment', limits.enrollment.remaining, limits.enrollment.limit);
  step('limits', 'done', `wnioski: pozostało ${limits.enrollment.remaining} z ${limits.enrollment.limit}; certyfikaty: pozostało ${limits.certificate.remaining} z ${limits.certificate.limit}`);
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
    throw new FlowError('Podmiot wniosku CSR nie zgadza się z danymi z KSeF — wniosek nie został wysłany (KSeF odrzuciłby go kodem 25003).', '25003');
  }
  step('keyCsr', 'done', req.keyOnToken ? `${alg}, token „${req.keyOnToken.label}”` : alg);
  checkAbort();

  step('enroll', 'start');
  // The pending record is on disk before KSeF sees the request: a lost reply or a crash never loses the key.
  const record = await submitEnrollment(deps, client, {
    req, predecessorId: plan.predecessor?.id, predecessorLabel: plan.predecessor ? plan.predecessor.serial ?? plan.predecessor.id : undefined,
    keyFields, privateKey: keys?.privateKey, keyAlgorithm: alg, ksefType: KSEF_CERT_TYPE[req.type], apiUrl, accessToken: () => session.getAccessToken(), signal,
    body: {certificateName: req.name, certificateType: KSEF_CERT_TYPE[req.type], csr: csrBase64, ...(plan.validFrom ? {validFrom: plan.validFrom.toISOString()} : {})},
  });
  step('enroll', 'done', `numer referencyjny ${record.enrollment!.referenceNumber}`);

  return completeEnrollment(deps, record, keys?.privateKey, session, {...opts, keyPassword: req.keyPassword, apiUrl: req.apiUrl});
}

export {abandonEnrollment, resumeEnrollment} from './enrollment-complete.js';
