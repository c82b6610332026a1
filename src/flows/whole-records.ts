// Whole certificate records for the rules that read the certificate itself (its subject identity, issuer, dates).
// The list gives summaries without PEMs (the folder store keeps them in blob files, read on demand): only the
// candidates a rule looks at are read, one getCertificate each.
import type {CertificateRecord, CertificateSummary, CertificateView} from '../domain/index.js';
import type {Store} from '../store/types.js';

/** `records` with every summary `pick` selects replaced by its whole record (PEMs read); the others stay summaries. */
export async function wholeWhere(
  store: Pick<Store, 'getCertificate'>, records: readonly CertificateSummary[], pick: (r: CertificateSummary) => boolean,
): Promise<CertificateView[]> {
  return Promise.all(records.map(async (r) => (pick(r) ? ((await store.getCertificate(r.id)) ?? r) : r)));
}

/** Only the records `pick` selects, whole (a record removed meanwhile is left out). */
export async function wholeRecords(
  store: Pick<Store, 'getCertificate'>, records: readonly CertificateSummary[], pick: (r: CertificateSummary) => boolean,
): Promise<CertificateRecord[]> {
  const out = await Promise.all(records.filter(pick).map((r) => store.getCertificate(r.id)));
  return out.filter((r): r is CertificateRecord => r !== undefined);
}

/** The whole record of a row the user picked in the list (export, revoke, details). */
export async function wholeRecord(store: Pick<Store, 'getCertificate'>, rec: CertificateView): Promise<CertificateRecord> {
  if (rec.keyPem !== undefined) return rec as CertificateRecord;
  const whole = await store.getCertificate(rec.id);
  if (!whole) throw new Error(`record ${rec.id} is gone`);
  return whole;
}

/** Type-A records that may log in (KSeF sessions, automatic authorisation): the ones rules read the subject of. */
export const authCandidate = (r: CertificateSummary): boolean => r.type === 'A' && r.hasCert && r.state === 'issued';
