// `ksef-certs audit [--json] [--action A] [--operator KOD] [--serial S] [--limit N]`: the audit log [A-1-5-6], newest
// first. Details are rendered in the session's language; `--json` keeps each stored event whole (`details` is the
// stored text, Polish; `message` the key + parameters when the event has one) and adds `detailsText` in `lang`.
import type {AuditAction, AuditEvent} from '../../domain/index.js';
import {auditDetails, auditEventJson, langOf} from '../../flows/audit-notes.js';
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
    operator: {type: 'string', value: 'cli.ph.code', help: 'cli.audit.o.operator'},
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
    const t = ctx.t; // after login: the workstation's language when --lang was not given
    const filter = {action: action as AuditAction | undefined, operator: values.operator, text: values.serial, describe: (e: AuditEvent) => auditDetails(t, e)};
    let events = filterAudit(await store.listAudit(), filter);
    if (limit) events = events.slice(0, limit);
    if (json) {
      writeJson(ctx, {count: events.length, lang: langOf(t), events: events.map((e) => auditEventJson(t, e))});
      return EXIT.ok;
    }
    for (const e of events) {
      const details = auditDetails(t, e);
      ctx.stdout.write(`${zonedTime(e.at)}  ${actionName(t, e.action).padEnd(22)} ${e.operator.padEnd(12)} ${e.workstation.padEnd(14)} ${e.serial ?? ''}${details ? `  ${details}` : ''}\n`);
    }
    ctx.stdout.write(`${t('cli.total', {n: events.length})}\n`);
    return EXIT.ok;
  });
}

registerCommand({name: 'audit', summary: 'cli.cmd.audit', usage: SPEC.synopsis, run: runAudit});
