// Sending an enrollment so that a certificate KSeF accepted is never lost: the `pending` record (sealed key, public
// key, request data) is written BEFORE the POST, the reference number is added once KSeF's reply arrives. When the
// reply is lost (connection reset, timeout, 5xx, the process killed) the record stays without a reference and
// resume reconciles it with KSeF (enrollment-complete.ts) — the request is never repeated blindly (quota).
import {createPublicKey, randomUUID, type KeyObject} from 'node:crypto';
import type {CertificateRecord, KsefCertificateType} from '../domain/index.js';
import {KsefApiError, type EnrollCertificateRequest, type KsefClient} from '../ksef/client/index.js';
import {makeT, msg, type Translate} from '../i18n/index.js';
import {abortError} from './authorize.js';
import {FlowError} from './errors.js';
import type {GenerateDeps, GenerateRequest} from './generate.js';
import {auditNote} from './audit-notes.js';

export interface SubmitInput {
  req: GenerateRequest;
  /** Told the record id once the pending record is stored. */
  onRecord?: (id: string) => void;
  predecessorId?: string;
  /** Serial (or id) of the predecessor, for the audit line. */
  predecessorLabel?: string;
  /** keyPem (sealed), or a token key's keyUri + publicKeyPem (generate-key.ts keyAndCsr). */
  keyFields: Pick<CertificateRecord, 'keyPem'> & Partial<Pick<CertificateRecord, 'keyUri' | 'publicKeyPem'>>;
  /** The in-memory private key (absent for a key on a token). */
  privateKey?: KeyObject;
  keyAlgorithm: string;
  ksefType: KsefCertificateType;
  body: EnrollCertificateRequest;
  apiUrl: string;
  accessToken: () => Promise<string>;
  signal?: AbortSignal;
}

export const depsT = (deps: {t?: Translate}): Translate => deps.t ?? makeT('pl');

/** SubjectPublicKeyInfo (DER, base64) of a private key: what reconciliation looks for in KSeF. */
export const spkiOf = (key: KeyObject): string => createPublicKey(key).export({type: 'spki', format: 'der'}).toString('base64');
const spkiOfPem = (pem: string): string => createPublicKey(pem).export({type: 'spki', format: 'der'}).toString('base64');

/** A reply proving KSeF did not take the request: 4xx (400 validation, 401/403, 429 not processed). */
const refusedByKsef = (e: unknown): boolean =>
  e instanceof KsefApiError && (e.kind === 'rateLimited' || (e.kind === 'http' && e.httpStatus !== undefined && e.httpStatus >= 400 && e.httpStatus < 500));

/**
 * Stores the pending record, sends the request and stores the reference number. Throws the KSeF error (record
 * removed) when KSeF refused it; FlowError 'enrollUnconfirmed' (record kept) when its fate is unknown.
 */
export async function submitEnrollment(deps: GenerateDeps, client: KsefClient, o: SubmitInput): Promise<CertificateRecord> {
  const t = depsT(deps);
  const at = (deps.now?.() ?? new Date()).toISOString();
  const {req} = o;
  let record: CertificateRecord = {
    id: randomUUID(), owner: req.owner, name: req.name, type: req.type, env: req.env, mode: req.mode, state: 'pending',
    ...o.keyFields, keyAlgorithm: o.keyAlgorithm,
    ...(o.predecessorId ? {predecessorId: o.predecessorId} : {}),
    enrollment: {
      apiUrl: o.apiUrl, requestedAt: at, ksefType: o.ksefType, publicKeySpki: o.privateKey ? spkiOf(o.privateKey) : spkiOfPem(o.keyFields.publicKeyPem ?? ''),
      ...(o.body.validFrom ? {validFrom: o.body.validFrom} : {}),
    },
    source: 'generated', createdAt: at, createdBy: deps.operator.code,
  };
  await deps.store.addCertificate(record);
  o.onRecord?.(record.id);
  let referenceNumber: string;
  try {
    ({referenceNumber} = await client.enroll(await o.accessToken(), o.body, {signal: o.signal}));
  } catch (e) {
    if (refusedByKsef(e)) {
      await deps.store.removeCertificate(record.id); // KSeF answered "no": nothing was issued for this key
      throw e;
    }
    const note = t('enroll.unconfirmedNote', {id: record.id});
    record = await deps.store.patchCertificate(record.id, {enrollment: {...record.enrollment!, lastMessage: note}}, {
      operator: deps.operator.code, workstation: deps.workstation, action: 'enrollmentStarted', certificateId: record.id,
      ...auditNote(msg('audit.enroll.unconfirmed', {why: e instanceof KsefApiError ? e.kind : msg('audit.enroll.aborted'), type: req.type, env: req.env, name: req.name})),
    });
    if (o.signal?.aborted) throw abortError();
    throw new FlowError(t('enroll.unconfirmed', {name: req.name, id: record.id}), 'enrollUnconfirmed');
  }
  record = await deps.store.patchCertificate(record.id, {enrollment: {...record.enrollment!, referenceNumber}}, {
    operator: deps.operator.code, workstation: deps.workstation, action: 'enrollmentStarted', certificateId: record.id,
    ...auditNote(o.predecessorLabel
      ? msg('audit.enroll.sentFollows', {ref: referenceNumber, type: req.type, env: req.env, name: req.name, predecessor: o.predecessorLabel})
      : msg('audit.enroll.sent', {ref: referenceNumber, type: req.type, env: req.env, name: req.name})),
  });
  return record;
}
