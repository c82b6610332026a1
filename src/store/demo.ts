// Demo data for `--demo`: a company with two branches, an admin and an ordinary operator.
import {chmod} from 'node:fs/promises';
import type {Operator} from '../domain/index.js';
import {hashPassword} from './secrets.js';
import {openStore} from './open.js';
import type {OpenStoreOptions, Store} from './types.js';

/** Shown on the login screen in demo mode. Demo-only passwords, never used for anything real. */
export const DEMO_CREDENTIALS = {
  admin: {code: 'ADMIN', password: 'Demo2026!ksef'},
  operator: {code: 'JKOWALSKI', password: 'Demo2026!oper'},
} as const;

export const DEMO_COMPANY = {nip: '1111111111', name: 'Demo Sp. z o.o.'} as const;

/**
 * Creates the demo store in `dir` (a folder or a postgresql:// URL; `opts` as for openStore) unless a store with data
 * is already there (then it is left untouched).
 */
export async function createDemoStore(dir: string, opts: OpenStoreOptions = {}): Promise<{created: boolean}> {
  const store = await openStore(dir, {...opts, create: true});
  try {
    return await fillDemo(store);
  } finally {
    await store.close?.();
  }
}

async function fillDemo(store: Store): Promise<{created: boolean}> {
  if (!isBlank(await store.snapshot())) return {created: false};
  const [adminHash, operatorHash] = await Promise.all([
    hashPassword(DEMO_CREDENTIALS.admin.password),
    hashPassword(DEMO_CREDENTIALS.operator.password),
  ]);
  const operators: Operator[] = [
    {code: DEMO_CREDENTIALS.admin.code, name: 'Administrator', role: 'admin', branch: 'CENTRALA', passwordHash: adminHash},
    {code: DEMO_CREDENTIALS.operator.code, name: 'Jan Kowalski', role: 'operator', branch: 'CENTRALA', passwordHash: operatorHash},
  ];
  // The folder may pre-exist (e.g. the repo's data/ with its README, checked out 0755): the store keeps it 0700.
  await chmod(store.info.dir, 0o700);
  return store.update((d) => {
    if (!isBlank(d)) return {created: false}; // another process filled it meanwhile
    d.company = {...DEMO_COMPANY};
    d.branches = [
      {code: 'CENTRALA', name: 'Centrala', config: {defaultEnv: 'D', authMethod: 'esignature', contextType: 'Nip'}},
      {code: 'ODDZIAL1', name: 'Oddział 1', config: {defaultEnv: 'D', authMethod: 'esignature', contextType: 'Nip'}},
    ];
    d.operators = operators;
    return {created: true};
  });
}

function isBlank(d: {company: {nip: string}; operators: unknown[]; branches: unknown[]}): boolean {
  return !d.company.nip && d.operators.length === 0 && d.branches.length === 0;
}
