// The certificate list [A-1-5-7] and its details: read (with mode Z switch-overs logged), audit history, F4 export,
// F8 revoke and F5 status refresh, bound to the session's store, gateway, clock, workstation and operator. Details,
// export, revoke and refresh load their modules (X.509, keys, the KSeF client) on first use: the app context builds
// the services before the first frame (test/cold-start-graph.test.ts).
import type {AuditEvent, CertificateRecord, CertificateSummary, CertificateView, EnvCode, Operator, RevocationReason} from '../../domain/index.js';
import type {CertDetails} from '../cert-details.js';
import {assertRevocable, exportWarning} from '../cert-checks.js';
import {FlowError} from '../errors.js';
import type {ExportOptions, ExportResult} from '../export.js';
import {assertCanManage, passwordPolicyMessage} from '../manage-rules.js';
import type {RefreshResult} from '../refresh.js';
import {logSwitchOvers} from '../switchover.js';
import {wholeRecord} from '../whole-records.js';
import type {ServiceDeps} from './deps.js';

/** The logged-in operator; a use case called before login is a programming error, not a user one. */
export function operatorOf(deps: ServiceDeps): Operator {
  if (!deps.operator) throw new FlowError('No operator logged in.', 'noOperator');
  return deps.operator;
}

export function certificatesServices(deps: ServiceDeps) {
  const base = () => ({store: deps.store, operator: operatorOf(deps), workstation: deps.workstation, now: deps.clock});
  return {
    /** Every certificate; switch-overs (mode Z successors that took over) are logged on the way. */
    async list(): Promise<CertificateSummary[]> {
      const recs = await deps.store.listCertificates();
      await logSwitchOvers(base(), recs, deps.clock());
      return recs;
    },
    audit: (): Promise<AuditEvent[]> => deps.store.listAudit(),
    /** The whole record (certificate and sealed key read on demand); undefined when it is gone. */
    get: (id: string): Promise<CertificateRecord | undefined> => deps.store.getCertificate(id),
    details: async (records: readonly CertificateView[], audit: readonly AuditEvent[], rec: CertificateView): Promise<CertDetails> =>
      (await import('../cert-details.js')).certDetails(records, audit, rec, deps.clock()),
    /** The workstation's export folder [A-1-5-2] (the F4 dialog's default). */
    async exportFolder(): Promise<string> {
      return (await deps.store.workstation(deps.workstation)).exportFolder;
    },
    /** Refusal (rights) before any dialog opens; throws FlowError. */
    assertCanManage: (rec: CertificateView, what: string): void => assertCanManage(operatorOf(deps), rec, what),
    assertRevocable: (rec: CertificateView): void => assertRevocable(operatorOf(deps), rec, deps.clock()),
    exportWarning: (rec: CertificateView) => exportWarning(rec, deps.clock()),
    passwordPolicy: (password: string | undefined): string | undefined => passwordPolicyMessage(password ?? ''),
    // A list row has no certificate or key: the whole record is read now, on demand.
    export: async (rec: CertificateView, opts: ExportOptions): Promise<ExportResult> =>
      (await import('../export.js')).exportCertificate(base(), await wholeRecord(deps.store, rec), opts),
    revoke: async (rec: CertificateView, reason: RevocationReason): Promise<CertificateRecord> =>
      (await import('../revoke.js')).revokeCertificate({...base(), gateway: deps.gateway}, await wholeRecord(deps.store, rec), reason),
    refresh: async (env: EnvCode): Promise<RefreshResult> => (await import('../refresh.js')).refreshStatuses({...base(), gateway: deps.gateway}, env),
  };
}

export type CertificatesServices = ReturnType<typeof certificatesServices>;
