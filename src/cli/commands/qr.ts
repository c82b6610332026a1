// `ksef-certs qr`: KOD I + KOD II of offline invoices — one file, or a whole folder on all cores.
import {promises as fs} from 'node:fs';
import path from 'node:path';
import {ENV_CODES, ENV_NAME, warsawDate, type EnvCode} from '../../domain/index.js';
import {userMessage} from '../../flows/errors.js';
import {makeInvoiceCodes, parseContextArg, type QrDeps} from '../../flows/qr.js';
import {runQrBatch} from '../../flows/qr-batch.js';
import {CliError, EXIT, registerCommand, type CliContext} from '../registry.js';
import {parseOrHelp, usage, writeJson} from '../command-kit.js';
import type {parseCommand, CommandSpec} from '../options.js';
import type {MessageKey, Translate} from '../../i18n/index.js';
import {ownerName} from '../format.js';
import {rawStream} from '../safe-io.js';
import {readRegularFile} from '../../flows/fs-util.js';
import {cliTokenAccess} from '../token.js';

const dir = 'cli.ph.dir';
const SPEC = {
  name: 'qr',
  synopsis: 'cli.qr.synopsis',
  options: {
    invoice: {type: 'string', value: 'cli.ph.file', help: 'cli.qr.o.invoice'},
    batch: {type: 'string', value: dir, help: 'cli.qr.o.batch'},
    out: {type: 'string', value: dir, help: 'cli.qr.o.out'},
    'seller-nip': {type: 'string', value: 'NIP', help: 'cli.qr.o.sellerNip'},
    context: {type: 'string', value: 'Nip:NIP|InternalId:ID', help: 'cli.qr.o.context'},
    'issue-date': {type: 'string', value: 'cli.ph.date', help: 'cli.qr.o.issueDate'},
    cert: {type: 'string', value: 'cli.ph.serial', help: 'cli.qr.o.cert'},
    env: {type: 'string', value: 'D|P|T', help: 'cli.o.env'},
    png: {type: 'string', value: dir, help: 'cli.qr.o.png'},
    svg: {type: 'string', value: dir, help: 'cli.qr.o.svg'},
    workers: {type: 'string', value: 'N', help: 'cli.qr.o.workers'},
    'pin-file': {type: 'string', value: 'cli.ph.file', help: 'cli.o.pinFile'},
    json: {type: 'boolean', help: 'cli.o.json'},
  },
} as const satisfies CommandSpec;

type QrValues = ReturnType<typeof parseCommand<typeof SPEC.options>>['values'];

function parseQrArgs(ctx: CliContext, argv: string[]): {values: QrValues; help: boolean} {
  const {values, help} = parseOrHelp(ctx, SPEC, argv);
  if (help) return {values, help};
  const bad = (key: MessageKey, params?: Record<string, string>) => usage(ctx, SPEC, key, params);
  if (!values.invoice === !values.batch) throw bad('cli.qr.oneOf');
  if (values.batch && !values.out) throw bad('cli.qr.needOut');
  if (values.invoice && (values.out || values.workers)) throw bad('cli.qr.batchOnly');
  if (values.env && !(ENV_CODES as readonly string[]).includes(values.env.toUpperCase())) throw bad('cli.unknownEnv', {value: values.env});
  if (values.context && !parseContextArg(values.context)) throw bad('cli.qr.badContext', {value: values.context});
  if (values.workers && !/^[1-9]\d{0,2}$/.test(values.workers)) throw bad('cli.qr.badWorkers', {value: values.workers});
  return {values, help};
}

/** Progress on stderr: a redrawn bar on a terminal, a plain line every 10 % otherwise (logs, pipes). */
function progressReporter(t: Translate, stderr: CliContext['stderr']): {update: (done: number, total: number) => void; end: () => void} {
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
          stderr.write(`${t('cli.qr.progress', {done, total, pct})}\n`);
        }
      }
    },
    end() {
      if (drawn) stderr.write('\n');
    },
  };
}

async function runQr(ctx: CliContext, argv: string[]): Promise<number> {
  const {values: v, help} = parseQrArgs(ctx, argv);
  if (help) return EXIT.ok;
  const json = !!v.json;
  const {store, operator} = await ctx.login();
  const t = ctx.t;
  const deps: QrDeps = {store, operator, workstation: ctx.workstation, token: await cliTokenAccess(ctx, argv, store)};
  const common = {
    sellerNip: v['seller-nip'], issueDate: v['issue-date'], certSerial: v.cert,
    env: v.env?.toUpperCase() as EnvCode | undefined, context: v.context ? parseContextArg(v.context) : undefined,
    pngDir: v.png, svgDir: v.svg,
  };
  try {
    if (v.invoice) {
      const file = v.invoice;
      const invoice = await readRegularFile(file, 'invoice');
      const r = await makeInvoiceCodes(deps, {...common, invoice, invoiceName: file});
      if (json) {
        writeJson(ctx, {invoice: file, ...r});
        return EXIT.ok;
      }
      const c = r.certificate;
      ctx.stdout.write([
        t('cli.qr.cert', {name: c.name, serial: c.serial ?? '—', owner: ownerName(t, c.owner)}) + (c.validTo ? t('cli.qr.validTo', {date: warsawDate(new Date(c.validTo))}) : ''),
        t('cli.qr.facts', {env: ENV_NAME[r.env], context: `${r.context.type} ${r.context.value}`, nip: r.sellerNip, date: r.issueDate}),
        `KOD I (${r.kod1.label}):`, r.kod1.url,
        `KOD II (${r.kod2.label}):`, r.kod2.url,
        ...r.files.map((f) => t('cli.saved', {path: f})),
        '',
      ].join('\n'));
      return EXIT.ok;
    }
    const progress = progressReporter(t, ctx.stderr);
    const s = await runQrBatch(deps, {...common, inputDir: v.batch!, outDir: v.out!, workers: v.workers ? Number(v.workers) : undefined, onProgress: progress.update});
    progress.end();
    if (s.total === 0) ctx.stderr.write(`${t('cli.qr.noInvoices', {dir: v.batch!})}\n`);
    for (const f of s.files) if (!f.ok) ctx.stderr.write(`${f.file}: ${f.error}\n`);
    if (json) {
      writeJson(ctx, s);
    } else {
      ctx.stdout.write([
        t('cli.qr.batchCert', {name: s.certificateName, serial: s.serial, env: ENV_NAME[s.env], context: `${s.context.type} ${s.context.value}`}),
        t('cli.qr.batchDone', {ok: s.ok, total: s.total, failed: s.failed}) + (s.skipped.length ? t('cli.qr.batchSkipped', {n: s.skipped.length}) : '') + '.',
        t('cli.qr.summary', {json: path.resolve(s.summaryJson), csv: path.resolve(s.summaryCsv)}),
        '',
      ].join('\n'));
    }
    return s.failed > 0 || s.total === 0 ? EXIT.refused : EXIT.ok;
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(userMessage(e, ctx.t).text, EXIT.refused);
  }
}

registerCommand({name: 'qr', summary: 'cli.cmd.qr', usage: SPEC.synopsis, run: runQr});
