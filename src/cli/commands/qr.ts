// `ksef-certs qr`: KOD I + KOD II of offline invoices — one file, or a whole folder on all cores.
import {promises as fs} from 'node:fs';
import path from 'node:path';
import {ENV_CODES, ENV_NAME, warsawDate, type EnvCode} from '../../domain/index.js';
import {userMessage} from '../../flows/errors.js';
import {makeInvoiceCodes, ownerLabel, parseContextArg, type QrDeps} from '../../flows/qr.js';
import {runQrBatch} from '../../flows/qr-batch.js';
import {CliError, EXIT, registerCommand, type CliContext} from '../registry.js';
import {writeJson} from '../command-kit.js';
import {rawStream} from '../safe-io.js';
import {readRegularFile} from '../../flows/fs-util.js';
import {cliTokenAccess} from '../token.js';

const USAGE = [
  'ksef-certs qr --invoice PLIK.xml [--seller-nip NIP] [--context Nip:NIP|InternalId:ID] [--issue-date RRRR-MM-DD]',
  '              [--cert NUMER] [--env D|P|T] [--png KATALOG] [--svg KATALOG] [--pin-file PLIK] [--json]',
  'ksef-certs qr --batch KATALOG --out KATALOG [--workers N] [te same opcje]',
].join('\n');

const VALUE = ['--invoice', '--batch', '--out', '--seller-nip', '--context', '--issue-date', '--cert', '--env', '--png', '--svg', '--workers', '--pin-file'] as const;
type ValueOpt = (typeof VALUE)[number];

interface QrArgs {
  values: Partial<Record<ValueOpt, string>>;
  json: boolean;
}

function usage(msg: string): CliError {
  return new CliError(`${msg}\nUżycie:\n${USAGE}`, EXIT.usage);
}

function parseQrArgs(argv: string[]): QrArgs {
  const values: QrArgs['values'] = {};
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = (arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg) as ValueOpt;
    if ((VALUE as readonly string[]).includes(name)) {
      const value = eq > 0 && name !== arg ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw usage(`Opcja ${name} wymaga wartości.`);
      if (values[name] !== undefined) throw usage(`Opcja ${name} podana dwa razy.`);
      values[name] = value;
    } else if (arg === '--json') json = true;
    else if (arg.startsWith('-')) throw usage(`Nieznana opcja: ${arg}`);
    else throw usage(`Nieoczekiwany argument: ${arg}`);
  }
  if (!values['--invoice'] === !values['--batch']) throw usage('Podaj --invoice PLIK albo --batch KATALOG (jedno z nich).');
  if (values['--batch'] && !values['--out']) throw usage('Przy --batch podaj katalog wyników: --out KATALOG.');
  if (values['--invoice'] && (values['--out'] || values['--workers'])) throw usage('Opcje --out i --workers dotyczą tylko --batch.');
  if (values['--env'] && !(ENV_CODES as readonly string[]).includes(values['--env'].toUpperCase())) {
    throw usage(`Nieznane środowisko: ${values['--env']} (dostępne: D, P, T).`);
  }
  if (values['--context'] && !parseContextArg(values['--context'])) {
    throw usage(`Nieprawidłowy kontekst: ${values['--context']} (np. Nip:1111111111 lub InternalId:1111111111-00001).`);
  }
  if (values['--workers'] && !/^[1-9]\d{0,2}$/.test(values['--workers'])) throw usage(`Nieprawidłowa liczba wątków: ${values['--workers']}`);
  return {values, json};
}

/** Progress on stderr: a redrawn bar on a terminal, a plain line every 10 % otherwise (logs, pipes). */
function progressReporter(stderr: CliContext['stderr']): {update: (done: number, total: number) => void; end: () => void} {
  const tty = (stderr as {isTTY?: boolean}).isTTY === true;
  let lastStep = -1;
  let drawn = false;
  return {
    update(done, total) {
      if (total === 0) return;
      const pct = Math.floor((done / total) * 100);
      if (tty) {
        const width = 30;
        const full = Math.round((done / total) * width);
        rawStream(stderr).write(`\r[${'█'.repeat(full)}${'░'.repeat(width - full)}] ${done}/${total} ${pct}%`);
        drawn = true;
      } else {
        const step = Math.floor(pct / 10);
        if (step !== lastStep && (done > 0 || total === 0)) {
          lastStep = step;
          stderr.write(`Przetworzono ${done}/${total} faktur (${pct}%)\n`);
        }
      }
    },
    end() {
      if (drawn) stderr.write('\n');
    },
  };
}

async function runQr(ctx: CliContext, argv: string[]): Promise<number> {
  const {values: v, json} = parseQrArgs(argv);
  const {store, operator} = await ctx.login();
  const deps: QrDeps = {store, operator, workstation: ctx.workstation, token: await cliTokenAccess(ctx, argv, store)};
  const common = {
    sellerNip: v['--seller-nip'], issueDate: v['--issue-date'], certSerial: v['--cert'],
    env: v['--env']?.toUpperCase() as EnvCode | undefined, context: v['--context'] ? parseContextArg(v['--context']) : undefined,
    pngDir: v['--png'], svgDir: v['--svg'],
  };
  try {
    if (v['--invoice']) {
      const file = v['--invoice'];
      const invoice = await readRegularFile(file, 'faktury');
      const r = await makeInvoiceCodes(deps, {...common, invoice, invoiceName: file});
      if (json) {
        writeJson(ctx, {invoice: file, ...r});
        return EXIT.ok;
      }
      const c = r.certificate;
      ctx.stdout.write([
        `Certyfikat: „${c.name}” (${c.serial}), właściciel: ${ownerLabel(c.owner)}${c.validTo ? `, ważny do ${warsawDate(new Date(c.validTo))}` : ''}`,
        `Środowisko: ${ENV_NAME[r.env]}, kontekst: ${r.context.type} ${r.context.value}, NIP sprzedawcy: ${r.sellerNip}, data wystawienia: ${r.issueDate}`,
        `KOD I (${r.kod1.label}):`, r.kod1.url,
        `KOD II (${r.kod2.label}):`, r.kod2.url,
        ...r.files.map((f) => `Zapisano: ${f}`),
        '',
      ].join('\n'));
      return EXIT.ok;
    }
    const progress = progressReporter(ctx.stderr);
    const s = await runQrBatch(deps, {...common, inputDir: v['--batch']!, outDir: v['--out']!, workers: v['--workers'] ? Number(v['--workers']) : undefined, onProgress: progress.update});
    progress.end();
    if (s.total === 0) ctx.stderr.write(`W katalogu ${v['--batch']} nie ma plików .xml z fakturami.\n`);
    for (const f of s.files) if (!f.ok) ctx.stderr.write(`${f.file}: ${f.error}\n`);
    if (json) {
      writeJson(ctx, s);
    } else {
      ctx.stdout.write([
        `Certyfikat: „${s.certificateName}” (${s.serial}), środowisko ${ENV_NAME[s.env]}, kontekst ${s.context.type} ${s.context.value}`,
        `Gotowe: ${s.ok} z ${s.total} faktur, błędów: ${s.failed}${s.skipped.length ? `, pominięto plików innych niż .xml: ${s.skipped.length}` : ''}.`,
        `Podsumowanie: ${path.resolve(s.summaryJson)}, ${path.resolve(s.summaryCsv)}`,
        '',
      ].join('\n'));
    }
    return s.failed > 0 || s.total === 0 ? EXIT.refused : EXIT.ok;
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(userMessage(e, ctx.t).text, EXIT.refused);
  }
}

registerCommand({
  name: 'qr',
  summary: 'kody QR faktur offline: KOD I i KOD II (certyfikat typu O); --batch dla katalogu faktur',
  usage: USAGE,
  run: runQr,
});
