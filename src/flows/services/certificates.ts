// The certificate list [A-1-5-7] and its details: read (with mode Z switch-overs logged), audit history, F4 export,
// F8 revoke and F5 status refresh, bound to the session's store, gateway, clock, workstation and operator.
import type {AuditEvent, CertificateRecord, EnvCode, Operator, RevocationReason} from '../../domain/index.js';
import {certDetails, type CertDetails} from '../cert-details.js';
import {assertRevocable, exportWarning} from '../cert-checks.js';
import {FlowError} from '../errors.js';
import {assertCanManage, exportCertificate, passwordPolicyMessage, type ExportOptions, type ExportResult} from '../export.js';
import {refreshStatuses, type RefreshResult} from '../refresh.js';
import {revokeCertificate} from '../revoke.js';
import {logSwitchOvers} from '../switchover.js';
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
    async list(): Promise<CertificateRecord[]> {
      const recs = await deps.store.listCertificates();
      await logSwitchOvers(base(), recs, deps.clock());
      return recs;
    },
    audit: (): Promise<AuditEvent[]> => deps.store.listAudit(),
    details: (records: readonly CertificateRecord[], audit: readonly AuditEvent[], rec: CertificateRecord): CertDetails =>
      certDetails(records, audit, rec, deps.clock()),
    /** The workstation's export folder [A-1-5-2] (the F4 dialog's default). */
    async exportFolder(): Promise<string> {
      return (await deps.store.workstation(deps.workstation)).exportFolder;
    },
    /** Refusal (rights) before any dialog opens; throws FlowError. */
    assertCanManage: (rec: CertificateRecord, what: string): void => assertCanManage(operatorOf(deps), rec, what),
    assertRevocable: (rec: CertificateRecord): void => assertRevocable(operatorOf(deps), rec, deps.clock()),
    exportWarning: (rec: CertificateRecord) => exportWarning(rec, deps.clock()),
    passwordPolicy: (password: string | undefined): string | undefined => passwordPolicyMessage(password ?? ''),
    export: (rec: CertificateRecord, opts: ExportOptions): Promise<ExportResult> => exportCertificate(base(), rec, opts),
    revoke: (rec: CertificateRecord, reason: RevocationReason): Promise<CertificateRecord> =>
      revokeCertificate({...base(), gateway: deps.gateway}, rec, reason),
    refresh: (env: EnvCode): Promise<RefreshResult> => refreshStatuses({...base(), gateway: deps.gateway}, env),
  };
}

export type CertificatesServices = ReturnType<typeof certificatesServices>;
