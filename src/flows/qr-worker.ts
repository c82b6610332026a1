// Worker thread of the QR batch: hashes invoices and signs KOD II for the chunks of files the parent sends.
// The private key arrives in workerData as a cloned KeyObject (memory only, never serialised to disk).
import {promises as fs} from 'node:fs';
import path from 'node:path';
import {parentPort, workerData} from 'node:worker_threads';
import {invoiceCodes} from './qr-invoice.js';
import {userMessage} from './errors.js';
import {qrPng, qrSvg} from '../ksef/qr.js';
import type {WorkerInit, WorkerJob, WorkerReply, FileOutcome} from './qr-batch.js';

const init = workerData as WorkerInit;

async function one(item: WorkerJob['items'][number]): Promise<FileOutcome> {
  const {file, base} = item;
  try {
    const codes = invoiceCodes(item.bytes ? Buffer.from(item.bytes.buffer, item.bytes.byteOffset, item.bytes.byteLength) : await fs.readFile(file), init);
    if (init.pngDir) {
      await qrPng(codes.kod1.url, codes.kod1.label, path.join(init.pngDir, `${base}-kod1.png`));
      await qrPng(codes.kod2.url, codes.kod2.label, path.join(init.pngDir, `${base}-kod2.png`));
    }
    if (init.svgDir) {
      await fs.writeFile(path.join(init.svgDir, `${base}-kod1.svg`), qrSvg(codes.kod1.url, codes.kod1.label));
      await fs.writeFile(path.join(init.svgDir, `${base}-kod2.svg`), qrSvg(codes.kod2.url, codes.kod2.label));
    }
    return {ok: true, codes};
  } catch (e) {
    const m = userMessage(e);
    return {ok: false, error: m.text, code: m.code === undefined ? undefined : String(m.code)};
  }
}

parentPort!.on('message', async (job: WorkerJob) => {
  const outcomes: FileOutcome[] = [];
  for (const item of job.items) outcomes.push(await one(item));
  const reply: WorkerReply = {chunk: job.chunk, outcomes};
  parentPort!.postMessage(reply);
});
