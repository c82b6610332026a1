// The second half of an enrollment, for a stored `pending` record: poll by reference number (or, when the reply
// with the reference was lost, find the certificate in KSeF by the request's public key) → retrieve → `issued`
// record → .crt/.key backup → audit. Used right after the request (generate) and later by W / `ksef-certs resume`.
import type {KeyObject} from 'node:crypto';
import type {CertificateRecord} from '../domain/index.js';
import {DAY_MS, warsawDate, warsawDateTime} from '../domain/index.js';
import {canManage} from '../domain/rights.js';
import {parseCertificate} from '../ksef/cert-info.js';
import {keyMatchesCertificate} from '../ksef/keys.js';
import {KsefApiError, waitForEnrollment, type EnrollmentWait, type KsefSession} from '../ksef/client/index.js';
import {isLocalized, msg, type Translate} from '../i18n/index.js';
import {abortError} from './authorize.js';
import {catalogueError, FlowError, userMessage} from './errors.js';
import {exportCertificate, type ExportResult} from './export.js';
import {findIssuedForKey} from './enrollment-reconcile.js';
import {certMatchesPublicKey, tokenCertificateCopy} from './generate-key.js';
import {depsT, spkiOf} from './enrollment-submit.js';
import type {GenerateDeps, GenerateOptions, GenerateResult, GenerateStep} from './generate.js';
import {ownerText} from './list-view.js';
import {auditNote} from './audit-notes.js';

export interface CompleteOptions extends GenerateOptions {
  keyPassword?: string;
  apiUrl?: string;
}

const isAbort = (e: unknown, signal?: AbortSignal): boolean =>
  (e instanceof Error && e.name === 'AbortError') || !!signal?.aborted;

const secs = (ms: number): number => Math.round(ms / 1000);

/** Progress text while polling: KSeF's last status and the time left, or how long KSeF has been silent. */
export function waitText(t: Translate, ref: string, w: EnrollmentWait): string {
  return w.silentMs >= 2000
    ? t('enroll.waitSilent', {ref, silent: secs(w.silentMs), remaining: secs(w.remainingMs)})
    : t('enroll.wait', {ref, status: w.lastStatus ?? '…', waited: secs(w.waitedMs), remaining: secs(w.remainingMs)});
}

/** Serial (+ DER when reconciliation already fetched it) of the certificate issued for the pending record. */
async function issuedSerial(
  deps: GenerateDeps, pending: CertificateRecord, key: KeyObject | undefined, session: KsefSession, opts: CompleteOptions,
  step: (s: GenerateStep, phase: 'start' | 'done', detail?: string, wait?: EnrollmentWait) => void,
): Promise<{serial: string; der?: Buffer}> {
  const t = depsT(deps);
  const {signal} = opts;
  const ref = pending.enrollment!.referenceNumber;
  const client = await deps.gateway.client(pending.env, {apiUrl: opts.apiUrl});
  if (!ref) {
    step('pollEnrollment', 'start', t('enroll.searching'));
    const known = new Set((await deps.store.listCertificates()).flatMap((c) => (c.serial ? [c.serial.toUpperCase()] : [])));
    const res = await findIssuedForKey(client, () => session.getAccessToken(), pending, pending.enrollment!.publicKeySpki ?? spkiOf(key!), {knownSerials: known, signal});
    if (!res.found) {
      step('pollEnrollment', 'done', t('enroll.searched', {count: res.checked}));
      throw new FlowError(t('enroll.notInKsef', {name: pending.name, count: res.checked, id: pending.id}), 'notInKsef');
    }
    step('pollEnrollment', 'done', t('enroll.found', {serial: res.found.serial}));
    return res.found;
  }
  step('pollEnrollment', 'start', t('enroll.detail.request', {ref}));
  const started = Date.now();
  try {
    const done = await waitForEnrollment(client, () => session.getAccessToken(), ref, {
      signal, pollIntervalMs: opts.pollIntervalMs, maxWaitMs: opts.maxWaitMs, tickMs: opts.tickMs,
      onPoll: (st) => step('pollEnrollment', 'start', t('enroll.detail.polled', {ref, status: st.description})),
      onWait: (w) => step('pollEnrollment', 'start', waitText(t, ref, w), w),
    });
    step('pollEnrollment', 'done', t('enroll.detail.serial', {serial: done.certificateSerialNumber}));
    return {serial: done.certificateSerialNumber};
  } catch (e) {
    if (isAbort(e, signal)) throw abortError(); // the pending record stays: resumable
    if (e instanceof KsefApiError && e.kind === 'status') {
      const m = userMessage(e);
      await deps.store.patchCertificate(pending.id, {
        state: 'failed', enrollment: {...pending.enrollment!, lastStatus: e.code, lastMessage: m.text},
      }, {
        operator: deps.operator.code, workstation: deps.workstation, action: 'enrollmentFailed', certificateId: pending.id,
        ...auditNote(msg('audit.enroll.failed', {ref: ref ?? '—', code: String(e.code), details: e.details.join('; ').slice(0, 250) || (isLocalized(e) ? e.msg : m.text)})),
      });
      throw e;
    }
    if (e instanceof KsefApiError) {
      await deps.store.patchCertificate(pending.id, {enrollment: {...pending.enrollment!, lastStatus: e.code, lastMessage: userMessage(e).text}}).catch(() => undefined);
      // Still pending in KSeF (or KSeF unreachable): say how to finish it later.
      if (e.kind === 'timeout' || e.kind === 'network' || e.kind === 'rateLimited') {
        throw new FlowError(t('enroll.pollTimeout', {ref, seconds: secs(Date.now() - started), reason: userMessage(e, t).text.split('.')[0]}), 'enrollmentPending');
      }
    }
    throw e;
  }
}

/** poll (or find by key) → retrieve → issued record → backup → audit, for a stored pending record. */
export async function completeEnrollment(
  deps: GenerateDeps, pending: CertificateRecord, key: KeyObject | undefined, session: KsefSession, opts: CompleteOptions,
): Promise<GenerateResult> {
  const now = () => deps.now?.() ?? new Date();
  const t = depsT(deps);
  const step = (s: GenerateStep, phase: 'start' | 'done', detail?: string, wait?: EnrollmentWait) => opts.onStep?.({step: s, phase, detail, ...(wait ? {wait} : {})});
  const {signal} = opts;
  // A key on a token stays there: the record's public key is what the certificate must carry.
  const onToken = !!(pending.publicKeyPem && pending.keyUri);
  const privateKey = onToken ? undefined : key ?? (await deps.store.unsealKey(pending.keyPem));
  const {serial, der: found} = await issuedSerial(deps, pending, privateKey, session, opts, step);
  const ref = pending.enrollment!.referenceNumber;

  step('retrieve', 'start');
  let der = found;
  if (!der) {
    const client = await deps.gateway.client(pending.env, {apiUrl: opts.apiUrl});
    const {certificates} = await client.retrieveCertificates(await session.getAccessToken(), [serial], {signal});
    const got = certificates.find((c) => c.certificateSerialNumber === serial) ?? certificates[0];
    if (!got) throw catalogueError('enroll.notRetrieved', {serial}, 'notRetrieved');
    der = Buffer.from(got.certificate, 'base64');
  }
  const info = parseCertificate(der);
  if (!(onToken ? certMatchesPublicKey(pending.publicKeyPem!, info.der) : keyMatchesCertificate(privateKey!, info.der))) {
    throw catalogueError('enroll.keyMismatch', {serial}, 'keyMismatch');
  }
  step('retrieve', 'done', `${info.subject}`);

  step('store', 'start');
  const record = await deps.store.patchCertificate(pending.id, {
    state: 'issued', serial: info.serial, certPem: info.pem, subject: info.subject, issuer: info.issuer,
    subjectIdentifier: info.subjectIdentifier, validFrom: info.notBefore.toISOString(), validTo: info.notAfter.toISOString(),
    fingerprintSha256: info.fingerprintSha256, keyAlgorithm: info.keyAlgorithm,
    enrollment: {...pending.enrollment!, lastStatus: 200, lastMessage: undefined},
  }, {
    // Recorded in the same update as the issued certificate: one never exists without the other.
    operator: deps.operator.code, workstation: deps.workstation, action: 'generate', certificateId: pending.id, serial: info.serial,
    ...auditNote(msg('audit.enroll.issued', {type: pending.type, env: pending.env, mode: pending.mode, name: pending.name, ref: ref ?? msg('audit.enroll.foundByKey')})),
  });
  step('store', 'done', t('enroll.detail.stored', {serial: info.serial, from: warsawDate(info.notBefore), to: warsawDate(info.notAfter)}));

  let backup: ExportResult | undefined;
  let backupError: string | undefined;
  let tokenBackup: GenerateResult['tokenBackup'];
  if (record.keyUri) {
    step('backup', 'start');
    ({tokenBackup, backupError} = await tokenCertificateCopy(deps, record));
    step('backup', 'done', tokenBackup?.note ?? backupError);
  } else if (opts.keyPassword) {
    step('backup', 'start');
    try {
      const ws = await deps.store.workstation(deps.workstation);
      backup = await exportCertificate(
        {store: deps.store, operator: deps.operator, workstation: deps.workstation, keyIterations: deps.keyIterations},
        record,
        {dir: ws.exportFolder, password: opts.keyPassword, createFolder: true},
      );
      step('backup', 'done', backup.keyPath);
    } catch (e) {
      // The certificate is issued and stored; a failed backup must not undo that (F4 exports it again).
      backupError = t('enroll.backupLater', {error: userMessage(e, t).text});
      step('backup', 'done', backupError);
    }
  }

  step('audit', 'start');
  step('audit', 'done'); // written with the record (step 'store')

  const warnings: string[] = [];
  const daysToStart = record.validFrom ? Math.round((new Date(record.validFrom).getTime() - now().getTime()) / DAY_MS) : 0;
  if (daysToStart > 0) warnings.push(t('enroll.startsLater', {at: warsawDateTime(new Date(record.validFrom!))}));
  return {record, backup, backupError, tokenBackup, warnings};
}

function pendingFor(deps: GenerateDeps, rec: CertificateRecord | undefined): CertificateRecord {
  if (!rec) throw catalogueError('enroll.gone', undefined, 'notFound');
  if (rec.state !== 'pending' || !rec.enrollment) throw catalogueError('enroll.notPending', {name: rec.name, state: rec.state}, 'notPending');
  if (!canManage(deps.operator, rec.owner)) throw catalogueError('enroll.forbidden', {name: rec.name, owner: ownerText(rec.owner)}, 'forbidden');
  return rec;
}

/**
 * Completes a `pending` record after a restart, Esc or a lost reply: polls (or finds the certificate by key) and
 * retrieves in a fresh session of the same KSeF identity. `keyPassword` writes the .crt/.key backup too.
 */
export async function resumeEnrollment(deps: GenerateDeps, recordId: string, session: KsefSession, opts: CompleteOptions = {}): Promise<GenerateResult> {
  // Checked under the record's lock: the same request resumed from two servers at once is completed only once.
  return deps.store.withLock(`enroll:${recordId}`, async () => {
    const rec = pendingFor(deps, await deps.store.getCertificate(recordId));
    return completeEnrollment(deps, rec, undefined, session, opts);
  });
}

/**
 * The user's decision after reconciliation found nothing: the request never reached KSeF. Only for a record
 * without a reference number (one KSeF confirmed is finished, never abandoned). The sealed key stays.
 */
export async function abandonEnrollment(deps: GenerateDeps, recordId: string): Promise<CertificateRecord> {
  return deps.store.withLock(`enroll:${recordId}`, () => abandonLocked(deps, recordId)); // never while it is being resumed
}

async function abandonLocked(deps: GenerateDeps, recordId: string): Promise<CertificateRecord> {
  const t = depsT(deps);
  const rec = pendingFor(deps, await deps.store.getCertificate(recordId));
  const ref = rec.enrollment!.referenceNumber;
  if (ref) throw new FlowError(t('enroll.abandonRefused', {name: rec.name, ref}), 'hasReference');
  const note = t('enroll.abandonedNote', {operator: deps.operator.code});
  const out = await deps.store.patchCertificate(rec.id, {state: 'failed', enrollment: {...rec.enrollment!, lastMessage: note}}, {
    operator: deps.operator.code, workstation: deps.workstation, action: 'enrollmentFailed', certificateId: rec.id,
    ...auditNote(msg('auditNote.abandoned', {name: rec.name, note: msg('enroll.abandonedNote', {operator: deps.operator.code})})),
  });
  return out;
}
