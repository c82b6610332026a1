// Certificate status as shown in the list [A-1-5-7], and the selector used by every operation.
import type {CertTypeCode, EnvCode, Owner} from './codes.js';
import {ownerKey} from './codes.js';
import type {CertificateMeta, Operator} from './entities.js';
import {daysLeft} from './dates.js';

export type DisplayStatus = 'active' | 'waiting' | 'expired' | 'revoked' | 'pending' | 'failed';

export function displayStatus(rec: CertificateMeta, now: Date): DisplayStatus {
  if (rec.state === 'pending') return 'pending';
  if (rec.state === 'failed') return 'failed';
  if (rec.state === 'revoked' || rec.ksefStatus === 'Revoked' || rec.ksefStatus === 'Blocked') return 'revoked';
  if (rec.validTo && new Date(rec.validTo) <= now) return 'expired';
  if (rec.validFrom && new Date(rec.validFrom) > now) return 'waiting';
  return 'active';
}

export function certDaysLeft(rec: CertificateMeta, now: Date): number | undefined {
  return rec.validTo ? daysLeft(new Date(rec.validTo), now) : undefined;
}

/** Warning level of the days-left column: ≤ 7 red, ≤ 30 yellow. */
export function expiryLevel(days: number | undefined): 'ok' | 'soon' | 'urgent' {
  if (days === undefined) return 'ok';
  if (days <= 7) return 'urgent';
  if (days <= 30) return 'soon';
  return 'ok';
}

/** Owners an operator's operation falls back through: operator → branch → company. */
export function ownerChain(op: Pick<Operator, 'code' | 'branch'>): Owner[] {
  return [{kind: 'operator', code: op.code}, {kind: 'branch', code: op.branch}, {kind: 'company'}];
}

/**
 * Picks the certificate valid now for the operator, walking operator → branch → company, matching type and env.
 * Among several valid ones of one owner, the one that started last wins (a Z successor takes over when its
 * predecessor expires, because the predecessor is then no longer valid).
 */
export function selectCertificate<R extends CertificateMeta>(
  records: readonly R[],
  op: Pick<Operator, 'code' | 'branch'>,
  type: CertTypeCode,
  env: EnvCode,
  now: Date,
): R | undefined {
  for (const owner of ownerChain(op)) {
    const key = ownerKey(owner);
    const candidates = records.filter(
      (r) => ownerKey(r.owner) === key && r.type === type && r.env === env && displayStatus(r, now) === 'active',
    );
    if (candidates.length) {
      return candidates.sort((a, b) => (b.validFrom ?? '').localeCompare(a.validFrom ?? ''))[0];
    }
  }
  return undefined;
}

/** The certificate a Z-mode successor of `owner/type/env` would follow: the active one ending last. */
export function currentForSuccession<R extends CertificateMeta>(
  records: readonly R[], owner: Owner, type: CertTypeCode, env: EnvCode, now: Date,
): R | undefined {
  const key = ownerKey(owner);
  return records
    .filter((r) => ownerKey(r.owner) === key && r.type === type && r.env === env && ['active', 'waiting'].includes(displayStatus(r, now)))
    .sort((a, b) => (b.validTo ?? '').localeCompare(a.validTo ?? ''))[0];
}
