// Checks an F4 / F8 dialog runs when it OPENS (the flows run them again before acting): F8 on a certificate that
// cannot be revoked says why at once; F4 on a revoked or expired one warns before the password is asked for.
import type {CertificateView, Operator} from '../domain/index.js';
import {displayStatus, hasCertificate, warsawDate} from '../domain/index.js';
import type {MessageKey, Params} from '../i18n/index.js';
import {flowError} from './errors.js';
import {assertCanManage} from './manage-rules.js';
import {msg} from '../i18n/index.js';

/** Every refusal of a revoke that needs no KSeF call: rights, not issued, already revoked, expired. */
export function assertRevocable(
  operator: Pick<Operator, 'code' | 'role' | 'disabled'>, rec: CertificateView, now: Date,
): asserts rec is CertificateView & {serial: string} {
  assertCanManage(operator, rec, 'revoke');
  if (!rec.serial || !hasCertificate(rec)) throw flowError(msg('flowErr.revokeNotIssued', {name: rec.name}), 'notIssued');
  const status = displayStatus(rec, now);
  if (status === 'revoked') throw flowError(msg('flowErr.alreadyRevoked', {name: rec.name, serial: rec.serial}), 'alreadyRevoked');
  if (status === 'expired') throw flowError(msg('flowErr.revokeExpired', {name: rec.name, serial: rec.serial}), 'expired');
}

/** Catalogue warning to confirm (T/N) before exporting a certificate KSeF no longer accepts, or undefined. */
export function exportWarning(rec: CertificateView, now: Date): {key: MessageKey; params: Params} | undefined {
  const status = displayStatus(rec, now);
  if (status === 'revoked') return {key: 'list.exportWarnRevoked', params: {name: rec.name}};
  if (status === 'expired') return {key: 'list.exportWarnExpired', params: {name: rec.name, at: rec.validTo ? warsawDate(new Date(rec.validTo)) : '—'}};
  return undefined;
}
