// `ksef-certs import`: a .crt + .key (MCU / Aplikacja Podatnika / our export) into the store for the company, a
// branch or an operator. Exit 0 stored, 1 refused by a rule (every bad input), 2 usage. `--json`: one document.
import {ENV_CODES, CERT_TYPE_CODES, parseOwner, type CertTypeCode, type EnvCode, type Owner} from '../../domain/index.js';
import {commitImport, publicRecord, readImportFiles, WARNING_TEXT_PL, ownerLabelPl} from '../../flows/import.js';
import {userMessage} from '../../flows/errors.js';
import {readPasswordOption, refusePasswordInArgv} from '../password-source.js';
import {CliError, EXIT, registerCommand, type CliContext} from '../registry.js';
import {parseFlags, writeJson} from '../command-kit.js';
import {readTokenImport} from '../../flows/import-token.js';
import {cliTokenAccess, PIN_FLAG} from '../token.js';

const USAGE =
  'ksef-certs import --crt PLIK --key PLIK [--password-file PLIK] --owner company|branch:KOD|operator:KOD\n' +
  '                  [--env D|P|T] [--force-env] [--type A|O] [--name NAZWA] [--force-expired] [--json]\n' +
  'ksef-certs import --pkcs11-token ETYKIETA (--crt PLIK | --token-cert ID) [--pin-file PLIK] --owner … [te same opcje]\n' +
  '  Klucz już na tokenie (moduł: KSEF_CERTS_PKCS11_MODULE): odszukany po kluczu publicznym certyfikatu.\n' +
  '  Hasło klucza: --password-file (pierwszy wiersz pliku), zmienna KSEF_CERTS_PASSWORD lub pytanie w terminalu.\n' +
  '  Środowisko i typ są odczytywane z certyfikatu; --env sprzeczne z wystawcą wymaga --force-env.';

const VALUE_FLAGS = ['--crt', '--key', '--password-file', '--owner', '--env', '--type', '--name', '--pkcs11-token', '--token-cert', PIN_FLAG];
const BOOL_FLAGS = ['--force-expired', '--force-env', '--json'];

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
  json: boolean;
  help: boolean;
}

const usage = (msg: string) => new CliError(`${msg}\nUżycie: ${USAGE}`, EXIT.usage);

function parseImportArgs(argv: readonly string[]): ImportArgs {
  const {values: v, flags} = parseFlags(argv, VALUE_FLAGS, BOOL_FLAGS, USAGE);
  const help = flags.has('--help');
  const json = flags.has('--json');
  if (help) return {help, json, crt: '', key: '', owner: {kind: 'company'}, forceEnv: false, forceExpired: false};
  const token = v['--pkcs11-token'];
  if (!v['--crt'] && !(token && v['--token-cert'])) throw usage('Podaj plik certyfikatu: --crt PLIK.');
  if (!v['--key'] && !token) throw usage('Podaj plik klucza prywatnego: --key PLIK.');
  if (!v['--owner']) throw usage('Podaj właściciela: --owner company|branch:KOD|operator:KOD.');
  const owner = parseOwner(v['--owner']);
  if (!owner) throw usage(`Nieprawidłowy właściciel: ${v['--owner']} (company, branch:KOD lub operator:KOD).`);
  const env = v['--env']?.toUpperCase();
  if (env !== undefined && !(ENV_CODES as readonly string[]).includes(env)) throw usage(`Nieprawidłowe środowisko: ${v['--env']} (D, P lub T).`);
  const type = v['--type']?.toUpperCase();
  if (type !== undefined && !(CERT_TYPE_CODES as readonly string[]).includes(type)) throw usage(`Nieprawidłowy typ: ${v['--type']} (A lub O).`);
  return {
    crt: v['--crt'] ?? '', key: v['--key'] ?? '', token, tokenCert: v['--token-cert'], owner, env: env as EnvCode | undefined, type: type as CertTypeCode | undefined, name: v['--name'],
    forceExpired: flags.has('--force-expired'), forceEnv: flags.has('--force-env'), json, help,
  };
}

const PASSWORD_SPEC = {
  flag: '--password-file', env: 'KSEF_CERTS_PASSWORD', prompt: 'Hasło klucza prywatnego (Enter, gdy klucz nie jest zaszyfrowany): ',
};

/** Rule codes whose fix is a CLI flag: the message gets the flag as a hint. */
const FLAG_HINTS: Record<string, string> = {
  expired: 'użyj --force-expired, aby mimo to zaimportować',
  envConflict: 'użyj --force-env, jeśli na pewno chodzi o to środowisko',
  envRequired: 'podaj --env D|P|T',
  typeRequired: 'podaj --type A|O',
  passwordRequired: 'podaj --password-file PLIK lub zmienną KSEF_CERTS_PASSWORD',
};

async function runImport(ctx: CliContext, argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const fail = (code: string | number, message: string, exit: number): number => {
    if (json) writeJson(ctx, {error: {code, message}});
    else ctx.stderr.write(`${message}\n`);
    return exit;
  };
  try {
    refusePasswordInArgv(argv, PASSWORD_SPEC);
    const args = parseImportArgs(argv);
    if (args.help) {
      ctx.stdout.write(`Użycie: ${USAGE}\n`);
      return EXIT.ok;
    }
    const password = args.token ? undefined : await readPasswordOption(ctx, argv, PASSWORD_SPEC);
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
      ctx.stdout.write(
        `Zaimportowano certyfikat „${record.name}” dla ${ownerLabelPl(record.owner)}: typ ${record.type}, środowisko ${record.env}, ` +
          `nr seryjny ${record.serial}, ważny ${record.validFrom?.slice(0, 10)} – ${record.validTo?.slice(0, 10)}.\n`,
      );
      for (const w of warnings) ctx.stderr.write(`Uwaga: ${WARNING_TEXT_PL[w]}\n`);
    }
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CliError) {
      if (e.exitCode !== EXIT.usage) return fail('refused', e.message, e.exitCode);
      return fail('usage', e.message.includes('Użycie:') ? e.message : `${e.message}\nUżycie: ${USAGE}`, e.exitCode);
    }
    const m = userMessage(e, ctx.t);
    const code = m.code ?? 'error';
    const hint = FLAG_HINTS[String(code)];
    return fail(code, hint ? `${m.text} (${hint})` : m.text, EXIT.refused);
  }
}

registerCommand({name: 'import', summary: 'cli.cmd.import', usage: USAGE, run: runImport});
