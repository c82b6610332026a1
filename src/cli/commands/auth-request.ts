// `ksef-certs auth-request --env D|P|T --nip NIP --out auth.xml [--api URL] [--json]`: the unsigned AuthTokenRequest
// for a fresh challenge, to be signed outside (qualified signature / seal, Profil Zaufany) and passed to
// `generate --signed`. The challenge is valid 10 minutes.
import path from 'node:path';
import {ENV_CODES, type EnvCode} from '../../domain/index.js';
import {isValidNip} from '../../domain/identifiers.js';
import {prepareAuthRequest} from '../../flows/authorize.js';
import {CliError, EXIT, registerCommand, type CliContext} from '../registry.js';
import {parseOrHelp, runGuarded, usage, writeJson} from '../command-kit.js';
import type {CommandSpec} from '../options.js';
import {zonedTime} from '../format.js';

const SPEC = {
  name: 'auth-request',
  synopsis: 'cli.authRequest.synopsis',
  options: {
    env: {type: 'string', value: 'D|P|T', help: 'cli.o.env'},
    nip: {type: 'string', value: 'NIP', help: 'cli.authRequest.o.nip'},
    out: {type: 'string', value: 'cli.ph.file', help: 'cli.authRequest.o.out'},
    json: {type: 'boolean', help: 'cli.o.json'},
  },
} as const satisfies CommandSpec;

async function runAuthRequest(ctx: CliContext, argv: string[]): Promise<number> {
  return runGuarded(ctx, argv, async (json) => {
    const {values, help} = parseOrHelp(ctx, SPEC, argv);
    if (help) return EXIT.ok;
    const t = ctx.t;
    const env = values.env?.toUpperCase();
    if (!env || !(ENV_CODES as readonly string[]).includes(env)) throw usage(ctx, SPEC, 'cli.authRequest.needEnv');
    const nip = values.nip?.replace(/[\s-]/g, '');
    if (!nip) throw usage(ctx, SPEC, 'cli.authRequest.needNip');
    if (!isValidNip(nip)) throw new CliError(t('cli.authRequest.badNip', {value: values.nip!}), EXIT.refused);
    if (!values.out) throw usage(ctx, SPEC, 'cli.authRequest.needOut');
    const out = path.resolve(values.out);
    const req = await prepareAuthRequest(
      {gateway: ctx.gateway(), workstation: ctx.workstation},
      {env: env as EnvCode, context: {type: 'Nip', value: nip}, dir: path.dirname(out), fileName: path.basename(out)},
    );
    if (json) {
      writeJson(ctx, {file: req.file, challenge: req.challenge, expiresAt: req.expiresAt.toISOString(), env, context: req.context});
    } else {
      ctx.stdout.write(`${t('cli.authRequest.done', {file: req.file, nip, env, challenge: req.challenge, until: zonedTime(req.expiresAt)})}\n`);
    }
    return EXIT.ok;
  });
}

registerCommand({name: 'auth-request', summary: 'cli.cmd.authRequest', usage: SPEC.synopsis, run: runAuthRequest});
