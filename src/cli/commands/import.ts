// `ksef-certs import`: a .crt + .key (MCU / Aplikacja Podatnika / our export) into the store for the company, a
// branch or an operator. Exit 0 stored, 1 refused by a rule (every bad input), 2 usage. `--json`: one document.
import {ENV_CODES, CERT_TYPE_CODES, parseOwner, type CertTypeCode, type EnvCode, type Owner} from '../../domain/index.js';
import {commitImport, publicRecord, readImportFiles} from '../../flows/import.js';
import {userMessage} from '../../flows/errors.js';
import {readPasswordOption, refusePasswordInArgv} from '../password-source.js';
import {CliError, EXIT, registerCommand, type CliContext} from '../registry.js';
import {parseOrHelp, usage, writeJson} from '../command-kit.js';
import {usageError, type CommandSpec} from '../options.js';
import type {MessageKey} from '../../i18n/index.js';
import {readTokenImport} from '../../flows/import-token.js';
import {cliTokenAccess} from '../token.js';

const SPEC = {
  name: 'import',
  synopsis: 'cli.import.synopsis',
  options: {
    crt: {type: 'string', value: 'cli.ph.file', help: 'cli.import.o.crt'},
    key: {type: 'string', value: 'cli.ph.file', help: 'cli.import.o.key'},
    'password-file': {type: 'string', value: 'cli.ph.file', help: 'cli.import.o.password'},
    owner: {type: 'string', value: 'cli.ph.owner', help: 'cli.o.owner'},
    env: {type: 'string', value: 'D|P|T', help: 'cli.import.o.env'},
    'force-env': {type: 'boolean', help: 'cli.import.o.forceEnv'},
    type: {type: 'string', value: 'A|O', help: 'cli.import.o.type'},
    name: {type: 'string', value: 'cli.ph.name', help: 'cli.import.o.name'},
    'force-expired': {type: 'boolean', help: 'cli.import.o.forceExpired'},
    'pkcs11-token': {type: 'string', value: 'cli.ph.label', help: 'cli.o.pkcs11Token'},
    'token-cert': {type: 'string', value: 'ID', help: 'cli.import.o.tokenCert'},
    'pin-file': {type: 'string', value: 'cli.ph.file', help: 'cli.o.pinFile'},
    json: {type: 'boolean', help: 'cli.o.json'},
  },
  notes: ['cli.import.note'],
} as const satisfies CommandSpec;

interface ImportArgs {
  crt: string;
  key: string;
  token?: string;
  tokenCert?: string;
  owner: Owner;
  env?: EnvCode;
  type?: CertTypeCode;
  name?: string;
  forceExpired: boolean;
  forceEnv: boolean;
  help: boolean;
}

function parseImportArgs(ctx: CliContext, argv: readonly string[]): ImportArgs {
  const {values: v, help} = parseOrHelp(ctx, SPEC, argv);
  if (help) return {help, crt: '', key: '', owner: {kind: 'company'}, forceEnv: false, forceExpired: false};
  const bad = (key: MessageKey, params?: Record<string, string>) => usage(ctx, SPEC, key, params);
  const token = v['pkcs11-token'];
  if (!v.crt && !(token && v['token-cert'])) throw bad('cli.import.needCrt');
  if (!v.key && !token) throw bad('cli.import.needKey');
  if (!v.owner) throw bad('cli.import.needOwner');
  const owner = parseOwner(v.owner);
  if (!owner) throw bad('cli.badOwner', {value: v.owner});
  const env = v.env?.toUpperCase();
  if (env !== undefined && !(ENV_CODES as readonly string[]).includes(env)) throw bad('cli.badEnv', {value: v.env!});
  const type = v.type?.toUpperCase();
  if (type !== undefined && !(CERT_TYPE_CODES as readonly string[]).includes(type)) throw bad('cli.badType', {value: v.type!});
  return {
    crt: v.crt ?? '', key: v.key ?? '', token, tokenCert: v['token-cert'], owner, env: env as EnvCode | undefined, type: type as CertTypeCode | undefined, name: v.name,
    forceExpired: !!v['force-expired'], forceEnv: !!v['force-env'], help,
  };
}

/** Rule codes whose fix is a CLI flag: the message gets the flag as a hint. */
const FLAG_HINTS: Record<string, MessageKey> = {
  expired: 'cli.import.hint.expired',
  envConflict: 'cli.import.hint.envConflict',
  envRequired: 'cli.import.hint.envRequired',
  typeRequired: 'cli.import.hint.typeRequired',
  passwordRequired: 'cli.import.hint.passwordRequired',
};

async function runImport(ctx: CliContext, argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const fail = (code: string | number, message: string, exit: number): number => {
    if (json) writeJson(ctx, {error: {code, message}});
    else ctx.stderr.write(`${message}\n`);
    return exit;
  };
  try {
    const passwordSpec = {flag: '--password-file', env: 'KSEF_CERTS_PASSWORD', prompt: ctx.t('cli.import.prompt')};
    refusePasswordInArgv(argv, passwordSpec, ctx.t);
    const args = parseImportArgs(ctx, argv);
    if (args.help) return EXIT.ok;
    const password = args.token ? undefined : await readPasswordOption(ctx, argv, passwordSpec);
    const {store, operator} = await ctx.login();
    const preview = args.token
      ? await readTokenImport(await cliTokenAccess(ctx, argv, store), {label: args.token, crtPath: args.crt || undefined, certId: args.tokenCert})
      : await readImportFiles({crtPath: args.crt, keyPath: args.key, password}, {store, operator: operator.code, workstation: ctx.workstation});
    const {record, warnings} = await commitImport({store, operator, workstation: ctx.workstation}, preview, {
      owner: args.owner, env: args.env, forceEnv: args.forceEnv, type: args.type, name: args.name, insistExpired: args.forceExpired,
    });
    if (json) {
      writeJson(ctx, {...publicRecord(record), warnings});
    } else {
      const t = ctx.t;
      ctx.stdout.write(`${t('cli.import.done', {
        name: record.name, owner: t(`cli.import.for.${record.owner.kind}`, {code: record.owner.kind === 'company' ? '' : record.owner.code}),
        type: record.type, env: record.env, serial: record.serial ?? '—', from: record.validFrom?.slice(0, 10) ?? '—', to: record.validTo?.slice(0, 10) ?? '—',
      })}\n`);
      for (const w of warnings) ctx.stderr.write(`${t('cli.import.warning', {text: t(`cli.import.warn.${w}`)})}\n`);
    }
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CliError) {
      if (e.exitCode !== EXIT.usage) return fail('refused', e.message, e.exitCode);
      return fail('usage', e.message.includes(ctx.t('cli.usageLabel')) ? e.message : usageError(ctx.t, SPEC, e.message).message, e.exitCode);
    }
    const m = userMessage(e, ctx.t);
    const code = m.code ?? 'error';
    const hint = FLAG_HINTS[String(code)];
    return fail(code, hint ? `${m.text} (${ctx.t(hint)})` : m.text, EXIT.refused);
  }
}

registerCommand({name: 'import', summary: 'cli.cmd.import', usage: SPEC.synopsis, run: runImport});
