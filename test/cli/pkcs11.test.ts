// Keys on a real SoftHSM2 token through the CLI against the simulator (loopback): generate type A and O with
// --pkcs11-token, log in with the A, KOD II (single and --batch) with the O verified by openssl, keys checked
// never-extractable with pkcs11-tool, nothing of them in the store, export refused, wrong PIN, token removed.
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {DEMO_COMPANY} from '../../src/store/index.js';
import {parsePkcs11Uri} from '../../src/ksef/pkcs11/uri.js';
import {signWithXmlsec1} from '../helpers/simulator.js';
import {loadIdentityOntoToken, makeTestToken, type TestToken} from '../helpers/softhsm.js';
import {makeCertWorld, type CertWorld} from '../helpers/revoke-world.js';
import {fixture, opensslVerifyKod2} from '../helpers/qr-world.js';
import {warsawDate} from '../../src/domain/index.js';
import {cli} from '../helpers/cli-run.js';

let w: CertWorld;
let tok: TestToken;
let seal: {certPem: string; keyPem: string};
let tokenEnv: NodeJS.ProcessEnv;
const certs: Record<'A' | 'O', {serial: string; keyUri: string}> = {} as never;

beforeAll(async () => {
  tok = makeTestToken('KSEF-CLI', 'Pin-7391-5520'); // distinctive: searched for in the store below
  w = await makeCertWorld();
  seal = await w.sim.issueTestIdentity({env: 'DEMO', kind: 'seal', nip: DEMO_COMPANY.nip, organizationName: DEMO_COMPANY.name});
  tokenEnv = {KSEF_CERTS_PKCS11_MODULE: tok.module, KSEF_CERTS_PKCS11_PIN: tok.pin};
}, 60_000);
afterAll(async () => {
  await w?.cleanup();
  tok?.cleanup();
});

/** The fixture invoice issued today (P_1): KOD II needs a certificate valid on the issue date, ours are new. */
function todayInvoice(dir: string, name: string, n = 0): string {
  const file = path.join(dir, name);
  const xml = fs.readFileSync(fixture('fa3-beta-2026-02-01.xml'), 'utf8').replace(/<P_1>[^<]*<\/P_1>/, `<P_1>${warsawDate(new Date())}</P_1>`)
    .replace(/<P_2>([^<]*)<\/P_2>/, `<P_2>$1-${n}</P_2>`);
  fs.writeFileSync(file, xml);
  return file;
}

async function signedAuthXml(name: string): Promise<string> {
  const out = path.join(w.root, `${name}.xml`);
  expect((await cli(w, ['auth-request', '--env', 'D', '--nip', DEMO_COMPANY.nip, '--out', out])).code).toBe(0);
  const signed = path.join(w.root, `${name}-signed.xml`);
  fs.writeFileSync(signed, signWithXmlsec1(fs.readFileSync(out, 'utf8'), seal.certPem, seal.keyPem));
  return signed;
}

const privateObjects = (): string[] =>
  tok.tool(['--token-label', tok.label, '--login', '--pin', tok.pin, '-O']).split(/\n(?=\S)/).filter((b) => b.startsWith('Private Key Object'));

describe('generate --pkcs11-token', () => {
  it('type A: key pair generated on the token, CSR signed there; the record keeps the URI, no key in the store, no .key backup', async () => {
    const r = await cli(w, ['generate', '--owner', 'company', '--env', 'D', '--type', 'A', '--name', 'Token A', '--pkcs11-token', tok.label, '--signed', await signedAuthXml('a'), '--json'], {env: tokenEnv});
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.certificate).toMatchObject({state: 'issued', type: 'A'});
    expect(doc.certificate.keyPem).toBeUndefined();
    expect(doc.backup).toBeNull();
    expect(doc.tokenBackup.note).toMatch(/kopii \.key nie zapisano/);
    expect(fs.existsSync(doc.tokenBackup.certPath)).toBe(true);
    expect(fs.existsSync(doc.tokenBackup.certPath.replace(/\.crt$/, '.key'))).toBe(false);
    const ref = parsePkcs11Uri(doc.certificate.keyUri)!;
    expect(ref).toMatchObject({token: tok.label, type: 'private'});
    const rec = (await w.store.getCertificate(doc.certificate.serial))!;
    expect(rec.keyPem).toBe('');
    certs.A = {serial: rec.serial!, keyUri: rec.keyUri!};
    const obj = privateObjects().find((b) => b.includes(`ID:         ${ref.id!.toString('hex')}`))!;
    expect(obj).toMatch(/never extractable/);
    expect(obj).toMatch(/\bsensitive\b/);
  });

  it('type O authorised by the token type-A certificate (KSeF login signed on the token)', async () => {
    const r = await cli(w, ['generate', '--owner', 'company', '--env', 'D', '--type', 'O', '--name', 'Token O', '--pkcs11-token', tok.label, '--auth-cert', certs.A.serial], {env: tokenEnv});
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/typ O/);
    expect(r.out).toMatch(/kopii \.key nie zapisano/);
    const rec = (await w.store.listCertificates()).find((c) => c.name === 'Token O')!;
    expect(rec.keyUri).toMatch(/^pkcs11:token=KSEF-CLI;/);
    certs.O = {serial: rec.serial!, keyUri: rec.keyUri!};
    expect(privateObjects().filter((b) => /never extractable/.test(b))).toHaveLength(2);
    // The store document holds no private key for either certificate.
    const json = fs.readFileSync(path.join(w.dataDir, 'store.json'), 'utf8');
    const stored = JSON.parse(json).certificates.filter((c: {serial?: string}) => c.serial === certs.A.serial || c.serial === certs.O.serial);
    expect(stored).toHaveLength(2);
    for (const c of stored) expect(c.keyPem).toBe('');
  });
});

describe('use through the token', () => {
  it('login --cert with the token type-A certificate; list and show name the token', async () => {
    const r = await cli(w, ['login', '--cert', certs.A.serial, '--json'], {env: tokenEnv});
    expect(r.err).toBe('');
    expect(JSON.parse(r.out)).toMatchObject({loggedOut: true});
    expect((await cli(w, ['list'])).out).toContain(`[klucz: token „${tok.label}”]`);
    expect((await cli(w, ['show', certs.O.serial])).out).toMatch(/Klucz prywatny: +token „KSEF-CLI” — pkcs11:token=KSEF-CLI;/);
  });

  it('KOD II signed on the token: single invoice and --batch (main thread), verified by openssl', async () => {
    const r = await cli(w, ['qr', '--invoice', todayInvoice(w.root, 'fv-dzis.xml'), '--cert', certs.O.serial, '--context', `Nip:${DEMO_COMPANY.nip}`, '--json'], {env: tokenEnv});
    expect(r.err).toBe('');
    const certPem = (await w.store.getCertificate(certs.O.serial))!.certPem!;
    const one = JSON.parse(r.out);
    expect((await opensslVerifyKod2(one.kod2.url, certPem, w.root)).stdout).toMatch(/Verified OK/);

    const inDir = path.join(w.root, 'batch-in');
    fs.mkdirSync(inDir);
    for (let i = 0; i < 3; i++) todayInvoice(inDir, `fv-${i}.xml`, i);
    const b = await cli(w, ['qr', '--batch', inDir, '--out', path.join(w.root, 'batch-out'), '--cert', certs.O.serial, '--context', `Nip:${DEMO_COMPANY.nip}`, '--json'], {env: tokenEnv});
    const sum = JSON.parse(b.out);
    expect(sum).toMatchObject({ok: 3, failed: 0, workers: 1});
    for (const f of sum.files) expect((await opensslVerifyKod2(f.kod2.url, certPem, w.root)).code).toBe(0);
  });

  it('export writes the .crt only and refuses the key (exit 1)', async () => {
    const dir = path.join(w.root, 'export');
    fs.mkdirSync(dir);
    const r = await cli(w, ['export', certs.O.serial, '--dir', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/jest na tokenie „KSEF-CLI” i nie da się go wyeksportować/);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.crt'))).toHaveLength(1);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.key'))).toHaveLength(0);
  });
});

describe('import a certificate whose key is already on the token', () => {
  it('tokens lists the certificate objects; import --token-cert finds the key by public key; login signs with it', async () => {
    loadIdentityOntoToken(tok, seal.certPem, seal.keyPem, '0a0b', 'Pieczec');
    const list = await cli(w, ['tokens', '--pkcs11-token', tok.label, '--json'], {env: tokenEnv});
    expect(list.err).toBe('');
    const certsOnToken = JSON.parse(list.out).certificates;
    expect(certsOnToken).toEqual([expect.objectContaining({id: '0a0b', hasKey: true})]);
    const r = await cli(w, ['import', '--pkcs11-token', tok.label, '--token-cert', '0a0b', '--owner', 'company', '--env', 'D', '--type', 'A', '--name', 'Pieczec z karty', '--json'], {env: tokenEnv});
    expect(r.err).toBe('');
    const doc = JSON.parse(r.out);
    expect(doc.keyUri).toMatch(/^pkcs11:token=KSEF-CLI;.*id=%0a%0b;type=private$/);
    const rec = (await w.store.getCertificate(doc.serial))!;
    expect(rec).toMatchObject({keyPem: '', source: 'imported'});
    const login = await cli(w, ['login', '--cert', doc.serial, '--json'], {env: tokenEnv});
    expect(login.err).toBe('');
    expect(JSON.parse(login.out)).toMatchObject({loggedOut: true});
    // A certificate whose key is not on the token is refused, nothing stored.
    const before = (await w.store.listCertificates()).length;
    const crt = path.join(w.root, 'obcy.crt');
    fs.writeFileSync(crt, (await w.enroll({type: 'A'})).certPem!);
    const none = await cli(w, ['import', '--pkcs11-token', tok.label, '--crt', crt, '--owner', 'company', '--name', 'Obcy'], {env: tokenEnv});
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/nie ma klucza prywatnego tego certyfikatu/);
    expect((await w.store.listCertificates()).length).toBe(before + 1); // only the enroll() helper's own record
  });
});

describe('token failures (nothing stored)', () => {
  it('wrong PIN (Polish and --lang en), no module configured, module missing', async () => {
    const before = (await w.store.listCertificates()).length;
    const wrong = await cli(w, ['login', '--cert', certs.A.serial], {env: {...tokenEnv, KSEF_CERTS_PKCS11_PIN: '999999'}});
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/Nieprawidłowy PIN tokenu „KSEF-CLI”/);
    const en = await cli(w, ['--lang', 'en', 'login', '--cert', certs.A.serial], {env: {...tokenEnv, KSEF_CERTS_PKCS11_PIN: '999999'}});
    expect(en.err).toMatch(/Wrong PIN for token "KSEF-CLI"/);
    const none = await cli(w, ['qr', '--invoice', todayInvoice(w.root, 'fv-bez-modulu.xml'), '--cert', certs.O.serial]);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/nie wskazano modułu PKCS#11/);
    const missing = await cli(w, ['generate', '--owner', 'company', '--env', 'D', '--type', 'O', '--name', 'Brak modulu', '--pkcs11-token', tok.label, '--auth-cert', certs.A.serial],
      {env: {...tokenEnv, KSEF_CERTS_PKCS11_MODULE: path.join(w.root, 'nie-ma.so')}});
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/Nie znaleziono modułu PKCS#11/);
    expect((await w.store.listCertificates()).length).toBe(before);
  });

  it('the PIN is nowhere in the data folder (store, audit, backups)', () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, {withFileTypes: true})) {
        if (e.isDirectory()) walk(path.join(d, e.name));
        else files.push(path.join(d, e.name));
      }
    };
    walk(w.dataDir);
    expect(files.length).toBeGreaterThan(2);
    for (const f of files) expect(fs.readFileSync(f).includes(tok.pin), f).toBe(false);
  });

  it('token removed: a clear message, nothing stored', async () => {
    const before = (await w.store.listCertificates()).length;
    const tokens = path.join(tok.dir, 'tokens');
    const away = path.join(tok.dir, 'away');
    fs.mkdirSync(away);
    const moved = fs.readdirSync(tokens);
    for (const d of moved) fs.renameSync(path.join(tokens, d), path.join(away, d));
    try {
      const r = await cli(w, ['generate', '--owner', 'company', '--env', 'D', '--type', 'O', '--name', 'Bez tokenu', '--pkcs11-token', tok.label, '--signed', await signedAuthXml('gone')], {env: tokenEnv});
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/Nie znaleziono tokenu „KSEF-CLI” — włóż kartę/);
    } finally {
      for (const d of moved) fs.renameSync(path.join(away, d), path.join(tokens, d));
    }
    expect((await w.store.listCertificates()).length).toBe(before);
  });
});
