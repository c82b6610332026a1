// `ksef-certs login --cert SERIAL [--json]`: a full KSeF login (challenge → XAdES signed by the app with the stored
// type-A certificate → status → tokens); prints how long the tokens are valid (never the tokens) and ends the session.
import {warsawDateTime} from '../../domain/index.js';
import {EXIT, registerCommand, type CliContext} from '../registry.js';
import {findBySerial, flagView, parseOrHelp, runGuarded, writeJson} from '../command-kit.js';
import {usageError, type CommandSpec} from '../options.js';
import {cliTokenAccess} from '../token.js';
import {cliServices} from '../enrollment.js';

const SPEC = {
  name: 'login',
  synopsis: 'cli.login.synopsis',
  options: {
    cert: {type: 'string', value: 'cli.ph.serial', help: 'cli.o.authCert'},
    'pin-file': {type: 'string', value: 'cli.ph.file', help: 'cli.o.pinFile'},
    json: {type: 'boolean', help: 'cli.o.json'},
  },
} as const satisfies CommandSpec;

async function runLogin(ctx: CliContext, argv: string[]): Promise<number> {
  return runGuarded(ctx, argv, async (json) => {
    const parsed = parseOrHelp(ctx, SPEC, argv);
    if (parsed.help) return EXIT.ok;
    const {values} = flagView(parsed);
    if (!values['--cert']) throw usageError(ctx.t, SPEC, ctx.t('cli.enroll.needCert'));
    const {store, operator} = await ctx.login();
    const rec = await findBySerial(ctx, store, values['--cert']);
    const services = cliServices(ctx, store, operator).generate;
    const target = await services.target(rec.owner);
    const {context} = target;
    const session = await services.session({env: rec.env, target, auth: {kind: 'certificate', via: rec}, token: await cliTokenAccess(ctx, argv, store)});
    await session.logout().catch(() => undefined);
    if (json) {
      writeJson(ctx, {
        certificate: {serial: rec.serial, name: rec.name, env: rec.env}, context, referenceNumber: session.referenceNumber,
        accessValidUntil: session.accessValidUntil.toISOString(), refreshValidUntil: session.refreshValidUntil.toISOString(), loggedOut: true,
      });
    } else {
      ctx.stdout.write(`${ctx.t('gen.cli.loginDone', {
        name: rec.name, serial: rec.serial ?? rec.id, ctype: context.type, cvalue: context.value, ref: session.referenceNumber,
        access: warsawDateTime(session.accessValidUntil), refresh: warsawDateTime(session.refreshValidUntil),
      })}\n`);
    }
    return EXIT.ok;
  });
}

registerCommand({name: 'login', summary: 'cli.cmd.login', usage: SPEC.synopsis, run: runLogin});
