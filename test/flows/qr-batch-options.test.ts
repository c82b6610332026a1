// Batch engine options: summaries only (no per-invoice .kod.json), skipping the XML read when NIP and P_1 are given,
// large chunks; the signatures are checked with the public key.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile} from 'node:fs/promises';
import {createHash, generateKeyPairSync, verify, type KeyObject} from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import {autoChunkSize, processQrFolder, sampleInvoiceXml, type BatchFileResult} from '../../src/flows/qr-batch.js';
import {parseKod2Link} from '../../src/ksef/qr.js';
import {fixture} from '../helpers/qr-world.js';

let root: string;
let inDir: string;
let key: {privateKey: KeyObject; publicKey: KeyObject};
const N = 120;
const common = () => ({env: 'T' as const, context: {type: 'Nip' as const, value: '5265877635'}, serial: '01a2b3c4d5e6f708', key: key.privateKey, workers: 2});

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'qr-batch-opts-'));
  inDir = path.join(root, 'faktury');
  await mkdir(inDir);
  for (let i = 0; i < N; i++) await writeFile(path.join(inDir, `fv-${String(i).padStart(4, '0')}.xml`), sampleInvoiceXml(i));
  await copyFile(fixture('bad-xxe.xml'), path.join(inDir, 'zz-bad-xxe.xml'));
  key = generateKeyPairSync('ec', {namedCurve: 'prime256v1'});
});
afterAll(() => rm(root, {recursive: true, force: true}));

const signatureOk = (url: string): boolean => {
  const p = parseKod2Link(url)!;
  return verify('sha256', Buffer.from(p.signedString), {key: key.publicKey, dsaEncoding: 'ieee-p1363'}, Buffer.from(p.signature, 'base64url'));
};
const okFiles = (files: BatchFileResult[]) => files.filter((f): f is Extract<BatchFileResult, {ok: true}> => f.ok);

describe('processQrFolder options', () => {
  it('perInvoiceFiles: false writes only the summaries, which hold every code; chunks are large', async () => {
    const outDir = path.join(root, 'tylko-zestawienie');
    const s = await processQrFolder({...common(), inputDir: inDir, outDir, perInvoiceFiles: false});
    expect(s).toMatchObject({total: N + 1, ok: N, failed: 1});
    expect((await readdir(outDir)).sort()).toEqual(['qr-batch.csv', 'qr-batch.json']);
    expect(s.files.find((f) => f.file === 'zz-bad-xxe.xml')).toMatchObject({ok: false, code: 'invalidXml'});
    const summary = JSON.parse(await readFile(s.summaryJson, 'utf8'));
    const good = okFiles(summary.files);
    expect(good).toHaveLength(N);
    for (const f of good) {
      expect(f.output).toBeUndefined();
      const bytes = await readFile(path.join(inDir, f.file));
      expect(f.hash).toBe(createHash('sha256').update(bytes).digest('base64url'));
      expect(signatureOk(f.kod2.url)).toBe(true);
    }
    expect(autoChunkSize(10_000, 2)).toBe(625);
    expect(autoChunkSize(100, 2)).toBe(50);
  });

  it('default: a .kod.json per invoice, written by the workers, equal to the summary row', async () => {
    const outDir = path.join(root, 'pliki');
    const s = await processQrFolder({...common(), inputDir: inDir, outDir});
    expect((await readdir(outDir)).filter((f) => f.endsWith('.kod.json'))).toHaveLength(N);
    const first = okFiles(s.files)[0];
    expect(first.output).toBe(path.join(outDir, 'fv-0000.kod.json'));
    const doc = JSON.parse(await readFile(first.output!, 'utf8'));
    expect(doc).toMatchObject({invoice: 'fv-0000.xml', hash: first.hash, kod1: first.kod1, kod2: first.kod2, serial: '01A2B3C4D5E6F708', env: 'T'});
  });

  it('skipParse with NIP and P_1 given: hashes only — same KOD I and signed data as reading the files', async () => {
    const read = await processQrFolder({...common(), inputDir: inDir, outDir: path.join(root, 'a'), perInvoiceFiles: false, issueDate: '2026-01-01'});
    const skipped = await processQrFolder({
      ...common(), inputDir: inDir, outDir: path.join(root, 'b'), perInvoiceFiles: false, skipParse: true, sellerNip: '526-587-76-35', issueDate: '2026-01-01',
    });
    // Reading: only invoices whose P_1 is 2026-01-01 pass; skipping: every file gets codes (the XXE file is never parsed).
    const byFile = new Map(okFiles(skipped.files).map((f) => [f.file, f]));
    expect(skipped.ok).toBe(N + 1);
    expect(byFile.get('zz-bad-xxe.xml')?.hash).toBe(createHash('sha256').update(await readFile(fixture('bad-xxe.xml'))).digest('base64url'));
    const agreeing = okFiles(read.files);
    expect(agreeing.length).toBeGreaterThan(0);
    expect(agreeing.length).toBeLessThan(N);
    for (const f of agreeing) {
      const g = byFile.get(f.file)!;
      expect(g.kod1).toEqual(f.kod1);
      expect(parseKod2Link(g.kod2.url)!.signedString).toBe(parseKod2Link(f.kod2.url)!.signedString);
      expect(signatureOk(g.kod2.url)).toBe(true);
    }
    await expect(processQrFolder({...common(), inputDir: inDir, outDir: path.join(root, 'c'), skipParse: true, sellerNip: '5265877635'}))
      .rejects.toMatchObject({code: 'skipParseNeedsFacts'});
    await expect(processQrFolder({...common(), inputDir: inDir, outDir: path.join(root, 'd'), skipParse: true, sellerNip: '5265877636', issueDate: '2026-01-01'}))
      .rejects.toMatchObject({code: 'badSellerNip'});
  });
});
