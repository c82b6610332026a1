// CLI subcommand registry. A command module calls registerCommand() at import time and is listed in
// ./commands/index.ts. Exit codes: 0 ok, 1 refused by a rule (bad password, policy, KSeF error), 2 usage.
import type {Writable, Readable} from 'node:stream';
import type {Operator} from '../domain/index.js';
import type {Store} from '../store/types.js';
import type {KsefGateway} from '../flows/gateway.js';
import type {MessageKey, Translate} from '../i18n/index.js';
import type {GlobalOptions} from './args.js';

export const EXIT = {ok: 0, refused: 1, usage: 2} as const;

/** Thrown by commands for an expected failure: the message (Polish) goes to stderr, no stack trace. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: number = EXIT.refused) {
    super(message);
    this.name = 'CliError';
  }
}

export interface CliContext {
  options: GlobalOptions;
  t: Translate;
  env: NodeJS.ProcessEnv;
  stdin: Readable & {isTTY?: boolean};
  stdout: Writable;
  stderr: Writable;
  /** Opens the store at --data (creating the demo store first with --demo). Same instance on repeated calls. */
  openStore(): Promise<Store>;
  /** Opens the store and authenticates --operator (password from env or a hidden prompt); throws CliError. */
  login(): Promise<{store: Store; operator: Operator}>;
  /** Host name (workstation key). */
  workstation: string;
  /** Where KSeF calls go (--ksef / --api); the embedded simulator starts lazily on first use. Same instance on repeated calls. */
  gateway(): KsefGateway;
  /** Clock (tests inject a fake one; default: the system clock). */
  now?: () => Date;
  /** Releases what the command opened (KSeF connections, the embedded simulator). Called by the runner. */
  close(): Promise<void>;
}

export interface CliCommand {
  name: string;
  /** One line for `--help`: a catalogue key or plain text. */
  summary: MessageKey | string;
  /** Usage line(s) shown on a usage error, e.g. `ksef-certs list [--json]`. */
  usage: string;
  run(ctx: CliContext, argv: string[]): Promise<number>;
  /** Exit code of a usage error in the global options after this command (default 2; `check` uses 3, UNKNOWN). */
  usageExitCode?: number;
}

const commands = new Map<string, CliCommand>();

export function registerCommand(cmd: CliCommand): void {
  if (commands.has(cmd.name)) throw new Error(`command ${cmd.name} registered twice`);
  commands.set(cmd.name, cmd);
}

export const getCommand = (name: string): CliCommand | undefined => commands.get(name);

export const listCommands = (): CliCommand[] => [...commands.values()].sort((a, b) => a.name.localeCompare(b.name));
