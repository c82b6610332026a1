// F4 export flow: real certificate issued by the simulator, files checked with openssl, refusals leave nothing behind.
import {execFileSync} from 'node:child_process';
import {mkdtemp, readdir, readFile, stat, writeFile, chmod} from 'node:fs/promises';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {CertificateRecord} from '../../src/domain/index.js';
import {exportCertificate, exportPaths, passwordPolicyMessage} from '../../src/flows/export.js';
import {FlowError} from '../../src/flows/errors.js';
import {writeCertFile} from '../../src/ksef/keys.js';
import {makeCertWorld, type CertWorld} from '../helpers/revoke-world.js';

const PASSWORD = 'Eksport#2026abc';
let w: CertWorld;
let rec: CertificateRecord;
let companyRec: CertificateRecord;

beforeAll(async () => {
  w = await makeCertWorld();
  rec = await w.enroll({type: 'A', name: 'Jan Kowalski A'});
  companyRec = await w.enroll({type: 'O', owner: {kind: 'company'}, name: 'Firma offline'});
});
afterAll(() => w?.cleanup());

const newDir = () => mkdtemp(path.join(w.root, 'out-'));
const deps = (op = w.admin) => ({store: w.store, operator: op, workstation: 'ws-test'});
const fail = async (p: Promise<unknown>): Promise<FlowError> => {
  const e = await p.then(() => undefined, (err) => err);
  expect(e).toBeInstanceOf(FlowError);
  return e as FlowError;
};
const openssl = (args: string[]) => execFileSync('openssl', args, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});

describe('exportCertificate', () => {
  it('writes <name>_<serial>.crt and an encrypted .key (0600) that openssl opens with the password and that matches the .crt', async () => {
    const dir = await newDir();
    const res = await exportCertificate(deps(w.operator), rec, {dir, password: PASSWORD});
    expect(path.basename(res.certPath)).toBe(`Jan_Kowalski_A_${rec.serial}.crt`);
    expect(path.basename(res.keyPath)).toBe(`Jan_Kowalski_A_${rec.serial}.key`);
    expect((await stat(res.keyPath)).mode & 0o777).toBe(0o600);
    const keyText = await readFile(res.keyPath, 'utf8');
    expect(keyText).toContain('BEGIN ENCRYPTED PRIVATE KEY');
    expect(keyText).not.toMatch(/BEGIN (RSA |EC )?PRIVATE KEY/);

    const pw = path.join(w.root, 'pw.txt');
    await writeFile(pw, `${PASSWORD}\n`, {mode: 0o600});
    const fromKey = openssl(['pkey', '-in', res.keyPath, '-passin', `file:${pw}`, '-pubout']);
    const fromCert = openssl(['x509', '-in', res.certPath, '-noout', '-pubkey']);
    expect(fromKey).toContain('BEGIN PUBLIC KEY');
    expect(fromKey).toBe(fromCert);
    expect(openssl(['x509', '-in', res.certPath, '-noout', '-serial']).trim()).toBe(`serial=${rec.serial}`);

    await writeFile(pw, 'Zle#Haslo12345\n');
    expect(() => openssl(['pkey', '-in', res.keyPath, '-passin', `file:${pw}`, '-pubout'])).toThrow();

    const audit = (await w.store.listAudit()).filter((e) => e.action === 'export' && e.certificateId === rec.id);
    expect(audit).toHaveLength(1);
    expect(audit[0].operator).toBe(w.operator.code);
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);
  });

  it('refuses a password that breaks the policy and names what is missing (Polish); nothing is written', async () => {
    expect(passwordPolicyMessage(PASSWORD)).toBeUndefined();
    const dir = await newDir();
    const e = await fail(exportCertificate(deps(), rec, {dir, password: 'krotkie1'}));
    expect(e.code).toBe('weakPassword');
    expect(e.message).toContain('co najmniej 12 znaków');
    expect(e.message).toContain('wielkiej litery');
    expect(e.message).toContain('znaku specjalnego');
    expect(e.message).not.toContain('cyfry');
    expect(await readdir(dir)).toEqual([]);
  });

  it('an ordinary operator cannot export a certificate that is not his own', async () => {
    const dir = await newDir();
    const e = await fail(exportCertificate(deps(w.operator), companyRec, {dir, password: PASSWORD}));
    expect(e.code).toBe('forbidden');
    expect(e.message).toMatch(/Brak uprawnień: operator JKOWALSKI nie może eksportować/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('does not overwrite existing files unless asked', async () => {
    const dir = await newDir();
    const {certPath} = exportPaths(companyRec, dir);
    await writeFile(certPath, 'stary plik');
    const e = await fail(exportCertificate(deps(), companyRec, {dir, password: PASSWORD}));
    expect(e.code).toBe('exists');
    expect(e.message).toContain(path.basename(certPath));
    expect(await readFile(certPath, 'utf8')).toBe('stary plik');
    const res = await exportCertificate(deps(), companyRec, {dir, password: PASSWORD, overwrite: true});
    expect(await readFile(res.certPath, 'utf8')).toBe(companyRec.certPem);
  });

  it('missing folder and a file instead of a folder: Polish messages', async () => {
    const dir = await newDir();
    const missing = path.join(dir, 'nie ma', 'tu');
    expect((await fail(exportCertificate(deps(), rec, {dir: missing, password: PASSWORD}))).message).toMatch(/nie istnieje/);
    const file = path.join(dir, 'plik.txt');
    await writeFile(file, 'x');
    expect((await fail(exportCertificate(deps(), rec, {dir: file, password: PASSWORD}))).message).toMatch(/nie jest folderem/);
  });

  it('full disk (ENOSPC while writing the .key): refused, the .crt already written is removed, no temp files', async () => {
    const dir = await newDir();
    const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), {code: 'ENOSPC'});
    const e = await fail(exportCertificate({...deps(), files: {writeCert: writeCertFile, writeKey: async () => { throw enospc; }}}, rec, {dir, password: PASSWORD}));
    expect(e.code).toBe('ENOSPC');
    expect(e.message).toMatch(/Brak miejsca na dysku/);
    expect(e.message).toMatch(/Nie zapisano żadnego pliku/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('read-only folder: refused with a Polish message, nothing left (EROFS from the file system)', async () => {
    const dir = await newDir();
    const erofs = Object.assign(new Error('EROFS: read-only file system, open'), {code: 'EROFS'});
    const e = await fail(exportCertificate({...deps(), files: {writeCert: async () => { throw erofs; }, writeKey: async () => undefined}}, rec, {dir, password: PASSWORD}));
    expect(e.message).toMatch(/tylko do odczytu/);
    expect(await readdir(dir)).toEqual([]);
  });

  it.skipIf(process.getuid?.() === 0)('read-only folder (chmod 0555, non-root run): refused before writing', async () => {
    const dir = await newDir();
    await chmod(dir, 0o555);
    try {
      const e = await fail(exportCertificate(deps(), rec, {dir, password: PASSWORD}));
      expect(e.message).toMatch(/Brak uprawnień do zapisu|tylko do odczytu/);
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await chmod(dir, 0o755);
    }
  });
});
