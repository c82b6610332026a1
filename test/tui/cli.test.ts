// CLI shell: option parsing, dispatch and exit codes, operator login from env — against a real demo store on disk.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {isArgsError, parseArgs} from '../../src/cli/args.js';
import {run} from '../../src/cli/run.js';
import {createCliContext} from '../../src/cli/context.js';
import {CliError, getCommand, listCommands, registerCommand} from '../../src/cli/registry.js';
import {createDemoStore, DEMO_CREDENTIALS} from '../../src/store/index.js';
import {captureIo} from '../helpers/cli-io.js';


let tmp = '';
beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ksef-cli-'));
  await createDemoStore(path.join(tmp, 'data'));
});
afterAll(() => fs.rmSync(tmp, {recursive: true, force: true}));

describe('parseArgs', () => {
  it('reads global options, env defaults and the command with its own arguments', () => {
    const p = parseArgs(['--data', '/x', '--lang=en', 'list', '--json', '--operator', 'jan', '--help'], {KSEF_CERTS_DATA: '/env'});
    expect(isArgsError(p)).toBe(false);
    if (isArgsError(p)) return;
    expect(p.options).toMatchObject({dataDir: '/x', lang: 'en', operator: 'JAN', help: false, demo: false});
    expect(p.command).toBe('list');
    expect(p.rest).toEqual(['--json', '--help']);
  });

  it('falls back to KSEF_CERTS_DATA, ./data and KSEF_CERTS_OPERATOR', () => {
    const a = parseArgs([], {KSEF_CERTS_DATA: '/env/data', KSEF_CERTS_OPERATOR: 'ADMIN'});
    const b = parseArgs(['--demo'], {});
    expect(!isArgsError(a) && a.options).toMatchObject({dataDir: '/env/data', operator: 'ADMIN'});
    expect(!isArgsError(b) && b.options).toMatchObject({dataDir: './data', demo: true, lang: 'pl'});
  });

  it('reports unknown options, missing values and bad languages', () => {
    expect(parseArgs(['--bogus'], {})).toEqual({error: 'unknownOption', name: '--bogus'});
    expect(parseArgs(['--data'], {})).toEqual({error: 'missingValue', name: '--data'});
    expect(parseArgs(['--lang', 'de'], {})).toEqual({error: 'badLang', name: '--lang', value: 'de'});
  });
});

describe('run', () => {
  it('--help lists the options and the registered commands', async () => {
    const x = captureIo();
    expect(await run(['--help'], x)).toBe(0);
    expect(x.out()).toContain('--data DIR');
    expect(x.out()).toMatch(/simulator\s+uruchamia lokalny symulator KSeF 2\.0/);
    expect(x.out()).toContain('simulator-identity');
  });

  it('--version prints the package version', async () => {
    const x = captureIo();
    expect(await run(['--version'], x)).toBe(0);
    const pkg = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8'));
    expect(x.out().trim()).toBe(pkg.version);
  });

  it('an unknown command or option gives usage on stderr and exit 2', async () => {
    const a = captureIo();
    expect(await run(['frobnicate'], a)).toBe(2);
    expect(a.err()).toContain('Nieznane polecenie: frobnicate');
    expect(a.err()).toContain('Użycie: ksef-certs');
    expect(a.out()).toBe('');
    const b = captureIo();
    expect(await run(['--nope'], b)).toBe(2);
    expect(b.err()).toContain('Nieznana opcja: --nope');
  });

  it('dispatches to a registered command with its argv and returns its code; CliError → message and code', async () => {
    const seen: string[][] = [];
    if (!getCommand('test-echo')) {
      registerCommand({name: 'test-echo', summary: 'echo', usage: 'ksef-certs test-echo ARGS', run: async (_c, argv) => (seen.push(argv), 0)});
      registerCommand({name: 'test-refuse', summary: 'refuse', usage: '', run: async () => { throw new CliError('Odmowa: reguła.'); }});
    }
    expect(await run(['--data', tmp, 'test-echo', 'a', '--x'], captureIo())).toBe(0);
    expect(seen).toEqual([['a', '--x']]);
    const x = captureIo();
    expect(await run(['test-refuse'], x)).toBe(1);
    expect(x.err()).toBe('Odmowa: reguła.\n');
    expect(listCommands().map(c => c.name)).toContain('test-echo');
  });

  it('the TUI refuses to start without a terminal (exit 2, Polish message)', async () => {
    const x = captureIo();
    // vitest workers have no TTY on stdin
    expect(await run(['--data', path.join(tmp, 'data')], x)).toBe(2);
    expect(x.err()).toContain('Interfejs terminalowy wymaga terminala (TTY).');
  });
});

describe('CLI login', () => {
  const opts = (operator?: string) => ({dataDir: path.join(tmp, 'data'), demo: false, lang: 'pl' as const, operator, help: false, version: false, ksef: 'simulator' as const});

  it('logs in with the password from KSEF_CERTS_OPERATOR_PASSWORD', async () => {
    const ctx = createCliContext(opts('ADMIN'), captureIo({KSEF_CERTS_OPERATOR_PASSWORD: DEMO_CREDENTIALS.admin.password}));
    const {operator} = await ctx.login();
    expect(operator).toMatchObject({code: 'ADMIN', role: 'admin'});
  });

  it('refuses a wrong password (exit 1), a missing operator (exit 2) and a missing password without a TTY', async () => {
    await expect(createCliContext(opts('ADMIN'), captureIo({KSEF_CERTS_OPERATOR_PASSWORD: 'wrong'})).login())
      .rejects.toMatchObject({message: 'Nieprawidłowy kod operatora lub hasło.', exitCode: 1});
    await expect(createCliContext(opts(undefined), captureIo({})).login()).rejects.toMatchObject({exitCode: 2});
    await expect(createCliContext(opts('ADMIN'), captureIo({})).login())
      .rejects.toMatchObject({message: expect.stringContaining('KSEF_CERTS_OPERATOR_PASSWORD')});
  });

  it('says how to create a store when the folder has none', async () => {
    const ctx = createCliContext({...opts('ADMIN'), dataDir: path.join(tmp, 'missing')}, captureIo({KSEF_CERTS_OPERATOR_PASSWORD: 'x'}));
    await expect(ctx.login()).rejects.toMatchObject({message: expect.stringContaining('--demo')});
  });
});
