// F5 on the list [A-1-5-7]: reads the status of our certificates from KSeF (`POST /certificates/query`, every page)
// and stores it as ksefStatus / ksefCheckedAt. KSeF lists only the certificates of the identity logged in, so a
// certificate of another identity stays "not found" (reported, not changed).
import type {CertificateRecord, EnvCode} from '../domain/index.js';
import {ownerKey} from '../domain/index.js';
import type {CertificateListItem} from '../ksef/client/index.js';
import {closeKsefSession, openKsefSession, branchApiFor, type KsefOpDeps} from './revoke.js';
import {auditNote} from './audit-notes.js';
import {msg} from '../i18n/index.js';

export interface RefreshResult {
  env: EnvCode;
  /** Records whose status KSeF reported. */
  checked: number;
  /** Records whose ksefStatus changed (a first check is not a change). */
  changed: number;
  /** Records checked for the first time (no status stored before). */
  firstChecked: number;
  /** Serials of ours that KSeF did not list for this identity. */
  notFound: string[];
  /** Pages read from KSeF. */
  pages: number;
}

/** Page size of `/certificates/query` (KSeF allows 10–50). */
export const QUERY_PAGE_SIZE = 50;
/** Safety stop: 200 pages × 50 = 10 000 certificates. */
const MAX_PAGES = 200;

export async function refreshStatuses(deps: KsefOpDeps, env: EnvCode): Promise<RefreshResult> {
  const ours = (await deps.store.listCertificates()).filter((r) => r.env === env && r.serial && r.state !== 'pending' && r.state !== 'failed');
  const opened = await openKsefSession(deps, env);
  const seen = new Map<string, CertificateListItem>();
  let pages = 0;
  try {
    const client = await deps.gateway.client(env, await branchApiFor(deps));
    for (let page = 0; page < MAX_PAGES; page++) {
      const token = await opened.session.getAccessToken();
      const res = await client.queryCertificates(token, {}, {pageSize: QUERY_PAGE_SIZE, pageOffset: page});
      pages++;
      for (const c of res.certificates) seen.set(c.certificateSerialNumber.toUpperCase(), c);
      if (!res.hasMore || res.certificates.length === 0) break;
    }
  } finally {
    await closeKsefSession(opened);
  }
  const at = (deps.now?.() ?? new Date()).toISOString();
  // KSeF lists the certificates of the identity logged in: only for records of that owner is "not listed" news.
  const via = opened.via;
  const sameIdentity = (rec: CertificateRecord) => !!via && ownerKey(rec.owner) === ownerKey(via.owner);
  const result = await deps.store.update((data) => {
    let checked = 0;
    let changed = 0;
    let firstChecked = 0;
    const notFound: string[] = [];
    const ids = new Set(ours.map((r) => r.id));
    for (const rec of data.certificates as CertificateRecord[]) {
      if (!ids.has(rec.id) || !rec.serial) continue;
      const item = seen.get(rec.serial.toUpperCase());
      if (!item) {
        notFound.push(rec.serial);
        // Not listed for its own identity: KSeF does not know it (KOD II signed with it would be refused).
        if (sameIdentity(rec)) rec.ksefUnknownAt = at;
        continue;
      }
      delete rec.ksefUnknownAt;
      checked++;
      if (rec.ksefStatus === undefined) firstChecked++;
      else if (rec.ksefStatus !== item.status) changed++;
      rec.ksefStatus = item.status;
      rec.ksefCheckedAt = at;
      // KSeF is the authority on revocation (e.g. revoked in the Taxpayer App or MCU).
      if (item.status === 'Revoked' && rec.state === 'issued') rec.state = 'revoked';
    }
    // The audit event goes into the same update as the statuses it reports.
    data.audit.push(deps.store.auditEvent({
      operator: deps.operator.code, workstation: deps.workstation, action: 'statusRefresh',
      ...auditNote(msg('auditNote.statusRefresh', {env, checked, changed, notFound: notFound.length})),
    }));
    return {checked, changed, firstChecked, notFound};
  });
  return {env, ...result, pages};
}
