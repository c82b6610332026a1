// Import of a certificate and its key [A-1-5-3]: the owners this operator may import for, reading both files (a
// preview, nothing stored) and the commit — bound to the session.
import {parseOwner} from '../../domain/index.js';
import {canManage} from '../../domain/rights.js';
import {commitImport, readImportFiles, resolveImport, type CommitOptions, type ImportFiles, type ImportPreview, type ImportResult} from '../import.js';
import {operatorOf} from './certificates.js';
import type {ServiceDeps} from './deps.js';

export interface OwnerOption {
  /** CLI owner syntax parseOwner reads (firma / oddzial:KOD / operator:KOD). */
  value: string;
  label: string;
}

export function importsServices(deps: ServiceDeps) {
  return {
    /** Owners the operator may import for: the company first, then branches and active operators. */
    async owners(): Promise<OwnerOption[]> {
      const operator = operatorOf(deps);
      const [company, branches, operators] = await Promise.all([deps.store.company(), deps.store.listBranches(), deps.store.listOperators()]);
      const all: OwnerOption[] = [
        {value: 'firma', label: company.name || company.nip || 'firma'},
        ...branches.map((b) => ({value: `oddzial:${b.code}`, label: b.name})),
        ...operators.filter((o) => !o.disabled).map((o) => ({value: `operator:${o.code}`, label: o.name})),
      ];
      return all.filter((o) => canManage(operator, parseOwner(o.value)!));
    },
    read: (files: ImportFiles): Promise<ImportPreview> =>
      readImportFiles(files, {store: deps.store, operator: operatorOf(deps).code, workstation: deps.workstation}, deps.clock()),
    /** Rules that need an answer in the form (environment/type); throws FlowError. */
    check: (preview: ImportPreview, opts: CommitOptions) => resolveImport(preview, opts),
    commit: (preview: ImportPreview, opts: CommitOptions): Promise<ImportResult> =>
      commitImport({store: deps.store, operator: operatorOf(deps), workstation: deps.workstation, now: deps.clock}, preview, opts),
  };
}

export type ImportsServices = ReturnType<typeof importsServices>;
