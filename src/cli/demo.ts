// `--demo`: make sure a demo store exists in the data folder, with the help-desk kit (sample invoices, the demo
// operator's PESEL; src/flows/demo-kit.ts). The embedded simulator starts lazily with the first KSeF call.
import type {OpenStoreOptions, Store} from '../store/index.js';
import {createDemoStore, DEMO_CREDENTIALS} from '../flows/demo-store.js';

export interface DemoServices {
  /** Credentials shown on the login screen. */
  credentials: {code: string; password: string};
  created: boolean;
  stop(): Promise<void>;
}

export interface DemoStart extends DemoServices {
  /** Installs the kit into the opened demo store (`dataDir`: where the sample invoices go). */
  installKit(store: Store, dataDir: string): Promise<{invoiceDir: string}>;
}

/** `target`: the data folder or a postgresql:// URL (then `opts.dataDir` holds master.key). Store and kit at once. */
export async function prepareDemo(target: string, opts: OpenStoreOptions = {}): Promise<DemoServices & {invoiceDir: string}> {
  const {prepareDemoStore} = await import('../flows/demo-kit.js');
  const {created, invoiceDir} = await prepareDemoStore(target, opts);
  return {credentials: {...DEMO_CREDENTIALS.admin}, created, invoiceDir, stop: async () => {}};
}

/**
 * The TUI's start: only the demo store now (created when missing); the kit is installed by `installKit` into the
 * store the TUI opened, once the first frame is out (its module, the sample invoices and their hashes are not
 * needed for the login frame).
 */
export async function startDemo(target: string, opts: OpenStoreOptions = {}): Promise<DemoStart> {
  const {created} = await createDemoStore(target, opts);
  return {
    credentials: {...DEMO_CREDENTIALS.admin},
    created,
    stop: async () => {},
    installKit: async (store, dataDir) => (await import('../flows/demo-kit.js')).installDemoKit(store, dataDir, created),
  };
}
