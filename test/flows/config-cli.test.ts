// `ksef-certs config …` in-process on a demo store in a temp dir: the same rules as the screens, exit codes 0/1/2.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {run} from '../../src/cli/run.js';
import {createDemoStore, DEMO_CREDENTIALS, openStore} from '../../src/store/index.js';
import {captureIo} from '../helpers/cli-io.js';

let tmp: string;
let dataDir: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ksef-cfg-cli-'));
  dataDir = path.join(tmp, 'data');
  await createDemoStore(dataDir);
});
afterAll(() => fs.rmSync(tmp, {recursive: true, force: true}));

async function cli(args: string[], as: 'admin' | 'operator' = 'admin') {
  const who = as === 'admin' ? DEMO_CREDENTIALS.admin : DEMO_CREDENTIALS.operator;
  const x = captureIo({KSEF_CERTS_OPERATOR: who.code, KSEF_CERTS_OPERATOR_PASSWORD: who.password});
  const code = await run(['--data', dataDir, 'config', ...args], x);
  return {code, out: x.out(), err: x.err()};
}

describe('ksef-certs config', () => {
  it('set-branch stores the values (admin); a PZ choice and a foreign host warn on stderr', async () => {
    const r = await cli(['set-branch', 'oddzial1', '--env', 'T', '--auth', 'Z', '--context', 'W:1111111111-00003', '--api-url', 'https://ksef.example.com/v2']);
    expect(r).toMatchObject({code: 0, out: 'Zapisano konfigurację oddziału ODDZIAL1.\n'});
    expect(r.err).toContain('nie jest serwerem KSeF');
    expect(r.err).toContain('Profil Zaufany może zostać odrzucony');
    const store = await openStore(dataDir);
    expect((await store.listBranches()).find(b => b.code === 'ODDZIAL1')!.config).toEqual({
      defaultEnv: 'T', authMethod: 'trustedProfile', contextType: 'InternalId', contextValue: '1111111111-00003', apiUrl: 'https://ksef.example.com/v2',
    });
    // '-' clears the override, N drops the InternalId; the rest is kept.
    expect((await cli(['set-branch', 'ODDZIAL1', '--api-url', '-', '--context', 'N'])).code).toBe(0);
    expect((await store.listBranches()).find(b => b.code === 'ODDZIAL1')!.config).toEqual({defaultEnv: 'T', authMethod: 'trustedProfile', contextType: 'Nip'});
  });

  it('refusals: bad InternalId and URL (exit 1), bad option value (exit 2), ordinary operator (exit 1)', async () => {
    const bad = await cli(['set-branch', 'CENTRALA', '--context', 'W:5265877635-00001']);
    expect(bad).toMatchObject({code: 1});
    expect(bad.err).toContain('musi zaczynać się od NIP firmy (1111111111)');
    expect((await cli(['set-branch', 'CENTRALA', '--api-url', 'ksef'])).err).toContain('nie jest adresem URL');
    expect((await cli(['set-branch', 'CENTRALA', '--env', 'X'])).code).toBe(2);
    const op = await cli(['set-branch', 'CENTRALA', '--env', 'P'], 'operator');
    expect(op.code).toBe(1);
    expect(op.err).toContain('tylko administrator');
    const store = await openStore(dataDir);
    expect((await store.listBranches()).find(b => b.code === 'CENTRALA')!.config).toEqual({defaultEnv: 'D', authMethod: 'esignature', contextType: 'Nip'});
  });

  it('set-workstation creates folders and saves for this host; show --json prints both', async () => {
    const sign = path.join(tmp, 'cli-ws', 'podpis');
    const r = await cli(['set-workstation', '--sign-folder', sign, '--sign-command', 'signer {file}', '--language', 'en']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Utworzono folder: ${sign}`);
    expect(fs.statSync(sign).isDirectory()).toBe(true);
    const show = await cli(['show', '--json']);
    const doc = JSON.parse(show.out);
    expect(doc.workstation).toMatchObject({host: os.hostname(), signFolder: sign, signCommand: 'signer {file}', lang: 'en'});
    expect(doc.branches.map((b: {code: string}) => b.code)).toEqual(['CENTRALA', 'ODDZIAL1']);
    const file = path.join(tmp, 'plik');
    fs.writeFileSync(file, '');
    // --lang pl: the workstation speaks English now (set above), and messages follow it unless --lang is given.
    const bad = await cli(['--lang', 'pl', 'set-workstation', '--export-folder', path.join(file, 'x')]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('Nie można utworzyć folderu');
  });
});
