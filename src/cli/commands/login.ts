// `ksef-certs login --cert SERIAL [--json]`: a full KSeF login (challenge → XAdES signed by the app with the stored
// type-A certificate → status → tokens); prints how long the tokens are valid (never the tokens) and ends the session.
import {warsawDateTime} from '../../domain/index.js';
import {branchCodeFor} from '../../flows/authorize.js';
import {contextFor} from '../../flows/context-id.js';
import {loginWithCertificate} from '../../flows/login.js';
import {EXIT, registerCommand, type CliContext} from '../registry.js';
import {findBySerial, flagView, parseOrHelp, runGuarded, writeJson} from '../command-kit.js';
import type {CommandSpec} from '../options.js';
import {cliTokenAccess} from '../token.js';

const USAGE = 'ksef-certs login --cert NR_SERYJNY [--pin-file PLIK] [--api URL] [--json]';

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
    if (!values['--cert']) {
      ctx.stderr.write(`Podaj certyfikat: --cert NR_SERYJNY.\nUżycie: ${USAGE}\n`);
      return EXIT.usage;
    }
    const {store, operator} = await ctx.login();
    const rec = await findBySerial(ctx, store, values['--cert']);
    const [company, branches, operators] = await Promise.all([store.company(), store.listBranches(), store.listOperators()]);
    const branch = branches.find((b) => b.code === branchCodeFor(rec.owner, operators, operator));
    const context = contextFor(company, rec.owner.kind === 'company' ? undefined : branch?.config);
    const session = await loginWithCertificate(
      {store, gateway: ctx.gateway(), operator: operator.code, workstation: ctx.workstation, token: await cliTokenAccess(ctx, argv, store)},
      rec,
      {context, apiUrl: branch?.config.apiUrl},
    );
    await session.logout().catch(() => undefined);
    if (json) {
      writeJson(ctx, {
        certificate: {serial: rec.serial, name: rec.name, env: rec.env}, context, referenceNumber: session.referenceNumber,
        accessValidUntil: session.accessValidUntil.toISOString(), refreshValidUntil: session.refreshValidUntil.toISOString(), loggedOut: true,
      });
    } else {
      ctx.stdout.write(
        `Zalogowano w KSeF certyfikatem „${rec.name}” (${rec.serial}), kontekst ${context.type} ${context.value}, operacja ${session.referenceNumber}.\n` +
          `Token dostępu ważny do ${warsawDateTime(session.accessValidUntil)}, token odświeżania do ${warsawDateTime(session.refreshValidUntil)}. Sesję zakończono.\n`,
      );
    }
    return EXIT.ok;
  });
}

registerCommand({name: 'login', summary: 'cli.cmd.login', usage: USAGE, run: runLogin});
