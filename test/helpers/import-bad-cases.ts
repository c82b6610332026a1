// The import part of the bad-input corpus (test/fixtures/bad/): static files from test/fixtures/bad/import plus
// cases generated into the world's temp dir (keys, PKCS#12, FIFOs, sparse 50 MB files). Shared by the flow and
// the CLI tests: each case must be refused with a Polish message and must not change the store.
import fs from 'node:fs';
import path from 'node:path';
import type {CertTypeCode, EnvCode} from '../../src/domain/index.js';
import {certForKey, companySubject, ecPair, openssl, PASSWORD, sh, toMcuKey, type World} from './import-fixtures.js';

export const BAD_DIR = path.resolve(import.meta.dirname, '../fixtures/bad/import');
const bad = (name: string) => path.join(BAD_DIR, name);

export interface BadCase {
  id: string;
  crt: string;
  key: string;
  password?: string;
  /** CLI owner syntax (company, branch:X, operator:X). */
  owner?: string;
  env?: EnvCode;
  type?: CertTypeCode;
  name?: string;
  /** Who imports: the demo admin (default) or the ordinary demo operator. */
  as?: 'admin' | 'operator';
  /** Expected error code (KsefCryptoError / FlowError / StoreError code). */
  code: string;
  message: RegExp;
}

/** Every case needs a Polish sentence: some diacritic or Polish word, no English library text. */
export const POLISH = /[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]|\b(nie|jest|plik|klucz|certyfikat)/i;

/** The (valid) pair most cases pair with one bad file: EC key in the Taxpayer App form + TEST type-A certificate. */
export interface BadWorld {
  cases: BadCase[];
  good: {crt: string; key: string; password: string; serial: string};
  /** Certificate already in the store before the cases run (for the duplicate-serial case). */
  imported: {crt: string; key: string; password: string};
}

export async function buildBadCases(w: World): Promise<BadWorld> {
  const g = await ecPair(w, 'good');
  const good = {crt: g.crtFile, key: toMcuKey(w, g.keyFile, 'good-mcu.key'), password: PASSWORD, serial: g.serial};
  const d = await ecPair(w, 'dup');
  const imported = {crt: d.crtFile, key: d.keyFile, password: ''};

  const other = await ecPair(w, 'other');
  const legacy = w.file('good-legacy.key');
  openssl('ec', '-in', g.keyFile, '-aes256', '-passout', `pass:${PASSWORD}`, '-out', legacy);
  const des3 = w.file('good-des3.key');
  openssl('pkcs8', '-topk8', '-v2', 'des3', '-in', g.keyFile, '-passout', `pass:${PASSWORD}`, '-out', des3);
  const p12 = w.file('good.p12');
  openssl('pkcs12', '-export', '-inkey', g.keyFile, '-in', g.crtFile, '-passout', `pass:${PASSWORD}`, '-out', p12);

  const expired = await ecPair(w, 'expired', {notBefore: new Date('2023-01-01T00:00:00Z'), notAfter: new Date('2025-01-01T00:00:00Z')});
  const ctrl = await ecPair(w, 'ctrl', {subject: companySubject('Beta \u001b[2J\u001b[31mFAŁSZ\u0007 (uwierzytelnienie)')});
  const unknownIssuer = await ecPair(w, 'unknown-issuer', {issuer: 'C=PL, O=Inny Urząd, CN=Jakieś CA'});
  const noType = await ecPair(w, 'no-type', {type: 'none', subject: companySubject('Beta bez przeznaczenia')});

  const weak = async (name: string, genArgs: string[]) => {
    const keyFile = w.file(`${name}.key`);
    openssl('genpkey', ...genArgs, '-out', keyFile);
    const c = await certForKey(keyFile, {ca: w.caTest});
    return {crt: w.write(`${name}.crt`, c.pem), key: keyFile};
  };
  const rsa1024 = await weak('rsa1024', ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024']);
  const ed25519 = await weak('ed25519', ['-algorithm', 'ED25519']);
  const p384 = await weak('p384', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384']);

  const dir = w.file('katalog z plikami');
  fs.mkdirSync(dir, {recursive: true});
  const big = w.file('duży certyfikat.crt');
  fs.writeFileSync(big, fs.readFileSync(g.crtFile));
  fs.truncateSync(big, 2 * 1024 * 1024); // sparse: a real 2 MB file, no 2 MB write
  const huge = w.file('huge.key');
  fs.closeSync(fs.openSync(huge, 'w'));
  fs.truncateSync(huge, 50 * 1024 * 1024);
  const fifo = w.file('kolejka.crt');
  sh('mkfifo', [fifo]);
  const missing = w.file('Zażółć gęślą jaźń/brak pliku.crt');

  const k = {key: good.key, password: PASSWORD};
  const c = {crt: good.crt};
  const cases: BadCase[] = [
    {id: 'empty .crt', crt: bad('empty.crt'), ...k, code: 'corruptCertificate', message: /pusty/},
    {id: 'empty .key', ...c, key: bad('empty.key'), code: 'corruptKey', message: /pusty/},
    {id: 'whitespace-only .crt', crt: bad('whitespace.crt'), ...k, code: 'corruptCertificate', message: /Uszkodzony plik certyfikatu/},
    {id: 'text note as .crt', crt: bad('garbage-text.crt'), ...k, code: 'corruptCertificate', message: /Uszkodzony plik certyfikatu/},
    {id: 'text note as .key', ...c, key: bad('garbage-text.key'), code: 'corruptKey', message: /Uszkodzony .* klucza/},
    {id: 'binary junk as .crt', crt: bad('garbage.bin'), ...k, code: 'corruptCertificate', message: /Uszkodzony plik certyfikatu/},
    {id: 'DER-looking junk as .crt', crt: bad('garbage-der.bin'), ...k, code: 'corruptCertificate', message: /Uszkodzony plik certyfikatu/},
    {id: 'DER-looking junk as .key', ...c, key: bad('garbage-der.bin'), code: 'corruptKey', message: /Uszkodzony .* klucza/},
    {id: 'PEM with a non-base64 body', crt: bad('bad-base64.pem'), ...k, code: 'corruptCertificate', message: /Uszkodzony plik certyfikatu/},
    {id: 'truncated PEM certificate', crt: bad('truncated-cert.pem'), ...k, code: 'corruptCertificate', message: /Uszkodzony plik certyfikatu/},
    {id: 'truncated DER certificate', crt: bad('truncated-cert.der'), ...k, code: 'corruptCertificate', message: /Uszkodzony plik certyfikatu/},
    {id: 'DER certificate with damaged bytes', crt: bad('corrupt-inner.der'), ...k, code: 'corruptCertificate', message: /Uszkodzony plik certyfikatu/},
    {id: 'truncated encrypted PEM key', ...c, key: bad('truncated-key.pem'), password: 'obciety', code: 'corruptKey', message: /Uszkodzony .* klucza/},
    {id: 'truncated encrypted DER key', ...c, key: bad('truncated-key.der'), password: 'obciety', code: 'corruptKey', message: /Uszkodzony .* klucza/},
    {id: 'UTF-16 PEM certificate', crt: bad('utf16.crt'), ...k, code: 'corruptCertificate', message: /Uszkodzony plik certyfikatu/},
    {id: 'HTML page saved as .crt', crt: bad('html-page.crt'), ...k, code: 'corruptCertificate', message: /Uszkodzony plik certyfikatu/},
    {id: 'CSR instead of a certificate', crt: bad('csr-as-crt.pem'), ...k, code: 'corruptCertificate', message: /wniosek \(CSR\)/},
    {id: 'key file given as .crt', crt: good.key, ...k, code: 'corruptCertificate', message: /klucza prywatnego \(\.key\), a nie certyfikat/},
    {id: 'certificate given as .key', ...c, key: good.crt, password: PASSWORD, code: 'corruptKey', message: /certyfikat \(\.crt\), a nie klucz/},
    {id: 'PKCS#12 given as .key', ...c, key: p12, password: PASSWORD, code: 'pkcs12NotSupported', message: /PKCS#12/},
    {id: 'PKCS#12 given as .crt', crt: p12, ...k, code: 'pkcs12NotSupported', message: /PKCS#12/},
    {id: 'key of another certificate', crt: other.crtFile, ...k, code: 'keyMismatch', message: /nie pasuje do certyfikatu/},
    {id: 'wrong password (PKCS#8 AES)', ...c, key: good.key, password: 'Złe-hasło-123', code: 'wrongPassword', message: /Nieprawidłowe hasło/},
    {id: 'wrong password (legacy SEC1 AES)', ...c, key: legacy, password: 'Złe-hasło-123', code: 'wrongPassword', message: /Nieprawidłowe hasło/},
    {id: 'wrong password (PKCS#8 3DES)', ...c, key: des3, password: PASSWORD.toUpperCase(), code: 'wrongPassword', message: /Nieprawidłowe hasło/},
    {id: 'encrypted key without a password', ...c, key: good.key, password: '', code: 'passwordRequired', message: /zaszyfrowany — podaj hasło/},
    {id: 'expired certificate', crt: expired.crtFile, key: expired.keyFile, code: 'expired', message: /wygasł 2025-01-01/},
    {id: 'control characters in CN', crt: ctrl.crtFile, key: ctrl.keyFile, code: 'controlChars', message: /znaki sterujące/},
    {id: 'folder given as .crt', crt: dir, ...k, code: 'isDirectory', message: /katalog zamiast pliku/},
    {id: 'folder given as .key', ...c, key: dir, password: PASSWORD, code: 'isDirectory', message: /katalog zamiast pliku/},
    {id: 'missing file, Polish letters and spaces in path', crt: missing, ...k, code: 'fileNotFound', message: /Nie znaleziono pliku .*Zażółć gęślą jaźń\/brak pliku\.crt/},
    {id: '2 MB file as .crt', crt: big, ...k, code: 'fileTooLarge', message: /zbyt duży/},
    {id: '50 MB file as .key', ...c, key: huge, password: PASSWORD, code: 'fileTooLarge', message: /zbyt duży/},
    {id: 'FIFO as .crt', crt: fifo, ...k, code: 'notRegularFile', message: /nie jest zwykły plik/},
    {id: 'RSA-1024 key', crt: rsa1024.crt, key: rsa1024.key, code: 'unsupportedKey', message: /RSA-1024/},
    {id: 'Ed25519 key', crt: ed25519.crt, key: ed25519.key, code: 'unsupportedKey', message: /Nieobsługiwany/},
    {id: 'EC P-384 key', crt: p384.crt, key: p384.key, code: 'unsupportedKey', message: /EC-secp384r1/},
    {id: 'unknown issuer, no environment given', crt: unknownIssuer.crtFile, key: unknownIssuer.keyFile, code: 'envRequired', message: /Nie rozpoznano środowiska/},
    {id: 'environment contradicting the issuer', ...c, ...k, env: 'P', code: 'envConflict', message: /środowisko TEST .* PROD/},
    {id: 'type contradicting KeyUsage', ...c, ...k, type: 'O', code: 'typeConflict', message: /typu A .* typu O/},
    {id: 'type not recognisable, none given', crt: noType.crtFile, key: noType.keyFile, code: 'typeRequired', message: /Nie rozpoznano typu/},
    {id: 'duplicate serial', crt: imported.crt, key: imported.key, code: 'duplicateSerial', message: /jest już w magazynie/},
    {id: 'ordinary operator → company', ...c, ...k, as: 'operator', owner: 'company', code: 'forbidden', message: /Brak uprawnień .* firmy/},
    {id: 'ordinary operator → branch', ...c, ...k, as: 'operator', owner: 'branch:CENTRALA', code: 'forbidden', message: /Brak uprawnień .* oddziału CENTRALA/},
    {id: 'ordinary operator → another operator', ...c, ...k, as: 'operator', owner: 'operator:ADMIN', code: 'forbidden', message: /operatora ADMIN/},
    {id: 'unknown branch', ...c, ...k, owner: 'branch:NIEMA', code: 'unknownOwner', message: /Nie ma oddziału o kodzie NIEMA/},
    {id: 'unknown operator', ...c, ...k, owner: 'operator:NIKT', code: 'unknownOwner', message: /Nie ma operatora o kodzie NIKT/},
    {id: 'name with control characters', ...c, ...k, name: 'Certyfikat\u001b[2J', code: 'badName', message: /znaki sterujące/},
  ];
  return {cases, good, imported};
}
