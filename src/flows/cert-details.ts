// The certificate details [A-1-5-7, Enter] for the details screen and `ksef-certs show`. Apart from the list view
// because it may parse a PEM (@peculiar/x509): `list` and the list screen do not load that stack.
import type {AuditEvent, CertificateRecord, CertificateView} from '../domain/index.js';
import {parseCertificate} from '../ksef/cert-info.js';
import {TYPE_USAGE_PL, toRow, type CertRow} from './list-view.js';
import {predecessorOf} from './switchover.js';
import {keyLocationText} from './key-label.js';

export interface CertDetails {
  row: CertRow;
  subject: string;
  issuer: string;
  keyAlgorithm: string;
  /** Where the private key lives: `token „LABEL”` or the store (Polish). */
  keyLocation: string;
  fingerprintSha256: string;
  usage: string;
  /** The certificate this one succeeds (mode Z) and those that succeed it. */
  succeeds?: CertificateView;
  succeededBy: CertificateView[];
  /** Audit events of this certificate, newest first. */
  history: AuditEvent[];
  /** ≤ 30 days left and no successor yet: offer "Generuj następcę (Z)". */
  offerSuccessor: boolean;
}

/** Facts for the details screen and `ksef-certs show`; subject/issuer/fingerprint read from the PEM when not stored. */
export function certDetails(records: readonly CertificateView[], audit: readonly AuditEvent[], rec: CertificateView, now: Date): CertDetails {
  const row = toRow(rec, now);
  let info: {subject: string; issuer: string; keyAlgorithm: string; fingerprintSha256: string} | undefined;
  if (rec.certPem && (!rec.subject || !rec.issuer || !rec.fingerprintSha256)) {
    try {
      info = parseCertificate(rec.certPem);
    } catch {
      info = undefined;
    }
  }
  const succeeds = rec.mode === 'Z' || rec.predecessorId ? predecessorOf(records, rec) : undefined;
  const succeededBy = records.filter((r) => r.id !== rec.id && (r.mode === 'Z' || r.predecessorId) && predecessorOf(records, r)?.id === rec.id && r.state !== 'failed');
  const history = audit.filter((e) => e.certificateId === rec.id || (!!rec.serial && e.serial === rec.serial)).sort((a, b) => b.at.localeCompare(a.at));
  return {
    row,
    subject: rec.subject ?? info?.subject ?? '—',
    issuer: rec.issuer ?? info?.issuer ?? '—',
    keyAlgorithm: rec.keyAlgorithm || info?.keyAlgorithm || '—',
    keyLocation: keyLocationText(rec),
    fingerprintSha256: rec.fingerprintSha256 ?? info?.fingerprintSha256 ?? '—',
    usage: TYPE_USAGE_PL[rec.type],
    succeeds,
    succeededBy,
    history,
    offerSuccessor: row.status === 'active' && row.days !== undefined && row.days <= 30 && !succeededBy.some((s) => s.state !== 'revoked'),
  };
}
