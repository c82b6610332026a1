// Worker thread of the QR batch: hashes invoices and signs KOD II for the chunks of files the parent sends, and
// writes the per-invoice `.kod.json` itself (so 10,000 small writes are spread over the threads, not queued in the
// parent). The private key arrives in workerData as a cloned KeyObject (memory only, never serialised to disk).
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {parentPort, workerData} from 'node:worker_threads';
import {invoiceCodes, invoiceCodesFromGiven} from './qr-invoice.js';
import {userMessage} from './errors.js';
import {qrPng, qrSvg} from '../ksef/qr.js';
import type {WorkerInit, WorkerJob, WorkerReply, FileOutcome} from './qr-batch.js';

const init = workerData as WorkerInit;
const serial = init.serial.toUpperCase();

function bytesOf(job: WorkerJob, k: number): Buffer {
  const p = job.packed;
  if (!p) return readFileSync(job.items[k].file); // sync: this thread does nothing else meanwhile
  const start = k === 0 ? 0 : p.ends[k - 1];
  return Buffer.from(p.bytes.buffer, p.bytes.byteOffset + start, p.ends[k] - start);
}

async function one(job: WorkerJob, k: number): Promise<FileOutcome> {
  const {name, base} = job.items[k];
  try {
    const bytes = bytesOf(job, k);
    const codes = init.skipParse ? invoiceCodesFromGiven(bytes, init) : invoiceCodes(bytes, init);
    let output: string | undefined;
    if (init.kodJsonDir) {
      output = path.join(init.kodJsonDir, `${base}.kod.json`);
      writeFileSync(output, JSON.stringify({invoice: name, ...codes, serial, env: init.env, context: init.context}, null, 2) + '\n');
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

parentPort!.on('message', async (job: WorkerJob) => {
  const outcomes: FileOutcome[] = new Array(job.items.length);
  for (let k = 0; k < job.items.length; k++) outcomes[k] = await one(job, k);
  const reply: WorkerReply = {chunk: job.chunk, outcomes};
  parentPort!.postMessage(reply);
});
parentPort!.postMessage({ready: true});
