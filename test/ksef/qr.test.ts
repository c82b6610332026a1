// KOD I / KOD II: official examples, signatures verified by openssl, type rules, images.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readFileSync, writeFileSync} from 'node:fs';
import {createPrivateKey} from 'node:crypto';
import QRCode from 'qrcode';
import {PNG} from 'pngjs';
import {p1363ToDer} from '../helpers/ecdsa.js';
import {invoiceHash, kod1Link, kod2Link, parseKod2Link, qrPng, qrSvg, qrTerminal, qrTerminalSize, verifyKod2} from '../../src/ksef/qr.js';
import {parseCertificate} from '../../src/ksef/cert-info.js';
import {issueCert, makeCa, run, tempDir, type TestCert} from './crypto-fixtures.js';

const V = JSON.parse(readFileSync('test/fixtures/ksef/test-vectors/qr-examples.json', 'utf8'));
const CERT_PEM = readFileSync('test/fixtures/ksef/test-vectors/qr-example-cert-01F20A5D352AE590.pem', 'utf8');
const tmp = tempDir();
afterAll(() => tmp.cleanup());
const toIso = (ddmmyyyy: string) => ddmmyyyy.split('-').reverse().join('-');

function opensslVerify(signedString: string, signatureB64Url: string, certPem: string, name: string, extra: string[], der?: (b: Buffer) => Buffer) {
  const msg = tmp.file(`${name}.txt`);
  const sigFile = tmp.file(`${name}.sig`);
  const pub = tmp.file(`${name}.pub`);
  const cert = tmp.file(`${name}.crt`);
  writeFileSync(msg, signedString);
  const raw = Buffer.from(signatureB64Url, 'base64url');
  writeFileSync(sigFile, der ? der(raw) : raw);
  writeFileSync(cert, certPem);
  writeFileSync(pub, run('openssl', ['x509', '-in', cert, '-noout', '-pubkey']).stdout);
  return run('openssl', ['dgst', '-sha256', ...extra, '-verify', pub, '-signature', sigFile, msg]);
}

describe('KOD I', () => {
  it('reproduces the official example link from its inputs', () => {
    const ex = V.kod1.officialExample;
    expect(kod1Link({env: 'T', sellerNip: ex.sellerNip, issueDate: toIso(ex.issueDate), invoiceHash: ex.invoiceHashBase64Url})).toBe(ex.url);
  });
  it('hashes invoice bytes as KSeF does (derived vectors) and uses the environment host', () => {
    for (const d of V.kod1.derived) {
      expect(invoiceHash(Buffer.from(d.invoiceXmlUtf8, 'utf8'))).toBe(Buffer.from(d.sha256Base64, 'base64').toString('base64url'));
      expect(kod1Link({env: 'T', sellerNip: d.sellerNip, issueDate: toIso(d.issueDate), invoiceHash: invoiceHash(d.invoiceXmlUtf8)})).toBe(d.url);
    }
    const h = invoiceHash('<a/>');
    expect(h).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(kod1Link({env: 'P', sellerNip: '5265877635', issueDate: '2026-02-01', invoiceHash: h})).toBe(`https://qr.ksef.mf.gov.pl/invoice/5265877635/01-02-2026/${h}`);
    expect(kod1Link({env: 'D', sellerNip: '5265877635', issueDate: '2026-02-01', invoiceHash: h})).toMatch(/^https:\/\/qr-demo\.ksef\.mf\.gov\.pl\//);
    expect(() => kod1Link({env: 'P', sellerNip: '5265877635', issueDate: '01-02-2026', invoiceHash: h})).toThrow(/RRRR-MM-DD/);
  });
});

describe('KOD II', () => {
  const ex = V.kod2.officialExample;
  let ca: TestCert;
  let ecO: TestCert;
  let rsaO: TestCert;
  beforeAll(async () => {
    ca = await makeCa('TEST CCK KSeF');
    ecO = await issueCert({ca, type: 'O', serial: '01A2B3C4D5E6F708'});
    rsaO = await issueCert({ca, type: 'O', alg: 'RSA-2048', serial: '0123456789ABCDEF'});
  });

  it('the official example verifies with the TEST certificate; a changed link does not', () => {
    expect(verifyKod2(ex.url, CERT_PEM)).toBe(true);
    expect(parseKod2Link(ex.url)?.signedString).toBe(ex.signedString);
    expect(verifyKod2(ex.url.replace('/1111111111/01F2', '/1111111112/01F2'), CERT_PEM)).toBe(false);
    expect(verifyKod2(ex.url, ecO.certPem)).toBe(false);
  });

  it('with the official TEST key and inputs we build the same signed string, and the signature verifies in openssl (PSS salt 32)', () => {
    const key = createPrivateKey(readFileSync('test/fixtures/ksef/test-vectors/qr-example-key-01F20A5D352AE590.rsa-pkcs1.pem'));
    const r = kod2Link({
      env: 'T', context: {type: ex.contextIdentifierType, value: ex.contextIdentifierValue}, sellerNip: ex.sellerNip,
      serial: parseCertificate(CERT_PEM).serial, invoiceHash: ex.invoiceHashBase64Url, key,
    });
    expect(r.signedString).toBe(ex.signedString);
    expect(r.url.startsWith(`https://${ex.signedString}/`)).toBe(true);
    expect(Buffer.from(r.signature, 'base64url')).toHaveLength(256);
    expect(verifyKod2(r.url, CERT_PEM)).toBe(true);
    const pss = ['-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:32', '-sigopt', 'rsa_mgf1_md:sha256'];
    const ok = opensslVerify(r.signedString, r.signature, CERT_PEM, 'official', pss);
    expect(ok.stdout).toContain('Verified OK');
    const wrongSalt = opensslVerify(r.signedString, r.signature, CERT_PEM, 'official20', ['-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:20']);
    expect(wrongSalt.code).not.toBe(0);
  });

  it('RSA-2048 type O: openssl dgst verifies the PSS signature', () => {
    const r = kod2Link({env: 'P', context: {type: 'InternalId', value: '5265877635-12345'}, sellerNip: '5265877635', serial: '0123456789ABCDEF', invoiceHash: invoiceHash('x'), key: rsaO.key, certType: 'O'});
    expect(r.signedString).toBe(`qr.ksef.mf.gov.pl/certificate/InternalId/5265877635-12345/5265877635/0123456789ABCDEF/${invoiceHash('x')}`);
    const v = opensslVerify(r.signedString, r.signature, rsaO.certPem, 'rsaO', ['-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:32']);
    expect(v.stdout).toContain('Verified OK');
    expect(verifyKod2(r.url, rsaO.certPem)).toBe(true);
  });

  it('EC P-256 type O: signature is 64-byte R‖S and verifies in openssl after conversion to DER', () => {
    const r = kod2Link({env: 'T', context: {type: 'Nip', value: '5265877635'}, sellerNip: '5265877635', serial: '01A2B3C4D5E6F708', invoiceHash: invoiceHash('faktura'), key: ecO.key, certType: 'O'});
    const raw = Buffer.from(r.signature, 'base64url');
    expect(raw).toHaveLength(64);
    expect(opensslVerify(r.signedString, r.signature, ecO.certPem, 'ecO', [], p1363ToDer).stdout).toContain('Verified OK');
    // the raw R‖S bytes themselves are not DER: openssl rejects them unconverted
    expect(opensslVerify(r.signedString, r.signature, ecO.certPem, 'ecOraw', []).code).not.toBe(0);
    expect(verifyKod2(r.url, ecO.certPem)).toBe(true);
    expect(verifyKod2(r.url, rsaO.certPem)).toBe(false);
  });

  it('a type-A certificate may not sign KOD II', async () => {
    const a = await issueCert({ca, type: 'A'});
    expect(() => kod2Link({env: 'T', context: {type: 'Nip', value: '5265877635'}, sellerNip: '5265877635', serial: '01', invoiceHash: invoiceHash('f'), key: a.key, certType: 'A'})).toThrow(
      expect.objectContaining({code: 'authCannotSignQr'}),
    );
  });
});

describe('QR images', () => {
  const url = V.kod1.officialExample.url;

  it('SVG holds the code modules and the label under it', () => {
    const svg = qrSvg(url, 'OFFLINE');
    const size = QRCode.create(url, {errorCorrectionLevel: 'M'}).modules.size;
    expect(svg).toMatch(new RegExp(`viewBox="0 0 ${size + 8} ${size + 14}"`));
    expect(svg).toContain('>OFFLINE</text>');
    expect(qrSvg(url, 'A&B <x>')).toContain('>A&amp;B &lt;x&gt;</text>');
    expect(run('xmllint', ['--noout', '-'], svg).code).toBe(0);
  });

  it('PNG: modules match the QR matrix, label pixels under the code', async () => {
    const file = tmp.file('kod.png');
    await qrPng(url, 'CERTYFIKAT', file);
    const png = PNG.sync.read(readFileSync(file));
    const qr = QRCode.create(url, {errorCorrectionLevel: 'M'}).modules;
    const scale = 8;
    const quiet = 4;
    const qrPx = (qr.size + 2 * quiet) * scale;
    const offX = Math.floor((png.width - qrPx) / 2);
    const dark = (x: number, y: number) => png.data[(y * png.width + x) * 4] === 0;
    for (let y = 0; y < qr.size; y++)
      for (let x = 0; x < qr.size; x++) expect(dark(offX + (x + quiet) * scale + 3, (y + quiet) * scale + 3)).toBe(!!qr.get(y, x));
    let labelDark = 0;
    for (let y = qrPx - quiet * scale; y < png.height; y++) for (let x = 0; x < png.width; x++) if (dark(x, y)) labelDark++;
    expect(labelDark).toBeGreaterThan(100);
  });

  it('terminal rendering: half blocks with a 2-module quiet zone, ≤ 41 columns for a KOD I link', () => {
    const t = qrTerminal(url);
    const lines = t.split('\n');
    const size = QRCode.create(url, {errorCorrectionLevel: 'L'}).modules.size;
    expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(41);
    expect(lines).toHaveLength(Math.ceil((size + 4) / 2));
    expect(qrTerminalSize(url)).toEqual({columns: size + 4, rows: lines.length});
    expect(lines[0]).toBe('█'.repeat(size + 4)); // the top quiet zone: two light module rows
    expect(t).toMatch(/^[█▀▄ \n]+$/);
  });
});
