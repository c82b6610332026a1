// The argument, error and output conventions every `ksef-certs` command follows: option tables with usage errors and
// generated --help (./options.ts), the message / `{error}` JSON contract with exit codes 1 and 2, pretty JSON output,
// lookup by serial.
import {terminalSafeJson, type CertificateRecord} from '../domain/index.js';
import {userMessage} from '../flows/errors.js';
import type {Store} from '../store/types.js';
import type {MessageKey, Params} from '../i18n/index.js';
import {CliError, EXIT, getCommand, type CliContext} from './registry.js';
import {commandHelp, parseCommand, usageError, type CommandSpec, type OptionTable, type ParsedCommand} from './options.js';

/** Parses argv against the command's table; `--help` prints the help generated from it (then `help` is true). */
export function parseOrHelp<O extends OptionTable>(ctx: CliContext, spec: CommandSpec<O>, argv: readonly string[]): ParsedCommand<O> {
  const parsed = parseCommand(ctx.t, spec, argv);
  if (parsed.help) {
    const summary = getCommand(spec.name.split(' ')[0])?.summary;
    ctx.stdout.write(commandHelp(ctx.t, spec, summary ? ctx.t(summary as MessageKey) : undefined));
  }
  return parsed;
}

export interface ParsedFlags {
  values: Record<string, string>;
  flags: Set<string>;
  positional: string[];
}

/** A parsed table seen as `--name` keys (values, boolean flags, positionals), for bodies written against that shape. */
export function flagView(parsed: ParsedCommand<OptionTable>): ParsedFlags {
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  for (const [k, v] of Object.entries(parsed.values)) {
    if (typeof v === 'string') values[`--${k}`] = v;
    else if (v === true) flags.add(`--${k}`);
  }
  return {values, flags, positional: parsed.positionals};
}

/** A usage error of a command (exit 2): the message in the session's language, the synopsis, the help hint. */
export const usage = (ctx: CliContext, spec: Pick<CommandSpec, 'name' | 'synopsis'>, key: MessageKey, params?: Params): CliError =>
  usageError(ctx.t, spec, ctx.t(key, params));

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
  if (!rec) throw new CliError(ctx.t('cli.noSuchSerial', {serial: serial.toUpperCase()}), EXIT.refused);
  return rec;
}
