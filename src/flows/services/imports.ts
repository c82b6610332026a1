// Import of a certificate and its key [A-1-5-3]: the owners this operator may import for, reading both files (a
// preview, nothing stored) and the commit — bound to the session.
import {parseOwner} from '../../domain/index.js';
import {canManage} from '../../domain/rights.js';
import type {CommitOptions, ImportFiles, ImportPreview, ImportResult} from '../import.js';
import {operatorOf} from './certificates.js';
import type {ServiceDeps} from './deps.js';

export interface OwnerOption {
  /** CLI owner syntax parseOwner reads (firma / oddzial:KOD / operator:KOD). */
  value: string;
  label: string;
}

export function importsServices(deps: ServiceDeps) {
  // X.509 and key parsing load with the first read (cold start: test/cold-start-graph.test.ts).
  let mod: typeof import('../import.js') | undefined;
  const load = async () => (mod ??= await import('../import.js'));
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
    read: async (files: ImportFiles): Promise<ImportPreview> =>
      (await load()).readImportFiles(files, {store: deps.store, operator: operatorOf(deps).code, workstation: deps.workstation}, deps.clock()),
    /** Rules that need an answer in the form (environment/type); throws FlowError. A preview comes from `read`, so
     *  the module is loaded by then. */
    check: (preview: ImportPreview, opts: CommitOptions) => {
      if (!mod) throw new Error('imports.check before imports.read');
      return mod.resolveImport(preview, opts);
    },
    commit: async (preview: ImportPreview, opts: CommitOptions): Promise<ImportResult> =>
      (await load()).commitImport({store: deps.store, operator: operatorOf(deps), workstation: deps.workstation, now: deps.clock}, preview, opts),
  };
}

export type ImportsServices = ReturnType<typeof importsServices>;
