// The argument, error and output conventions every `ksef-certs` command follows: flag parsing with usage errors,
// the Polish-message / `{error}` JSON contract with exit codes 1 and 2, pretty JSON output, lookup by serial.
import {terminalSafeJson, type CertificateRecord} from '../domain/index.js';
import {userMessage} from '../flows/errors.js';
import type {Store} from '../store/types.js';
import {CliError, EXIT, type CliContext} from './registry.js';

export interface ParsedFlags {
  values: Record<string, string>;
  flags: Set<string>;
  positional: string[];
}

/** `--name VALUE`, `--name=VALUE`, boolean flags and positionals; anything else is a usage error. */
export function parseFlags(argv: readonly string[], valueFlags: readonly string[], boolFlags: readonly string[], usage: string, maxPositional = 0): ParsedFlags {
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  const positional: string[] = [];
  const bad = (msg: string) => new CliError(`${msg}\nUżycie: ${usage}`, EXIT.usage);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (valueFlags.includes(name)) {
      const value = name !== arg ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw bad(`Opcja ${name} wymaga wartości.`);
      values[name] = value;
    } else if (boolFlags.includes(arg) || arg === '--help' || arg === '-h') {
      flags.add(arg === '-h' ? '--help' : arg);
    } else if (arg.startsWith('-')) {
      throw bad(`Nieznana opcja: ${name}`);
    } else if (positional.length < maxPositional) {
      positional.push(arg);
    } else {
      throw bad(`Nieoczekiwany argument: ${arg}`);
    }
  }
  return {values, flags, positional};
}

/** Runs a command body with the common error contract: Polish message (or `{error}` JSON), exit 1 or 2. */
export async function runGuarded(ctx: CliContext, argv: readonly string[], body: (json: boolean) => Promise<number>): Promise<number> {
  const json = argv.includes('--json');
  try {
    return await body(json);
  } catch (e) {
    const usage = e instanceof CliError && e.exitCode === EXIT.usage;
    const m = e instanceof CliError ? {text: e.message, code: usage ? 'usage' : 'refused'} : userMessage(e, ctx.t);
    if (json) ctx.stdout.write(`${terminalSafeJson({error: {code: m.code ?? 'error', message: m.text}}, 2)}\n`);
    else ctx.stderr.write(`${m.code !== undefined && !(e instanceof CliError) ? `[${m.code}] ` : ''}${m.text}\n`);
    return e instanceof CliError ? e.exitCode : EXIT.refused;
  }
}

export const writeJson = (ctx: CliContext, doc: unknown): void => {
  ctx.stdout.write(`${terminalSafeJson(doc, 2)}\n`);
};

/** Finds a certificate by serial (or record id); CliError exit 1 when there is none. */
export async function findBySerial(ctx: CliContext, store: Store, serial: string): Promise<CertificateRecord> {
  const rec = await store.getCertificate(serial);
  if (!rec) throw new CliError(`Nie ma certyfikatu o numerze seryjnym ${serial.toUpperCase()} w bazie.`, EXIT.refused);
  return rec;
}
