// `ksef-certs operator set-pesel KOD (PESEL | --clear)`: an admin enters (or clears) the PESEL of an operator
// [A-1-5-5]. A personal KSeF certificate may belong only to the operator with that PESEL (rules in src/flows).
import {saveOperator} from '../../flows/config.js';
import {CliError, EXIT, registerCommand, type CliContext} from '../registry.js';
import {parseFlags, runGuarded, writeJson} from '../command-kit.js';

const USAGE = 'ksef-certs operator set-pesel KOD (PESEL | --clear) [--json]';

async function runOperator(ctx: CliContext, argv: string[]): Promise<number> {
  return runGuarded(ctx, argv, async (json) => {
    const [sub, ...rest] = argv;
    if (sub === '--help' || sub === '-h') {
      ctx.stdout.write(`Użycie: ${USAGE}\n`);
      return EXIT.ok;
    }
    if (sub !== 'set-pesel') throw new CliError(`Nieznane polecenie: operator ${sub ?? ''}\nUżycie: ${USAGE}`.trim(), EXIT.usage);
    const {positional, flags} = parseFlags(rest, [], ['--json', '--clear'], USAGE, 2);
    const [code, value] = positional;
    const clear = flags.has('--clear');
    if (!code || !value === !clear) throw new CliError(`Podaj kod operatora i PESEL albo --clear.\nUżycie: ${USAGE}`, EXIT.usage);
    const {store, operator} = await ctx.login();
    const op = (await store.listOperators()).find((o) => o.code === code.toUpperCase());
    if (!op) throw new CliError(`Nie ma operatora ${code.toUpperCase()}.`);
    const pesel = clear ? '' : value;
    await saveOperator({store, operator, workstation: ctx.workstation}, {
      code: op.code, name: op.name, role: op.role, branch: op.branch, disabled: !!op.disabled, password: '', repeat: '', pesel,
    }, false);
    if (json) writeJson(ctx, {operator: op.code, pesel: pesel || null});
    else ctx.stdout.write(`Zapisano operatora ${op.code}: PESEL ${pesel || '(brak)'}.\n`);
    return EXIT.ok;
  });
}

registerCommand({name: 'operator', summary: 'PESEL operatora dla certyfikatów imiennych [A-1-5-5]', usage: USAGE, run: runOperator});
