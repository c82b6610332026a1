// KOD II with the key on a PKCS#11 token (SoftHSM2 in a temp folder): the batch engine's main-thread path (a token
// session belongs to one thread), against the same engine and path with a software EC P-256 key in the same run.
import {execFileSync} from 'node:child_process';
import {generateKeyPairSync} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {DIST, row, tempDir, type BenchResult} from './lib.js';

const MODULES = ['/usr/lib/softhsm/libsofthsm2.so', '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so', '/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so'];

interface Job {
  chunk: number;
  items: {file: string; name: string; base: string}[];
  packed: {bytes: Uint8Array; ends: number[]};
}

export async function benchKodToken(n = 2_000): Promise<BenchResult[]> {
  const module = MODULES.find((m) => fs.existsSync(m));
  if (!module) throw new Error('SoftHSM2 is not installed (apt-get install softhsm2)');
  const dir = tempDir('token');
  try {
    fs.mkdirSync(path.join(dir, 'tokens'));
    fs.writeFileSync(path.join(dir, 'softhsm2.conf'), `directories.tokendir = ${path.join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`);
    process.env.SOFTHSM2_CONF = path.join(dir, 'softhsm2.conf');
    execFileSync('softhsm2-util', ['--init-token', '--free', '--label', 'BENCH', '--so-pin', '87654321', '--pin', '123456'], {stdio: 'ignore'});
    const load = async <T>(rel: string) => (await import(pathToFileURL(path.join(DIST, rel)).href)) as T;
    const {TokenSession} = await load<typeof import('../src/ksef/pkcs11/token.js')>('src/ksef/pkcs11/token.js');
    const {runInline} = await load<typeof import('../src/flows/qr-job.js')>('src/flows/qr-job.js');
    const {sampleInvoiceXml} = await load<typeof import('../src/flows/qr-batch.js')>('src/flows/qr-batch.js');

    const docs = Array.from({length: n}, (_, i) => Buffer.from(sampleInvoiceXml(i)));
    const ends: number[] = [];
    docs.reduce((end, d) => (ends.push(end + d.length), end + d.length), 0);
    const chunks: Job[] = [{chunk: 0, packed: {bytes: Buffer.concat(docs), ends}, items: docs.map((_, i) => ({file: '', name: `fv-${i}.xml`, base: ''}))}];
    const base = {env: 'T' as const, context: {type: 'Nip' as const, value: '5265877635'}, serial: '01A2B3C4D5E6F708'};
    const time = async (key: unknown): Promise<number> => {
      let ok = 0;
      const t0 = process.hrtime.bigint();
      await runInline({...base, key} as never, chunks, (r) => {
        ok += r.count - r.failures.length;
      });
      const s = Number(process.hrtime.bigint() - t0) / 1e9;
      if (ok !== n) throw new Error(`benchKodToken: ${n - ok} invoices failed`);
      return n / s;
    };

    const session = await TokenSession.open({module, label: 'BENCH', pin: () => '123456', write: true});
    try {
      const tokenKey = await session.generateKeyPair('bench');
      const {privateKey} = generateKeyPairSync('ec', {namedCurve: 'prime256v1'});
      await time(privateKey); // warm-up: JIT, XML scanner
      const software = await time(privateKey);
      const token = await time(tokenKey);
      return [row({
        name: `kod2-token-${n}`,
        value: token,
        unit: 'invoices/s',
        baseline: software,
        baselineLabel: 'same engine, main thread, software EC P-256 key',
        target: 'report',
        pass: true,
        note: `${n} invoices in memory, XML check + SHA-256 + KOD I + KOD II signed by SoftHSM2 (C_Sign per invoice) in this thread; ` +
          'a hardware card or HSM is slower (its own figure, not measured here)',
      })];
    } finally {
      session.close();
    }
  } finally {
    fs.rmSync(dir, {recursive: true, force: true});
  }
}
