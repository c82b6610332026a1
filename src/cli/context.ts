// Builds the CliContext for subcommands: store opening (demo-aware) and operator login.
import os from 'node:os';
import type {Store} from '../store/types.js';
import type {OpenStoreOptions} from '../store/index.js';
import {loginLockOf, openStoreAt, redactStoreUrl, StoreOpenError} from '../flows/store-open.js';
import {warsawDateTime} from '../domain/index.js';
import {loadLang, makeT, render} from '../i18n/index.js';
import {storeWarningText} from '../flows/store-warnings.js';
import type {GlobalOptions} from './args.js';
import {CliError, EXIT, type CliContext} from './registry.js';
import {createGateway} from './gateway.js';
import type {KsefGateway} from '../flows/gateway.js';
import {watchKsefWarnings, type WarningAuditDeps, type WarningWatch} from '../flows/ksef-warnings.js';

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdin: CliContext['stdin'];
  stdout: CliContext['stdout'];
  stderr: CliContext['stderr'];
  /** Clock for commands that take one (tests); default the system clock. */
  now?: () => Date;
}

/** Where the store is: `--store URL` (PostgreSQL, master key and local folders under --data) or the --data folder. */
export function storeTarget(options: GlobalOptions): {target: string; opts: OpenStoreOptions} {
  return {target: options.store ?? options.dataDir, opts: {dataDir: options.dataDir, masterKeyFile: options.masterKeyFile}};
}

/**
 * Opens the store (--store or --data); with --demo creates the demo store first. Polish CliError when missing.
 * Corrections made on open (permissions) are reported on `stderr` when given (the TUI shows them in its banner).
 */
export async function openStoreFor(options: GlobalOptions, stderr?: CliIo['stderr']): Promise<Store> {
  const t = makeT(options.lang);
  const {target, opts} = storeTarget(options);
  // The demo kit and the password prompt load only when used (`list --json` needs neither: test/cli/fast-start.test.ts).
  if (options.demo) await (await import('./demo.js')).prepareDemo(target, opts);
  try {
    const store = await openStoreAt(target, opts);
    for (const w of store.warnings ?? []) stderr?.write(`${storeWarningText(w, t)}\n`);
    return store;
  } catch (e) {
    if (e instanceof StoreOpenError && e.reason === 'notFound') throw new CliError(t('cli.noStore', {dir: options.store ? redactStoreUrl(options.store) : options.dataDir}));
    if (e instanceof StoreOpenError) throw new CliError(t('cli.error', {message: render(t, e.msg)}));
    throw e;
  }
}

export function createCliContext(options: GlobalOptions, io: CliIo = process): CliContext {
  const t = makeT(options.lang);
  let storePromise: Promise<Store> | undefined;
  let gateway: KsefGateway | undefined;
  let warnings: WarningWatch | undefined;
  let auditDeps: WarningAuditDeps | undefined;
  const workstation = os.hostname();
  const makeGateway = (): KsefGateway => {
    const g = createGateway(options);
    // X-System-Warning: on stderr at once, and in the audit log once an operator has logged in.
    warnings = watchKsefWarnings(g, (text) => io.stderr.write(`${t('ksef.warning', {warning: text})}\n`), () => auditDeps);
    return g;
  };
  const ctx: CliContext = {
    options, t, workstation, ...io,
    openStore: () => (storePromise ??= openStoreFor(options, io.stderr)),
    gateway: () => (gateway ??= makeGateway()),
    close: async () => {
      await warnings?.flush();
      await gateway?.close();
      if (storePromise) await (await storePromise.catch(() => undefined))?.close?.();
    },
    async login() {
      const code = options.operator;
      if (!code) throw new CliError(t('cli.missingOperator'), EXIT.usage);
      let password = io.env.KSEF_CERTS_OPERATOR_PASSWORD;
      if (password === undefined) {
        if (!io.stdin.isTTY) throw new CliError(t('cli.noPassword'));
        const {promptHidden, PromptAborted} = await import('./prompt.js');
        try {
          password = await promptHidden(t('cli.passwordPrompt', {code}), io.stdin, io.stderr);
        } catch (e) {
          if (e instanceof PromptAborted) throw new CliError(t('cli.authFailed'));
          throw e;
        }
      }
      const store = await ctx.openStore();
      const operator = await store.authenticate(code, password, workstation).catch((e: unknown) => {
        const lock = loginLockOf(e);
        if (lock) throw new CliError(t('cli.lockedOut', {code: lock.operator, n: lock.failures, until: warsawDateTime(new Date(lock.until))}));
        throw e;
      });
      if (!operator) throw new CliError(t('cli.authFailed'));
      auditDeps = {store, operator: operator.code, workstation};
      // Without --lang the commands speak the workstation's language [A-1-5-2], as the TUI does.
      if (!options.langGiven) {
        const lang = (await store.workstation(workstation).catch(() => undefined))?.lang;
        if (lang && lang !== options.lang) {
          await loadLang(lang);
          ctx.t = makeT(lang);
        }
      }
      return {store, operator};
    },
  };
  return ctx;
}
