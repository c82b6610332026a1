// Global options. Before the command name all options are global; after it, only the value options
// (--data, --lang, --operator) and --demo are taken out, so `--help` after a command belongs to the command.
import {isLang, type Lang} from '../i18n/index.js';

export interface GlobalOptions {
  dataDir: string;
  /** `--store postgresql://…` (env KSEF_CERTS_STORE): the store in PostgreSQL; absent = the folder `dataDir`. */
  store?: string;
  /** KSEF_CERTS_MASTER_KEY_FILE: master key file (default `<dataDir>/master.key`). */
  masterKeyFile?: string;
  demo: boolean;
  lang: Lang;
  /** True when --lang was given; otherwise the TUI uses the workstation's language [A-1-5-2]. */
  langGiven?: boolean;
  operator?: string;
  help: boolean;
  version: boolean;
  /** `--ksef sim|real` (env KSEF_CERTS_KSEF): embedded simulator (default) or the public KSeF addresses. */
  ksef: 'simulator' | 'ksef';
  /** `--api URL` (env KSEF_CERTS_API): one KSeF API base for every environment, e.g. a running `ksef-certs simulator`. */
  api?: string;
}

export interface ParsedArgs {
  options: GlobalOptions;
  command?: string;
  rest: string[];
}

export type ArgsError = {error: 'unknownOption' | 'missingValue' | 'badLang' | 'badKsef'; name: string; value?: string; command?: string};

const KSEF_TARGETS: Record<string, GlobalOptions['ksef']> = {sim: 'simulator', simulator: 'simulator', real: 'ksef', ksef: 'ksef'};

const VALUE_OPTS = new Set(['--data', '--store', '--lang', '--operator', '--ksef', '--api']);

export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ParsedArgs | ArgsError {
  const options: GlobalOptions = {
    dataDir: env.KSEF_CERTS_DATA || './data',
    store: env.KSEF_CERTS_STORE || undefined,
    masterKeyFile: env.KSEF_CERTS_MASTER_KEY_FILE || undefined,
    demo: false,
    lang: 'pl',
    operator: env.KSEF_CERTS_OPERATOR || undefined,
    help: false,
    version: false,
    ksef: KSEF_TARGETS[env.KSEF_CERTS_KSEF ?? ''] ?? 'simulator',
    api: env.KSEF_CERTS_API || undefined,
  };
  let command: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (command !== undefined && arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (VALUE_OPTS.has(name)) {
      const value = eq > 0 && name !== arg ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') return {error: 'missingValue', name, command};
      if (name === '--data') options.dataDir = value;
      else if (name === '--store') options.store = value;
      else if (name === '--operator') options.operator = value.toUpperCase();
      else if (name === '--api') options.api = value;
      else if (name === '--ksef') {
        if (!KSEF_TARGETS[value]) return {error: 'badKsef', name, value, command};
        options.ksef = KSEF_TARGETS[value];
      }
      else if (isLang(value)) {
        options.lang = value;
        options.langGiven = true;
      }
      else return {error: 'badLang', name, value, command};
      continue;
    }
    if (arg === '--demo') {
      options.demo = true;
      continue;
    }
    if (command !== undefined) {
      rest.push(arg);
      continue;
    }
    if (arg === '--help' || arg === '-h') options.help = true;
    else if (arg === '--version' || arg === '-V') options.version = true;
    else if (arg.startsWith('-')) return {error: 'unknownOption', name: arg};
    else command = arg;
  }
  return {options, command, rest};
}

export const isArgsError = (p: ParsedArgs | ArgsError): p is ArgsError => 'error' in p;
