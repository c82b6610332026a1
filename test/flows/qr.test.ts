// Offline invoice QR for one invoice: facts from FA(3) files, certificate choice and refusals, links checked by
// openssl and verifyKod2, images, audit.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readFileSync} from 'node:fs';
import {readFile, readdir, mkdir} from 'node:fs/promises';
import {createHash} from 'node:crypto';
import path from 'node:path';
import {PNG} from 'pngjs';
import {checkContext, makeInvoiceCodes, parseContextArg, readInvoiceFacts, type QrDeps} from '../../src/flows/qr.js';
import {FlowError, userMessage} from '../../src/flows/errors.js';
import {verifyKod2} from '../../src/ksef/qr.js';
import {fixture, makeQrWorld, opensslVerifyKod2, type QrWorld} from '../helpers/qr-world.js';

const DAY = 86_400_000;
let w: QrWorld;
let deps: QrDeps;
let ecO: Awaited<ReturnType<QrWorld['addCert']>>;

beforeAll(async () => {
  w = await makeQrWorld();
  deps = {store: w.store, operator: w.operator, workstation: 'stanowisko-1'};
  ecO = await w.addCert({type: 'O', serial: '01A2B3C4D5E6F708'});
});
afterAll(() => w?.cleanup());

const errorOf = async (p: Promise<unknown>): Promise<{text: string; code?: string | number}> => {
  try {
    await p;
  } catch (e) {
    return userMessage(e);
  }
  throw new Error('expected a refusal');
};

describe('readInvoiceFacts', () => {
  it('reads Podmiot1 NIP and P_1 and hashes the exact bytes (BOM and CRLF included)', () => {
    const bytes = readFileSync(fixture('fa3-beta-2026-02-01.xml'));
    expect(readInvoiceFacts(bytes)).toEqual({
      sellerNip: '5265877635', issueDate: '2026-02-01', hash: createHash('sha256').update(bytes).digest('base64url'),
    });
    const crlf = readFileSync(fixture('fa3-demo-crlf-bom.xml'));
    expect(crlf.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const f = readInvoiceFacts(crlf);
    expect(f).toMatchObject({sellerNip: '1111111111', issueDate: '2026-01-31'});
    expect(f.hash).toBe(createHash('sha256').update(crlf).digest('base64url'));
    // The buyer's NIP (Podmiot2) is never taken for the seller's.
    expect(readInvoiceFacts(readFileSync(fixture('fa3-bez-p1.xml')))).toMatchObject({sellerNip: '5265877635', issueDate: undefined});
  });

  it('refuses DTD/entities, non-XML, truncated XML and documents that are not invoices — in Polish', () => {
    expect(() => readInvoiceFacts(readFileSync(fixture('bad-xxe.xml')))).toThrow(/DOCTYPE\/ENTITY/);
    expect(() => readInvoiceFacts(readFileSync(fixture('bad-not-xml.xml')))).toThrow(/nie jest dokumentem XML/);
    expect(() => readInvoiceFacts(readFileSync(fixture('bad-truncated.xml')))).toThrow(/Nieprawidłowy dokument XML/);
    expect(() => readInvoiceFacts(Buffer.from('<AuthTokenRequest/>'))).toThrow(/element główny <AuthTokenRequest>/);
    expect(() => readInvoiceFacts(Buffer.alloc(0))).toThrow(/pusty/);
  });
});

describe('context argument', () => {
  it('parses Nip:/InternalId: and checks checksums', () => {
    expect(parseContextArg('nip:1111111111')).toEqual({type: 'Nip', value: '1111111111'});
    expect(parseContextArg('InternalId:5265877635-00001')).toEqual({type: 'InternalId', value: '5265877635-00001'});
    expect(parseContextArg('Pesel:1')).toBeUndefined();
    expect(() => checkContext({type: 'Nip', value: '1111111112'})).toThrow(FlowError);
    expect(() => checkContext({type: 'InternalId', value: '5265877636-00001'})).toThrow(/InternalId/);
    expect(checkContext({type: 'InternalId', value: '5265877635-00001'}).value).toBe('5265877635-00001');
  });
});

describe('makeInvoiceCodes', () => {
  it('builds KOD I (OFFLINE) and KOD II (CERTYFIKAT) with the selected type-O certificate; openssl verifies KOD II', async () => {
    const bytes = readFileSync(fixture('fa3-beta-2026-02-01.xml'));
    const r = await makeInvoiceCodes(deps, {invoice: bytes, invoiceName: 'fa3-beta-2026-02-01.xml'});
    const hash = createHash('sha256').update(bytes).digest('base64url');
    // Demo branch CENTRALA: default env D (qr-demo host), context = company NIP 1111111111.
    expect(r.kod1).toEqual({url: `https://qr-demo.ksef.mf.gov.pl/invoice/5265877635/01-02-2026/${hash}`, label: 'OFFLINE'});
    expect(r.kod2.label).toBe('CERTYFIKAT');
    expect(r.kod2.url.startsWith(`https://qr-demo.ksef.mf.gov.pl/certificate/Nip/1111111111/5265877635/01A2B3C4D5E6F708/${hash}/`)).toBe(true);
    expect(r.certificate).toMatchObject({serial: '01A2B3C4D5E6F708', owner: {kind: 'operator', code: 'JKOWALSKI'}});
    expect(verifyKod2(r.kod2.url, ecO.cert.certPem)).toBe(true);
    const v = await opensslVerifyKod2(r.kod2.url, ecO.cert.certPem, w.root);
    expect(v.stdout.trim()).toBe('Verified OK');
    // A different invoice byte → different hash → the old signature no longer matches.
    const tampered = r.kod2.url.replace(hash, createHash('sha256').update(Buffer.concat([bytes, Buffer.from(' ')])).digest('base64url'));
    expect(verifyKod2(tampered, ecO.cert.certPem)).toBe(false);
    expect((await opensslVerifyKod2(tampered, ecO.cert.certPem, w.root)).stdout).toMatch(/Verification failure/);
  });

  it('signs with RSA-PSS (salt 32) for an RSA type-O certificate picked by --cert; openssl verifies', async () => {
    const rsa = await w.addCert({type: 'O', alg: 'RSA-2048', serial: '0123456789ABCDEF', owner: {kind: 'branch', code: 'CENTRALA'}, env: 'T'});
    const r = await makeInvoiceCodes(deps, {
      invoice: readFileSync(fixture('fa3-bez-p1.xml')), issueDate: '2026-02-03', certSerial: '0123456789abcdef', context: {type: 'InternalId', value: '1111111111-00002'},
    });
    expect(r.env).toBe('T');
    expect(r.kod1.url).toMatch(/^https:\/\/qr-test\.ksef\.mf\.gov\.pl\/invoice\/5265877635\/03-02-2026\//);
    expect(r.kod2.url).toMatch(/\/certificate\/InternalId\/1111111111-00002\/5265877635\/0123456789ABCDEF\//);
    expect(Buffer.from(r.kod2.url.split('/').pop()!, 'base64url').length).toBe(256);
    expect((await opensslVerifyKod2(r.kod2.url, rsa.cert.certPem, w.root)).stdout.trim()).toBe('Verified OK');
    // openssl rejects it with another salt length: the signature really is PSS with salt 32.
    expect((await opensslVerifyKod2(r.kod2.url, rsa.cert.certPem, w.root, 20)).stdout).toMatch(/Verification failure/);
    expect(verifyKod2(r.kod2.url, rsa.cert.certPem)).toBe(true);
  });

  it('refuses a type-A certificate (KSeF rule), also when forced with --cert', async () => {
    const a = await w.addCert({type: 'A', serial: '0AAAAAAAAAAAAAA1'});
    const e = await errorOf(makeInvoiceCodes(deps, {invoice: readFileSync(fixture('fa3-beta-2026-02-01.xml')), certSerial: a.rec.serial}));
    expect(e).toEqual({text: 'Certyfikat typu A (uwierzytelnianie) nie może podpisywać KODU II — wybierz certyfikat typu O (offline).', code: 'authCannotSignQr'});
    // A record mislabelled O whose certificate says authentication (KeyUsage digitalSignature) is refused too.
    const fake = await w.addCert({type: 'A', serial: '0AAAAAAAAAAAAAA2', owner: {kind: 'company'}, env: 'P'});
    await w.store.patchCertificate(fake.rec.id, {type: 'O'});
    expect((await errorOf(makeInvoiceCodes({...deps, operator: w.admin}, {invoice: readFileSync(fixture('fa3-beta-2026-02-01.xml')), certSerial: '0AAAAAAAAAAAAAA2'}))).code)
      .toBe('authCannotSignQr');
    await w.store.removeCertificate(fake.rec.id);
  });

  it('refuses expired, revoked and not-yet-valid certificates with the reason', async () => {
    const invoice = readFileSync(fixture('fa3-beta-2026-02-01.xml'));
    const old = await w.addCert({type: 'O', serial: '0BBBBBBBBBBBBBB1', notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - 2 * DAY)});
    expect((await errorOf(makeInvoiceCodes(deps, {invoice, certSerial: old.rec.serial}))).text).toMatch(/wygasł \d{4}-\d{2}-\d{2} — nie można nim podpisać KODU II/);
    const rev = await w.addCert({type: 'O', serial: '0BBBBBBBBBBBBBB2'});
    await w.store.patchCertificate(rev.rec.id, {state: 'revoked', revokedAt: new Date().toISOString(), revocationReason: 'KeyCompromise'});
    expect((await errorOf(makeInvoiceCodes(deps, {invoice, certSerial: rev.rec.serial}))).text).toMatch(/został unieważniony/);
    const future = await w.addCert({type: 'O', serial: '0BBBBBBBBBBBBBB3', notBefore: new Date(Date.now() + 5 * DAY)});
    expect((await errorOf(makeInvoiceCodes(deps, {invoice, certSerial: future.rec.serial}))).text).toMatch(/jest ważny dopiero od/);
    // None of them is picked by the selector: the active one still is.
    expect((await makeInvoiceCodes(deps, {invoice})).certificate.serial).toBe('01A2B3C4D5E6F708');
  });

  it('without a type-O certificate in the env names the owners searched', async () => {
    const e = await errorOf(makeInvoiceCodes(deps, {invoice: readFileSync(fixture('fa3-beta-2026-02-01.xml')), env: 'P'}));
    expect(e.code).toBe('noOfflineCertificate');
    expect(e.text).toBe('Brak aktywnego certyfikatu typu O (offline) w środowisku PROD — przeszukano: operator JKOWALSKI → oddział CENTRALA → firma. Wygeneruj certyfikat typu O [A-1-5-4].');
  });

  it('an ordinary operator cannot sign with another operator\'s certificate', async () => {
    const other = await w.addCert({type: 'O', serial: '0CCCCCCCCCCCCCC1', owner: {kind: 'operator', code: 'ADMIN'}});
    const e = await errorOf(makeInvoiceCodes(deps, {invoice: readFileSync(fixture('fa3-beta-2026-02-01.xml')), certSerial: other.rec.serial}));
    expect(e).toMatchObject({code: 'forbidden'});
    expect(e.text).toMatch(/należy do: operator ADMIN/);
  });

  it('checks NIP checksums, P_1 and agreement with the file', async () => {
    const beta = readFileSync(fixture('fa3-beta-2026-02-01.xml'));
    expect((await errorOf(makeInvoiceCodes(deps, {invoice: readFileSync(fixture('fa3-zly-nip.xml'))}))).text)
      .toBe('Nieprawidłowy NIP sprzedawcy 5265877636 (błędna suma kontrolna lub format).');
    expect((await errorOf(makeInvoiceCodes(deps, {invoice: beta, sellerNip: '1111111111'}))).code).toBe('sellerNipMismatch');
    expect((await errorOf(makeInvoiceCodes(deps, {invoice: beta, issueDate: '2026-02-02'}))).code).toBe('issueDateMismatch');
    expect((await errorOf(makeInvoiceCodes(deps, {invoice: readFileSync(fixture('fa3-bez-p1.xml'))}))).text).toMatch(/nie zawiera pola P_1/);
    expect((await errorOf(makeInvoiceCodes(deps, {invoice: readFileSync(fixture('fa3-bez-p1.xml')), issueDate: '2026-02-30'}))).code).toBe('badIssueDate');
    expect((await errorOf(makeInvoiceCodes(deps, {invoice: beta, context: {type: 'Nip', value: '1234567890'}}))).code).toBe('badContext');
    // The same NIP written with separators is accepted.
    expect((await makeInvoiceCodes(deps, {invoice: beta, sellerNip: 'PL 526-587-76-35'})).sellerNip).toBe('5265877635');
  });

  it('writes PNG and SVG with the labels on request and logs qrSign without secrets', async () => {
    const dir = path.join(w.root, 'obrazy');
    await mkdir(dir);
    const before = (await w.store.listAudit()).length;
    const r = await makeInvoiceCodes(deps, {invoice: readFileSync(fixture('fa3-demo-crlf-bom.xml')), invoiceName: '/x/fa3-demo-crlf-bom.xml', pngDir: dir, svgDir: dir});
    expect((await readdir(dir)).sort()).toEqual(['fa3-demo-crlf-bom-kod1.png', 'fa3-demo-crlf-bom-kod1.svg', 'fa3-demo-crlf-bom-kod2.png', 'fa3-demo-crlf-bom-kod2.svg']);
    const png = PNG.sync.read(await readFile(path.join(dir, 'fa3-demo-crlf-bom-kod2.png')));
    expect(png.width).toBeGreaterThan(200);
    expect(await readFile(path.join(dir, 'fa3-demo-crlf-bom-kod1.svg'), 'utf8')).toContain('>OFFLINE</text>');
    expect(await readFile(path.join(dir, 'fa3-demo-crlf-bom-kod2.svg'), 'utf8')).toContain('>CERTYFIKAT</text>');
    const audit = await w.store.listAudit();
    expect(audit.length).toBe(before + 1);
    const ev = audit.at(-1)!;
    expect(ev).toMatchObject({action: 'qrSign', operator: 'JKOWALSKI', workstation: 'stanowisko-1', serial: '01A2B3C4D5E6F708'});
    expect(ev.details).toContain('fa3-demo-crlf-bom.xml');
    const signature = r.kod2.url.split('/').pop()!;
    const json = JSON.stringify(audit);
    expect(json).not.toContain(signature);
    expect(json).not.toMatch(/PRIVATE KEY|Demo2026/);
  });
});
