// KOD I + KOD II for a whole folder of offline invoices on all cores (node:worker_threads).
// The parent unseals the key once; workers get it as a cloned KeyObject (KeyObject can be passed to worker threads
// via postMessage/workerData since Node 14.5 — checked on Node 20), so the key never leaves process memory.
import {execFileSync} from 'node:child_process';
import {promises as fs} from 'node:fs';
import {generateKeyPairSync, type KeyObject} from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import {ENV_NAME, type ContextIdentifier, type EnvCode} from '../domain/index.js';
import {flowError} from './errors.js';
import {msg} from '../i18n/index.js';
import {invoiceBaseName, prepareQrSigner, type QrCertificateOptions, type QrDeps} from './qr.js';
import {resolveIssueDate, resolveSellerNip, type CodeParams, type InvoiceCodes} from './qr-invoice.js';
import {makeDir} from './fs-util.js';
import {runInline} from './qr-job.js';
import {isExternalKey, type SigningKey} from '../ksef/key-source.js';
import {QrPool, runPool, unpackReply, type WorkerInit, type WorkerJob, type WorkerReply} from './qr-pool.js';
import sampleData from './demo-invoices.json' with {type: 'json'};
import {auditNote} from './audit-notes.js';

export * from './qr-pool.js';

// ---- results ---------------------------------------------------------------------------------------------------

export type BatchFileResult =
  | ({file: string; ok: true; /** The `.kod.json` written (unless perInvoiceFiles is false). */ output?: string} & InvoiceCodes)
  | {file: string; ok: false; error: string; code?: string};

export interface BatchSummary {
  env: EnvCode;
  context: ContextIdentifier;
  serial: string;
  total: number;
  ok: number;
  failed: number;
  /** Files in the folder that are not `*.xml` (not processed). */
  skipped: string[];
  files: BatchFileResult[];
  /** Paths of `qr-batch.json` and `qr-batch.csv`. */
  summaryJson: string;
  summaryCsv: string;
  workers: number;
}

/** The code parameters of every invoice (qr-invoice.ts), plus the folders and the pool. */
export interface BatchEngineOptions extends CodeParams {
  inputDir: string;
  outDir: string;
  /** Store key: signed in worker threads; token key: in this thread. */
  key: SigningKey;
  pngDir?: string;
  svgDir?: string;
  /** Worker threads; default os.availableParallelism(). */
  workers?: number;
  /** Files per message to a worker (default: the folder split in ~8 chunks per thread, 50…1000 files each). */
  chunkSize?: number;
  /**
   * Write `<name>.kod.json` per invoice (default true). false: only `qr-batch.json` and `qr-batch.csv`, which hold
   * the same codes for every file — fastest for large folders.
   */
  perInvoiceFiles?: boolean;
  /**
   * With both `sellerNip` and `issueDate` given: do not read the invoices' XML, only hash the bytes (no XML check,
   * no comparison with the file's Podmiot1/P_1 — the caller answers for them).
   */
  skipParse?: boolean;
  onProgress?: (done: number, total: number) => void;
}

const PL_ORDER = new Intl.Collator('pl');
const isXml = (name: string): boolean => /\.xml$/i.test(name);

async function listInvoices(dir: string): Promise<{xml: string[]; skipped: string[]}> {
  let entries;
  try {
    entries = await fs.readdir(dir, {withFileTypes: true});
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw flowError(msg('flowErr.batch.noDir', {dir}), 'ENOENT');
    if (code === 'ENOTDIR') throw flowError(msg('flowErr.batch.notDir', {dir}), 'ENOTDIR');
    throw e;
  }
  const files = entries.filter((e) => e.isFile()).map((e) => e.name).sort(PL_ORDER.compare); // one Collator: 10,000 names in ms
  return {xml: files.filter(isXml), skipped: files.filter((f) => !isXml(f))};
}

/** Output base names, unique even when two files differ only in the extension's case. */
function baseNames(files: string[]): string[] {
  const used = new Set<string>();
  return files.map((f) => {
    let base = invoiceBaseName(f);
    if (used.has(base.toLowerCase())) base = f;
    used.add(base.toLowerCase());
    return base;
  });
}

const csvField = (v: string | undefined): string => {
  const s = v ?? '';
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

function toCsv(files: BatchFileResult[]): string {
  const rows = [['plik', 'status', 'nip_sprzedawcy', 'data_wystawienia', 'skrot_sha256', 'kod1', 'kod2', 'blad']];
  for (const f of files) {
    rows.push(f.ok ? [f.file, 'OK', f.sellerNip, f.issueDate, f.hash, f.kod1.url, f.kod2.url, ''] : [f.file, 'BŁĄD', '', '', '', '', '', f.error]);
  }
  return rows.map((r) => r.map(csvField).join(';')).join('\r\n') + '\r\n';
}

/** Chunk size for `total` files on `threads`: ~8 chunks per thread (progress, balance), 50…1000 files each. */
export const autoChunkSize = (total: number, threads: number): number => Math.max(50, Math.min(1000, Math.ceil(total / (threads * 8))));

/** Runs the worker pool over the folder and writes `<name>.kod.json` per invoice plus `qr-batch.json`/`.csv`. */
export async function processQrFolder(o: BatchEngineOptions): Promise<BatchSummary> {
  const {xml, skipped} = await listInvoices(o.inputDir);
  await makeDir(o.outDir);
  if (o.pngDir) await makeDir(o.pngDir);
  if (o.svgDir) await makeDir(o.svgDir);
  const bases = baseNames(xml);
  const total = xml.length;
  if (o.skipParse) {
    // Checked once here (also when the folder is empty) instead of failing every file the same way.
    if (!o.sellerNip || !o.issueDate) throw flowError(msg('qrBatch.skipParseNeedsFacts'), 'skipParseNeedsFacts');
    resolveSellerNip(o.sellerNip, undefined);
    resolveIssueDate(o.issueDate, undefined);
  }
  const results: BatchFileResult[] = new Array(total);
  const chunkSize = Math.max(1, o.chunkSize ?? autoChunkSize(total, o.workers ?? os.availableParallelism()));
  const chunks: WorkerJob[] = [];
  for (let i = 0; i < total; i += chunkSize) {
    chunks.push({chunk: chunks.length, items: xml.slice(i, i + chunkSize).map((f, j) => ({file: path.join(o.inputDir, f), name: f, base: bases[i + j]}))});
  }
  let done = 0;
  o.onProgress?.(0, total);
  const init: WorkerInit = {
    env: o.env, context: o.context, serial: o.serial, key: o.key, sellerNip: o.sellerNip, issueDate: o.issueDate, pngDir: o.pngDir, svgDir: o.svgDir,
    kodJsonDir: o.perInvoiceFiles === false ? undefined : o.outDir, skipParse: o.skipParse,
  };
  // A token key signs in this thread: its PKCS#11 session belongs to the process's one module instance.
  const run = isExternalKey(o.key) ? runInline : (i: WorkerInit, c: WorkerJob[], r: (x: WorkerReply) => void) => runPool(i, c, o.workers, r);
  const workerCount = await run(init, chunks, (reply) => {
    const outcomes = unpackReply(reply, chunks[reply.chunk].items, init.kodJsonDir);
    outcomes.forEach((out, j) => {
      const idx = reply.chunk * chunkSize + j;
      const file = xml[idx];
      results[idx] = out.ok ? {file, ok: true, output: out.output, ...out.codes} : {file, ok: false, error: out.error, code: out.code};
    });
    done += reply.count;
    o.onProgress?.(done, total);
  });

  const ok = results.filter((r) => r.ok).length;
  const summaryJson = path.join(o.outDir, 'qr-batch.json');
  const summaryCsv = path.join(o.outDir, 'qr-batch.csv');
  const summary: BatchSummary = {
    env: o.env, context: o.context, serial: o.serial.toUpperCase(), total, ok, failed: total - ok, skipped, files: results,
    summaryJson, summaryCsv, workers: workerCount,
  };
  const {summaryJson: _j, summaryCsv: _c, ...persisted} = summary;
  await fs.writeFile(summaryJson, JSON.stringify({generatedAt: new Date().toISOString(), ...persisted}, null, 2) + '\n');
  await fs.writeFile(summaryCsv, '\uFEFF' + toCsv(results)); // BOM: Excel opens Polish letters correctly
  return summary;
}

export interface QrBatchOptions extends QrCertificateOptions {
  inputDir: string;
  outDir: string;
  sellerNip?: string;
  issueDate?: string;
  pngDir?: string;
  svgDir?: string;
  workers?: number;
  perInvoiceFiles?: boolean;
  skipParse?: boolean;
  onProgress?: (done: number, total: number) => void;
}

/** Batch for the logged-in operator: certificate from the selector (or --cert), one `qrBatch` audit event. */
export async function runQrBatch(deps: QrDeps, o: QrBatchOptions): Promise<BatchSummary & {certificateName: string}> {
  const signer = await prepareQrSigner(deps, o);
  const summary = await processQrFolder({
    inputDir: o.inputDir, outDir: o.outDir, env: signer.env, context: signer.context, serial: signer.serial, key: signer.key,
    sellerNip: o.sellerNip, issueDate: o.issueDate, pngDir: o.pngDir, svgDir: o.svgDir, workers: o.workers, onProgress: o.onProgress,
    perInvoiceFiles: o.perInvoiceFiles, skipParse: o.skipParse,
  }).finally(() => signer.close());
  await deps.store.audit({
    operator: deps.operator.code, workstation: deps.workstation, action: 'qrBatch', certificateId: signer.record.id, serial: signer.serial,
    ...auditNote(msg('auditNote.qrBatch', {
      ok: summary.ok, total: summary.total, failed: summary.failed, dir: path.basename(path.resolve(o.inputDir)),
      ctxType: signer.context.type, ctxValue: signer.context.value, env: ENV_NAME[signer.env],
    })),
  });
  return {...summary, certificateName: signer.record.name};
}

// ---- benchmark -----------------------------------------------------------------------------------------------

/** A small FA(3) invoice (test data / benchmark). `i` varies number, date, amounts. */
export function sampleInvoiceXml(i: number, sellerNip = '5265877635', buyerNip = '7740001454'): string {
  const day = String((i % 28) + 1).padStart(2, '0');
  const month = String(((i >> 5) % 12) + 1).padStart(2, '0');
  const net = ((i % 997) + 1) * 10 + (i % 100) / 100;
  const vat = Math.round(net * 23) / 100;
  const P = sampleData.batchParties;
  return `<?xml version="1.0" encoding="UTF-8"?>
<Faktura xmlns="http://crd.gov.pl/wzor/2025/06/25/13775/">
  <Naglowek>
    <KodFormularza kodSystemowy="FA (3)" wersjaSchemy="1-0E">FA</KodFormularza>
    <WariantFormularza>3</WariantFormularza>
    <DataWytworzeniaFa>2026-${month}-${day}T08:00:00Z</DataWytworzeniaFa>
    <SystemInfo>F2000</SystemInfo>
  </Naglowek>
  <Podmiot1>
    <DaneIdentyfikacyjne>
      <NIP>${sellerNip}</NIP>
      <Nazwa>${P.seller.name}</Nazwa>
    </DaneIdentyfikacyjne>
    <Adres>
      <KodKraju>PL</KodKraju>
      <AdresL1>${P.seller.street}</AdresL1>
      <AdresL2>${P.seller.city}</AdresL2>
    </Adres>
  </Podmiot1>
  <Podmiot2>
    <DaneIdentyfikacyjne>
      <NIP>${buyerNip}</NIP>
      <Nazwa>${P.buyer.name}</Nazwa>
    </DaneIdentyfikacyjne>
    <JST>2</JST>
    <GV>2</GV>
  </Podmiot2>
  <Fa>
    <KodWaluty>PLN</KodWaluty>
    <P_1>2026-${month}-${day}</P_1>
    <P_1M>Warszawa</P_1M>
    <P_2>FV/2026/${month}/${String(i).padStart(5, '0')}</P_2>
    <P_13_1>${net.toFixed(2)}</P_13_1>
    <P_14_1>${vat.toFixed(2)}</P_14_1>
    <P_15>${(net + vat).toFixed(2)}</P_15>
    <Adnotacje>
      <P_16>2</P_16><P_17>2</P_17><P_18>2</P_18><P_18A>2</P_18A>
      <Zwolnienie><P_19N>1</P_19N></Zwolnienie>
      <NoweSrodkiTransportu><P_22N>1</P_22N></NoweSrodkiTransportu>
      <P_23>2</P_23>
      <PMarzy><P_PMarzyN>1</P_PMarzyN></PMarzy>
    </Adnotacje>
    <RodzajFaktury>VAT</RodzajFaktury>
    <FaWiersz>
      <NrWierszaFa>1</NrWierszaFa>
      <P_7>${P.lineName.replace('{i}', String(i))}</P_7>
      <P_8A>szt.</P_8A>
      <P_8B>1</P_8B>
      <P_9A>${net.toFixed(2)}</P_9A>
      <P_11>${net.toFixed(2)}</P_11>
      <P_12>23</P_12>
    </FaWiersz>
  </Fa>
</Faktura>
`;
}

export interface Kod2Bench {
  mode: 'memory' | 'files';
  invoices: number;
  workers: number;
  /** Processing time (memory: the started pool working through the invoices; files: the whole processQrFolder). */
  seconds: number;
  perSecond: number;
  /**
   * CPU time of the whole process (every thread) during `seconds`. On a busy machine wall time measures the
   * neighbours too; `invoices / (cpuSeconds / workers)` is what the threads reach when each has its own core.
   */
  cpuSeconds: number;
  /** memory: time to start the threads (not in `seconds`). */
  startSeconds?: number;
  /** files: whether per-invoice `.kod.json` files were written. */
  perInvoiceFiles?: boolean;
}

export interface Kod2BenchOptions {
  /** Threads; default all cores. */
  workers?: number;
  /**
   * `memory` (default): 10,000 invoices held in memory → a started pool hashes them, checks the XML and reads
   * P_1/NIP, builds KOD I and signs KOD II (ECDSA P-256); the same work as a batch minus the disk.
   * `files`: the whole `qr --batch` path (processQrFolder: list, read, the same work, outputs, summaries), with
   * thread start-up included.
   */
  mode?: 'memory' | 'files';
  /** files: write `.kod.json` per invoice (default true, the CLI's behaviour). */
  perInvoiceFiles?: boolean;
  /** Hash only, NIP and P_1 given (see BatchEngineOptions.skipParse). */
  skipParse?: boolean;
  /** Where `files` mode writes (default the OS temp folder). */
  dir?: string;
  /**
   * memory: before timing, run as many other invoices through the same pool so its code is optimised (default true:
   * a long-lived pool, e.g. the TUI's); false times a pool whose threads still compile their code.
   */
  warm?: boolean;
}

/** `sync(1)` where there is one (benchmark set-up only); nothing happens without it. */
export function flushDisks(): void {
  try {
    execFileSync('sync', [], {stdio: 'ignore', timeout: 60_000});
  } catch {
    // no sync command or it timed out: the figure is then measured with the inputs' write-back running
  }
}

const cpuSince = (c0: NodeJS.CpuUsage): number => {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
};

/** Times `n` generated FA(3) invoices through the QR batch engine (no PNG). Invoices are made before timing. */
export async function benchKod2(n = 10_000, opts: Kod2BenchOptions = {}): Promise<Kod2Bench> {
  const mode = opts.mode ?? 'memory';
  const {privateKey} = generateKeyPairSync('ec', {namedCurve: 'prime256v1'});
  const given = opts.skipParse ? {sellerNip: '5265877635', issueDate: '2026-02-01', skipParse: true} : {};
  const base = {env: 'T' as const, context: {type: 'Nip' as const, value: '5265877635'}, serial: '01A2B3C4D5E6F708', key: privateKey, ...given};
  if (mode === 'memory') {
    const threads = Math.max(1, opts.workers ?? os.availableParallelism());
    const chunkSize = autoChunkSize(n, threads);
    const packChunks = (from: number, count: number, size: number): WorkerJob[] => {
      const chunks: WorkerJob[] = [];
      for (let i = 0; i < count; i += size) {
        const docs = Array.from({length: Math.min(size, count - i)}, (_, j) => Buffer.from(sampleInvoiceXml(from + i + j)));
        const ends: number[] = [];
        docs.reduce((end, d) => (ends.push(end + d.length), end + d.length), 0);
        chunks.push({
          chunk: chunks.length, packed: {bytes: Buffer.concat(docs), ends},
          items: docs.map((_, j) => ({file: '', name: `fv-${from + i + j}.xml`, base: ''})),
        });
      }
      return chunks;
    };
    const chunks = packChunks(0, n, chunkSize);
    // Warm-up: as many other invoices through the same pool, untimed. A fresh thread's code reaches its optimised
    // steady state only after several thousand invoices (measured: the first 10,000 cost ~1.5× the next ones).
    const warmUp = opts.warm === false ? [] : packChunks(n, n, chunkSize);
    let ok = 0;
    const s0 = process.hrtime.bigint();
    const pool = new QrPool(base, threads);
    try {
      await pool.started();
      const started = process.hrtime.bigint();
      await pool.run(warmUp, () => {});
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      await pool.run(chunks, (r) => {
        ok += r.count - r.failures.length;
      });
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const cpuSeconds = cpuSince(c0);
      if (ok !== n) throw new Error(`benchKod2: ${n - ok} invoices failed`);
      return {mode, invoices: n, workers: threads, seconds, cpuSeconds, perSecond: n / seconds, startSeconds: Number(started - s0) / 1e9};
    } finally {
      await pool.close();
    }
  }
  const root = await fs.mkdtemp(path.join(opts.dir ?? os.tmpdir(), 'ksef-kod2-bench-'));
  try {
    const inputDir = path.join(root, 'in');
    await fs.mkdir(inputDir);
    for (let i = 0; i < n; i += 500) {
      await Promise.all(Array.from({length: Math.min(500, n - i)}, (_, j) => fs.writeFile(path.join(inputDir, `fv-${String(i + j).padStart(6, '0')}.xml`), sampleInvoiceXml(i + j))));
    }
    // The inputs' own write-back must not fall into the timed part (the ceiling starts on a quiet folder too).
    flushDisks();
    const perInvoiceFiles = opts.perInvoiceFiles ?? true;
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const s = await processQrFolder({...base, inputDir, outDir: path.join(root, 'out'), workers: opts.workers, perInvoiceFiles});
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpuSeconds = cpuSince(c0);
    if (s.ok !== n) throw new Error(`benchKod2: ${s.failed} invoices failed`);
    return {mode, invoices: n, workers: s.workers, seconds, cpuSeconds, perSecond: n / seconds, perInvoiceFiles};
  } finally {
    await fs.rm(root, {recursive: true, force: true});
  }
}
