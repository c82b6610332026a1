// `ksef-certs revoke SERIAL --reason Unspecified|Superseded|KeyCompromise [--yes] [--json]`: F8 through KSeF.
// Without --yes it asks T/N on a terminal and refuses when there is none to ask on.
import {createInterface} from 'node:readline/promises';
import {parseRevocationReason, revokeCertificate} from '../../flows/revoke.js';
import {EXIT, CliError, registerCommand, type CliContext} from '../registry.js';
import {findBySerial, parseOrHelp, runGuarded, usage, writeJson} from '../command-kit.js';
import type {CommandSpec} from '../options.js';
import {reasonName} from '../format.js';
import {certJson} from './list.js';
import {toRow} from '../../flows/list-view.js';

const SPEC = {
  name: 'revoke',
  synopsis: 'cli.revoke.synopsis',
  maxPositionals: 1,
  options: {
    reason: {type: 'string', value: 'Unspecified|Superseded|KeyCompromise', help: 'cli.revoke.o.reason'},
    yes: {type: 'boolean', help: 'cli.revoke.o.yes'},
    json: {type: 'boolean', help: 'cli.o.json'},
  },
} as const satisfies CommandSpec;

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
    const {values, positionals, help} = parseOrHelp(ctx, SPEC, argv);
    if (help) return EXIT.ok;
    if (!positionals[0]) throw usage(ctx, SPEC, 'cli.needSerial');
    if (!values.reason) throw usage(ctx, SPEC, 'cli.revoke.needReason');
    const reason = parseRevocationReason(values.reason);
    if (!reason) throw usage(ctx, SPEC, 'cli.revoke.badReason', {value: values.reason});
    const {store, operator} = await ctx.login();
    const t = ctx.t;
    const rec = await findBySerial(ctx, store, positionals[0]);
    if (!values.yes) {
      if (!ctx.stdin.isTTY) throw new CliError(t('cli.revoke.needYes'), EXIT.refused);
      const ok = await confirm(ctx, t('cli.revoke.confirm', {name: rec.name, serial: rec.serial ?? '—', reason: reasonName(t, reason)}));
      if (!ok) throw new CliError(t('cli.revoke.cancelled'), EXIT.refused);
    }
    const updated = await revokeCertificate({store, gateway: ctx.gateway(), operator, workstation: ctx.workstation}, rec, reason);
    if (json) writeJson(ctx, certJson(updated, toRow(updated, new Date())));
    else {
      const ksef = updated.ksefStatus ? t(`cli.ksefStatus.${updated.ksefStatus}`) : '—';
      ctx.stdout.write(`${t('cli.revoke.done', {name: updated.name, serial: updated.serial ?? '—', reason: reasonName(t, reason), ksef})}\n`);
    }
    return EXIT.ok;
  });
}

registerCommand({name: 'revoke', summary: 'cli.cmd.revoke', usage: SPEC.synopsis, run: runRevoke});
