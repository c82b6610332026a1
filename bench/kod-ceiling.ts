// The ceilings of the KOD II figures on this machine, measured in the same run as them: what 2 threads reach when
// they ONLY sign (Node's crypto.sign, ECDSA P-256, IEEE-P1363, the KOD II string of every invoice) and when they ONLY
// create the 10,000 `.kod.json` files — nothing of the product's code, so no batch can beat these numbers.
import {execFileSync} from 'node:child_process';
import {Worker} from 'node:worker_threads';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Ceiling {
  threads: number;
  count: number;
  seconds: number;
  perSecond: number;
  /** CPU time of the process per item, µs (all threads). */
  cpuUsPerItem: number;
}

// CommonJS source of the thread (eval: true): `sign` signs workerData.n strings; `files` creates workerData.n files.
const THREAD = `
const {parentPort, workerData: w} = require('node:worker_threads');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
if (w.kind === 'sign') {
  const {privateKey} = crypto.generateKeyPairSync('ec', {namedCurve: 'prime256v1'});
  const o = {key: privateKey, dsaEncoding: 'ieee-p1363'};
  const prefix = 'qr-test.ksef.mf.gov.pl/certificate/Nip/5265877635/5265877635/01A2B3C4D5E6F708/';
  parentPort.once('message', () => {
    for (let i = 0; i < w.n; i++) crypto.sign('sha256', Buffer.from(prefix + String(i).padStart(43, 'x'), 'latin1'), o);
    parentPort.postMessage('done');
  });
} else {
  const body = 'x'.repeat(w.size);
  parentPort.once('message', () => {
    for (let i = 0; i < w.n; i++) fs.writeFileSync(path.join(w.dir, w.tag + '-' + i + '.kod.json'), body);
    parentPort.postMessage('done');
  });
}
parentPort.postMessage('ready');
`;

async function threads(count: number, kind: 'sign' | 'files', total: number, extra: Record<string, unknown> = {}): Promise<Ceiling> {
  const per = Math.ceil(total / count);
  const ws = Array.from({length: count}, (_, t) => new Worker(THREAD, {eval: true, workerData: {kind, n: per, tag: `t${t}`, ...extra}}));
  try {
    await Promise.all(ws.map((w) => new Promise((resolve) => w.once('message', resolve))));
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    await Promise.all(ws.map((w) => new Promise((resolve, reject) => {
      w.once('message', resolve).once('error', reject);
      w.postMessage('go');
    })));
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const c = process.cpuUsage(c0);
    return {threads: count, count: per * count, seconds, perSecond: (per * count) / seconds, cpuUsPerItem: (c.user + c.system) / (per * count)};
  } finally {
    await Promise.all(ws.map((w) => w.terminate()));
  }
}

const flush = (): void => {
  try {
    execFileSync('sync', [], {stdio: 'ignore', timeout: 60_000});
  } catch {
    // no sync(1): measured as it is
  }
};

/** Node's ECDSA P-256 sign alone on `count` threads (default: every core). */
export const signCeiling = (total = 20_000, count = os.availableParallelism()): Promise<Ceiling> => threads(count, 'sign', total);

/** Creating `total` files of `size` bytes in one new folder under `base` on `count` threads (writeFileSync, as the workers do). */
export async function fileCeiling(total = 10_000, size = 800, count = os.availableParallelism(), base = os.tmpdir()): Promise<Ceiling> {
  const dir = fs.mkdtempSync(path.join(base, 'ksef-kod2-files-'));
  try {
    flush(); // as before the engine's run: no earlier write-back in the timed part
    return await threads(count, 'files', total, {dir, size});
  } finally {
    fs.rmSync(dir, {recursive: true, force: true});
  }
}
