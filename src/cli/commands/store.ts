// `ksef-certs store copy --to URL|DIR [--json]`: moves the store between a folder and PostgreSQL ("Beyond one server"
// in the README), verified by counts and checksums. Admin only; the source is --store / --data as usual.
import {copyStore} from '../../flows/store-copy.js';
import {EXIT, registerCommand, type CliContext} from '../registry.js';
import {parseOrHelp, runGuarded, usage, writeJson} from '../command-kit.js';
import type {CommandSpec} from '../options.js';

const SPEC = {
  name: 'store',
  synopsis: 'cli.store.synopsis',
  maxPositionals: 1,
  options: {
    to: {type: 'string', value: 'URL|cli.ph.dir', help: 'cli.store.o.to'},
    json: {type: 'boolean', help: 'cli.o.json'},
  },
} as const satisfies CommandSpec;

async function runStore(ctx: CliContext, argv: string[]): Promise<number> {
  return runGuarded(ctx, argv, async (json) => {
    const {values, positionals, help} = parseOrHelp(ctx, SPEC, argv);
    if (help) return EXIT.ok;
    if (positionals[0] !== 'copy' || !values.to) throw usage(ctx, SPEC, 'cli.store.needCopy');
    const {store, operator} = await ctx.login();
    const summary = await copyStore({store, operator, workstation: ctx.workstation}, values.to, {dataDir: ctx.options.dataDir});
    if (json) {
      writeJson(ctx, summary);
      return EXIT.ok;
    }
    ctx.stdout.write(`${ctx.t('cli.store.copied', {from: summary.from, to: summary.to})}\n`);
    for (const c of summary.collections) ctx.stdout.write(`  ${c.name.padEnd(14)}${String(c.count).padStart(8)}  sha256 ${c.sha256}\n`);
    return EXIT.ok;
  });
}

registerCommand({name: 'store', summary: 'cli.store.summary', usage: SPEC.synopsis, run: runStore});
