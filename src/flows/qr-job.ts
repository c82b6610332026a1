// One chunk of the QR batch: hash the invoices, sign KOD II, write `.kod.json` / PNG / SVG. Run by the worker
// threads (qr-worker.ts) for store keys, and in the main thread for a key on a PKCS#11 token, whose session
// cannot be shared with other threads (the module is initialised once per process).
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {invoiceCodes, invoiceCodesFromGiven} from './qr-invoice.js';
import {userMessage} from './errors.js';
import {qrPng, qrSvg} from '../ksef/qr.js';
import type {WorkerInit, WorkerJob, WorkerReply, FileOutcome} from './qr-batch.js';

function bytesOf(job: WorkerJob, k: number): Buffer {
  const p = job.packed;
  if (!p) return readFileSync(job.items[k].file); // sync: this thread does nothing else meanwhile
  const start = k === 0 ? 0 : p.ends[k - 1];
  return Buffer.from(p.bytes.buffer, p.bytes.byteOffset + start, p.ends[k] - start);
}

async function one(init: WorkerInit, job: WorkerJob, k: number): Promise<FileOutcome> {
  const {name, base} = job.items[k];
  try {
    const bytes = bytesOf(job, k);
    const codes = init.skipParse ? invoiceCodesFromGiven(bytes, init) : invoiceCodes(bytes, init);
    let output: string | undefined;
    if (init.kodJsonDir) {
      output = path.join(init.kodJsonDir, `${base}.kod.json`);
      writeFileSync(output, JSON.stringify({invoice: name, ...codes, serial: init.serial.toUpperCase(), env: init.env, context: init.context}, null, 2) + '\n');
    }
    if (init.pngDir) {
      await qrPng(codes.kod1.url, codes.kod1.label, path.join(init.pngDir, `${base}-kod1.png`));
      await qrPng(codes.kod2.url, codes.kod2.label, path.join(init.pngDir, `${base}-kod2.png`));
    }
    if (init.svgDir) {
      writeFileSync(path.join(init.svgDir, `${base}-kod1.svg`), qrSvg(codes.kod1.url, codes.kod1.label));
      writeFileSync(path.join(init.svgDir, `${base}-kod2.svg`), qrSvg(codes.kod2.url, codes.kod2.label));
    }
    return {ok: true, codes, output};
  } catch (e) {
    const m = userMessage(e);
    return {ok: false, error: m.text, code: m.code === undefined ? undefined : String(m.code)};
  }
}

export async function processJob(init: WorkerInit, job: WorkerJob): Promise<WorkerReply> {
  const outcomes: FileOutcome[] = new Array(job.items.length);
  for (let k = 0; k < job.items.length; k++) outcomes[k] = await one(init, job, k);
  return {chunk: job.chunk, outcomes};
}

/** The chunks one after another in this thread (token keys); returns the thread count (1). */
export async function runInline(init: WorkerInit, chunks: WorkerJob[], onReply: (r: WorkerReply) => void): Promise<number> {
  for (const job of chunks) onReply(await processJob(init, job));
  return 1;
}
