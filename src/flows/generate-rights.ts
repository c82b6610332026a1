// Rights of a generate request, enforced in the use case before anything is sent to KSeF: the authorising
// certificate must be one the acting operator may manage, and the owner of the new certificate must be the subject
// KSeF will copy into it (a seal → the company or a branch, a person → the operator with that PESEL). Checked on the
// stored authorising certificate before the login, and again on KSeF's enrollment data before the CSR is sent
// (the only check possible for a file signed outside the program).
import type {CertificateView, Operator, Owner} from '../domain/index.js';
import {canManage, identityMismatch, ksefIdentity, type IdentityMismatch, type KsefIdentity} from '../domain/rights.js';
import {parseCertificate} from '../ksef/cert-info.js';
import type {Store} from '../store/types.js';
import {catalogueError, type FlowError} from './errors.js';

/** What the identity rule compares against: the company's NIP and the operators' PESELs. */
export interface Parties {
  companyNip: string;
  operators: readonly Pick<Operator, 'code' | 'pesel'>[];
}

export async function loadParties(store: Pick<Store, 'company' | 'listOperators'>): Promise<Parties> {
  const [company, operators] = await Promise.all([store.company(), store.listOperators()]);
  return {companyNip: company.nip, operators};
}

/** The subject KSeF would put into a certificate enrolled after logging in with `rec` (its own subject). */
export function identityOfRecord(rec: Pick<CertificateView, 'certPem' | 'hasCert' | 'id'>): KsefIdentity {
  // A list summary of an issued certificate: the caller forgot to read the whole record (flows/whole-records.ts).
  if (rec.hasCert && !rec.certPem) throw new Error(`identityOfRecord: ${rec.id} is a summary without its certificate`);
  if (!rec.certPem) return {kind: 'unknown'};
  try {
    const a = parseCertificate(rec.certPem).subjectAttrs;
    return ksefIdentity({organizationIdentifier: a.organizationIdentifier?.[0], serialNumber: a.serialNumber?.[0]});
  } catch {
    return {kind: 'unknown'};
  }
}

const who = (id: KsefIdentity): string =>
  id.kind === 'seal' ? `NIP ${id.nip}` : id.kind === 'person' ? (id.pesel ? `PESEL ${id.pesel}` : `NIP ${id.nip}`) : '—';

function mismatchError(m: IdentityMismatch, id: KsefIdentity, companyNip: string): FlowError {
  switch (m.reason) {
    case 'sealOtherCompany':
      return catalogueError('rights.sealOtherCompany', {nip: m.nip, company: companyNip}, 'identityMismatch');
    case 'sealForOperator':
      return catalogueError('rights.sealForOperator', {nip: companyNip, operator: m.operator}, 'identityMismatch');
    case 'personForCompany':
      return catalogueError('rights.personForCompany', {who: who(id)}, 'identityMismatch');
    case 'personOtherOperator':
      return m.holder
        ? catalogueError('rights.personIsOther', {who: who(id), operator: m.operator, holder: m.holder}, 'identityMismatch')
        : catalogueError('rights.personNoOperator', {who: who(id), operator: m.operator}, 'identityMismatch');
    case 'unknownIdentity':
      return catalogueError('rights.unknownIdentity', undefined, 'identityMismatch');
  }
}

/** Throws when a certificate carrying `identity` may not be filed under `owner`. */
export function assertIdentityFitsOwner(identity: KsefIdentity, owner: Owner, parties: Parties): void {
  const m = identityMismatch(identity, owner, parties.companyNip, parties.operators);
  if (m) throw mismatchError(m, identity, parties.companyNip);
}

/** KSeF's enrollment data (GET /certificates/enrollments/data) against the owner chosen in the form. */
export function assertEnrollmentDataFitsOwner(
  data: {organizationIdentifier?: string | null; serialNumber?: string | null}, owner: Owner, parties: Parties,
): void {
  assertIdentityFitsOwner(ksefIdentity(data), owner, parties);
}

/** The acting operator may use `via` to log in for an enrollment only if they may manage it. */
export function assertMayAuthoriseWith(operator: Pick<Operator, 'code' | 'role' | 'disabled'>, via: CertificateView): void {
  if (!canManage(operator, via.owner)) {
    throw catalogueError('rights.authCertForbidden', {serial: via.serial ?? via.id, name: via.name, operator: operator.code}, 'forbidden');
  }
}

/** Both rules for a stored authorising certificate and the owner of the certificate to be generated. */
export function assertAuthorisingCertificate(operator: Pick<Operator, 'code' | 'role' | 'disabled'>, via: CertificateView, owner: Owner, parties: Parties): void {
  assertMayAuthoriseWith(operator, via);
  assertIdentityFitsOwner(identityOfRecord(via), owner, parties);
}

/** Whether `via` could authorise a certificate for `owner` (automatic authorisation skips the others). */
export function fitsOwner(via: CertificateView, owner: Owner, parties: Parties): boolean {
  return !identityMismatch(identityOfRecord(via), owner, parties.companyNip, parties.operators);
}
