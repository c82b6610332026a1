// Bound use cases of [A-1-5-1] Konfiguracja oddziału and [A-1-5-2] Konfiguracja stanowiska (and the conflict test
// the config screens share): screens call these instead of reaching the store.
import type {Branch, BranchConfig, WorkstationConfig} from '../../domain/index.js';
import {StoreError} from '../../store/types.js';
import {saveBranchConfiguration, saveWorkstationConfiguration, type BranchConfigInput, type ConfigDeps} from '../config.js';
import type {ServiceDeps} from './deps.js';

/** The fields a save was refused for because the record changed elsewhere since the form loaded it, or undefined. */
export function conflictFields(e: unknown): string[] | undefined {
  return e instanceof StoreError && e.code === 'conflict' ? e.fields ?? [] : undefined;
}

export function configDeps(deps: ServiceDeps): ConfigDeps {
  if (!deps.operator) throw new Error('configuration services need a logged-in operator');
  return {store: deps.store, operator: deps.operator, workstation: deps.workstation};
}

export function configServices(deps: ServiceDeps) {
  return {
    /** Every branch and the company NIP (the internal-id rule needs it). */
    async branches(): Promise<{branches: Branch[]; companyNip: string}> {
      const [branches, company] = await Promise.all([deps.store.listBranches(), deps.store.company()]);
      return {branches, companyNip: company.nip};
    },
    /** `expected`: the configuration as the form loaded it (a save made elsewhere meanwhile is refused). */
    saveBranch: (code: string, input: BranchConfigInput, expected?: BranchConfig) =>
      saveBranchConfiguration(configDeps(deps), code, input, {expected}),
    /** This host's workstation configuration. */
    workstation: (): Promise<WorkstationConfig> => deps.store.workstation(deps.workstation),
    saveWorkstation: (ws: WorkstationConfig, expected?: WorkstationConfig) =>
      saveWorkstationConfiguration(configDeps(deps), ws, {expected}),
    conflictFields,
  };
}
