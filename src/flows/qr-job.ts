// One chunk of the QR batch: hash the invoices, sign KOD II, write `.kod.json` / PNG / SVG, reply as flat strings.
// Run by the worker threads (qr-worker.ts) for store keys, and in the main thread for a key on a PKCS#11 token,
// whose session cannot be shared with other threads (the module is initialised once per process).
import {closeSync, fstatSync, openSync, readFileSync, readSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {codeMaker, MAX_INVOICE_BYTES, type InvoiceCodes} from './qr-invoice.js';
import {userMessage} from './errors.js';
import {packCodes, type WorkerInit, type WorkerJob, type WorkerReply} from './qr-pool.js';

/**
 * One read buffer per thread: a file is read into it with open/read/close (no fstat, no Buffer per invoice); the
 * bytes are used before the next read (the chunk loop is synchronous). A file filling it is read again whole.
 */
const READ_BUFFER = 256 * 1024;
let readBuffer = Buffer.allocUnsafeSlow(READ_BUFFER);
/** After a chunk: a buffer grown for a large invoice is not kept (the token path runs in the app's own thread). */
const shrinkReadBuffer = (): void => {
  if (readBuffer.length > READ_BUFFER) readBuffer = Buffer.allocUnsafeSlow(READ_BUFFER);
};

function readInvoice(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    let n = 0;
    for (let got = -1; got !== 0 && n < readBuffer.length; n += got) got = readSync(fd, readBuffer, n, readBuffer.length - n, null);
    if (n < readBuffer.length) return readBuffer.subarray(0, n);
    if (fstatSync(fd).size > MAX_INVOICE_BYTES) return readFileSync(file); // read whole and refused by size, as before
    readBuffer = Buffer.allocUnsafeSlow(Math.min(2 * readBuffer.length, MAX_INVOICE_BYTES + 1));
  } finally {
    closeSync(fd);
  }
  return readInvoice(file);
}

function bytesOf(job: WorkerJob, k: number): Buffer {
  const p = job.packed;
  if (!p) return readInvoice(job.items[k].file); // sync: this thread does nothing else meanwhile
  const start = k === 0 ? 0 : p.ends[k - 1];
  return Buffer.from(p.bytes.buffer, p.bytes.byteOffset + start, p.ends[k] - start);
}

/** The chunk processor of one batch: signer and given facts prepared once; wrong parameters fail every file alike. */
export function chunkRunner(init: WorkerInit): (job: WorkerJob) => Promise<WorkerReply> {
  const serial = init.serial.toUpperCase();
  let make: (bytes: Buffer) => InvoiceCodes;
  try {
    make = codeMaker(init);
  } catch (e) {
    make = () => {
      throw e;
    };
  }
  const withImages = Boolean(init.pngDir || init.svgDir);

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

  const fail = (failures: WorkerReply['failures'], k: number, e: unknown): void => {
    const m = userMessage(e);
    failures.push({k, error: m.text, code: m.code === undefined ? undefined : String(m.code)});
  };
  const put = (codes: string[], k: number, c: InvoiceCodes): void => {
    const i = 5 * k;
    codes[i] = c.sellerNip;
    codes[i + 1] = c.issueDate;
    codes[i + 2] = c.hash;
    codes[i + 3] = c.kod1.url;
    codes[i + 4] = c.kod2.url;
  };

  /** Without images nothing awaits: a plain loop (an async function's loop costs ~1 µs more per invoice). */
  function runSync(job: WorkerJob): WorkerReply {
    const count = job.items.length;
    const codes: string[] = new Array(5 * count).fill('');
    const failures: WorkerReply['failures'] = [];
    for (let k = 0; k < count; k++) {
      try {
        put(codes, k, codesOf(job, k));
      } catch (e) {
        fail(failures, k, e);
      }
    }
    shrinkReadBuffer();
    return {chunk: job.chunk, count, codes: packCodes(codes), failures};
  }

  return async (job) => {
    if (!withImages) return runSync(job);
    const count = job.items.length;
    const codes: string[] = new Array(5 * count).fill('');
    const failures: WorkerReply['failures'] = [];
    for (let k = 0; k < count; k++) {
      try {
        const c = codesOf(job, k);
        await images(job.items[k].base, c);
        put(codes, k, c);
      } catch (e) {
        fail(failures, k, e);
      }
    }
    shrinkReadBuffer();
    return {chunk: job.chunk, count, codes: packCodes(codes), failures};
  };
}

/** The chunks one after another in this thread (token keys); returns the thread count (1). */
export async function runInline(init: WorkerInit, chunks: WorkerJob[], onReply: (r: WorkerReply) => void): Promise<number> {
  const run = chunkRunner(init);
  for (const job of chunks) onReply(await run(job));
  return 1;
}
