// `ksef-certs revoke SERIAL --reason Unspecified|Superseded|KeyCompromise [--yes] [--json]`: F8 through KSeF.
// Without --yes it asks T/N on a terminal and refuses when there is none to ask on.
import {createInterface} from 'node:readline/promises';
import {parseRevocationReason, revokeCertificate, REVOCATION_REASON_PL} from '../../flows/revoke.js';
import {EXIT, CliError, registerCommand, type CliContext} from '../registry.js';
import {findBySerial, parseFlags, runGuarded, writeJson} from '../command-kit.js';
import {certJson} from './list.js';
import {toRow} from '../../flows/list-view.js';

const USAGE = 'ksef-certs revoke NR_SERYJNY --reason Unspecified|Superseded|KeyCompromise [--yes] [--json]';

async function confirm(ctx: CliContext, question: string): Promise<boolean> {
  const rl = createInterface({input: ctx.stdin, output: ctx.stderr, terminal: false});
  try {
    const answer = await rl.question(question);
    return /^[tTyY]/.test(answer.trim());
  } finally {
    rl.close();
  }
}

async function runRevoke(ctx: CliContext, argv: string[]): Promise<number> {
  return runGuarded(ctx, argv, async (json) => {
    const {values, flags, positional} = parseFlags(argv, ['--reason'], ['--json', '--yes'], USAGE, 1);
    if (flags.has('--help')) {
      ctx.stdout.write(`Użycie: ${USAGE}\n`);
      return EXIT.ok;
    }
    if (!positional[0]) throw new CliError(`Podaj numer seryjny certyfikatu.\nUżycie: ${USAGE}`, EXIT.usage);
    if (!values['--reason']) throw new CliError(`Podaj przyczynę: --reason Unspecified|Superseded|KeyCompromise.\nUżycie: ${USAGE}`, EXIT.usage);
    const reason = parseRevocationReason(values['--reason']);
    if (!reason) throw new CliError(`Nieznana przyczyna: ${values['--reason']} (Unspecified, Superseded lub KeyCompromise).\nUżycie: ${USAGE}`, EXIT.usage);
    const {store, operator} = await ctx.login();
    const rec = await findBySerial(ctx, store, positional[0]);
    if (!flags.has('--yes')) {
      if (!ctx.stdin.isTTY) throw new CliError('Unieważnienie jest nieodwracalne — potwierdź je opcją --yes (brak terminala do zadania pytania).', EXIT.refused);
      const ok = await confirm(ctx, `Unieważnić certyfikat „${rec.name}” (${rec.serial}) — ${REVOCATION_REASON_PL[reason]}? Operacja jest nieodwracalna. (T/N) `);
      if (!ok) throw new CliError('Anulowano — certyfikat nie został unieważniony.', EXIT.refused);
    }
    const updated = await revokeCertificate({store, gateway: ctx.gateway(), operator, workstation: ctx.workstation}, rec, reason);
    if (json) writeJson(ctx, certJson(updated, toRow(updated, new Date())));
    else ctx.stdout.write(`Unieważniono certyfikat „${updated.name}” (${updated.serial}) — ${REVOCATION_REASON_PL[reason]}. Status w KSeF: ${updated.ksefStatus}.\n`);
    return EXIT.ok;
  });
}

registerCommand({name: 'revoke', summary: 'unieważnienie certyfikatu w KSeF — F8', usage: USAGE, run: runRevoke});
