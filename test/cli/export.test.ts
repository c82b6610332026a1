// `ksef-certs export` end to end: password only from a file/env, files opened by openssl, refusals exit 1.
import {execFileSync} from 'node:child_process';
import {mkdtemp, readdir, stat, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {CertificateRecord} from '../../src/domain/index.js';
import {makeCertWorld, type CertWorld} from '../helpers/revoke-world.js';
import {cli} from '../helpers/cli-run.js';

const PASSWORD = 'Cli#Eksport2026';
let w: CertWorld;
let own: CertificateRecord;
let company: CertificateRecord;
let pwFile: string;

beforeAll(async () => {
  w = await makeCertWorld();
  own = await w.enroll({type: 'A', name: 'Mój certyfikat'});
  company = await w.enroll({type: 'A', owner: {kind: 'company'}, name: 'Firma A'});
  pwFile = path.join(w.root, 'haslo.txt');
  await writeFile(pwFile, `${PASSWORD}\n`, {mode: 0o600});
});
afterAll(() => w?.cleanup());

describe('ksef-certs export', () => {
  it('writes both files; the key opens with openssl pkey -passin file: and matches the certificate', async () => {
    const dir = await mkdtemp(path.join(w.root, 'out-'));
    const r = await cli(w, ['export', own.serial!, '--dir', dir, '--password-file', pwFile, '--json'], {as: 'operator'});
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(path.basename(doc.keyPath)).toBe(`Mój_certyfikat_${own.serial}.key`);
    expect((await stat(doc.keyPath)).mode & 0o777).toBe(0o600);
    const fromKey = execFileSync('openssl', ['pkey', '-in', doc.keyPath, '-passin', `file:${pwFile}`, '-pubout'], {encoding: 'utf8'});
    const fromCert = execFileSync('openssl', ['x509', '-in', doc.certPath, '-noout', '-pubkey'], {encoding: 'utf8'});
    expect(fromKey).toBe(fromCert);
    expect(r.out + r.err).not.toContain(PASSWORD);
  });

  it('an ordinary operator cannot export the company certificate (exit 1, Polish), nothing written', async () => {
    const dir = await mkdtemp(path.join(w.root, 'out-'));
    const r = await cli(w, ['export', company.serial!, '--dir', dir, '--password-file', pwFile], {as: 'operator'});
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Brak uprawnień: operator JKOWALSKI nie może eksportować/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('weak password from the file → exit 1 naming the missing rules; password on argv → usage error without echo', async () => {
    const dir = await mkdtemp(path.join(w.root, 'out-'));
    const weak = path.join(w.root, 'slabe.txt');
    await writeFile(weak, 'slabehaslo\n');
    const r = await cli(w, ['export', company.serial!, '--dir', dir, '--password-file', weak]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/brakuje: co najmniej 12 znaków, wielkiej litery, cyfry, znaku specjalnego/);
    const argv = await cli(w, ['export', company.serial!, '--dir', dir, '--password', 'Tajne#Haslo2026']);
    expect(argv.code).toBe(2);
    expect(argv.err).toMatch(/Hasła nie podaje się w wierszu poleceń/);
    expect(argv.err).not.toContain('Tajne#Haslo2026');
    const none = await cli(w, ['export', company.serial!, '--dir', dir]);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/Brak hasła/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('missing folder → exit 1; missing --dir → exit 2', async () => {
    const r = await cli(w, ['export', company.serial!, '--dir', path.join(w.root, 'brak'), '--password-file', pwFile]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/nie istnieje/);
    expect((await cli(w, ['export', company.serial!, '--password-file', pwFile])).code).toBe(2);
  });
});
