// Worker thread of the QR batch: hashes invoices and signs KOD II for the chunks of files the parent sends, and
// writes the per-invoice `.kod.json` itself (so 10,000 small writes are spread over the threads, not queued in the
// parent). The private key arrives in workerData as a cloned KeyObject (memory only, never serialised to disk).
// No reflect-metadata here (src/ksef/x509.ts loads it with @peculiar/x509): nothing a batch thread imports — the
// codes, the links, the images (qrcode, pngjs) — uses x509, and loading it cost ~30 ms of CPU per thread (64 KB of
// CommonJS lexed and run).
import {parentPort, workerData} from 'node:worker_threads';
import {chunkRunner} from './qr-job.js';
import {fromWire, type WorkerInit, type WireJob} from './qr-pool.js';

// Prepared once per thread (signer, given facts).
const run = chunkRunner(workerData as WorkerInit);

parentPort!.on('message', async (job: WireJob) => {
  parentPort!.postMessage(await run(fromWire(job)));
});
parentPort!.postMessage({ready: true});
