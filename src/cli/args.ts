// Global options (node:util parseArgs over a declared table). Before the command name all options are global; after
// it, only the value options (--data, --store, --lang, --operator, --ksef, --api) and --demo are taken out, so
// `--help` after a command belongs to the command. Anything after `--` behind the command is left to the command.
import {parseArgs as nodeParseArgs, type ParseArgsConfig} from 'node:util';
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

/** The global option table (node:util parseArgs). Before the command every option must be one of these. */
const GLOBAL_OPTIONS = {
  data: {type: 'string'},
  store: {type: 'string'},
  lang: {type: 'string'},
  operator: {type: 'string'},
  ksef: {type: 'string'},
  api: {type: 'string'},
  demo: {type: 'boolean'},
  help: {type: 'boolean', short: 'h'},
  version: {type: 'boolean', short: 'V'},
} as const satisfies ParseArgsConfig['options'];

/** Taken out of the argv wherever they stand, also after the command. */
const ANYWHERE = new Set(['data', 'store', 'lang', 'operator', 'ksef', 'api', 'demo']);

/** Global names a command uses for an option of its own after its name (`audit --operator KOD` filters the log; the
 *  operator who logs in is then given before the command or in KSEF_CERTS_OPERATOR). */
const OWNED_BY_COMMAND: Readonly<Record<string, ReadonlySet<string>>> = {audit: new Set(['operator'])};

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
  // Non-strict: after the command, its own options are the command's business (its own table checks them).
  const {tokens} = nodeParseArgs({args: [...argv], options: GLOBAL_OPTIONS, strict: false, allowPositionals: true, tokens: true});
  let command: string | undefined;
  let commandIndex = argv.length;
  const taken = new Set<number>();
  for (const tok of tokens) {
    if (tok.kind === 'option-terminator') {
      if (command !== undefined) break;
      return {error: 'unknownOption', name: '--'};
    }
    if (tok.kind === 'positional') {
      if (command === undefined) {
        command = tok.value;
        commandIndex = tok.index;
      }
      continue;
    }
    const known = Object.hasOwn(GLOBAL_OPTIONS, tok.name) && (tok.rawName.startsWith('--') || tok.name === 'help' || tok.name === 'version');
    if (command !== undefined && !(known && ANYWHERE.has(tok.name) && tok.rawName.startsWith('--'))) continue;
    if (command !== undefined && OWNED_BY_COMMAND[command]?.has(tok.name)) continue;
    if (!known) return {error: 'unknownOption', name: tok.rawName};
    taken.add(tok.index);
    if (tok.inlineValue === false) taken.add(tok.index + 1);
    const name = tok.rawName;
    if (tok.name === 'demo') options.demo = true;
    else if (tok.name === 'help') options.help = true;
    else if (tok.name === 'version') options.version = true;
    else {
      const value = tok.value;
      if (value === undefined || value === '') return {error: 'missingValue', name, command};
      if (tok.name === 'data') options.dataDir = value;
      else if (tok.name === 'store') options.store = value;
      else if (tok.name === 'operator') options.operator = value.toUpperCase();
      else if (tok.name === 'api') options.api = value;
      else if (tok.name === 'ksef') {
        if (!KSEF_TARGETS[value]) return {error: 'badKsef', name, value, command};
        options.ksef = KSEF_TARGETS[value];
      } else if (isLang(value)) {
        options.lang = value;
        options.langGiven = true;
      } else return {error: 'badLang', name, value, command};
    }
  }
  const rest = argv.slice(commandIndex + 1).filter((_, i) => !taken.has(commandIndex + 1 + i));
  return {options, command, rest};
}

export const isArgsError = (p: ParsedArgs | ArgsError): p is ArgsError => 'error' in p;
