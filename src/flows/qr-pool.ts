// The worker pool of the QR batch and the messages between the parent and its threads (split from qr-batch.ts).
import {existsSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {Worker} from 'node:worker_threads';
import {flowError} from './errors.js';
import {QR_LABEL_CERTIFICATE, QR_LABEL_OFFLINE} from '../ksef/qr-links.js';
import type {CodeParams, InvoiceCodes} from './qr-invoice.js';
import {msg} from '../i18n/index.js';

// ---- messages between the parent and the workers -------------------------------------------------------------

export interface WorkerInit extends CodeParams {
  pngDir?: string;
  svgDir?: string;
  /** Set: the worker writes `<base>.kod.json` here for every invoice done. */
  kodJsonDir?: string;
  /** Hash only, seller NIP and P_1 as given (invoiceCodesFromGiven). */
  skipParse?: boolean;
}
export interface WorkerJob {
  chunk: number;
  /** `name`: the file name reported in results; `file`: the path the worker reads (unless `packed`). */
  items: {file: string; name: string; base: string}[];
  /** Invoices already in memory (benchmark, callers holding the bytes): one buffer, item k ends at `ends[k]`. */
  packed?: {bytes: Uint8Array; ends: number[]};
}
/**
 * A job as posted to a thread: the items' fields as three NUL-joined strings (no path or file name holds NUL).
 * Cloning three strings costs a fraction of cloning an object per invoice (~1 µs per invoice for both ends).
 */
export interface WireJob {
  chunk: number;
  files: string;
  names: string;
  bases: string;
  packed?: WorkerJob['packed'];
}

export const toWire = (job: WorkerJob): WireJob => ({
  chunk: job.chunk, packed: job.packed,
  files: job.items.map((it) => it.file).join('\0'), names: job.items.map((it) => it.name).join('\0'), bases: job.items.map((it) => it.base).join('\0'),
});

export function fromWire(w: WireJob): WorkerJob {
  const files = w.files.split('\0');
  const names = w.names.split('\0');
  const bases = w.bases.split('\0');
  const items = new Array<WorkerJob['items'][number]>(names.length);
  for (let k = 0; k < names.length; k++) items[k] = {file: files[k], name: names[k], base: bases[k]};
  return {chunk: w.chunk, items, packed: w.packed};
}

export type FileOutcome = {ok: true; codes: InvoiceCodes; output?: string} | {ok: false; error: string; code?: string};
/**
 * A chunk's results as ONE string: 5 lines per invoice (NIP, P_1, hash, KOD I, KOD II; empty for a failed one),
 * none of which can hold a line break (all are checked ASCII without white space). Cloning one string costs a
 * third of cloning 5 strings per invoice (measured 1.5 vs 2.1–4.3 µs per invoice for both ends together).
 */
export interface WorkerReply {
  chunk: number;
  count: number;
  codes: string;
  failures: {k: number; error: string; code?: string}[];
}

/** Joins a chunk's 5 × count code strings for the reply (see WorkerReply). */
export const packCodes = (codes: readonly string[]): string => codes.join('\n');

/** The outcomes of a reply; `kodJsonDir` + the items' base names give the `.kod.json` paths the worker wrote. */
export function unpackReply(r: WorkerReply, items: readonly {base: string}[], kodJsonDir?: string): FileOutcome[] {
  const out: FileOutcome[] = new Array(r.count);
  for (const f of r.failures) out[f.k] = {ok: false, error: f.error, code: f.code};
  const c = r.codes.split('\n');
  for (let k = 0; k < r.count; k++) {
    if (out[k]) continue;
    const i = 5 * k;
    out[k] = {
      ok: true,
      codes: {sellerNip: c[i], issueDate: c[i + 1], hash: c[i + 2], kod1: {url: c[i + 3], label: QR_LABEL_OFFLINE}, kod2: {url: c[i + 4], label: QR_LABEL_CERTIFICATE}},
      output: kodJsonDir ? path.join(kodJsonDir, `${items[k].base}.kod.json`) : undefined,
    };
  }
  return out;
}

/** The compiled worker next to this module; under vitest (sources) the one in dist/ — build first. */
export function qrWorkerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('../../dist/src/flows/qr-worker.js', here) : new URL('./qr-worker.js', here);
}

/** Worker threads of the QR batch, started once (module load ~50–150 ms each) and fed chunk after chunk. */
export class QrPool {
  readonly size: number;
  private readonly workers: Worker[];
  private readonly ready: Promise<void>;

  constructor(init: WorkerInit, workers?: number) {
    const url = qrWorkerUrl();
    if (!existsSync(fileURLToPath(url))) throw flowError(msg('flowErr.worker.missing'), 'workerMissing');
    this.size = Math.max(1, workers ?? os.availableParallelism());
    // execArgv []: the parent's flags (vitest loaders, --input-type, …) do not apply to the compiled worker.
    this.workers = Array.from({length: this.size}, () => new Worker(url, {workerData: init, execArgv: []}));
    this.ready = Promise.all(this.workers.map((w) => new Promise<void>((resolve, reject) => {
      w.once('message', () => resolve());
      w.once('error', (e) => reject(flowError(msg('flowErr.worker.failed', {reason: e.message}), 'workerFailed')));
    }))).then(() => undefined);
  }

  /** Resolves when every thread has loaded its modules. */
  started(): Promise<void> {
    return this.ready;
  }

  /** Sends the chunks (two in flight per thread, so a thread never waits for the parent); every reply → onReply. */
  async run(chunks: WorkerJob[], onReply: (r: WorkerReply) => void): Promise<void> {
    await this.ready;
    if (!chunks.length) return;
    let next = 0;
    let finished = 0;
    const detach: (() => void)[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        const feed = (w: Worker) => {
          if (next < chunks.length) w.postMessage(toWire(chunks[next++]));
        };
        for (const w of this.workers) {
          const onMessage = (reply: WorkerReply) => {
            feed(w);
            try {
              onReply(reply);
            } catch (e) {
              reject(e);
            }
            if (++finished === chunks.length) resolve();
          };
          const onError = (e: Error) => reject(flowError(msg('flowErr.worker.failed', {reason: e.message}), 'workerFailed'));
          const onExit = (code: number) => reject(flowError(msg('flowErr.worker.exited', {code}), 'workerFailed'));
          w.on('message', onMessage).on('error', onError).on('exit', onExit);
          detach.push(() => w.off('message', onMessage).off('error', onError).off('exit', onExit));
        }
        for (let round = 0; round < 2; round++) for (const w of this.workers) feed(w);
      });
    } finally {
      for (const off of detach) off();
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** One pool for one list of chunks: at most one thread per chunk; threads are always terminated. Returns the thread count. */
export async function runPool(init: WorkerInit, chunks: WorkerJob[], workers: number | undefined, onReply: (r: WorkerReply) => void): Promise<number> {
  const count = Math.max(1, Math.min(workers ?? os.availableParallelism(), chunks.length || 1));
  if (!chunks.length) return count;
  const pool = new QrPool(init, count);
  try {
    await pool.run(chunks, onReply);
  } finally {
    await pool.close();
  }
  return count;
}

