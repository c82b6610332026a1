// `ksef-certs [--data DIR] demo-reset --yes [--json]`: puts a demo data folder back to its first state (the help
// desk after a training session): everything in it is deleted and the demo store with its kit is created again.
// Refused for a folder that is not a demo store and for PostgreSQL; without --yes it only says what it would do.
import {DEMO_CREDENTIALS, DEMO_OPERATOR_PESEL, resetDemo} from '../../flows/demo-kit.js';
import {EXIT, registerCommand, type CliContext} from '../registry.js';
import {parseOrHelp, runGuarded, writeJson} from '../command-kit.js';
import type {CommandSpec} from '../options.js';

const SPEC = {
  name: 'demo-reset',
  synopsis: 'cli.demoReset.synopsis',
  options: {
    yes: {type: 'boolean', help: 'cli.demoReset.o.yes'},
    json: {type: 'boolean', help: 'cli.o.json'},
  },
} as const satisfies CommandSpec;

async function runDemoReset(ctx: CliContext, argv: string[]): Promise<number> {
  return runGuarded(ctx, argv, async (json) => {
    const {values, help} = parseOrHelp(ctx, SPEC, argv);
    if (help) return EXIT.ok;
    const r = await resetDemo(ctx.options.store ?? ctx.options.dataDir, !!values.yes);
    if (json) writeJson(ctx, {dir: r.dir, invoiceDir: r.invoiceDir});
    else {
      ctx.stdout.write(`${ctx.t('demo.reset.done', {
        dir: r.dir, admin: `${DEMO_CREDENTIALS.admin.code}/${DEMO_CREDENTIALS.admin.password}`,
        operator: `${DEMO_CREDENTIALS.operator.code}/${DEMO_CREDENTIALS.operator.password}`, pesel: DEMO_OPERATOR_PESEL, invoices: r.invoiceDir,
      })}\n`);
    }
    return EXIT.ok;
  });
}

registerCommand({name: 'demo-reset', summary: 'demo.reset.summary', usage: SPEC.synopsis, run: runDemoReset});
