// `ksef-certs config show|set-workstation|set-branch`: the CLI face of [A-1-5-1] and [A-1-5-2], with the same rules
// (src/flows/config.ts) as the screens. Option names avoid the global --lang/--api, which the arg parser takes anywhere.
import type {BranchConfig, EnvCode, WorkstationConfig} from '../../domain/index.js';
import {
  AUTH_METHOD_CODES, CONTEXT_TYPE_CODES, authMethodCode, saveBranchConfiguration, saveWorkstationConfiguration,
} from '../../flows/config.js';
import {EXIT, CliError, registerCommand, type CliContext} from '../registry.js';
import {parseFlags, runGuarded, writeJson} from '../command-kit.js';
import path from 'node:path';

const USAGE = [
  'ksef-certs config show [--json]',
  'ksef-certs config set-workstation [--sign-folder DIR] [--sign-command TEXT] [--export-folder DIR] [--language pl|en]',
  'ksef-certs config set-branch KOD [--env D|P|T] [--auth E|Z|C] [--context N | --context W:NIP-NNNNN] [--api-url URL|-]',
].join('\n       ');

const usage = (msg: string) => new CliError(`${msg}\nUżycie: ${USAGE}`, EXIT.usage);

async function show(ctx: CliContext, argv: string[], json: boolean): Promise<number> {
  parseFlags(argv, [], ['--json'], USAGE);
  const {store} = await ctx.login();
  const [branches, ws] = await Promise.all([store.listBranches(), store.workstation(ctx.workstation)]);
  if (json) {
    writeJson(ctx, {workstation: ws, branches: branches.map(b => ({code: b.code, name: b.name, config: b.config}))});
    return EXIT.ok;
  }
  ctx.stdout.write(`Stanowisko ${ws.host}:\n  folder podpisu: ${ws.signFolder}\n  polecenie e-podpisu: ${ws.signCommand || '(brak)'}\n` +
    `  folder eksportu: ${ws.exportFolder}\n  język: ${ws.lang}\n`);
  for (const b of branches) {
    const c = b.config;
    const ctxText = c.contextType === 'InternalId' ? `W ${c.contextValue ?? ''}` : 'N (NIP firmy)';
    ctx.stdout.write(`Oddział ${b.code} (${b.name}): środowisko ${c.defaultEnv}, autoryzacja ${authMethodCode(c.authMethod)}, ` +
      `kontekst ${ctxText}, API ${c.apiUrl ?? '(domyślne)'}\n`);
  }
  return EXIT.ok;
}

async function setWorkstation(ctx: CliContext, argv: string[], json: boolean): Promise<number> {
  const {values} = parseFlags(argv, ['--sign-folder', '--sign-command', '--export-folder', '--language'], ['--json'], USAGE);
  const lang = values['--language'];
  if (lang !== undefined && lang !== 'pl' && lang !== 'en') throw usage(`--language: pl albo en (podano ${lang}).`);
  const {store, operator} = await ctx.login();
  const cur = await store.workstation(ctx.workstation);
  const abs = (p: string | undefined, fallback: string) => (p === undefined ? fallback : path.resolve(p));
  const next: WorkstationConfig = {
    host: ctx.workstation,
    signFolder: abs(values['--sign-folder'], cur.signFolder),
    signCommand: values['--sign-command'] ?? cur.signCommand,
    exportFolder: abs(values['--export-folder'], cur.exportFolder),
    lang: (lang as WorkstationConfig['lang'] | undefined) ?? cur.lang,
  };
  const r = await saveWorkstationConfiguration({store, operator, workstation: ctx.workstation}, next);
  if (json) writeJson(ctx, {workstation: r.config, createdFolders: r.created});
  else ctx.stdout.write(`Zapisano konfigurację stanowiska ${ctx.workstation}.${r.created.map(p => `\nUtworzono folder: ${p}`).join('')}\n`);
  return EXIT.ok;
}

async function setBranch(ctx: CliContext, argv: string[], json: boolean): Promise<number> {
  const {values, positional} = parseFlags(argv, ['--env', '--auth', '--context', '--api-url'], ['--json'], USAGE, 1);
  const code = positional[0]?.toUpperCase();
  if (!code) throw usage('Podaj kod oddziału.');
  const {store, operator} = await ctx.login();
  const branch = (await store.listBranches()).find(b => b.code === code);
  if (!branch) throw new CliError(`Nie ma oddziału „${code}”.`);
  const c = branch.config;
  const env = values['--env']?.toUpperCase();
  if (env !== undefined && !['D', 'P', 'T'].includes(env)) throw usage(`--env: D, P albo T (podano ${env}).`);
  const auth = values['--auth']?.toUpperCase();
  if (auth !== undefined && !(auth in AUTH_METHOD_CODES)) throw usage(`--auth: E (e-podpis), Z (Profil Zaufany) albo C (certyfikat KSeF).`);
  let contextType: BranchConfig['contextType'] = c.contextType;
  let contextValue = c.contextValue;
  if (values['--context'] !== undefined) {
    const m = /^([NW])(?::(.*))?$/i.exec(values['--context']);
    if (!m) throw usage('--context: N albo W:NIP-NNNNN.');
    contextType = CONTEXT_TYPE_CODES[m[1].toUpperCase()];
    contextValue = contextType === 'InternalId' ? (m[2] ?? '') : undefined;
  }
  const api = values['--api-url'] === '-' ? '' : (values['--api-url'] ?? c.apiUrl ?? '');
  const r = await saveBranchConfiguration({store, operator}, code, {
    defaultEnv: (env as EnvCode | undefined) ?? c.defaultEnv,
    authMethod: auth ? AUTH_METHOD_CODES[auth] : c.authMethod,
    contextType, contextValue, apiUrl: api,
  });
  if (json) writeJson(ctx, {branch: code, config: r.config, ...(r.warning ? {warning: r.warning} : {})});
  else {
    ctx.stdout.write(`Zapisano konfigurację oddziału ${code}.\n`);
    if (r.warning) ctx.stderr.write(`${r.warning}\n`);
  }
  if (auth === 'Z') ctx.stderr.write('Uwaga: Profil Zaufany może zostać odrzucony przy uwierzytelnianiu w KSeF po 31.03.2026.\n');
  return EXIT.ok;
}

async function runConfig(ctx: CliContext, argv: string[]): Promise<number> {
  return runGuarded(ctx, argv, async (json) => {
    const [sub, ...rest] = argv;
    if (!sub || sub === '--help' || sub === '-h') {
      ctx.stdout.write(`Użycie: ${USAGE}\n`);
      return sub ? EXIT.ok : EXIT.usage;
    }
    if (sub === 'show') return show(ctx, rest, json);
    if (sub === 'set-workstation') return setWorkstation(ctx, rest, json);
    if (sub === 'set-branch') return setBranch(ctx, rest, json);
    throw usage(`Nieznane polecenie: config ${sub}.`);
  });
}

registerCommand({name: 'config', summary: 'konfiguracja oddziału i stanowiska [A-1-5-1/2]', usage: USAGE, run: runConfig});
