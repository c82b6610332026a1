// `--demo`: make sure a demo store exists in the data folder.
// HOOK(simulator): the embedded KSeF simulator is started here too once src/simulator exposes a server API —
// start it on 127.0.0.1 port 0 via a dynamic import of '../simulator/index.js' and point the demo branches'
// `apiUrl` at it; return a stop() for the TUI/CLI to call on exit.
import {createDemoStore, DEMO_CREDENTIALS, type OpenStoreOptions} from '../store/index.js';

export interface DemoServices {
  /** Credentials shown on the login screen. */
  credentials: {code: string; password: string};
  created: boolean;
  stop(): Promise<void>;
}

/** `target`: the data folder or a postgresql:// URL (then `opts.dataDir` holds master.key). */
export async function prepareDemo(target: string, opts: OpenStoreOptions = {}): Promise<DemoServices> {
  const {created} = await createDemoStore(target, opts);
  return {credentials: {...DEMO_CREDENTIALS.admin}, created, stop: async () => {}};
}
