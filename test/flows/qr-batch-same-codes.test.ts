// The batch engine (worker threads, chunks, replies packed as one string per chunk) gives per invoice exactly what
// the single-threaded signer gives (invoiceCodes): same NIP, P_1, hash, KOD I and KOD II signed data, and KOD II
// signatures that openssl verifies with the certificate; failures stay on their own file.
import {execFileSync} from 'node:child_process';
import {createPrivateKey} from 'node:crypto';
import {mkdir, mkdtemp, readFile, readdir, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {processQrFolder, sampleInvoiceXml, unpackReply, packCodes} from '../../src/flows/qr-batch.js';
import {invoiceCodes} from '../../src/flows/qr-invoice.js';
import {parseKod2Link} from '../../src/ksef/qr-links.js';
import {opensslVerifyKod2} from '../helpers/qr-world.js';

let root: string;
let inDir: string;
let certPem: string;
let key: ReturnType<typeof createPrivateKey>;
const N = 61;
const params = () => ({env: 'T' as const, context: {type: 'Nip' as const, value: '5265877635'}, serial: '01a2b3c4d5e6f708', key});

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'qr-batch-same-'));
  inDir = path.join(root, 'faktury');
  await mkdir(inDir);
  for (let i = 0; i < N; i++) await writeFile(path.join(inDir, `fv-${String(i).padStart(3, '0')}.xml`), sampleInvoiceXml(i * 37));
  await writeFile(path.join(inDir, 'fv-030a-truncated.xml'), sampleInvoiceXml(5).slice(0, 700));
  await writeFile(path.join(inDir, 'fv-045a-bad-nip.xml'), sampleInvoiceXml(6, '5265877636'));
  // Larger than a thread's first read buffer (256 KiB), and one filling it exactly: read whole, hashed whole.
  await writeFile(path.join(inDir, 'fv-050a-big.xml'), sampleInvoiceXml(8).replace('<P_1M>', `<P_1M>${'ż'.repeat(200_000)}`));
  const exact = sampleInvoiceXml(9);
  await writeFile(path.join(inDir, 'fv-050b-exact.xml'), exact.replace('<P_1M>', `<P_1M>${'x'.repeat(262_144 - Buffer.byteLength(exact))}`));
  // A key and self-signed certificate made by openssl, so the check below does not trust our own code for either.
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=KOD II test',
    '-days', '2', '-keyout', path.join(root, 'key.pem'), '-out', path.join(root, 'cert.pem')], {stdio: 'ignore'});
  key = createPrivateKey(await readFile(path.join(root, 'key.pem')));
  certPem = await readFile(path.join(root, 'cert.pem'), 'utf8');
});
afterAll(() => rm(root, {recursive: true, force: true}));

describe('QR batch = single-threaded signer', () => {
  it('every invoice through 2 threads in small chunks gets the codes invoiceCodes gives; openssl verifies KOD II', async () => {
    const s = await processQrFolder({...params(), inputDir: inDir, outDir: path.join(root, 'out'), workers: 2, chunkSize: 7});
    expect(s).toMatchObject({total: N + 4, ok: N + 2, failed: 2, workers: 2});
    const names = (await readdir(inDir)).filter((f) => f.endsWith('.xml'));
    expect(s.files.map((f) => f.file).sort()).toEqual(names.sort());
    let checkedWithOpenssl = 0;
    for (const f of s.files) {
      const bytes = await readFile(path.join(inDir, f.file));
      let single: ReturnType<typeof invoiceCodes> | {error: string; code?: string};
      try {
        single = invoiceCodes(bytes, params());
      } catch (e) {
        single = {error: (e as Error).message, code: (e as {code?: string}).code};
      }
      if (!f.ok) {
        expect(single, f.file).toMatchObject({error: f.error, code: f.code});
        continue;
      }
      const one = single as ReturnType<typeof invoiceCodes>;
      expect({sellerNip: f.sellerNip, issueDate: f.issueDate, hash: f.hash, kod1: f.kod1}, f.file).toEqual({
        sellerNip: one.sellerNip, issueDate: one.issueDate, hash: one.hash, kod1: one.kod1,
      });
      expect(f.kod2.label).toBe(one.kod2.label);
      // ECDSA signatures are randomised: the signed data must be equal, the signature must verify.
      expect(parseKod2Link(f.kod2.url)!.signedString).toBe(parseKod2Link(one.kod2.url)!.signedString);
      if (checkedWithOpenssl < 6 || f.file.endsWith('060.xml')) {
        expect((await opensslVerifyKod2(f.kod2.url, certPem, root)).stdout.trim(), f.file).toBe('Verified OK');
        checkedWithOpenssl++;
      }
      const doc = JSON.parse(await readFile(f.output!, 'utf8'));
      expect(doc).toMatchObject({invoice: f.file, hash: f.hash, kod1: f.kod1, kod2: f.kod2});
    }
    expect(s.files.find((f) => f.file === 'fv-045a-bad-nip.xml')).toMatchObject({ok: false, code: 'badSellerNip'});
    expect(s.files.find((f) => f.file === 'fv-030a-truncated.xml')).toMatchObject({ok: false, code: 'invalidXml'});
    expect(checkedWithOpenssl).toBe(7);
  });

  it('a packed reply unpacks to the same strings, failures kept at their place', () => {
    const codes = ['5265877635', '2026-01-02', 'h'.repeat(43), 'https://a/invoice/x', 'https://b/certificate/y', '', '', '', '', ''];
    const out = unpackReply({chunk: 0, count: 2, codes: packCodes(codes), failures: [{k: 1, error: 'zły', code: 'invalidXml'}]}, [{base: 'a'}, {base: 'b'}], '/out');
    expect(out[0]).toEqual({
      ok: true, output: path.join('/out', 'a.kod.json'),
      codes: {sellerNip: codes[0], issueDate: codes[1], hash: codes[2], kod1: {url: codes[3], label: 'OFFLINE'}, kod2: {url: codes[4], label: 'CERTYFIKAT'}},
    });
    expect(out[1]).toEqual({ok: false, error: 'zły', code: 'invalidXml'});
  });
});

