// Mode Z switch-over: a successor certificate sleeps until its start date, then the selector picks it instead of
// the predecessor. The switch is not an action anyone takes, so it is detected (at start-up and before selector-based
// operations) and written to the audit log once per successor.
import type {CertificateView, Operator} from '../domain/index.js';
import {displayStatus, ownerKey} from '../domain/index.js';
import type {Store} from '../store/types.js';
import {auditNote} from './audit-notes.js';
import {msg} from '../i18n/index.js';

export interface SwitchOver {
  successor: CertificateView;
  predecessor?: CertificateView;
  /** When the successor took over (its validFrom). */
  at: Date;
}

/** The certificate a successor replaces: its predecessorId, else the same owner/type/env one ending last before it starts. */
export function predecessorOf<R extends CertificateView>(records: readonly R[], s: CertificateView): R | undefined {
  if (s.predecessorId) return records.find((r) => r.id === s.predecessorId);
  const start = s.validFrom ?? '';
  const key = ownerKey(s.owner);
  return records
    .filter((r) => r.id !== s.id && ownerKey(r.owner) === key && r.type === s.type && r.env === s.env && r.validTo && r.validTo <= start && r.state !== 'failed')
    .sort((a, b) => (b.validTo ?? '').localeCompare(a.validTo ?? ''))[0];
}

/** Successors (mode Z, or with a predecessor) that were dormant when created and became active in (lastCheck, now]. */
export function detectSwitchOvers(records: readonly CertificateView[], lastCheck: Date, now: Date): SwitchOver[] {
  const out: SwitchOver[] = [];
  for (const s of records) {
    if (s.mode !== 'Z' && !s.predecessorId) continue;
    if (!s.validFrom) continue;
    const from = new Date(s.validFrom);
    if (from <= lastCheck || from > now) continue;
    if (from <= new Date(s.createdAt)) continue; // valid from the start: nothing was switched
    if (displayStatus(s, now) !== 'active') continue;
    out.push({successor: s, predecessor: predecessorOf(records, s), at: from});
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

export interface SwitchOverDeps {
  store: Store;
  operator: Pick<Operator, 'code'>;
  workstation: string;
  now?: () => Date;
}

/**
 * Writes one `switchOver` audit event per successor that has taken over and has none yet (the audit log itself is
 * the memory, so repeated calls and several processes do not log twice). Returns the events written.
 */
export async function logSwitchOvers(deps: SwitchOverDeps, records?: readonly CertificateView[], now: Date = deps.now?.() ?? new Date()): Promise<SwitchOver[]> {
  const recs = records ?? (await deps.store.listCertificates());
  const found = detectSwitchOvers(recs, new Date(0), now);
  if (!found.length) return [];
  return deps.store.update((data) => {
    const logged = new Set(data.audit.filter((e) => e.action === 'switchOver').map((e) => e.certificateId));
    const fresh = found.filter((f) => !logged.has(f.successor.id));
    for (const f of fresh) {
      const p = f.predecessor;
      data.audit.push({
        id: `${f.successor.id}-switch`,
        at: now.toISOString(),
        operator: deps.operator.code,
        workstation: deps.workstation,
        action: 'switchOver',
        certificateId: f.successor.id,
        serial: f.successor.serial,
        ...auditNote(p
          ? msg('auditNote.switchOver', {name: f.successor.name, predecessor: p.name, serial: p.serial ?? '—', at: f.at.toISOString()})
          : msg('auditNote.switchOverFirst', {name: f.successor.name, at: f.at.toISOString()})),
      });
    }
    return fresh;
  });
}
