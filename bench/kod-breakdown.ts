// Where the µs of one KOD II invoice go: each step of the batch's per-invoice work timed alone, in one thread, warm,
// on the same 10,000 generated invoices (CPU time of this process per invoice, best of 3 rounds). Not a figure of
// results.json — the table in bench/README.md ("What limits each figure") comes from it.
// Run: npm run build && node dist/bench/kod-breakdown.js [worker]   (worker: the same loop inside a worker thread)
import 'reflect-metadata';
import {generateKeyPairSync, hash, sign} from 'node:crypto';
import {isMainThread, parentPort, Worker} from 'node:worker_threads';
import {sampleInvoiceXml} from '../src/flows/qr-batch.js';
import {codeMaker, readInvoiceFacts} from '../src/flows/qr-invoice.js';
import {chunkRunner} from '../src/flows/qr-job.js';
import {xmlFacts} from '../src/ksef/xml-facts.js';
import {xmlFactsFast} from '../src/ksef/xml-facts-fast.js';

const N = 10_000;
const PATHS = [['Podmiot1', 'DaneIdentyfikacyjne', 'NIP'], ['Fa', 'P_1']];

function breakdown(): Record<string, number> {
  const {privateKey} = generateKeyPairSync('ec', {namedCurve: 'prime256v1'});
  const params = {env: 'T' as const, context: {type: 'Nip' as const, value: '5265877635'}, serial: '01A2B3C4D5E6F708', key: privateKey};
  const docs = Array.from({length: N}, (_, i) => Buffer.from(sampleInvoiceXml(i)));
  const signed = docs.map((_, i) => Buffer.from(`qr-test.ksef.mf.gov.pl/certificate/Nip/5265877635/5265877635/01A2B3C4D5E6F708/${String(i).padStart(43, 'x')}`, 'latin1'));
  const make = codeMaker(params);
  const makeGiven = codeMaker({...params, sellerNip: '5265877635', issueDate: '2026-02-01', skipParse: true});
  const run = chunkRunner(params);
  // Jobs of the size the pool sends for 10,000 invoices on 2 threads (autoChunkSize: 625).
  const jobs = Array.from({length: 16}, (_, c) => {
    const part = docs.slice(c * 625, c * 625 + 625);
    const ends: number[] = [];
    part.reduce((end, d) => (ends.push(end + d.length), end + d.length), 0);
    return {chunk: c, items: part.map(() => ({file: '', name: 'x.xml', base: 'x'})), packed: {bytes: Buffer.concat(part), ends}};
  });
  const steps: Record<string, (i: number) => unknown> = {
    'crypto.sign (ECDSA P-256, P1363)': (i) => sign('sha256', signed[i], {key: privateKey, dsaEncoding: 'ieee-p1363'}),
    'SHA-256 of the file (crypto.hash)': (i) => hash('sha256', docs[i], 'base64url'),
    'UTF-8 decoding (toString)': (i) => docs[i].toString('utf8'),
    'strict XML pass, decoded text (xmlFacts)': (i) => xmlFacts(docs[i].toString('utf8'), PATHS),
    'strict XML pass on the bytes (xmlFactsFast)': (i) => xmlFactsFast(docs[i], PATHS),
    'readInvoiceFacts (XML pass + hash + checks)': (i) => readInvoiceFacts(docs[i]),
    'codes, NIP and P_1 given (hash + links + sign)': (i) => makeGiven(docs[i]),
    'codes (codeMaker: all of the above)': (i) => make(docs[i]),
  };
  const out: Record<string, number> = {};
  for (const [name, step] of Object.entries(steps)) {
    let best = Infinity;
    for (let round = 0; round < 4; round++) {
      const c0 = process.cpuUsage();
      for (let i = 0; i < N; i++) step(i);
      const c = process.cpuUsage(c0);
      if (round > 0) best = Math.min(best, (c.user + c.system) / N); // round 0 warms up
    }
    out[name] = best;
  }
  // The chunk loop of a thread: codes + reply packing (5 strings per invoice joined), 16 jobs of 625 invoices.
  let best = Infinity;
  for (let round = 0; round < 4; round++) {
    const c0 = process.cpuUsage();
    for (const job of jobs) void run(job);
    const c = process.cpuUsage(c0);
    if (round > 0) best = Math.min(best, (c.user + c.system) / N);
  }
  out['chunk loop (codes + reply strings)'] = best;
  return out;
}

if (!isMainThread) {
  parentPort!.postMessage(breakdown());
} else {
  const inWorker = process.argv[2] === 'worker';
  const result = inWorker
    ? await new Promise<Record<string, number>>((resolve, reject) => new Worker(new URL(import.meta.url), {execArgv: []}).once('message', resolve).once('error', reject))
    : breakdown();
  process.stdout.write(`per invoice, µs of CPU (${inWorker ? 'in a worker thread' : 'main thread'}, best of 3 warm rounds over ${N} invoices):\n`);
  for (const [name, us] of Object.entries(result)) process.stdout.write(`${us.toFixed(1).padStart(7)}  ${name}\n`);
}
