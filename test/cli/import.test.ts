// `ksef-certs import` end to end through the CLI runner, on a real store in a temp dir: exit codes, --json
// documents, password sources, and the whole bad-input corpus (exit 1, certificates untouched).
import fs from 'node:fs';
import {afterAll, describe, expect, it} from 'vitest';
import {run} from '../../src/cli/run.js';
import {DEMO_CREDENTIALS} from '../../src/store/index.js';
import {passwordFromFileBytes} from '../../src/cli/password-source.js';
import {buildBadCases, POLISH} from '../helpers/import-bad-cases.js';
import {ecPair, makeWorld, PASSWORD, toMcuKey} from '../helpers/import-fixtures.js';
import {captureIo} from '../helpers/cli-io.js';

const w = await makeWorld('ksef-cli-import-');
const bw = await buildBadCases(w);
afterAll(() => w.cleanup());

async function cli(args: string[], o: {as?: 'admin' | 'operator'; env?: NodeJS.ProcessEnv} = {}) {
  const who = DEMO_CREDENTIALS[o.as ?? 'admin'];
  const x = captureIo({KSEF_CERTS_OPERATOR_PASSWORD: who.password, ...o.env});
  const code = await run(['--data', w.dataDir, '--operator', who.code, 'import', ...args], x);
  return {code, out: x.out(), err: x.err()};
}

let passN = 0;
const passFile = (password: string) => w.write(`pass-${passN++}.txt`, `${password}\n`);

const certsJson = () => JSON.stringify(JSON.parse(w.storeBytes().toString()).certificates);
const auditActions = async () => (await w.store.listAudit()).map((e) => e.action);

describe('import CLI: success paths', () => {
  it('imports a Taxpayer App key for the company; --json prints the record without the key', async () => {
    const p = await ecPair(w, 'cli-ok');
    const key = toMcuKey(w, p.keyFile, 'cli-ok-mcu.key');
    const r = await cli(['--crt', p.crtFile, '--key', key, '--password-file', passFile(PASSWORD), '--owner', 'company', '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc).toMatchObject({serial: p.serial, owner: {kind: 'company'}, env: 'T', type: 'A', state: 'issued', source: 'imported', createdBy: 'ADMIN', warnings: []});
    expect(doc.keyPem).toBeUndefined();
    expect(r.out).not.toMatch(/PRIVATE KEY/);
    const stored = (await w.store.listCertificates()).find((c) => c.serial === p.serial)!;
    expect(stored.id).toBe(doc.id);
    expect(stored.keyPem).toMatch(/ENCRYPTED/);
    expect((await w.store.listAudit()).at(-1)).toMatchObject({action: 'import', operator: 'ADMIN', serial: p.serial});
  });

  it('text output in Polish; password from KSEF_CERTS_PASSWORD; --name, --env=, branch owner', async () => {
    const p = await ecPair(w, 'cli-text', {issuer: 'CN=Nieznane CA'});
    const key = toMcuKey(w, p.keyFile, 'cli-text-mcu.key');
    const r = await cli(['--crt', p.crtFile, '--key', key, '--owner', 'branch:oddzial1', '--env=D', '--name', 'Oddział — pieczęć'], {env: {KSEF_CERTS_PASSWORD: PASSWORD}});
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Zaimportowano certyfikat „Oddział — pieczęć” dla oddziału ODDZIAL1: typ A, środowisko D, nr seryjny/);
  });

  it('expired: exit 1 with the --force-expired hint, then exit 0 with --force-expired and a warning', async () => {
    const p = await ecPair(w, 'cli-exp', {notBefore: new Date('2023-01-01T00:00:00Z'), notAfter: new Date('2025-01-01T00:00:00Z')});
    const args = ['--crt', p.crtFile, '--key', p.keyFile, '--owner', 'company'];
    const before = certsJson();
    const a = await cli(args);
    expect(a.code).toBe(1);
    expect(a.err).toMatch(/Certyfikat wygasł 2025-01-01 .*--force-expired/);
    expect(certsJson()).toBe(before);
    const b = await cli([...args, '--force-expired', '--json']);
    expect(b.code).toBe(0);
    expect(JSON.parse(b.out).warnings).toEqual(['expired']);
  });

  it('a CRLF password file with a BOM (Notepad) is read as its first line', async () => {
    expect(passwordFromFileBytes(Buffer.from('\ufeffTajne hasło\r\ndruga linia\n'))).toBe('Tajne hasło');
    expect(passwordFromFileBytes(Buffer.from('bez nowej linii'))).toBe('bez nowej linii');
    expect(passwordFromFileBytes(Buffer.from('\n'))).toBe('');
    const p = await ecPair(w, 'cli-crlf');
    const key = toMcuKey(w, p.keyFile, 'cli-crlf-mcu.key');
    const f = w.write('crlf.txt', Buffer.from(`\ufeff${PASSWORD}\r\nignored\r\n`));
    const r = await cli(['--crt', p.crtFile, '--key', key, '--password-file', f, '--owner', 'company']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it('an ordinary operator imports for themself', async () => {
    const p = await ecPair(w, 'cli-oper');
    const r = await cli(['--crt', p.crtFile, '--key', p.keyFile, '--owner', 'operator:jkowalski', '--json'], {as: 'operator'});
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({owner: {kind: 'operator', code: 'JKOWALSKI'}, createdBy: 'JKOWALSKI'});
  });
});

describe('import CLI: usage errors exit 2', () => {
  const p = {crt: bw.good.crt, key: bw.good.key};
  const cases: [string, string[], RegExp][] = [
    ['no --crt', ['--key', p.key, '--owner', 'company'], /--crt PLIK/],
    ['no --key', ['--crt', p.crt, '--owner', 'company'], /--key PLIK/],
    ['no --owner', ['--crt', p.crt, '--key', p.key], /--owner/],
    ['bad owner', ['--crt', p.crt, '--key', p.key, '--owner', 'szef'], /Nieprawidłowy właściciel: szef/],
    ['bad env', ['--crt', p.crt, '--key', p.key, '--owner', 'company', '--env', 'X'], /Nieprawidłowe środowisko/],
    ['bad type', ['--crt', p.crt, '--key', p.key, '--owner', 'company', '--type', 'Z'], /Nieprawidłowy typ/],
    ['unknown option', ['--crt', p.crt, '--key', p.key, '--owner', 'company', '--bogus'], /Nieznana opcja: --bogus/],
    ['password on the command line', ['--crt', p.crt, '--key', p.key, '--owner', 'company', '--password', 'sekret'], /Hasła nie podaje się w wierszu poleceń/],
    ['missing value', ['--crt'], /--crt wymaga wartości/],
  ];
  for (const [name, args, msg] of cases) {
    it(name, async () => {
      const before = w.storeBytes();
      const r = await cli(args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(msg);
      expect(r.err).toContain('Użycie: ksef-certs import');
      expect(w.storeBytes().equals(before)).toBe(true); // refused before login: not even a login event
    });
  }

  it('--json usage error is a JSON document too', async () => {
    const r = await cli(['--json', '--owner', 'company']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).error).toMatchObject({code: 'usage'});
  });

  it('the global --help lists the command', async () => {
    const x = captureIo();
    expect(await run(['--help'], x)).toBe(0);
    expect(x.out()).toMatch(/import\s+importuje certyfikat KSeF \(\.crt \+ \.key\) do bazy/);
  });

  it('--help prints the usage and exits 0', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('--password-file');
  });
});

describe('import CLI: password sources refused with exit 1', () => {
  it('missing password file', async () => {
    const r = await cli(['--crt', bw.good.crt, '--key', bw.good.key, '--owner', 'company', '--password-file', w.file('nie ma hasła.txt')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Nie znaleziono pliku z hasłem: .*nie ma hasła\.txt/);
  });

  it('a 50 MB "password file" is not read', async () => {
    const f = w.file('huge-pass.txt');
    fs.closeSync(fs.openSync(f, 'w'));
    fs.truncateSync(f, 50 * 1024 * 1024);
    const r = await cli(['--crt', bw.good.crt, '--key', bw.good.key, '--owner', 'company', '--password-file', f]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/zbyt duży/);
  });

  it('encrypted key, no password source and no terminal → hint at --password-file', async () => {
    const r = await cli(['--crt', bw.good.crt, '--key', bw.good.key, '--owner', 'company']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/zaszyfrowany — podaj hasło .*--password-file/);
  });
});

describe('import CLI: the bad-input corpus → exit 1, Polish message, certificates unchanged', () => {
  it('has the duplicate in the store first', async () => {
    const r = await cli(['--crt', bw.imported.crt, '--key', bw.imported.key, '--owner', 'company']);
    expect(r.code).toBe(0);
  });

  for (const c of bw.cases) {
    it(c.id, async () => {
      const args = ['--crt', c.crt, '--key', c.key, '--owner', c.owner ?? 'company', '--json'];
      if (c.password !== undefined) args.push('--password-file', passFile(c.password));
      if (c.env) args.push('--env', c.env);
      if (c.type) args.push('--type', c.type);
      if (c.name) args.push('--name', c.name);
      const certsBefore = certsJson();
      const auditBefore = (await auditActions()).length;
      const r = await cli(args, {as: c.as});
      expect(r.code, r.out + r.err).toBe(1);
      const doc = JSON.parse(r.out);
      expect(doc.error.code).toBe(c.code);
      expect(doc.error.message).toMatch(c.message);
      expect(doc.error.message).toMatch(POLISH);
      expect(r.err).toBe('');
      expect(certsJson()).toBe(certsBefore);
      const added = (await auditActions()).slice(auditBefore);
      expect(added).toEqual(c.code === 'wrongPassword' ? ['login', 'passwordFailed'] : ['login']);
      if (c.password) expect(w.storeBytes().toString()).not.toContain(c.password);
    });
  }
});
