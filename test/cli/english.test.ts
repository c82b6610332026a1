// The CLI in English: per-command --help generated from the option tables, unknown options refused with exit 2 in
// either language, and `--lang en` (or the workstation's language) output of several commands with no Polish letter
// outside user data. The bin itself (dist/bin/main.js, `--demo` on a temp data dir) and, for certificates issued by
// the simulator, the same code in-process.
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {CertificateRecord} from '../../src/domain/index.js';
import {COMMAND_MANIFEST} from '../../src/cli/commands/manifest.js';
import {DEMO_CREDENTIALS} from '../../src/store/index.js';
import {POLISH} from '../helpers/polish-lines.js';
import {makeCertWorld, type CertWorld} from '../helpers/revoke-world.js';
import {cli} from '../helpers/cli-run.js';
import {run as runCli} from '../../src/cli/run.js';
import {captureIo} from '../helpers/cli-io.js';

const MAIN = path.resolve(import.meta.dirname, '../../dist/bin/main.js');
const run = promisify(execFile);
let tmp = '';
let data = '';

/** Runs the built bin; never throws on a non-zero exit. */
async function bin(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{code: number; out: string; err: string}> {
  try {
    const r = await run(process.execPath, [MAIN, ...args], {env: {PATH: process.env.PATH, ...env}, encoding: 'utf8'});
    return {code: 0, out: r.stdout, err: r.stderr};
  } catch (e) {
    const x = e as {code: number; stdout: string; stderr: string};
    return {code: x.code, out: x.stdout, err: x.stderr};
  }
}

/** The same CLI code in-process (no node start per call). */
async function inProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{code: number; out: string; err: string}> {
  const x = captureIo(env);
  const code = await runCli(args, x);
  return {code, out: x.out(), err: x.err()};
}

const admin = {KSEF_CERTS_OPERATOR: DEMO_CREDENTIALS.admin.code, KSEF_CERTS_OPERATOR_PASSWORD: DEMO_CREDENTIALS.admin.password};

/** Lines carrying a Polish letter once the given user data (names from the store, paths) is taken out. */
function polishLines(text: string, userData: string[] = []): string[] {
  return text.split('\n').filter((l) => POLISH.test(userData.reduce((s, u) => s.split(u).join(''), l)));
}

beforeAll(async () => {
  if (!fs.existsSync(MAIN)) throw new Error('Build first: npm run build (this suite runs dist/bin/main.js)');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ksef-cli-en-'));
  data = path.join(tmp, 'data');
  // The real bin creates the demo store (and lists nothing yet).
  const first = await bin(['--demo', '--data', data, '--lang', 'en', 'list'], admin);
  expect(first).toMatchObject({code: 0, out: 'No certificates match.\n'});
});
afterAll(() => fs.rmSync(tmp, {recursive: true, force: true}));

describe('per-command --help from the option table', () => {
  it('every command of the manifest answers --help with its usage, its summary and its options (exit 0)', async () => {
    // Commands that hand their argv to another CLI (the simulator's own) keep that CLI's help.
    const own = Object.keys(COMMAND_MANIFEST).filter((n) => !n.startsWith('simulator') && n !== 'check');
    // In-process (a node start per command would take a minute on a shared machine); the bin is run below.
    const results = [];
    for (const name of own) results.push({name, pl: await inProcess([name, '--help']), en: await inProcess(['--lang', 'en', name, '--help'])});
    for (const {name, pl, en} of results) {
      expect(pl.code, name).toBe(0);
      expect(pl.out, name).toMatch(new RegExp(`^Użycie: ksef-certs (\\[[^\\]]+\\] )*${name}`));
      expect(pl.out, name).toContain('Opcje:');
      expect(pl.out, name).toMatch(/-h, --help\s+ta pomoc/);
      expect(en.code, name).toBe(0);
      expect(en.out, name).toMatch(new RegExp(`^Usage: ksef-certs (\\[[^\\]]+\\] )*${name}`));
      expect(en.out, name).toContain('Options:');
      expect(polishLines(en.out), name).toEqual([]);
    }
    // The table names each option with its help line.
    const list = await bin(['--lang', 'en', 'list', '--help']);
    expect(list.out).toMatch(/--env D\|P\|T\s+only this environment/);
    expect(list.out).toMatch(/--status STATUS\s+only this status/);
    expect(list.out).toContain('list of KSeF certificates [A-1-5-7]');
    const sub = await bin(['--lang', 'en', 'config', 'set-branch', '--help']);
    expect(sub).toMatchObject({code: 0});
    expect(sub.out).toMatch(/--auth E\|Z\|C\s+authorisation method/);
  }, 60_000);

  it('the fast global --help still lists every command, summaries in the chosen language', async () => {
    const en = await bin(['--lang', 'en', '--help']);
    expect(en.code).toBe(0);
    expect(en.out).toMatch(/^ {2}revoke\s+revoke a certificate in KSeF — F8$/m);
    expect(polishLines(en.out)).toEqual([]);
    const pl = await bin(['--help']);
    expect(pl.out).toMatch(/^ {2}revoke\s+unieważnienie certyfikatu w KSeF — F8$/m);
  });
});

describe('unknown options: exit 2, a clear message in the session language', () => {
  const cases: [string[], string][] = [
    [['list', '--bogus'], '--bogus'],
    [['show', 'ABC', '--verbose'], '--verbose'],
    [['audit', '-x'], '-x'],
    [['config', 'set-workstation', '--sign-comand', 'x'], '--sign-comand'],
    [['export', '1234', '--dir', 'x', '--force'], '--force'],
    [['qr', '--invoice', 'a.xml', '--nope'], '--nope'],
  ];
  for (const [args, name] of cases) {
    it(args.join(' '), async () => {
      // The first case through the bin, the rest in-process.
      const exec = args[0] === 'list' ? bin : inProcess;
      const pl = await exec(['--data', data, ...args], admin);
      expect(pl.code).toBe(2);
      expect(pl.err).toContain(`Nieznana opcja: ${name}`);
      expect(pl.err).toContain(`Pomoc: ksef-certs ${args[0]}`);
      const en = await exec(['--data', data, '--lang', 'en', ...args], admin);
      expect(en.code).toBe(2);
      expect(en.err).toContain(`Unknown option: ${name}`);
      expect(en.err).toContain(`Usage: ksef-certs ${args[0]}`);
      expect(polishLines(en.err)).toEqual([]);
    });
  }

  it('a surplus argument and a repeated option are usage errors too; no login is attempted', async () => {
    const surplus = await bin(['--data', data, '--lang', 'en', 'show', 'A', 'B'], {});
    expect(surplus).toMatchObject({code: 2});
    expect(surplus.err).toContain('Unexpected argument: B');
    const twice = await bin(['--data', data, '--lang', 'en', 'list', '--env', 'D', '--env', 'P'], {});
    expect(twice).toMatchObject({code: 2});
    expect(twice.err).toContain('Option --env given twice.');
  });
});

describe('--lang en output of the demo store (the bin)', () => {
  it('config show, audit, operator, a refusal: English, times with their zone', async () => {
    const userData = [data, 'Oddział 1', 'Centrala'];
    const cfg = await bin(['--data', data, '--lang', 'en', 'config', 'show'], admin);
    expect(cfg.code).toBe(0);
    expect(cfg.out).toContain('e-signature command: (none)');
    expect(polishLines(cfg.out, userData)).toEqual([]);
    const op = await bin(['--data', data, '--lang', 'en', 'operator', 'set-pesel', 'JKOWALSKI', '--clear'], admin);
    expect(op).toMatchObject({code: 0, out: 'Saved operator JKOWALSKI: PESEL (none).\n'});
    const audit = await bin(['--data', data, '--lang', 'en', 'audit', '--limit', '3'], admin);
    expect(audit.code).toBe(0);
    expect(audit.out).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} CES?T {2}operator change\s+ADMIN/m);
    expect(polishLines(audit.out.split('\n').map((l) => l.replace(/ {2}\S.*$/, '')).join('\n'))).toEqual([]);
    const missing = await bin(['--data', data, '--lang', 'en', 'show', '0000DEAD'], admin);
    expect(missing).toMatchObject({code: 1, err: 'There is no certificate with serial number 0000DEAD in the store.\n'});
  });

  it("the workstation's language applies without --lang; --lang overrides it; '' clears the sign command", async () => {
    expect((await bin(['--data', data, 'config', 'set-workstation', '--language', 'en', '--sign-command', 'signer {file}'], admin)).code).toBe(0);
    const en = await bin(['--data', data, 'config', 'show'], admin);
    expect(en.out).toContain('e-signature command: signer {file}');
    const pl = await bin(['--data', data, '--lang', 'pl', 'config', 'show'], admin);
    expect(pl.out).toContain('polecenie e-podpisu: signer {file}');
    const cleared = await bin(['--data', data, 'config', 'set-workstation', '--sign-command', '', '--language', 'pl', '--json'], admin);
    expect(cleared.code).toBe(0);
    expect(JSON.parse(cleared.out).workstation).toMatchObject({signCommand: '', lang: 'pl'});
    expect((await bin(['--data', data, 'config', 'show'], admin)).out).toContain('polecenie e-podpisu: (brak)');
  });
});

describe('--lang en output with certificates issued by the simulator', () => {
  let w: CertWorld;
  let a: CertificateRecord;
  let o: CertificateRecord;
  beforeAll(async () => {
    w = await makeCertWorld();
    a = await w.enroll({type: 'A', name: 'Login cert'});
    o = await w.enroll({type: 'O', owner: {kind: 'company'}, name: 'Offline cert'});
  });
  afterAll(() => w?.cleanup());

  it('list, show, revoke and audit name statuses, owners, reasons and actions in English', async () => {
    // Names chosen here and the issuer's DN (certificate data) are user data.
    const user = ['Login cert', 'Offline cert', 'Ministerstwo Finansów'];
    const list = await cli(w, ['--lang', 'en', 'list']);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/operator JKOWALSKI\s+Login cert\s+A D .* active/);
    expect(list.out).toContain('Total: 2. "!" — expires within 30 days.');
    expect(polishLines(list.out, user)).toEqual([]);

    const revoke = await cli(w, ['--lang', 'en', 'revoke', a.serial!, '--reason', 'Superseded', '--yes']);
    expect(revoke.err).toBe('');
    expect(revoke.code).toBe(0);
    expect(revoke.out).toContain('superseded by a new certificate. Status in KSeF: revoked.');

    const show = await cli(w, ['--lang', 'en', 'show', a.serial!]);
    expect(show.code).toBe(0);
    expect(show.out).toMatch(/^Status: +revoked$/m);
    expect(show.out).toMatch(/^Revoked: +\d{4}-\d{2}-\d{2} \d{2}:\d{2} CES?T — superseded by a new certificate$/m);
    expect(show.out).toMatch(/^Purpose: +A — authentication in KSeF/m);
    expect(show.out).toMatch(/^ {2}\d{4}-\d{2}-\d{2} \d{2}:\d{2} CES?T {2}revocation {2}ADMIN/m);
    // The history's details are the audit log's own stored text: only the labelled lines are checked.
    expect(polishLines(show.out.split('\nHistory:')[0], user)).toEqual([]);

    const showO = await cli(w, ['--lang', 'en', 'show', o.serial!]);
    expect(showO.out).toMatch(/^Status: +active \(left: \d+ days\)$/m);
    expect(showO.out).toMatch(/^Owner: +company$/m);
    expect(polishLines(showO.out.split('\nHistory:')[0], user)).toEqual([]);

    // Polish: the same facts as names, never raw codes (issue 12: `ksefLogin`, `qrSign` shown as names).
    const audit = await cli(w, ['audit', '--limit', '50']);
    expect(audit.out).toMatch(/CES?T {2}unieważnienie\s+ADMIN/);
    expect(audit.out).not.toMatch(/CES?T {2}(revoke|login|ksefLogin|qrSign)\s/);
  });
});
