// Who may manage (generate, export, revoke, delete) a certificate of a given owner, and whose identity a new KSeF
// certificate may carry: KSeF copies the authenticated subject into it (enrollment data), so the owner we file it
// under must be that subject — a seal is the company (or one of its branches), a person is the operator with that PESEL.
import type {Owner} from './codes.js';
import type {Operator} from './entities.js';
import {isValidPesel} from './identifiers.js';

/** An ordinary operator manages only their own operator certificates; an admin manages every owner. */
export function canManage(op: Pick<Operator, 'code' | 'role' | 'disabled'>, owner: Owner): boolean {
  if (op.disabled) return false;
  if (op.role === 'admin') return true;
  return owner.kind === 'operator' && owner.code === op.code;
}

/** The subject KSeF puts into a certificate: a seal (organizationIdentifier VATPL-NIP) or a person. */
export type KsefIdentity =
  | {kind: 'seal'; nip: string}
  | {kind: 'person'; pesel?: string; nip?: string}
  | {kind: 'unknown'};

/** Reads the identity the way KSeF does (organizationIdentifier first, then serialNumber PNOPL/PESEL or TINPL/NIP). */
export function ksefIdentity(a: {organizationIdentifier?: string | null; serialNumber?: string | null}): KsefIdentity {
  const org = a.organizationIdentifier ? /(VATPL).*?(\d{10})/.exec(a.organizationIdentifier) : null;
  if (org) return {kind: 'seal', nip: org[2]};
  if (a.organizationIdentifier) return {kind: 'unknown'};
  const sn = a.serialNumber ?? '';
  const pesel = /(PNOPL|PESEL).*?(\d{11})/.exec(sn);
  if (pesel) return {kind: 'person', pesel: pesel[2]};
  const nip = /(TINPL|NIP).*?(\d{10})/.exec(sn);
  if (nip) return {kind: 'person', nip: nip[2]};
  return {kind: 'unknown'};
}

export type IdentityMismatch =
  /** A seal of another company. */
  | {reason: 'sealOtherCompany'; nip: string}
  /** A company seal filed under an operator. */
  | {reason: 'sealForOperator'; operator: string}
  /** A person's certificate filed under the company or a branch. */
  | {reason: 'personForCompany'}
  /** A person whose PESEL is not the owner operator's (`holder`: the operator who has it, if any). */
  | {reason: 'personOtherOperator'; operator: string; holder?: string}
  /** No PESEL / NIP KSeF would put in the certificate. */
  | {reason: 'unknownIdentity'};

/** Why a certificate with `identity` may not belong to `owner` (undefined: it may). */
export function identityMismatch(
  identity: KsefIdentity, owner: Owner, companyNip: string, operators: readonly Pick<Operator, 'code' | 'pesel'>[],
): IdentityMismatch | undefined {
  if (identity.kind === 'seal') {
    if (identity.nip !== companyNip) return {reason: 'sealOtherCompany', nip: identity.nip};
    return owner.kind === 'operator' ? {reason: 'sealForOperator', operator: owner.code} : undefined;
  }
  if (identity.kind === 'person' && identity.pesel) {
    if (owner.kind !== 'operator') return {reason: 'personForCompany'};
    const op = operators.find((o) => o.code === owner.code);
    if (op?.pesel && op.pesel === identity.pesel) return undefined;
    const holder = operators.find((o) => o.pesel === identity.pesel)?.code;
    return {reason: 'personOtherOperator', operator: owner.code, ...(holder ? {holder} : {})};
  }
  if (identity.kind === 'person') return owner.kind === 'operator' ? {reason: 'personOtherOperator', operator: owner.code} : {reason: 'personForCompany'};
  return {reason: 'unknownIdentity'};
}

/** An operator's optional PESEL: empty, or 11 digits with a valid checksum. */
export const acceptablePesel = (pesel: string): boolean => pesel === '' || isValidPesel(pesel);
