// `--demo`: make sure a demo store exists in the data folder, with the help-desk kit (sample invoices, the demo
// operator's PESEL; src/flows/demo-kit.ts). The embedded simulator starts lazily with the first KSeF call.
import type {OpenStoreOptions} from '../store/index.js';
import {DEMO_CREDENTIALS, prepareDemoStore} from '../flows/demo-kit.js';

export interface DemoServices {
  /** Credentials shown on the login screen. */
  credentials: {code: string; password: string};
  created: boolean;
  /** Folder of the sample FA(3) invoices (QR screen). */
  invoiceDir: string;
  stop(): Promise<void>;
}

/** `target`: the data folder or a postgresql:// URL (then `opts.dataDir` holds master.key). */
export async function prepareDemo(target: string, opts: OpenStoreOptions = {}): Promise<DemoServices> {
  const {created, invoiceDir} = await prepareDemoStore(target, opts);
  return {credentials: {...DEMO_CREDENTIALS.admin}, created, invoiceDir, stop: async () => {}};
}
