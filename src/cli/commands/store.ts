// `ksef-certs store copy --to URL|DIR [--json]`: moves the store between a folder and PostgreSQL ("Beyond one server"
// in the README), verified by counts and checksums. Admin only; the source is --store / --data as usual.
import {copyStore} from '../../flows/store-copy.js';
import {EXIT, CliError, registerCommand, type CliContext} from '../registry.js';
import {parseFlags, runGuarded, writeJson} from '../command-kit.js';

const USAGE = 'ksef-certs store copy --to postgresql://…|KATALOG [--json]';

async function runStore(ctx: CliContext, argv: string[]): Promise<number> {
  return runGuarded(ctx, argv, async (json) => {
    const {values, flags, positional} = parseFlags(argv, ['--to'], ['--json'], USAGE, 1);
    if (flags.has('--help')) {
      ctx.stdout.write(`Użycie: ${USAGE}\n`);
      return EXIT.ok;
    }
    if (positional[0] !== 'copy' || !values['--to']) throw new CliError(`Użycie: ${USAGE}`, EXIT.usage);
    const {store, operator} = await ctx.login();
    const summary = await copyStore({store, operator, workstation: ctx.workstation}, values['--to'], {dataDir: ctx.options.dataDir});
    if (json) {
      writeJson(ctx, summary);
      return EXIT.ok;
    }
    ctx.stdout.write(`${ctx.t('cli.store.copied', {from: summary.from, to: summary.to})}\n`);
    for (const c of summary.collections) ctx.stdout.write(`  ${c.name.padEnd(14)}${String(c.count).padStart(8)}  sha256 ${c.sha256}\n`);
    return EXIT.ok;
  });
}

registerCommand({name: 'store', summary: 'cli.store.summary', usage: USAGE, run: runStore});
