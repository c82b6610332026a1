// `ksef-certs status [--env D|P|T] [--json]`: KSeF availability from its status service (Latarnia) per environment.
// Exit 0 when every asked environment answered, 1 when one could not be read.
import {ENV_CODES, ENV_NAME, type EnvCode} from '../../domain/index.js';
import {isDisrupted, readKsefStatus, type KsefStatusView} from '../../flows/ksef-status.js';
import type {MessageKey} from '../../i18n/index.js';
import {EXIT, registerCommand, type CliContext} from '../registry.js';
import {parseOrHelp, runGuarded, usage, writeJson} from '../command-kit.js';
import type {CommandSpec} from '../options.js';

const SPEC = {
  name: 'status',
  synopsis: 'cli.status.synopsis',
  options: {
    env: {type: 'string', value: 'D|P|T', help: 'cli.o.envFilter'},
    json: {type: 'boolean', help: 'cli.o.json'},
  },
} as const satisfies CommandSpec;

/** One line per environment; `{title}` of the first current message when there is one. Text from outside is cleaned. */
export function statusLine(ctx: Pick<CliContext, 't'>, v: KsefStatusView): string {
  const title = v.messages[0]?.title ? ` — ${v.messages[0].title.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')}` : '';
  const why = v.reason ? ` (${ctx.t(`latarnia.${v.reason}` as MessageKey)})` : '';
  return ctx.t('latarnia.cliLine', {env: ENV_NAME[v.env], state: ctx.t(`latarnia.${v.state}` as MessageKey), title: title + why});
}

/** Before a KSeF flow: a warning on stderr when the environment reports maintenance or a failure (never blocks). */
export async function warnIfKsefDisrupted(ctx: CliContext, env: EnvCode): Promise<void> {
  const v = await readKsefStatus(ctx.gateway(), env, {timeoutMs: 3000});
  if (!isDisrupted(v.state)) return;
  const title = v.messages[0]?.title ? ` — ${v.messages[0].title.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')}` : '';
  ctx.stderr.write(`${ctx.t('latarnia.flowWarning', {env: ENV_NAME[env], state: ctx.t(`latarnia.${v.state}` as MessageKey), title})}\n`);
}

async function run(ctx: CliContext, argv: string[]): Promise<number> {
  return runGuarded(ctx, argv, async (json) => {
    const {values, help} = parseOrHelp(ctx, SPEC, argv);
    if (help) return EXIT.ok;
    const env = values.env?.toUpperCase();
    if (env !== undefined && !(ENV_CODES as readonly string[]).includes(env)) throw usage(ctx, SPEC, 'cli.unknownEnv', {value: env});
    const envs = env ? [env as EnvCode] : [...ENV_CODES];
    const views = await Promise.all(envs.map((e) => readKsefStatus(ctx.gateway(), e)));
    if (json) writeJson(ctx, views.map((v) => ({...v, env: ENV_NAME[v.env]})));
    else ctx.stdout.write(views.map((v) => statusLine(ctx, v)).join('\n') + '\n');
    return views.some((v) => v.reason === 'unreachable') ? EXIT.refused : EXIT.ok;
  });
}

registerCommand({name: 'status', summary: 'cli.cmd.status', usage: SPEC.synopsis, run});
