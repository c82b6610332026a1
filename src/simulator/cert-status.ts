// Effective status of an issued KSeF certificate: revocation passes through the transitional "Blocked" status
// (certyfikaty-KSeF.md: "Blocked – transitional until revocation completes"), validity ends at validToMs (which
// PUT /testdata/certificates/{serialNumber} may shorten on TEST).
import type {IssuedCertificate} from './model.js';

export type EffectiveCertStatus = 'Active' | 'Blocked' | 'Revoked' | 'Expired';

export function certStatus(c: IssuedCertificate, nowMs: number): EffectiveCertStatus {
  if (c.status === 'Blocked' && c.revokedAtMs !== undefined && nowMs >= c.revokedAtMs) return 'Revoked';
  if (c.status !== 'Active') return c.status;
  return nowMs > c.validToMs ? 'Expired' : 'Active';
}
