// Declared option tables for commands: node:util parseArgs tokenises, the table decides what is allowed. Gives every
// command the same usage errors (exit 2, in the session's language), `--help` generated from the table, and values
// typed by the table.
import {parseArgs} from 'node:util';
import type {MessageKey, Translate} from '../i18n/index.js';
import {CliError, EXIT} from './registry.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** May be given more than once (values collected); otherwise a second occurrence is a usage error. */
  multiple?: boolean;
  /** An empty value (`--x ''`) is a value, e.g. one that clears a setting; otherwise it counts as missing. */
  allowEmpty?: boolean;
  /** Placeholder shown after the option in the help, e.g. `D|P|T`; catalogue keys `cli.ph.*` in it are translated. */
  value?: string;
  /** One line of help. */
  help: MessageKey;
}

export type OptionTable = Record<string, OptionSpec>;

export interface CommandSpec<O extends OptionTable = OptionTable> {
  /** As typed: `list`, `config set-branch`. */
  name: string;
  /** Synopsis line(s) from the catalogue (shown after "Usage:" on --help and on a usage error). */
  synopsis: MessageKey;
  /** Most positionals accepted (default 0). */
  maxPositionals?: number;
  options: O;
  /** Extra help lines after the options (sources of secrets, exit codes …). */
  notes?: MessageKey[];
}

type ValueOf<S extends OptionSpec> = S['type'] extends 'boolean' ? boolean : S['multiple'] extends true ? string[] : string;
export type OptionValues<O extends OptionTable> = {[K in keyof O]?: ValueOf<O[K]>};

export interface ParsedCommand<O extends OptionTable> {
  values: OptionValues<O>;
  positionals: string[];
  /** `--help` / `-h` was given: the caller prints commandHelp() and exits 0. */
  help: boolean;
}

const placeholder = (t: Translate, v: string): string => v.replace(/cli\.ph\.\w+/g, (k) => t(k as MessageKey));

/** `Użycie: …` with the synopsis lines aligned under the first one. */
export function usageText(t: Translate, spec: Pick<CommandSpec, 'synopsis'>): string {
  const label = t('cli.usageLabel');
  return `${label} ${t(spec.synopsis).split('\n').join(`\n${' '.repeat(label.length + 1)}`)}`;
}

/** The per-command `--help`: synopsis, summary, the option table, notes. */
export function commandHelp(t: Translate, spec: CommandSpec, summary?: string): string {
  const rows: [string, string][] = Object.entries(spec.options).map(([name, o]) => [`--${name}${o.value ? ` ${placeholder(t, o.value)}` : ''}`, t(o.help)]);
  rows.push(['-h, --help', t('cli.opt.help')]);
  const width = Math.min(34, Math.max(...rows.map(([l]) => l.length)) + 2);
  const line = ([l, h]: readonly [string, string]) => (l.length + 2 > width ? `  ${l}\n  ${' '.repeat(width)}${h}` : `  ${l.padEnd(width)}${h}`);
  return [
    usageText(t, spec),
    ...(summary ? ['', summary] : []),
    '',
    `${t('cli.options')}:`,
    ...rows.map(line),
    ...(spec.notes?.length ? ['', ...spec.notes.map((k) => t(k))] : []),
    '',
  ].join('\n');
}

/** A usage error: the message, the synopsis and where to read more. Exit 2. */
export function usageError(t: Translate, spec: Pick<CommandSpec, 'synopsis' | 'name'>, message: string): CliError {
  return new CliError(`${message}\n${usageText(t, spec)}\n${t('cli.helpHint', {command: spec.name})}`, EXIT.usage);
}

/**
 * Parses a command's argv against its table. Unknown options, a missing or surplus value, a repeated single option
 * and surplus positionals are usage errors (exit 2). Everything after `--` is positional.
 */
export function parseCommand<O extends OptionTable>(t: Translate, spec: CommandSpec<O>, argv: readonly string[]): ParsedCommand<O> {
  const config = Object.fromEntries(Object.entries(spec.options).map(([n, o]) => [n, {type: o.type, multiple: !!o.multiple}]));
  const {tokens} = parseArgs({args: [...argv], options: config, strict: false, allowPositionals: true, tokens: true});
  const values: Record<string, string | boolean | string[]> = {};
  const positionals: string[] = [];
  let help = false;
  const fail = (key: MessageKey, params: Record<string, string>) => usageError(t, spec, t(key, params));
  for (const tok of tokens) {
    if (tok.kind === 'option-terminator') continue;
    if (tok.kind === 'positional') {
      if (positionals.length >= (spec.maxPositionals ?? 0)) throw fail('cli.unexpectedArgument', {value: tok.value});
      positionals.push(tok.value);
      continue;
    }
    if ((tok.name === 'help' && tok.rawName === '--help') || (tok.name === 'h' && tok.rawName === '-h')) {
      help = true;
      continue;
    }
    const o = Object.hasOwn(spec.options, tok.name) && tok.rawName.startsWith('--') ? spec.options[tok.name] : undefined;
    if (!o) throw fail('cli.unknownOption', {name: tok.rawName});
    if (o.type === 'boolean') {
      if (tok.value !== undefined) throw fail('cli.noValue', {name: tok.rawName});
      values[tok.name] = true;
      continue;
    }
    if (tok.value === undefined || (tok.value === '' && !o.allowEmpty)) throw fail('cli.missingValue', {name: tok.rawName});
    if (o.multiple) values[tok.name] = [...((values[tok.name] as string[] | undefined) ?? []), tok.value];
    else if (values[tok.name] !== undefined) throw fail('cli.repeatedOption', {name: tok.rawName});
    else values[tok.name] = tok.value;
  }
  return {values: values as OptionValues<O>, positionals, help};
}
