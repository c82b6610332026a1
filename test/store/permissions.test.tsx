// A data folder (or its secret files) that group/other can reach is corrected on open (0700 / 0600) and reported:
// on CLI stderr (Polish, English under --lang en) and in the TUI's main-menu banner.
import React from 'react';
import {chmod, stat, readdir} from 'node:fs/promises';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {run} from '../../src/cli/run.js';
import {App} from '../../src/screens/shell/App.js';
import {createDemoStore, DEMO_CREDENTIALS, openStore} from '../../src/store/index.js';
import {captureIo} from '../helpers/cli-io.js';
import {waitForFrame} from '../helpers/ink.js';
import {tempDir} from './helpers.js';

afterEach(cleanup);

const mode = async (p: string) => (await stat(p)).mode & 0o777;

/** A demo store whose folder and files were left readable by others (a copy made with umask 022 and chmod). */
async function exposedStore(): Promise<string> {
  const {sub: dir} = await tempDir();
  await createDemoStore(dir);
  await openStore(dir).then((s) => s.update((d) => void (d.company.name = 'Druga wersja'))); // creates store.json.bak
  await chmod(dir, 0o755);
  await chmod(path.join(dir, 'store.json'), 0o644);
  await chmod(path.join(dir, 'store.json.bak'), 0o640);
  await chmod(path.join(dir, 'master.key'), 0o604);
  return dir;
}

describe('data folder permissions', () => {
  it('openStore: folder → 0700, store.json / .bak / master.key → 0600, each change listed once; a tight store has none', async () => {
    const dir = await exposedStore();
    const store = await openStore(dir);
    expect(await mode(dir)).toBe(0o700);
    for (const f of ['store.json', 'store.json.bak', 'master.key']) expect(await mode(path.join(dir, f)), f).toBe(0o600);
    expect(store.warnings).toEqual([
      {code: 'permissionsFixed', path: dir, was: '0755', now: '0700'},
      {code: 'permissionsFixed', path: path.join(dir, 'master.key'), was: '0604', now: '0600'},
      {code: 'permissionsFixed', path: path.join(dir, 'store.json'), was: '0644', now: '0600'},
      {code: 'permissionsFixed', path: path.join(dir, 'store.json.bak'), was: '0640', now: '0600'},
    ]);
    expect((await openStore(dir)).warnings).toEqual([]);
    expect((await readdir(dir)).sort()).toEqual(['master.key', 'store.json', 'store.json.bak']);
  });

  it('CLI: the warning goes to stderr (Polish; English with --lang en), the command still runs', async () => {
    const dir = await exposedStore();
    const env = {KSEF_CERTS_OPERATOR: DEMO_CREDENTIALS.admin.code, KSEF_CERTS_OPERATOR_PASSWORD: DEMO_CREDENTIALS.admin.password};
    const pl = captureIo(env);
    expect(await run(['--data', dir, 'audit', '--json'], pl)).toBe(0);
    expect(pl.err()).toContain(`Uwaga: ${dir} był dostępny dla innych użytkowników (prawa 0755) — zmieniono na 0700.`);
    expect(pl.err()).toContain(`${path.join(dir, 'master.key')} był dostępny dla innych użytkowników (prawa 0604)`);
    expect(await mode(dir)).toBe(0o700);
    await chmod(dir, 0o750);
    const en = captureIo(env);
    expect(await run(['--data', dir, '--lang', 'en', 'audit', '--json'], en)).toBe(0);
    expect(en.err().trim()).toBe(`Warning: ${dir} was accessible to other users (mode 0750) — changed to 0700. Check who could have read the keys.`);
  });

  it('TUI: the main menu banner names the corrected folder', async () => {
    const dir = await exposedStore();
    const store = await openStore(dir);
    const admin = (await store.listOperators()).find((o) => o.role === 'admin')!;
    const r = render(<App store={store} dataDir={dir} operator={admin} escTimeoutMs={0} />);
    await waitForFrame(() => (r.lastFrame() ?? '').replace(/\s+/g, ' '), `(prawa 0755) — zmieniono na 0700`);
  });
});
