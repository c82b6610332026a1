// `ksef-certs auth-request --env D|P|T --nip NIP --out auth.xml [--api URL] [--json]`: the unsigned AuthTokenRequest
// for a fresh challenge, to be signed outside (qualified signature / seal, Profil Zaufany) and passed to
// `generate --signed`. The challenge is valid 10 minutes.
import path from 'node:path';
import {ENV_CODES, warsawDateTime, type EnvCode} from '../../domain/index.js';
import {isValidNip} from '../../domain/identifiers.js';
import {prepareAuthRequest} from '../../flows/authorize.js';
import {CliError, EXIT, registerCommand, type CliContext} from '../registry.js';
import {parseFlags, runGuarded, writeJson} from '../command-kit.js';

const USAGE = 'ksef-certs auth-request --env D|P|T --nip NIP --out auth.xml [--api URL] [--json]';

async function runAuthRequest(ctx: CliContext, argv: string[]): Promise<number> {
  return runGuarded(ctx, argv, async (json) => {
    const {values, flags} = parseFlags(argv, ['--env', '--nip', '--out'], ['--json'], USAGE);
    if (flags.has('--help')) {
      ctx.stdout.write(`Użycie: ${USAGE}\n`);
      return EXIT.ok;
    }
    const env = values['--env']?.toUpperCase();
    if (!env || !(ENV_CODES as readonly string[]).includes(env)) throw new CliError(`Podaj środowisko: --env D, P lub T.\nUżycie: ${USAGE}`, EXIT.usage);
    const nip = values['--nip']?.replace(/[\s-]/g, '');
    if (!nip) throw new CliError(`Podaj NIP kontekstu: --nip NIP.\nUżycie: ${USAGE}`, EXIT.usage);
    if (!isValidNip(nip)) throw new CliError(`Nieprawidłowy NIP: ${values['--nip']} (10 cyfr z poprawną cyfrą kontrolną).`, EXIT.refused);
    if (!values['--out']) throw new CliError(`Podaj plik wyjściowy: --out auth.xml.\nUżycie: ${USAGE}`, EXIT.usage);
    const out = path.resolve(values['--out']);
    const req = await prepareAuthRequest(
      {gateway: ctx.gateway(), workstation: ctx.workstation},
      {env: env as EnvCode, context: {type: 'Nip', value: nip}, dir: path.dirname(out), fileName: path.basename(out)},
    );
    if (json) {
      writeJson(ctx, {file: req.file, challenge: req.challenge, expiresAt: req.expiresAt.toISOString(), env, context: req.context});
    } else {
      ctx.stdout.write(
        `Zapisano ${req.file} (niepodpisany AuthTokenRequest, kontekst NIP ${nip}, środowisko ${env}).\n` +
          `Wyzwanie: ${req.challenge}\nWażne do: ${warsawDateTime(req.expiresAt)} (10 minut) — podpisz plik podpisem kwalifikowanym, ` +
          `pieczęcią lub Profilem Zaufanym (podpis otaczany XAdES) i przekaż go: ksef-certs generate … --signed PLIK\n`,
      );
    }
    return EXIT.ok;
  });
}

registerCommand({name: 'auth-request', summary: 'żądanie autoryzacyjne auth.xml do podpisania poza programem', usage: USAGE, run: runAuthRequest});
