// `ksef-certs qr` against a real store: single invoice (text / --json / images), exit codes, and the batch on
// 1,000 generated invoices through worker threads (needs a fresh dist/: `npm test` builds it first).
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {copyFile, mkdir, readFile, readdir} from 'node:fs/promises';
import path from 'node:path';
import {spawnSync} from 'node:child_process';
import {run} from '../../src/cli/run.js';
import {DEMO_CREDENTIALS} from '../../src/store/index.js';
import {verifyKod2, parseKod2Link} from '../../src/ksef/qr.js';
import {invoiceHash} from '../../src/ksef/qr.js';
import {captureIo} from '../helpers/cli-io.js';
import {fixture, makeQrWorld, opensslVerifyKod2, writeInvoices, type QrWorld} from '../helpers/qr-world.js';

let w: QrWorld;
let certPem = '';

function io(opts: {tty?: boolean} = {}) {
  const x = captureIo({KSEF_CERTS_OPERATOR_PASSWORD: DEMO_CREDENTIALS.operator.password});
  if (opts.tty) x.stderr.isTTY = true;
  return x;
}

const BIN = path.resolve(import.meta.dirname, '../../dist/bin/main.js');

const qr = async (args: string[], o: {tty?: boolean; operator?: string | null} = {}) => {
  const x = io(o);
  const op = o.operator === null ? [] : ['--operator', o.operator ?? 'JKOWALSKI'];
  const code = await run(['--data', w.dataDir, ...op, 'qr', ...args], x);
  return {code, out: x.out(), err: x.err()};
};

beforeAll(async () => {
  w = await makeQrWorld();
  certPem = (await w.addCert({type: 'O', serial: '01A2B3C4D5E6F708'})).cert.certPem;
  await w.addCert({type: 'A', serial: '0AAAAAAAAAAAAAA1'});
});
afterAll(() => w?.cleanup());

describe('qr --invoice', () => {
  it('prints both links with their labels and the certificate used', async () => {
    const r = await qr(['--invoice', fixture('fa3-beta-2026-02-01.xml')]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const hash = invoiceHash(await readFile(fixture('fa3-beta-2026-02-01.xml')));
    expect(r.out).toContain(`KOD I (OFFLINE):\nhttps://qr-demo.ksef.mf.gov.pl/invoice/5265877635/01-02-2026/${hash}\n`);
    expect(r.out).toMatch(/Certyfikat: „.+” \(01A2B3C4D5E6F708\), właściciel: operator JKOWALSKI, ważny do \d{4}-\d{2}-\d{2}/);
    const kod2 = /KOD II \(CERTYFIKAT\):\n(\S+)\n/.exec(r.out)![1];
    expect(verifyKod2(kod2, certPem)).toBe(true);
  });

  it('--json gives one JSON document; --png/--svg write the images; openssl verifies KOD II', async () => {
    const img = path.join(w.root, 'img');
    const r = await qr(['--invoice', fixture('fa3-bez-p1.xml'), '--issue-date', '2026-02-02', '--context', 'InternalId:1111111111-00001',
      '--seller-nip', '5265877635', '--png', img, '--svg', img, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc).toMatchObject({issueDate: '2026-02-02', sellerNip: '5265877635', env: 'D', context: {type: 'InternalId', value: '1111111111-00001'},
      kod1: {label: 'OFFLINE'}, kod2: {label: 'CERTYFIKAT'}, certificate: {serial: '01A2B3C4D5E6F708'}});
    expect(parseKod2Link(doc.kod2.url)).toMatchObject({contextType: 'InternalId', contextValue: '1111111111-00001', serial: '01A2B3C4D5E6F708'});
    expect((await opensslVerifyKod2(doc.kod2.url, certPem, w.root)).stdout.trim()).toBe('Verified OK');
    expect((await readdir(img)).sort()).toEqual(['fa3-bez-p1-kod1.png', 'fa3-bez-p1-kod1.svg', 'fa3-bez-p1-kod2.png', 'fa3-bez-p1-kod2.svg']);
    expect(doc.files).toHaveLength(4);
  });

  it('exit code 1 for rule refusals, with a Polish message and no stack trace', async () => {
    const a = await qr(['--invoice', fixture('fa3-beta-2026-02-01.xml'), '--cert', '0AAAAAAAAAAAAAA1']);
    expect(a).toMatchObject({code: 1, out: ''});
    expect(a.err).toBe('Certyfikat typu A (uwierzytelnianie) nie może podpisywać KODU II — wybierz certyfikat typu O (offline).\n');
    const nip = await qr(['--invoice', fixture('fa3-zly-nip.xml')]);
    expect(nip.code).toBe(1);
    expect(nip.err).toMatch(/Nieprawidłowy NIP sprzedawcy 5265877636/);
    const ctx = await qr(['--invoice', fixture('fa3-beta-2026-02-01.xml'), '--context', 'Nip:1111111112']);
    expect([ctx.code, ctx.err]).toEqual([1, 'Nieprawidłowy identyfikator kontekstu Nip: 1111111112\n']);
    const none = await qr(['--invoice', fixture('fa3-beta-2026-02-01.xml'), '--env', 'P']);
    expect(none.code).toBe(1);
    expect(none.err).toContain('przeszukano: operator JKOWALSKI → oddział CENTRALA → firma');
    const missing = await qr(['--invoice', path.join(w.root, 'brak.xml')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^Nie znaleziono pliku lub katalogu\. \(.*brak\.xml\)\n$/);
    const xxe = await qr(['--invoice', fixture('bad-xxe.xml')]);
    expect([xxe.code, xxe.err]).toEqual([1, 'Dokument XML zawiera deklarację DOCTYPE/ENTITY — odrzucony ze względów bezpieczeństwa\n']);
    for (const r of [a, nip, ctx, none, missing, xxe]) expect(r.err).not.toMatch(/\bat .+:\d+:\d+/);
    const badPw = io();
    badPw.env.KSEF_CERTS_OPERATOR_PASSWORD = 'zle-haslo';
    expect(await run(['--data', w.dataDir, '--operator', 'JKOWALSKI', 'qr', '--invoice', fixture('fa3-beta-2026-02-01.xml')], badPw)).toBe(1);
  });

  it('exit code 2 for usage errors (before asking for the operator)', async () => {
    const cases: [string[], RegExp][] = [
      [[], /Podaj --invoice PLIK albo --batch KATALOG/],
      [['--invoice', 'a.xml', '--batch', 'd'], /jedno z nich/],
      [['--batch', 'd'], /--out KATALOG/],
      [['--invoice', 'a.xml', '--bogus'], /Nieznana opcja: --bogus/],
      [['--invoice'], /Opcja --invoice wymaga wartości/],
      [['--invoice', 'a.xml', '--env', 'X'], /Nieznane środowisko: X/],
      [['--invoice', 'a.xml', '--context', 'Pesel:1'], /Nieprawidłowy kontekst/],
      [['--batch', 'd', '--out', 'o', '--workers', '0'], /liczba wątków/],
    ];
    for (const [args, msg] of cases) {
      const r = await qr(args, {operator: null});
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(msg);
      expect(r.err).toContain('ksef-certs qr --invoice PLIK.xml');
    }
    // No operator: usage error too.
    expect((await qr(['--invoice', fixture('fa3-beta-2026-02-01.xml')], {operator: null})).code).toBe(2);
  });
});

describe('qr --batch', () => {
  it('1,000 invoices on worker threads: 1,000 verified outputs, summaries, one qrBatch audit event', async () => {
    const inDir = path.join(w.root, 'faktury');
    const outDir = path.join(w.root, 'kody');
    await mkdir(inDir);
    const names = await writeInvoices(inDir, 1000);
    const auditBefore = (await w.store.listAudit()).filter((e) => e.action === 'qrBatch').length;
    const r = await qr(['--batch', inDir, '--out', outDir]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Gotowe: 1000 z 1000 faktur, błędów: 0.');
    // stderr is not a TTY here: plain progress lines, ending at 100 %.
    expect(r.err.trim().split('\n').at(-1)).toBe('Przetworzono 1000/1000 faktur (100%)');
    expect(r.err).not.toContain('\r');

    const outputs = (await readdir(outDir)).filter((f) => f.endsWith('.kod.json')).sort();
    expect(outputs).toEqual(names.map((n) => n.replace(/\.xml$/, '.kod.json')));
    let verified = 0;
    const sample: string[] = [];
    for (const [i, name] of names.entries()) {
      const doc = JSON.parse(await readFile(path.join(outDir, name.replace(/\.xml$/, '.kod.json')), 'utf8'));
      const bytes = await readFile(path.join(inDir, name));
      expect(doc.hash).toBe(invoiceHash(bytes));
      expect(doc.serial).toBe('01A2B3C4D5E6F708');
      expect(doc.kod1.url).toContain(`/invoice/${doc.sellerNip}/`);
      expect(doc.kod1.url.endsWith(`/${doc.hash}`)).toBe(true);
      if (verifyKod2(doc.kod2.url, certPem)) verified++;
      if (i % 97 === 0) sample.push(doc.kod2.url);
    }
    expect(verified).toBe(1000);
    for (const url of sample) expect((await opensslVerifyKod2(url, certPem, w.root)).stdout.trim()).toBe('Verified OK');

    const summary = JSON.parse(await readFile(path.join(outDir, 'qr-batch.json'), 'utf8'));
    expect(summary).toMatchObject({total: 1000, ok: 1000, failed: 0, serial: '01A2B3C4D5E6F708', env: 'D'});
    const csv = (await readFile(path.join(outDir, 'qr-batch.csv'), 'utf8')).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(csv).toHaveLength(1001);
    expect(csv[0]).toBe('plik;status;nip_sprzedawcy;data_wystawienia;skrot_sha256;kod1;kod2;blad');
    const batchEvents = (await w.store.listAudit()).filter((e) => e.action === 'qrBatch');
    expect(batchEvents.length).toBe(auditBefore + 1);
    expect(batchEvents.at(-1)).toMatchObject({operator: 'JKOWALSKI', serial: '01A2B3C4D5E6F708'});
    expect(batchEvents.at(-1)!.details).toContain('1000/1000 faktur, błędów 0');
  });

  it('a missing or non-folder --batch is refused in the session language', async () => {
    const missing = path.join(w.root, 'nie-ma');
    const pl = await qr(['--batch', missing, '--out', path.join(w.root, 'o1')]);
    expect([pl.code, pl.err]).toEqual([1, `Nie znaleziono katalogu faktur: ${missing}\n`]);
    const x = io();
    const code = await run(['--data', w.dataDir, '--operator', 'JKOWALSKI', '--lang', 'en', 'qr', '--batch', fixture('fa3-bez-p1.xml'), '--out', path.join(w.root, 'o2')], x);
    expect([code, x.err()]).toEqual([1, `Not a folder: ${fixture('fa3-bez-p1.xml')}\n`]);
  });

  it('the bundled bin (dist/bin/main.js) runs the batch on its own worker entry: 40 invoices, KOD II verified by openssl', async () => {
    const inDir = path.join(w.root, 'faktury-bin');
    const outDir = path.join(w.root, 'kody-bin');
    await mkdir(inDir);
    const names = await writeInvoices(inDir, 40);
    const env = {...process.env, KSEF_CERTS_OPERATOR_PASSWORD: DEMO_CREDENTIALS.operator.password};
    const r = spawnSync(process.execPath, [BIN, '--data', w.dataDir, '--operator', 'JKOWALSKI', 'qr', '--batch', inDir, '--out', outDir, '--workers', '2'], {encoding: 'utf8', env});
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Gotowe: 40 z 40 faktur, błędów: 0.');
    for (const name of [names[0]!, names[39]!]) {
      const doc = JSON.parse(await readFile(path.join(outDir, name.replace(/\.xml$/, '.kod.json')), 'utf8'));
      expect(doc.hash).toBe(invoiceHash(await readFile(path.join(inDir, name))));
      expect((await opensslVerifyKod2(doc.kod2.url, certPem, w.root)).stdout.trim()).toBe('Verified OK');
    }
  });

  it('bad files are reported one by one in Polish, the rest is done, exit code 1; TTY gets a progress bar', async () => {
    const inDir = path.join(w.root, 'mieszane');
    const outDir = path.join(w.root, 'mieszane-kody');
    await mkdir(inDir);
    await writeInvoices(inDir, 20);
    for (const f of ['bad-xxe.xml', 'bad-not-xml.xml', 'bad-truncated.xml', 'fa3-bez-p1.xml', 'fa3-zly-nip.xml', 'fa3-demo-crlf-bom.xml']) {
      await copyFile(fixture(f), path.join(inDir, f));
    }
    await copyFile(fixture('fa3-beta-2026-02-01.xml'), path.join(inDir, 'notatka.txt'));
    const r = await qr(['--batch', inDir, '--out', outDir, '--workers', '2'], {tty: true});
    expect(r.code).toBe(1);
    expect(r.out).toContain('Gotowe: 21 z 26 faktur, błędów: 5, pominięto plików innych niż .xml: 1.');
    expect(r.err).toMatch(/\r\[█{30}\] 26\/26 100%\n/);
    expect(r.err).toContain('bad-xxe.xml: Dokument XML zawiera deklarację DOCTYPE/ENTITY');
    expect(r.err).toContain('bad-not-xml.xml: Plik nie jest dokumentem XML faktury.');
    expect(r.err).toContain('bad-truncated.xml: Nieprawidłowy dokument XML');
    expect(r.err).toContain('fa3-bez-p1.xml: Brak daty wystawienia: faktura nie zawiera pola P_1');
    expect(r.err).toContain('fa3-zly-nip.xml: Nieprawidłowy NIP sprzedawcy 5265877636');
    const outs = await readdir(outDir);
    expect(outs.filter((f) => f.endsWith('.kod.json'))).toHaveLength(21);
    expect(outs).toContain('fa3-demo-crlf-bom.kod.json');
    const summary = JSON.parse(await readFile(path.join(outDir, 'qr-batch.json'), 'utf8'));
    expect(summary).toMatchObject({total: 26, ok: 21, failed: 5, skipped: ['notatka.txt']});
    expect(summary.files.find((f: {file: string}) => f.file === 'bad-xxe.xml')).toMatchObject({ok: false, code: 'invalidXml'});
    // --issue-date fills the missing P_1, but a date that disagrees with P_1 is refused per file.
    const again = await qr(['--batch', inDir, '--out', path.join(w.root, 'z-data'), '--issue-date', '2026-02-01', '--json']);
    const s = JSON.parse(again.out);
    expect(s.files.find((f: {file: string}) => f.file === 'fa3-bez-p1.xml')).toMatchObject({ok: true, issueDate: '2026-02-01'});
    expect(s.files.find((f: {file: string}) => f.file === 'fa3-demo-crlf-bom.xml')).toMatchObject({ok: false, code: 'issueDateMismatch'});
  });
});
