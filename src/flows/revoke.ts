// F8 revoke [A-1-5-7] through KSeF, and the KSeF session that certificate operations (revoke, F5 refresh) run in.
import type {Branch, CertificateRecord, CertificateView, EnvCode, Operator, RevocationReason} from '../domain/index.js';
import {REVOCATION_REASONS, displayStatus, hasCertificate, ownerKey, selectCertificate} from '../domain/index.js';
import type {KsefSession} from '../ksef/client/index.js';
import type {Store} from '../store/types.js';
import {contextFor} from './context-id.js';
import {flowError} from './errors.js';
import {assertCanManage} from './export.js';
import type {KsefGateway} from './gateway.js';
import {loginWithCertificate} from './login.js';
import {logSwitchOvers} from './switchover.js';
import {assertRevocable} from './cert-checks.js';
import {wholeRecords} from './whole-records.js';
import {identityOfRecord} from './generate-rights.js';
import {makeT, msg, type Translate} from '../i18n/index.js';
import {auditNote} from './audit-notes.js';

export interface KsefOpDeps {
  store: Store;
  gateway: KsefGateway;
  operator: Operator;
  workstation: string;
  now?: () => Date;
  /**
   * Session by external signature (e-podpis / Profil Zaufany, src/flows/authorize.ts) used when no stored type-A
   * certificate can log in. Without it such an operation is refused with a Polish message.
   */
  authorize?: (env: EnvCode) => Promise<KsefSession>;
}

export const revocationReasonLabel = (t: Translate, r: RevocationReason): string => t(`flowErr.reason.${r}`);

/** @deprecated Polish labels for callers not yet given `t`; use revocationReasonLabel(t, r). */
export const REVOCATION_REASON_PL: Record<RevocationReason, string> = Object.fromEntries(
  (['Unspecified', 'Superseded', 'KeyCompromise'] as const).map((r) => [r, revocationReasonLabel(makeT('pl'), r)]),
) as Record<RevocationReason, string>;

export function parseRevocationReason(text: string): RevocationReason | undefined {
  return REVOCATION_REASONS.find((r) => r.toLowerCase() === text.trim().toLowerCase());
}

export interface OpenedSession {
  session: KsefSession;
  /** The stored certificate used to log in (undefined for an external-signature session). */
  via?: CertificateRecord;
  /** True when we logged in ourselves (then we log out when done). */
  own: boolean;
}

/**
 * Type-A certificates that can log in for `env`, best first: the same owner as `forRec` (same KSeF identity),
 * then the operator's selector chain operator → branch → company.
 */
export function loginCandidates<R extends CertificateView>(records: readonly R[], op: Operator, env: EnvCode, now: Date, forRec?: CertificateView): R[] {
  const usable = (r: R) => r.type === 'A' && r.env === env && hasCertificate(r) && displayStatus(r, now) === 'active';
  const out: R[] = [];
  if (forRec) {
    const key = ownerKey(forRec.owner);
    // KSeF acts only on certificates of the identity that logged in: one with forRec's subject goes first.
    const same = JSON.stringify(identityOfRecord(forRec));
    const rank = (r: R) => (JSON.stringify(identityOfRecord(r)) === same ? 0 : 2) + Number(r.id === forRec.id);
    out.push(...records.filter((r) => usable(r) && ownerKey(r.owner) === key).sort((a, b) => rank(a) - rank(b)));
  }
  const chosen = selectCertificate(records, op, 'A', env, now);
  if (chosen && !out.some((r) => r.id === chosen.id)) out.push(chosen);
  return out;
}

/** Logs in to KSeF for `env`: with a stored type-A certificate when there is one, else through `deps.authorize`. */
export async function openKsefSession(deps: KsefOpDeps, env: EnvCode, forRec?: CertificateRecord): Promise<OpenedSession> {
  const now = deps.now?.() ?? new Date();
  const [summaries, company, branches] = await Promise.all([deps.store.listCertificates(), deps.store.company(), deps.store.listBranches()]);
  await logSwitchOvers(deps, summaries, now);
  // Only the type-A records that could log in are read whole (the subject ranks them; the key signs).
  const records = await wholeRecords(deps.store, summaries, (r) => r.type === 'A' && r.env === env && displayStatus(r, now) === 'active');
  const candidates = loginCandidates(records, deps.operator, env, now, forRec);
  const branch: Branch | undefined = branches.find((b) => b.code === (forRec?.owner.kind === 'branch' ? forRec.owner.code : deps.operator.branch));
  const context = contextFor(company, branch?.config);
  if (candidates.length) {
    const via = candidates[0];
    const session = await loginWithCertificate(
      {store: deps.store, gateway: deps.gateway, operator: deps.operator.code, workstation: deps.workstation, now: deps.now},
      via,
      {context, apiUrl: branch?.config.apiUrl},
    );
    return {session, via, own: true};
  }
  if (deps.authorize) return {session: await deps.authorize(env), own: false};
  throw flowError(msg('flowErr.authorizationRequired', {env}), 'authorizationRequired');
}

export async function closeKsefSession(s: OpenedSession): Promise<void> {
  if (s.own) await s.session.logout().catch(() => undefined);
}

export interface RevokeOptions {
  /** An already open session (e.g. from the external-signature authorisation); otherwise one is opened. */
  session?: KsefSession;
}

/**
 * Revokes the certificate in KSeF, then records it (`revoked`, reason, KSeF status read back) and audits `revoke`.
 * Refusals: no right to manage it, not issued, already revoked/expired, no way to log in.
 */
export async function revokeCertificate(deps: KsefOpDeps, rec: CertificateRecord, reason: RevocationReason, opts: RevokeOptions = {}): Promise<CertificateRecord> {
  assertCanManage(deps.operator, rec, 'revoke');
  if (!REVOCATION_REASONS.includes(reason)) throw flowError(msg('flowErr.badReason', {reason}), 'badReason');
  assertRevocable(deps.operator, rec, deps.now?.() ?? new Date());

  const opened: OpenedSession = opts.session ? {session: opts.session, own: false} : await openKsefSession(deps, rec.env, rec);
  let ksefStatus: CertificateRecord['ksefStatus'] = 'Revoked';
  try {
    const client = await deps.gateway.client(rec.env, await branchApi(deps, rec));
    const token = await opened.session.getAccessToken();
    await client.revokeCertificate(token, rec.serial, reason);
    // Read the status back so the list shows what KSeF says now.
    const back = await client.queryCertificates(token, {certificateSerialNumber: rec.serial}, {pageSize: 10, pageOffset: 0}).catch(() => undefined);
    ksefStatus = back?.certificates.find((c) => c.certificateSerialNumber === rec.serial)?.status ?? 'Revoked';
  } finally {
    await closeKsefSession(opened);
  }
  const at = (deps.now?.() ?? new Date()).toISOString();
  const updated = await deps.store.patchCertificate(rec.id, {
    state: 'revoked', revokedAt: at, revocationReason: reason, ksefStatus, ksefCheckedAt: at,
  }, {
    operator: deps.operator.code, workstation: deps.workstation, action: 'revoke', certificateId: rec.id, serial: rec.serial,
    ...auditNote(msg('auditNote.revoke', {code: reason, reason: msg(`flowErr.reason.${reason}`)})),
  });
  return updated;
}

async function branchApi(deps: Pick<KsefOpDeps, 'store' | 'operator'>, rec?: CertificateRecord): Promise<{apiUrl?: string}> {
  const branches = await deps.store.listBranches();
  const code = rec?.owner.kind === 'branch' ? rec.owner.code : deps.operator.branch;
  return {apiUrl: branches.find((b) => b.code === code)?.config.apiUrl};
}

export {branchApi as branchApiFor};
