// `ksef-certs verify-qr`: a KOD II made by `ksef-certs qr` with a type-O certificate of the simulator is valid; each
// tampering is invalid with its own reason (signature, hash, padding bit, host, type-A certificate, expired on the
// issue date, foreign NIP); the official KOD I / KOD II vectors; exit codes 0 / 1 / 2; certificate from the store,
// a file or the simulator's QR page.
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {warsawDate} from '../../src/domain/index.js';
import {verifyQr} from '../../src/flows/verify-qr.js';
import {kod2Link} from '../../src/ksef/index.js';
import {DEMO_COMPANY} from '../../src/store/index.js';
import {makeCertWorld, type CertWorld} from '../helpers/revoke-world.js';
import {cli} from '../helpers/cli-run.js';

const VECTORS = path.resolve(import.meta.dirname, '../fixtures/ksef/test-vectors');
const official = JSON.parse(fs.readFileSync(path.join(VECTORS, 'qr-examples.json'), 'utf8')) as {
  kod1: {officialExample: {url: string}};
  kod2: {officialExample: {url: string}};
};
const OFFICIAL_CERT = path.join(VECTORS, 'qr-example-cert-01F20A5D352AE590.pem');
const FOREIGN_NIP = '7740001454';

let w: CertWorld;
let serial: string;
let invoice: string;
let link: string;

function writeInvoice(name: string, issueDate: string, sellerNip: string = DEMO_COMPANY.nip, extra = ''): string {
  const base = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/invoices/fa3-demo-crlf-bom.xml'), 'utf8');
  const text = base.replace(/<P_1>[^<]*<\/P_1>/, `<P_1>${issueDate}</P_1>`).replace(`<NIP>${DEMO_COMPANY.nip}</NIP>`, `<NIP>${sellerNip}</NIP>`).replace('</Faktura>', `${extra}</Faktura>`);
  const file = path.join(w.root, name);
  fs.writeFileSync(file, text);
  return file;
}

/** Flips the unused low bits of the last base64url character: same bytes, non-canonical text. */
function flipPaddingBit(b64: string): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  return b64.slice(0, -1) + abc[abc.indexOf(b64.at(-1)!) ^ 1];
}

async function verify(args: string[]) {
  const r = await cli(w, ['verify-qr', ...args, '--json']);
  return {code: r.code, doc: r.out ? (JSON.parse(r.out) as {valid: boolean; checks: Array<{id: string; ok: boolean | null}>}) : undefined, err: r.err};
}
const failed = (doc: {checks: Array<{id: string; ok: boolean | null}>} | undefined) => doc!.checks.filter((c) => c.ok === false).map((c) => c.id);

async function signLink(o: {sellerNip?: string; invoiceHash?: string; context?: string}): Promise<string> {
  const rec = (await w.store.listCertificates()).find((r) => r.serial === serial)!;
  return kod2Link({
    env: 'D', context: {type: 'Nip', value: o.context ?? DEMO_COMPANY.nip}, sellerNip: o.sellerNip ?? DEMO_COMPANY.nip, serial,
    invoiceHash: o.invoiceHash ?? link.split('/').at(-2)!, key: await w.store.unsealKey(rec.keyPem!), certType: 'O',
  }).url;
}

beforeAll(async () => {
  w = await makeCertWorld();
  serial = (await w.enroll({type: 'O', owner: {kind: 'company'}})).serial!;
  invoice = writeInvoice('dzis.xml', warsawDate(new Date()));
  const r = await cli(w, ['qr', '--invoice', invoice, '--cert', serial, '--json']);
  expect(r.code, r.err).toBe(0);
  link = (JSON.parse(r.out) as {kod2: {url: string}}).kod2.url;
}, 60_000);
afterAll(() => w?.cleanup());

describe('ksef-certs verify-qr', () => {
  it('a KOD II made by the app is valid (certificate from the store, KSeF status from the simulator); text output lists every check', async () => {
    const ok = await verify([link, '--invoice', invoice]);
    expect(ok.code).toBe(0);
    expect(ok.doc!.valid).toBe(true);
    expect(ok.doc!.checks.find((c) => c.id === 'ksefStatus')?.ok).toBe(true);
    const text = await cli(w, ['verify-qr', link, '--invoice', invoice]);
    expect(text.out).toMatch(/^KOD II: PRAWIDŁOWY/);
    expect(text.out).toContain('[OK] Podpis linku zgodny z certyfikatem');
    const en = await cli(w, ['--lang', 'en', 'verify-qr', link]);
    expect(en.out).toMatch(/^KOD II: VALID/);
    expect(en.out).toContain('[--] Certificate valid on the invoice issue date: not checked');
    // Not in the store, no file: fetched from KSeF's (the simulator's) QR page.
    const fetched = await verifyQr({gateway: w.gateway}, {link, invoice: fs.readFileSync(invoice)});
    expect([fetched.valid, fetched.certificateSource]).toEqual([true, 'ksef']);
  });

  it('tampered signature, other invoice, padding bit, host: invalid, each with its reason (pl/en)', async () => {
    const sig = link.split('/').at(-1)!;
    const mid = Math.floor(sig.length / 2);
    const badSig = link.slice(0, -sig.length) + sig.slice(0, mid) + (sig[mid] === 'A' ? 'B' : 'A') + sig.slice(mid + 1);
    const r1 = await verify([badSig]);
    // KSeF's page (the simulator) refuses it too.
    expect([r1.code, failed(r1.doc)]).toEqual([1, ['signature', 'ksefStatus']]);

    const other = writeInvoice('inna.xml', warsawDate(new Date()), DEMO_COMPANY.nip, '<!-- inna -->');
    const r2 = await verify([link, '--invoice', other]);
    expect([r2.code, failed(r2.doc)]).toEqual([1, ['invoiceHash']]);

    const r3 = await verify([link.slice(0, -sig.length) + flipPaddingBit(sig)]);
    expect(r3.code).toBe(1);
    expect(failed(r3.doc)).toContain('signatureCanonical');
    const hash = link.split('/').at(-2)!;
    const r3b = await verify([link.replace(`/${hash}/`, `/${flipPaddingBit(hash)}/`)]);
    expect(failed(r3b.doc)).toContain('hashCanonical');

    const r4 = await cli(w, ['verify-qr', link.replace('qr-demo.ksef.mf.gov.pl', 'qr-demo.ksef-mf.example')]);
    expect(r4.code).toBe(1);
    expect(r4.out).toContain('[!!] Host qr-demo.ksef-mf.example nie jest adresem kodów QR KSeF');
    const r4en = await cli(w, ['--lang', 'en', 'verify-qr', link.replace('qr-demo.ksef.mf.gov.pl', 'qr-demo.ksef-mf.example')]);
    expect(r4en.out).toContain('is not a KSeF QR address');
  });

  it('the official vectors: KOD I parses as valid; the official KOD II verifies but its certificate is type A → invalid', async () => {
    const k1 = await verify([official.kod1.officialExample.url]);
    expect([k1.code, k1.doc!.valid]).toEqual([0, true]);
    const k2 = await verify([official.kod2.officialExample.url, '--cert', OFFICIAL_CERT]);
    expect(k2.code).toBe(1);
    expect(k2.doc!.checks.find((c) => c.id === 'signature')?.ok).toBe(true);
    // Beyond the page: type A, and the example's context (1111111111) is not the certificate's subject (5265877635);
    // the simulator does not know this TEST certificate.
    expect(failed(k2.doc)).toEqual(['offlineType', 'contextOfCertificate', 'ksefStatus']);
  });

  it('expired on the issue date and a foreign seller NIP are invalid; usage errors exit 2', async () => {
    const old = writeInvoice('stara.xml', '2020-01-15');
    const oldHash = (JSON.parse((await cli(w, ['verify-qr', 'https://qr-demo.ksef.mf.gov.pl/invoice/1111111111/15-01-2020/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '--invoice', old, '--json'])).out) as {checks: Array<{id: string; info?: {file: string}}>}).checks.find((c) => c.id === 'invoiceHash')!.info!.file;
    const expired = await verify([await signLink({invoiceHash: oldHash}), '--invoice', old]);
    expect([expired.code, failed(expired.doc)]).toEqual([1, ['validOnIssueDate']]);

    const foreign = writeInvoice('obca.xml', warsawDate(new Date()), FOREIGN_NIP);
    const fHash = (await verify([await signLink({sellerNip: FOREIGN_NIP}), '--invoice', foreign])).doc!;
    expect(fHash.valid).toBe(false);
    expect(failed(fHash)).toEqual(expect.arrayContaining(['sellerOfContext']));
    const ctx = await verify([await signLink({sellerNip: FOREIGN_NIP, context: FOREIGN_NIP})]);
    expect(failed(ctx.doc)).toEqual(expect.arrayContaining(['contextOfCertificate']));

    expect((await cli(w, ['verify-qr'])).code).toBe(2);
    expect((await cli(w, ['verify-qr', link, '--bogus'])).code).toBe(2);
    const notLink = await verify(['https://example.com/x']);
    expect([notLink.code, failed(notLink.doc)]).toEqual([1, ['format']]);
  });
});
