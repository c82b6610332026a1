// `ksef-certs list [--json] [--env D|P|T] [--type A|O] [--status S]`: the certificate list [A-1-5-7] as text or JSON.
// certJson (a record as JSON) is shared by show and revoke.
import type {CertTypeCode, CertificateRecord, DisplayStatus, EnvCode} from '../../domain/index.js';
import {CERT_TYPE_CODES, ENV_CODES, terminalSafe} from '../../domain/index.js';
import {buildRows, filterRows, parseStatus, sortRows, STATUS_LABEL_PL, type CertRow} from '../../flows/list-view.js';
import {logSwitchOvers} from '../../flows/switchover.js';
import {CliError, EXIT, registerCommand, type CliContext} from '../registry.js';
import {parseFlags, runGuarded, writeJson} from '../command-kit.js';

/** A record for JSON output: never the (sealed) key. */
export function certJson(rec: CertificateRecord, row: CertRow): Record<string, unknown> {
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

export function rowLine(r: CertRow, serialCol = 16): string {
  const days = r.days === undefined ? '' : String(r.days);
  return [
    r.expiring ? '!' : ' ', pad(r.owner, 20), pad(r.name, 28), r.type, r.env, (r.serial || '—').padEnd(serialCol),
    pad(`${r.validFrom || '—'} – ${r.validTo || '—'}`, 23), pad(days, 5), r.statusText,
  ].join(' ') + (r.keyToken !== undefined ? `  [klucz: token „${r.keyToken}”]` : '');
}

const USAGE = 'ksef-certs list [--json] [--env D|P|T] [--type A|O] [--status aktywny|oczekujący|wygasły|unieważniony|pending|failed]';

async function runList(ctx: CliContext, argv: string[]): Promise<number> {
  return runGuarded(ctx, argv, async (json) => {
    const {values, flags} = parseFlags(argv, ['--env', '--type', '--status'], ['--json'], USAGE);
    if (flags.has('--help')) {
      ctx.stdout.write(`Użycie: ${USAGE}\n`);
      return EXIT.ok;
    }
    const env = values['--env']?.toUpperCase();
    if (env !== undefined && !(ENV_CODES as readonly string[]).includes(env)) throw new CliError(`Nieprawidłowe środowisko: ${values['--env']} (D, P lub T).\nUżycie: ${USAGE}`, EXIT.usage);
    const type = values['--type']?.toUpperCase();
    if (type !== undefined && !(CERT_TYPE_CODES as readonly string[]).includes(type)) throw new CliError(`Nieprawidłowy typ: ${values['--type']} (A lub O).\nUżycie: ${USAGE}`, EXIT.usage);
    let status: DisplayStatus | undefined;
    if (values['--status'] !== undefined) {
      status = parseStatus(values['--status']);
      if (!status) throw new CliError(`Nieprawidłowy status: ${values['--status']}.\nUżycie: ${USAGE}`, EXIT.usage);
    }
    const {store, operator} = await ctx.login();
    const now = new Date();
    const records = await store.listCertificates();
    await logSwitchOvers({store, operator, workstation: ctx.workstation}, records, now);
    const rows = sortRows(filterRows(buildRows(records, now, ctx.t), {env: env as EnvCode, type: type as CertTypeCode, status}), 'owner');
    if (json) {
      writeJson(ctx, {count: rows.length, certificates: rows.map((r) => certJson(r.rec, r))});
      return EXIT.ok;
    }
    if (!rows.length) {
      ctx.stdout.write('Brak certyfikatów spełniających warunki.\n');
      return EXIT.ok;
    }
    const serialCol = serialWidth(rows);
    ctx.stdout.write(`  ${pad('Właściciel', 20)} ${pad('Nazwa', 28)} T Ś ${pad('Nr seryjny', serialCol)} ${pad('Ważny od – do', 23)} ${pad('Dni', 5)} Status\n`);
    for (const r of rows) ctx.stdout.write(`${rowLine(r, serialCol)}\n`);
    ctx.stdout.write(`Razem: ${rows.length}. „!” — wygasa w ciągu 30 dni.\n`);
    // A pending row has no serial yet: its reference number is what `resume` takes.
    const pending = rows.filter((r) => r.rec.state === 'pending' && r.rec.enrollment);
    if (pending.length) {
      ctx.stdout.write('W trakcie wydawania — dokończ: ksef-certs resume NR_WNIOSKU (--signed PLIK | --auth-cert NR_SERYJNY):\n');
      // Without a reference (KSeF's reply was lost) the record id is what `resume` takes.
      for (const r of pending) ctx.stdout.write(`  ${r.rec.enrollment!.referenceNumber ?? r.rec.id}  ${r.name} (${r.owner})\n`);
    }
    return EXIT.ok;
  });
}

registerCommand({name: 'list', summary: 'lista certyfikatów KSeF [A-1-5-7]', usage: USAGE, run: runList});

export {STATUS_LABEL_PL};
