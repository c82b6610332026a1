// `ksef-certs audit [--json] [--action A] [--operator KOD] [--serial S] [--limit N]`: the audit log [A-1-5-6], newest first.
import type {AuditAction} from '../../domain/index.js';
import {warsawDateTime} from '../../domain/index.js';
import {AUDIT_ACTIONS, filterAudit, parseAuditAction} from '../../flows/list-view.js';
import {EXIT, CliError, registerCommand, type CliContext} from '../registry.js';
import {parseFlags, runGuarded, writeJson} from '../command-kit.js';

const USAGE = `ksef-certs audit [--json] [--action ${AUDIT_ACTIONS.join('|')}] [--operator KOD] [--serial NR] [--limit N]`;

async function runAudit(ctx: CliContext, argv: string[]): Promise<number> {
  return runGuarded(ctx, argv, async (json) => {
    const {values, flags} = parseFlags(argv, ['--action', '--operator', '--serial', '--limit'], ['--json'], USAGE);
    if (flags.has('--help')) {
      ctx.stdout.write(`Użycie: ${USAGE}\n`);
      return EXIT.ok;
    }
    const action = values['--action'] ? parseAuditAction(values['--action']) : undefined; // id, Polish or English name
    if (values['--action'] && !action) throw new CliError(`Nieznany rodzaj zdarzenia: ${values['--action']}.\nUżycie: ${USAGE}`, EXIT.usage);
    const limit = values['--limit'] ? Number(values['--limit']) : undefined;
    if (limit !== undefined && (!Number.isInteger(limit) || limit <= 0)) throw new CliError(`--limit musi być dodatnią liczbą całkowitą.\nUżycie: ${USAGE}`, EXIT.usage);
    const {store} = await ctx.login();
    let events = filterAudit(await store.listAudit(), {action: action as AuditAction | undefined, operator: values['--operator'], text: values['--serial']});
    if (limit) events = events.slice(0, limit);
    if (json) {
      writeJson(ctx, {count: events.length, events});
      return EXIT.ok;
    }
    for (const e of events) {
      ctx.stdout.write(`${warsawDateTime(new Date(e.at))}  ${e.action.padEnd(17)} ${e.operator.padEnd(12)} ${e.workstation.padEnd(14)} ${e.serial ?? ''}${e.details ? `  ${e.details}` : ''}\n`);
    }
    ctx.stdout.write(`Razem: ${events.length}.\n`);
    return EXIT.ok;
  });
}

registerCommand({name: 'audit', summary: 'dziennik zdarzeń [A-1-5-6]', usage: USAGE, run: runAudit});
