// `ksef-certs config show|set-workstation|set-branch`: the CLI face of [A-1-5-1] and [A-1-5-2], with the same rules
// (src/flows/config.ts) as the screens. Option names avoid the global --lang/--api, which the arg parser takes anywhere.
import type {BranchConfig, EnvCode, WorkstationConfig} from '../../domain/index.js';
import {
  AUTH_METHOD_CODES, CONTEXT_TYPE_CODES, authMethodCode, saveBranchConfiguration, saveWorkstationConfiguration,
} from '../../flows/config.js';
import {EXIT, CliError, registerCommand, type CliContext} from '../registry.js';
import {parseOrHelp, runGuarded, usage, writeJson} from '../command-kit.js';
import {commandHelp, type CommandSpec} from '../options.js';
import path from 'node:path';

const json = {type: 'boolean', help: 'cli.o.json'} as const;
const SPEC = {name: 'config', synopsis: 'cli.config.synopsis', options: {}, notes: ['cli.config.note']} as const satisfies CommandSpec;
const SHOW = {name: 'config show', synopsis: 'cli.config.synopsis', options: {json}} as const satisfies CommandSpec;
const SET_WORKSTATION = {
  name: 'config set-workstation',
  synopsis: 'cli.config.synopsis',
  options: {
    'sign-folder': {type: 'string', value: 'cli.ph.dir', help: 'cli.config.o.signFolder'},
    // '' is a value here: it clears the command.
    'sign-command': {type: 'string', value: 'cli.ph.text', allowEmpty: true, help: 'cli.config.o.signCommand'},
    'export-folder': {type: 'string', value: 'cli.ph.dir', help: 'cli.config.o.exportFolder'},
    language: {type: 'string', value: 'pl|en', help: 'cli.config.o.language'},
    json,
  },
} as const satisfies CommandSpec;
const SET_BRANCH = {
  name: 'config set-branch',
  synopsis: 'cli.config.synopsis',
  maxPositionals: 1,
  options: {
    env: {type: 'string', value: 'D|P|T', help: 'cli.o.env'},
    auth: {type: 'string', value: 'E|Z|C', help: 'cli.config.o.auth'},
    context: {type: 'string', value: 'N|W:NIP-NNNNN', help: 'cli.config.o.context'},
    'api-url': {type: 'string', value: 'URL|-', help: 'cli.config.o.apiUrl'},
    json,
  },
} as const satisfies CommandSpec;

async function show(ctx: CliContext, argv: string[], asJson: boolean): Promise<number> {
  if (parseOrHelp(ctx, SHOW, argv).help) return EXIT.ok;
  const {store} = await ctx.login();
  const t = ctx.t;
  const [branches, ws] = await Promise.all([store.listBranches(), store.workstation(ctx.workstation)]);
  if (asJson) {
    writeJson(ctx, {workstation: ws, branches: branches.map(b => ({code: b.code, name: b.name, config: b.config}))});
    return EXIT.ok;
  }
  ctx.stdout.write(`${t('cli.config.workstation', {
    host: ws.host, signFolder: ws.signFolder, signCommand: ws.signCommand || t('cli.none'), exportFolder: ws.exportFolder, lang: ws.lang,
  })}\n`);
  for (const b of branches) {
    const c = b.config;
    const context = c.contextType === 'InternalId' ? `W ${c.contextValue ?? ''}` : t('cli.config.contextNip');
    ctx.stdout.write(`${t('cli.config.branch', {
      code: b.code, name: b.name, env: c.defaultEnv, auth: authMethodCode(c.authMethod), context, api: c.apiUrl ?? t('cli.config.defaultApi'),
    })}\n`);
  }
  return EXIT.ok;
}

async function setWorkstation(ctx: CliContext, argv: string[], asJson: boolean): Promise<number> {
  const {values, help} = parseOrHelp(ctx, SET_WORKSTATION, argv);
  if (help) return EXIT.ok;
  const lang = values.language;
  if (lang !== undefined && lang !== 'pl' && lang !== 'en') throw usage(ctx, SET_WORKSTATION, 'cli.config.badLanguage', {value: lang});
  const {store, operator} = await ctx.login();
  const cur = await store.workstation(ctx.workstation);
  const abs = (p: string | undefined, fallback: string) => (p === undefined ? fallback : path.resolve(p));
  // Settings this command has no option for (PKCS#11 module and token) are kept as they are.
  const next: WorkstationConfig = {
    ...cur,
    host: ctx.workstation,
    signFolder: abs(values['sign-folder'], cur.signFolder),
    signCommand: values['sign-command'] ?? cur.signCommand,
    exportFolder: abs(values['export-folder'], cur.exportFolder),
    lang: (lang as WorkstationConfig['lang'] | undefined) ?? cur.lang,
  };
  const r = await saveWorkstationConfiguration({store, operator, workstation: ctx.workstation}, next);
  if (asJson) writeJson(ctx, {workstation: r.config, createdFolders: r.created});
  else ctx.stdout.write(`${[ctx.t('cli.config.savedWorkstation', {host: ctx.workstation}), ...r.created.map(p => ctx.t('cli.config.createdFolder', {path: p}))].join('\n')}\n`);
  return EXIT.ok;
}

async function setBranch(ctx: CliContext, argv: string[], asJson: boolean): Promise<number> {
  const {values, positionals, help} = parseOrHelp(ctx, SET_BRANCH, argv);
  if (help) return EXIT.ok;
  const code = positionals[0]?.toUpperCase();
  if (!code) throw usage(ctx, SET_BRANCH, 'cli.config.needBranch');
  const env = values.env?.toUpperCase();
  if (env !== undefined && !['D', 'P', 'T'].includes(env)) throw usage(ctx, SET_BRANCH, 'cli.config.badEnv', {value: env});
  const auth = values.auth?.toUpperCase();
  if (auth !== undefined && !(auth in AUTH_METHOD_CODES)) throw usage(ctx, SET_BRANCH, 'cli.config.badAuth');
  const contextArg = values.context !== undefined ? /^([NW])(?::(.*))?$/i.exec(values.context) : undefined;
  if (contextArg === null) throw usage(ctx, SET_BRANCH, 'cli.config.badContext');
  const {store, operator} = await ctx.login();
  const branch = (await store.listBranches()).find(b => b.code === code);
  if (!branch) throw new CliError(ctx.t('cli.config.noBranch', {code}));
  const c = branch.config;
  let contextType: BranchConfig['contextType'] = c.contextType;
  let contextValue = c.contextValue;
  if (contextArg) {
    contextType = CONTEXT_TYPE_CODES[contextArg[1].toUpperCase()];
    contextValue = contextType === 'InternalId' ? (contextArg[2] ?? '') : undefined;
  }
  const api = values['api-url'] === '-' ? '' : (values['api-url'] ?? c.apiUrl ?? '');
  const r = await saveBranchConfiguration({store, operator}, code, {
    defaultEnv: (env as EnvCode | undefined) ?? c.defaultEnv,
    authMethod: auth ? AUTH_METHOD_CODES[auth] : c.authMethod,
    contextType, contextValue, apiUrl: api,
  });
  if (asJson) writeJson(ctx, {branch: code, config: r.config, ...(r.warning ? {warning: r.warning} : {})});
  else {
    ctx.stdout.write(`${ctx.t('cli.config.savedBranch', {code})}\n`);
    if (r.warning) ctx.stderr.write(`${r.warning}\n`);
  }
  if (auth === 'Z') ctx.stderr.write(`${ctx.t('cli.config.trustedProfileNote')}\n`);
  return EXIT.ok;
}

async function runConfig(ctx: CliContext, argv: string[]): Promise<number> {
  return runGuarded(ctx, argv, async (asJson) => {
    const [sub, ...rest] = argv;
    if (!sub || sub === '--help' || sub === '-h') {
      ctx.stdout.write(commandHelp(ctx.t, SPEC, ctx.t('cli.cmd.config')));
      return sub ? EXIT.ok : EXIT.usage;
    }
    if (sub === 'show') return show(ctx, rest, asJson);
    if (sub === 'set-workstation') return setWorkstation(ctx, rest, asJson);
    if (sub === 'set-branch') return setBranch(ctx, rest, asJson);
    throw usage(ctx, SPEC, 'cli.unknownSubcommand', {name: `config ${sub}`});
  });
}

registerCommand({name: 'config', summary: 'cli.cmd.config', usage: SPEC.synopsis, run: runConfig});
