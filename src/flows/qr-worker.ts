// Worker thread of the QR batch: hashes invoices and signs KOD II for the chunks of files the parent sends, and
// writes the per-invoice `.kod.json` itself (so 10,000 small writes are spread over the threads, not queued in the
// parent). The private key arrives in workerData as a cloned KeyObject (memory only, never serialised to disk).
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {parentPort, workerData} from 'node:worker_threads';
import {codeMaker, type InvoiceCodes} from './qr-invoice.js';
import {userMessage} from './errors.js';
import type {WorkerInit, WorkerJob, WorkerReply} from './qr-batch.js';

const init = workerData as WorkerInit;
const serial = init.serial.toUpperCase();
// Prepared once per thread (signer, given facts); wrong batch parameters fail every file with the same message.
let make: (bytes: Buffer) => InvoiceCodes;
try {
  make = codeMaker(init);
} catch (e) {
  make = () => {
    throw e;
  };
}
const withImages = Boolean(init.pngDir || init.svgDir);

function bytesOf(job: WorkerJob, k: number): Buffer {
  const p = job.packed;
  if (!p) return readFileSync(job.items[k].file); // sync: this thread does nothing else meanwhile
  const start = k === 0 ? 0 : p.ends[k - 1];
  return Buffer.from(p.bytes.buffer, p.bytes.byteOffset + start, p.ends[k] - start);
}

/** Codes (and the `.kod.json`) of item k, synchronously: no promise per invoice when no image is asked for. */
function codesOf(job: WorkerJob, k: number): InvoiceCodes {
  const {name, base} = job.items[k];
  const codes = make(bytesOf(job, k));
  if (init.kodJsonDir) {
    const output = path.join(init.kodJsonDir, `${base}.kod.json`);
    writeFileSync(output, JSON.stringify({invoice: name, ...codes, serial, env: init.env, context: init.context}, null, 2) + '\n');
  }
  return codes;
}

async function images(base: string, codes: InvoiceCodes): Promise<void> {
  // The image code (qrcode, pngjs) is loaded only by a batch that asks for images.
  const {qrPng, qrSvg} = await import('../ksef/qr.js');
  if (init.pngDir) {
    await qrPng(codes.kod1.url, codes.kod1.label, path.join(init.pngDir, `${base}-kod1.png`));
    await qrPng(codes.kod2.url, codes.kod2.label, path.join(init.pngDir, `${base}-kod2.png`));
  }
  if (init.svgDir) {
    writeFileSync(path.join(init.svgDir, `${base}-kod1.svg`), qrSvg(codes.kod1.url, codes.kod1.label));
    writeFileSync(path.join(init.svgDir, `${base}-kod2.svg`), qrSvg(codes.kod2.url, codes.kod2.label));
  }
}

parentPort!.on('message', async (job: WorkerJob) => {
  const count = job.items.length;
  const reply: WorkerReply = {chunk: job.chunk, count, codes: new Array(5 * count).fill(''), failures: []};
  for (let k = 0; k < count; k++) {
    try {
      const c = codesOf(job, k);
      if (withImages) await images(job.items[k].base, c);
      const i = 5 * k;
      reply.codes[i] = c.sellerNip;
      reply.codes[i + 1] = c.issueDate;
      reply.codes[i + 2] = c.hash;
      reply.codes[i + 3] = c.kod1.url;
      reply.codes[i + 4] = c.kod2.url;
    } catch (e) {
      const m = userMessage(e);
      reply.failures.push({k, error: m.text, code: m.code === undefined ? undefined : String(m.code)});
    }
  }
  parentPort!.postMessage(reply);
});
parentPort!.postMessage({ready: true});
