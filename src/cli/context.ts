// Builds the CliContext for subcommands: store opening (demo-aware) and operator login.
import os from 'node:os';
import type {Store} from '../store/types.js';
import {openStore, StoreError} from '../store/index.js';
import {makeT} from '../tui/i18n/index.js';
import {storeWarningText} from '../screens/store-warnings.js';
import type {GlobalOptions} from './args.js';
import {CliError, EXIT, type CliContext} from './registry.js';
import {prepareDemo} from './demo.js';
import {promptHidden, PromptAborted} from './prompt.js';
import {createGateway} from './gateway.js';
import type {KsefGateway} from '../flows/gateway.js';

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdin: CliContext['stdin'];
  stdout: CliContext['stdout'];
  stderr: CliContext['stderr'];
}

/**
 * Opens the store in options.dataDir; with --demo creates the demo store first. Polish CliError when missing.
 * Corrections made on open (permissions) are reported on `stderr` when given (the TUI shows them in its banner).
 */
export async function openStoreFor(options: GlobalOptions, stderr?: CliIo['stderr']): Promise<Store> {
  const t = makeT(options.lang);
  if (options.demo) await prepareDemo(options.dataDir);
  try {
    const store = await openStore(options.dataDir);
    for (const w of store.warnings ?? []) stderr?.write(`${storeWarningText(w, t)}\n`);
    return store;
  } catch (e) {
    if (e instanceof StoreError && e.code === 'notFound') throw new CliError(t('cli.noStore', {dir: options.dataDir}));
    if (e instanceof StoreError) throw new CliError(t('cli.error', {message: e.message}));
    throw e;
  }
}

export function createCliContext(options: GlobalOptions, io: CliIo = process): CliContext {
  const t = makeT(options.lang);
  let storePromise: Promise<Store> | undefined;
  let gateway: KsefGateway | undefined;
  const workstation = os.hostname();
  const ctx: CliContext = {
    options, t, workstation, ...io,
    openStore: () => (storePromise ??= openStoreFor(options, io.stderr)),
    gateway: () => (gateway ??= createGateway(options)),
    close: async () => {
      await gateway?.close();
    },
    async login() {
      const code = options.operator;
      if (!code) throw new CliError(t('cli.missingOperator'), EXIT.usage);
      let password = io.env.KSEF_CERTS_OPERATOR_PASSWORD;
      if (password === undefined) {
        if (!io.stdin.isTTY) throw new CliError(t('cli.noPassword'));
        try {
          password = await promptHidden(t('cli.passwordPrompt', {code}), io.stdin, io.stderr);
        } catch (e) {
          if (e instanceof PromptAborted) throw new CliError(t('cli.authFailed'));
          throw e;
        }
      }
      const store = await ctx.openStore();
      const operator = await store.authenticate(code, password, workstation);
      if (!operator) throw new CliError(t('cli.authFailed'));
      return {store, operator};
    },
  };
  return ctx;
}
