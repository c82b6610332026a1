// `ksef-certs audit [--json] [--action A] [--serial S] [--limit N]`: the audit log [A-1-5-6], newest first.
import type {AuditAction} from '../../domain/index.js';
import {AUDIT_ACTIONS, filterAudit, parseAuditAction} from '../../flows/list-view.js';
import {EXIT, registerCommand, type CliContext} from '../registry.js';
import {parseOrHelp, runGuarded, usage, writeJson} from '../command-kit.js';
import type {CommandSpec} from '../options.js';
import {actionName, zonedTime} from '../format.js';
import {loadLang} from '../../i18n/index.js';

const SPEC = {
  name: 'audit',
  synopsis: 'cli.audit.synopsis',
  options: {
    json: {type: 'boolean', help: 'cli.o.json'},
    action: {type: 'string', value: 'cli.ph.action', help: 'cli.audit.o.action'},
    serial: {type: 'string', value: 'cli.ph.text', help: 'cli.audit.o.serial'},
    limit: {type: 'string', value: 'N', help: 'cli.audit.o.limit'},
  },
} as const satisfies CommandSpec;

async function runAudit(ctx: CliContext, argv: string[]): Promise<number> {
  return runGuarded(ctx, argv, async (json) => {
    const {values, help} = parseOrHelp(ctx, SPEC, argv);
    if (help) return EXIT.ok;
    if (values.action) await loadLang('en'); // the English action names are accepted too
    const action = values.action ? parseAuditAction(values.action) : undefined; // id, Polish or English name
    if (values.action && !action) throw usage(ctx, SPEC, 'cli.audit.badAction', {value: values.action, actions: AUDIT_ACTIONS.join(', ')});
    const limit = values.limit ? Number(values.limit) : undefined;
    if (limit !== undefined && (!Number.isInteger(limit) || limit <= 0)) throw usage(ctx, SPEC, 'cli.audit.badLimit');
    const {store} = await ctx.login();
    let events = filterAudit(await store.listAudit(), {action: action as AuditAction | undefined, text: values.serial});
    if (limit) events = events.slice(0, limit);
    if (json) {
      writeJson(ctx, {count: events.length, events});
      return EXIT.ok;
    }
    const t = ctx.t;
    for (const e of events) {
      ctx.stdout.write(`${zonedTime(e.at)}  ${actionName(t, e.action).padEnd(22)} ${e.operator.padEnd(12)} ${e.workstation.padEnd(14)} ${e.serial ?? ''}${e.details ? `  ${e.details}` : ''}\n`);
    }
    ctx.stdout.write(`${t('cli.total', {n: events.length})}\n`);
    return EXIT.ok;
  });
}

registerCommand({name: 'audit', summary: 'cli.cmd.audit', usage: SPEC.synopsis, run: runAudit});
