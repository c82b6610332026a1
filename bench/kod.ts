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
}

export async function benchKod(n = 10_000): Promise<BenchResult[]> {
  // Loaded by path at run time: the batch engine is the QR feature's module (src/flows/qr-batch.ts, benchKod2).
  const mod = (await import(pathToFileURL(path.join(DIST, 'src/flows/qr-batch.js')).href)) as {benchKod2(n: number): Promise<Kod2Bench>};
  await mod.benchKod2(500); // warm-up: worker start, JIT
  const batch = await mod.benchKod2(n);
  const opensslSignsPerSec = opensslSignsPerSecond(3);
  return [
    row({
      name: 'kod2-batch-10k',
      value: batch.perSecond,
      unit: 'invoices/s',
      baseline: opensslSignsPerSec,
      baselineLabel: 'openssl speed ecdsap256 sign/s (1 core)',
      target: '≥ 1.5×',
      pass: batch.perSecond / opensslSignsPerSec >= 1.5,
      note: `${batch.invoices} invoices in ${batch.seconds.toFixed(2)} s on ${batch.workers} worker threads (${os.availableParallelism()} cores)`,
    }),
  ];
}
