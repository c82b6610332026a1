// `ksef-certs list [--json] [--env D|P|T] [--type A|O] [--status S]`: the certificate list [A-1-5-7] as text or JSON.
// certJson (a record as JSON) is shared by show and revoke.
import type {CertTypeCode, CertificateView, DisplayStatus, EnvCode} from '../../domain/index.js';
import {CERT_TYPE_CODES, ENV_CODES, terminalSafe} from '../../domain/index.js';
import type {CertRow} from '../../flows/list-view.js';
import {loadLang, type Translate} from '../../i18n/index.js';
import {EXIT, registerCommand, type CliContext} from '../registry.js';
import {parseOrHelp, runGuarded, usage, writeJson} from '../command-kit.js';
import type {CommandSpec} from '../options.js';
import {ownerName, statusName} from '../format.js';

/** A record for JSON output: never the (sealed) key. */
export function certJson(rec: CertificateView, row: CertRow): Record<string, unknown> {
  const {keyPem: _sealed, enrollment, ...rest} = rec;
  return {
    ...rest,
    ...(enrollment ? {enrollment: {referenceNumber: enrollment.referenceNumber, requestedAt: enrollment.requestedAt, lastStatus: enrollment.lastStatus}} : {}),
    status: row.status,
    statusText: row.statusText,
    keyLocation: row.keyToken !== undefined ? {token: row.keyToken} : 'store',
    daysLeft: row.days ?? null,
    expiring: row.expiring,
  };
}

// Columns are measured on the escaped text (what the terminal shows), so hostile names keep the layout.
const pad = (s: string, n: number): string => {
  const t = terminalSafe(s);
  return t.length >= n ? t.slice(0, n) : t + ' '.repeat(n - t.length);
};

/** Serials are printed whole (KSeF's are up to 40 hex digits): `show` must accept what `list` prints. */
export const serialWidth = (rows: readonly CertRow[]): number => Math.max(16, ...rows.map((r) => r.serial.length));

export function rowLine(t: Translate, r: CertRow, serialCol = 16): string {
  const days = r.days === undefined ? '' : String(r.days);
  return [
    r.expiring ? '!' : ' ', pad(ownerName(t, r.rec.owner), 20), pad(r.name, 28), r.type, r.env, (r.serial || '—').padEnd(serialCol),
    pad(`${r.validFrom || '—'} – ${r.validTo || '—'}`, 23), pad(days, 5), statusName(t, r.status),
  ].join(' ') + (r.keyToken !== undefined ? `  ${t('cli.list.keyOnToken', {token: r.keyToken})}` : '');
}

const SPEC = {
  name: 'list',
  synopsis: 'cli.list.synopsis',
  options: {
    json: {type: 'boolean', help: 'cli.o.json'},
    env: {type: 'string', value: 'D|P|T', help: 'cli.o.envFilter'},
    type: {type: 'string', value: 'A|O', help: 'cli.o.typeFilter'},
    status: {type: 'string', value: 'STATUS', help: 'cli.list.o.status'},
  },
} as const satisfies CommandSpec;

async function runList(ctx: CliContext, argv: string[]): Promise<number> {
  return runGuarded(ctx, argv, async (json) => {
    const {values, help} = parseOrHelp(ctx, SPEC, argv);
    if (help) return EXIT.ok;
    // The rows' module loads while the login's scrypt runs on the thread pool (before the login only --status needs it).
    const view = import('../../flows/list-view.js');
    view.catch(() => {}); // a failure surfaces where it is awaited
    const env = values.env?.toUpperCase();
    if (env !== undefined && !(ENV_CODES as readonly string[]).includes(env)) throw usage(ctx, SPEC, 'cli.badEnv', {value: values.env!});
    const type = values.type?.toUpperCase();
    if (type !== undefined && !(CERT_TYPE_CODES as readonly string[]).includes(type)) throw usage(ctx, SPEC, 'cli.badType', {value: values.type!});
    let status: DisplayStatus | undefined;
    if (values.status !== undefined) {
      await loadLang('en'); // the English status words are accepted too
      status = (await view).parseStatus(values.status);
      if (!status) throw usage(ctx, SPEC, 'cli.list.badStatus', {value: values.status});
    }
    const {store, operator} = await ctx.login();
    const [{buildRows, filterRows, sortRows}, {logSwitchOvers}] = await Promise.all([view, import('../../flows/switchover.js')]);
    const t = ctx.t;
    const now = new Date();
    const records = await store.listCertificates();
    await logSwitchOvers({store, operator, workstation: ctx.workstation}, records, now);
    const rows = sortRows(filterRows(buildRows(records, now, ctx.t), {env: env as EnvCode, type: type as CertTypeCode, status}), 'owner');
    if (json) {
      writeJson(ctx, {count: rows.length, certificates: rows.map((r) => certJson(r.rec, r))});
      return EXIT.ok;
    }
    if (!rows.length) {
      ctx.stdout.write(`${t('cli.list.none')}\n`);
      return EXIT.ok;
    }
    const serialCol = serialWidth(rows);
    const h = (k: Parameters<Translate>[0], n: number) => pad(t(k), n);
    ctx.stdout.write(`  ${h('cli.list.col.owner', 20)} ${h('cli.list.col.name', 28)} ${t('cli.list.col.typeEnv')} ${h('cli.list.col.serial', serialCol)} ${h('cli.list.col.valid', 23)} ${h('cli.list.col.days', 5)} ${t('cli.list.col.status')}\n`);
    for (const r of rows) ctx.stdout.write(`${rowLine(t, r, serialCol)}\n`);
    ctx.stdout.write(`${t('cli.list.total', {n: rows.length})}\n`);
    // A pending row has no serial yet: its reference number is what `resume` takes.
    const pending = rows.filter((r) => r.rec.state === 'pending' && r.rec.enrollment);
    if (pending.length) {
      ctx.stdout.write(`${t('cli.list.pending')}\n`);
      // Without a reference (KSeF's reply was lost) the record id is what `resume` takes.
      for (const r of pending) ctx.stdout.write(`  ${r.rec.enrollment!.referenceNumber ?? r.rec.id}  ${r.name} (${ownerName(t, r.rec.owner)})\n`);
    }
    return EXIT.ok;
  });
}

registerCommand({name: 'list', summary: 'cli.cmd.list', usage: SPEC.synopsis, run: runList});
