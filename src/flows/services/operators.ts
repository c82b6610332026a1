// Bound use cases of [A-1-5-5] Operatorzy and of the login screen.
import type {Branch, Operator} from '../../domain/index.js';
import {LoginLockedError} from '../../store/types.js';
import {changeOwnPassword, saveOperator, visibleOperators, type OperatorInput} from '../config.js';
import {configDeps} from './config.js';
import type {ServiceDeps} from './deps.js';

export type LoginResult =
  | {kind: 'ok'; operator: Operator}
  | {kind: 'failed'}
  /** Refused without checking the password: back-off after failed logins (`until` ISO). */
  | {kind: 'lockedOut'; code: string; failures: number; until: string};

export function operatorServices(deps: ServiceDeps) {
  return {
    /** Checks code + password (the store audits every attempt). */
    async login(code: string, password: string): Promise<LoginResult> {
      try {
        const op = await deps.store.authenticate(code.trim(), password, deps.workstation);
        return op ? {kind: 'ok', operator: op} : {kind: 'failed'};
      } catch (e) {
        if (e instanceof LoginLockedError) return {kind: 'lockedOut', code: e.operator, failures: e.failures, until: e.until};
        throw e;
      }
    },
    /** All operators for an admin, only themself otherwise; and the branches to choose from. */
    async list(): Promise<{operators: Operator[]; branches: Branch[]}> {
      const [operators, branches] = await Promise.all([visibleOperators(configDeps(deps)), deps.store.listBranches()]);
      return {operators, branches};
    },
    /** The current record of one operator (after a conflict). */
    async one(code: string): Promise<Operator | undefined> {
      return (await deps.store.listOperators()).find(o => o.code === code);
    },
    save: (input: OperatorInput, isNew: boolean, expected?: Operator) => saveOperator(configDeps(deps), input, isNew, {expected}),
    changeOwnPassword: (oldPassword: string, password: string, repeat: string) =>
      changeOwnPassword(configDeps(deps), oldPassword, password, repeat),
  };
}
