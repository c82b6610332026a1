// Where CLI commands take a secret from: `--password-file F` (first line, like openssl's `-passin file:F`),
// an environment variable, or a hidden prompt on a TTY — never from the command line (argv is visible in `ps`).
import type {CliContext} from './registry.js';
import {CliError, EXIT} from './registry.js';
import {promptHidden, PromptAborted} from './prompt.js';
import {FlowError} from '../flows/errors.js';
import {readBoundedFile} from '../flows/import-files.js';
import {makeT, type Translate} from '../i18n/index.js';

const polish = makeT('pl');

/** A password file holds one line; refuse anything that is clearly not one. */
const MAX_PASSWORD_FILE_BYTES = 64 * 1024;

export interface PasswordSpec {
  /** Option naming the file, e.g. `--password-file`. */
  flag: string;
  /** Environment variable, e.g. `KSEF_CERTS_PASSWORD`. */
  env: string;
  /** Hidden-prompt question (in the session's language). */
  prompt: string;
  /** Throw when no source is available (default false: undefined is returned). */
  required?: boolean;
}

/**
 * First line of a password file: UTF-8 (a leading BOM dropped), cut at the first `\n`; a `\r` before it is dropped
 * too (a file saved on Windows). openssl's `file:` keeps that `\r`; we drop it because no one types it on purpose.
 */
export function passwordFromFileBytes(bytes: Buffer): string {
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const nl = text.indexOf('\n');
  let line = nl >= 0 ? text.slice(0, nl) : text;
  if (line.endsWith('\r')) line = line.slice(0, -1);
  return line;
}

export async function readPasswordFile(file: string): Promise<string> {
  const bytes = await readBoundedFile(file, 'password', MAX_PASSWORD_FILE_BYTES);
  return passwordFromFileBytes(bytes);
}

/** Value of `--flag F` / `--flag=F` in argv, or undefined. Throws a usage error on a missing value. */
export function optionValue(argv: readonly string[], flag: string, t: Translate = polish): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === flag) {
      const v = argv[i + 1];
      if (v === undefined || v === '' || v.startsWith('--')) throw new CliError(t('cli.missingValue', {name: flag}), EXIT.usage);
      return v;
    }
    if (a.startsWith(`${flag}=`)) {
      const v = a.slice(flag.length + 1);
      if (!v) throw new CliError(t('cli.missingValue', {name: flag}), EXIT.usage);
      return v;
    }
  }
  return undefined;
}

/** Options that would put a secret on the command line; refused with a usage error. */
export const ARGV_PASSWORD_OPTIONS = ['--password', '--pass', '--passin', '--key-password'];

export function refusePasswordInArgv(argv: readonly string[], spec: Pick<PasswordSpec, 'flag' | 'env'>, t: Translate = polish): void {
  const bad = argv.find((a) => ARGV_PASSWORD_OPTIONS.includes(a.split('=')[0]));
  if (bad) throw new CliError(t('cli.pw.inArgv', {option: bad.split('=')[0], flag: spec.flag, env: spec.env}), EXIT.usage);
}

/** Reads the secret: file → env → hidden prompt (TTY only). undefined when none is available and not required. */
export async function readPasswordOption(ctx: Pick<CliContext, 'env' | 'stdin' | 'stderr'> & {t?: Translate}, argv: readonly string[], spec: PasswordSpec): Promise<string | undefined> {
  const t = ctx.t ?? polish;
  refusePasswordInArgv(argv, spec, t);
  const file = optionValue(argv, spec.flag, t);
  if (file !== undefined) {
    try {
      return await readPasswordFile(file);
    } catch (e) {
      if (e instanceof FlowError) throw new CliError(e.message, EXIT.refused);
      throw e;
    }
  }
  const fromEnv = ctx.env[spec.env];
  if (fromEnv !== undefined) return fromEnv;
  if (ctx.stdin.isTTY) {
    try {
      return await promptHidden(spec.prompt, ctx.stdin, ctx.stderr);
    } catch (e) {
      if (e instanceof PromptAborted) throw new CliError(t('cli.pw.aborted'), EXIT.refused);
      throw e;
    }
  }
  if (spec.required) {
    throw new CliError(t('cli.pw.missing', {flag: spec.flag, env: spec.env}), EXIT.refused);
  }
  return undefined;
}
