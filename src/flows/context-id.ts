// The KSeF context an operation runs in: the company NIP, or the branch's InternalId [A-1-5-1].
import type {BranchConfig, Company, ContextIdentifier} from '../domain/index.js';

export function contextFor(company: Company, branch?: Pick<BranchConfig, 'contextType' | 'contextValue'>): ContextIdentifier {
  if (branch?.contextType === 'InternalId' && branch.contextValue) return {type: 'InternalId', value: branch.contextValue};
  return {type: 'Nip', value: company.nip};
}
