// Opening the store for the CLI (and the TUI start): the store's errors turned into what the edge needs to say,
// so the CLI never reaches the store module itself.
import {LoginLockedError, openStore, redactStoreUrl, StoreError, type OpenStoreOptions} from '../store/index.js';
import type {Store} from '../store/types.js';
import type {Message} from '../i18n/index.js';

export {redactStoreUrl};

/** Why the store could not be opened: it does not exist, or the store's own message. */
export class StoreOpenError extends Error {
  constructor(readonly reason: 'notFound' | 'failed', readonly msg: Message) {
    super(reason);
    this.name = 'StoreOpenError';
  }
}

/** Opens the store at `target` (folder or postgresql:// URL); store errors become StoreOpenError. */
export async function openStoreAt(target: string, opts: OpenStoreOptions): Promise<Store> {
  try {
    return await openStore(target, opts);
  } catch (e) {
    if (e instanceof StoreError) throw new StoreOpenError(e.code === 'notFound' ? 'notFound' : 'failed', e.msg);
    throw e;
  }
}

/** The lock-out of an operator after too many failed logins, when `e` is one. */
export function loginLockOf(e: unknown): {operator: string; failures: number; until: string} | undefined {
  return e instanceof LoginLockedError ? {operator: e.operator, failures: e.failures, until: e.until} : undefined;
}
