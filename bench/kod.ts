// KOD II batch: 10,000 invoices (read, SHA-256, KOD I + KOD II links signed with an EC P-256 key, no PNG) on all
// cores through the product's batch engine, vs `openssl speed ecdsap256` single-core signatures per second.
import {execFileSync} from 'node:child_process';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import os from 'node:os';
import {DIST, row, type BenchResult} from './lib.js';

/** sign/s of the `256 bits ecdsa (nistp256)` line of `openssl speed` (single process). */
export function parseOpensslSpeed(text: string): number {
  const m = /256 bits ecdsa \(nistp256\)\s+[\d.]+s\s+[\d.]+s\s+([\d.]+)\s+([\d.]+)/.exec(text);
  if (!m) throw new Error(`unexpected openssl speed output:\n${text.slice(-500)}`);
  return Number(m[1]);
}

export function opensslSignsPerSecond(seconds = 3): number {
  const out = execFileSync('openssl', ['speed', '-seconds', String(seconds), 'ecdsap256'], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']});
  return parseOpensslSpeed(out);
}

interface Kod2Bench {
  invoices: number;
  workers: number;
  seconds: number;
  perSecond: number;
  startSeconds?: number;
}
type BenchKod2 = (n: number, o?: {mode?: 'memory' | 'files'; perInvoiceFiles?: boolean; skipParse?: boolean}) => Promise<Kod2Bench>;

export async function benchKod(n = 10_000): Promise<BenchResult[]> {
  // Loaded by path at run time: the batch engine is the QR feature's module (src/flows/qr-batch.ts, benchKod2).
  const {benchKod2} = (await import(pathToFileURL(path.join(DIST, 'src/flows/qr-batch.js')).href)) as {benchKod2: BenchKod2};
  await benchKod2(500); // warm-up: JIT, page cache
  const memory = await benchKod2(n);
  const hashOnly = await benchKod2(n, {skipParse: true});
  const files = await benchKod2(n, {mode: 'files'});
  const summaries = await benchKod2(n, {mode: 'files', perInvoiceFiles: false});
  const opensslSignsPerSec = opensslSignsPerSecond(3);
  const ratio = (b: Kod2Bench) => (b.perSecond / opensslSignsPerSec).toFixed(2);
  const cores = `${os.availableParallelism()} cores`;
  return [
    row({
      name: 'kod2-batch-10k',
      value: memory.perSecond,
      unit: 'invoices/s',
      baseline: opensslSignsPerSec,
      baselineLabel: 'openssl speed ecdsap256 sign/s (1 core)',
      target: '≥ 1.5×',
      pass: memory.perSecond / opensslSignsPerSec >= 1.5,
      note: `${memory.invoices} invoices held in memory: XML check + P_1/NIP, SHA-256, KOD I, KOD II on ${memory.workers} started worker threads ` +
        `(${cores}) in ${memory.seconds.toFixed(2)} s; thread start ${(memory.startSeconds ?? 0).toFixed(2)} s not included; ` +
        `with NIP and P_1 given (skipParse, hash only): ${hashOnly.perSecond.toFixed(0)}/s = ${ratio(hashOnly)}×`,
    }),
    row({
      name: 'kod2-batch-files-10k',
      value: files.perSecond,
      unit: 'invoices/s',
      baseline: opensslSignsPerSec,
      baselineLabel: 'openssl speed ecdsap256 sign/s (1 core)',
      target: 'report',
      pass: true,
      note: `qr --batch engine on a folder of ${files.invoices} files (list, read, same work, .kod.json per invoice, summaries; thread start ` +
        `included) in ${files.seconds.toFixed(2)} s; summaries only (perInvoiceFiles: false): ${summaries.perSecond.toFixed(0)}/s = ${ratio(summaries)}×`,
    }),
  ];
}
