// Opening a store: a postgresql:// URL loads the PostgreSQL backend, anything else is a data folder (split from
// store.ts).
import {promises as fsp} from 'node:fs';
import path from 'node:path';
import type {DocCertificate} from './blobs.js';
import {lockStaleMs, sweepLeftovers} from './lock.js';
import {tightenPermissions} from './permissions.js';
import {MASTER_KEY_FILE, loadOrCreateMasterKey} from './secrets.js';
import {FileStore, STORE_FILE} from './store.js';
import {StoreError, type OpenStoreOptions, type Store} from './types.js';
import {ioMessage, msg} from '../i18n/index.js';

/**
 * Opens the store in `dir` (created with mode 0700 when `create` is set). Migrates an older store.json after backing
 * it up, refuses a corrupt or newer one, and loads (or creates) master.key.
 */
export async function openStore(dir: string, opts: OpenStoreOptions = {}): Promise<Store> {
  // The driver is loaded only for a database: commands on a folder store do not pay for it.
  if (isDatabaseUrl(dir)) return (await import('./pg/store.js')).openPgStore(dir, opts);
  const abs = path.resolve(dir);
  const create = opts.create ?? false;
  try {
    if (create) await fsp.mkdir(abs, {recursive: true, mode: 0o700});
    else if (!(await fsp.stat(abs)).isDirectory()) throw Object.assign(new Error('not a folder'), {code: 'ENOTDIR'});
  } catch (e) {
    if (e instanceof StoreError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    // The reason in the session's language where the catalogue has one; the system's text otherwise.
    const reason = ioMessage(code) ?? msg('err.verbatim', {text: (e as Error).message});
    throw new StoreError(code === 'ENOENT' ? 'notFound' : 'io', msg('storeErr.openFolder', {dir: abs, reason}));
  }
  // Before anything is read or written: a folder others can reach is closed first.
  const warnings = await tightenPermissions(abs, STORE_FILE);
  sweepLeftovers(abs, STORE_FILE);
  const store = new FileStore(abs, opts.now ?? (() => new Date()), opts.lockTimeoutMs ?? 30_000, opts.lockStaleMs ?? lockStaleMs());
  const data = await store.load(create);
  // A slim record's blob holds a sealed key unless the key lives on a token (keyUri).
  const hasSealedKeys = (data.certificates as DocCertificate[]).some((c) => c.keyPem || (c.blob && !c.keyUri));
  const keyFile = opts.masterKeyFile ? path.resolve(opts.masterKeyFile) : path.join(abs, MASTER_KEY_FILE);
  store.masterKey = await loadOrCreateMasterKey(abs, !hasSealedKeys, keyFile);
  store.info.masterKeyFile = keyFile;
  store.warnings = warnings;
  return store;
}

/** `postgresql://…` / `postgres://…` selects the PostgreSQL backend; anything else is a folder. */
export const isDatabaseUrl = (target: string): boolean => /^postgres(ql)?:\/\//i.test(target);
