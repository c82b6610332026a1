// How an operation for an owner is authorised in KSeF (the plan, apart from the sign-folder mechanics of
// authorize.ts): an active type-A certificate of that owner signs by itself, otherwise an external signature per the
// branch method [A-1-5-1]; and which branch configuration applies to an owner.
import type {AuthMethod, CertificateView, EnvCode, Operator, Owner} from '../domain/index.js';
import {displayStatus, hasCertificate, ownerKey} from '../domain/index.js';
import {makeT, type MessageKey} from '../i18n/index.js';
import {fitsOwner, type Parties} from './generate-rights.js';

export type AuthorizationPlan =
  | {kind: 'certificate'; via: CertificateView}
  /** note: shown with Profil Zaufany (field notes §4: allowed for KSeF login only until 31 Mar 2026). */
  | {kind: 'signature'; method: Exclude<AuthMethod, 'ksefCertificate'>; note?: MessageKey; notePl?: string};

/**
 * How a generate operation for `owner` in `env` is authorised: an active type-A certificate of that same owner and
 * environment signs by itself (no manual step); otherwise an external signature per the branch method. With
 * `parties`, only a certificate whose subject is the owner's identity counts (KSeF copies it into the new one).
 */
export function chooseAuthorization(
  records: readonly CertificateView[],
  owner: Owner,
  env: EnvCode,
  method: AuthMethod,
  now: Date,
  parties?: Parties,
): AuthorizationPlan {
  const key = ownerKey(owner);
  const via = records
    .filter((r) => ownerKey(r.owner) === key && r.type === 'A' && r.env === env && hasCertificate(r) && displayStatus(r, now) === 'active')
    .filter((r) => !parties || fitsOwner(r, owner, parties))
    .sort((a, b) => (b.validTo ?? '').localeCompare(a.validTo ?? ''))[0];
  if (via) return {kind: 'certificate', via};
  if (method === 'trustedProfile') return {kind: 'signature', method, note: 'sign.trustedProfileNote', notePl: makeT('pl')('sign.trustedProfileNote')};
  return {kind: 'signature', method: 'esignature'};
}

/** The branch whose configuration [A-1-5-1] applies to an owner: its own, the operator's, or the acting operator's. */
export function branchCodeFor(owner: Owner, operators: readonly Operator[], acting: Pick<Operator, 'branch'>): string {
  if (owner.kind === 'branch') return owner.code;
  if (owner.kind === 'operator') return operators.find((o) => o.code === owner.code)?.branch ?? acting.branch;
  return acting.branch;
}
