// `ksef-certs operator set-pesel KOD (PESEL | --clear)`: an admin enters (or clears) the PESEL of an operator
// [A-1-5-5]. A personal KSeF certificate may belong only to the operator with that PESEL (rules in src/flows).
import {saveOperator} from '../../flows/config.js';
import {CliError, EXIT, registerCommand, type CliContext} from '../registry.js';
import {parseOrHelp, runGuarded, usage, writeJson} from '../command-kit.js';
import {commandHelp, type CommandSpec} from '../options.js';

const SPEC = {
  name: 'operator set-pesel',
  synopsis: 'cli.operator.synopsis',
  maxPositionals: 2,
  options: {
    clear: {type: 'boolean', help: 'cli.operator.o.clear'},
    json: {type: 'boolean', help: 'cli.o.json'},
  },
} as const satisfies CommandSpec;

async function runOperator(ctx: CliContext, argv: string[]): Promise<number> {
  return runGuarded(ctx, argv, async (json) => {
    const [sub, ...rest] = argv;
    if (sub === '--help' || sub === '-h') {
      ctx.stdout.write(commandHelp(ctx.t, SPEC, ctx.t('cli.cmd.operator')));
      return EXIT.ok;
    }
    if (sub !== 'set-pesel') throw usage(ctx, SPEC, 'cli.unknownSubcommand', {name: `operator ${sub ?? ''}`.trim()});
    const {positionals, values, help} = parseOrHelp(ctx, SPEC, rest);
    if (help) return EXIT.ok;
    const [code, value] = positionals;
    const clear = !!values.clear;
    if (!code || !value === !clear) throw usage(ctx, SPEC, 'cli.operator.needPesel');
    const {store, operator} = await ctx.login();
    const op = (await store.listOperators()).find((o) => o.code === code.toUpperCase());
    if (!op) throw new CliError(ctx.t('cli.operator.none', {code: code.toUpperCase()}));
    const pesel = clear ? '' : value;
    await saveOperator({store, operator, workstation: ctx.workstation}, {
      code: op.code, name: op.name, role: op.role, branch: op.branch, disabled: !!op.disabled, password: '', repeat: '', pesel,
    }, false);
    if (json) writeJson(ctx, {operator: op.code, pesel: pesel || null});
    else ctx.stdout.write(`${ctx.t('cli.operator.saved', {code: op.code, pesel: pesel || ctx.t('cli.none')})}\n`);
    return EXIT.ok;
  });
}

registerCommand({name: 'operator', summary: 'cli.cmd.operator', usage: SPEC.synopsis, run: runOperator});
