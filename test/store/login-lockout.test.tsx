// Failed logins back off per operator code and the lock-out lives in store.json: a reopened store, a new CLI
// process and the TUI login all see it; every refusal is audited. Real files in a temp dir, scrypt as in use.
import React from 'react';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {lockoutWaitMs} from '../../src/domain/index.js';
import {run} from '../../src/cli/run.js';
import {App} from '../../src/screens/shell/App.js';
import {createDemoStore, DEMO_CREDENTIALS, LoginLockedError, openStore} from '../../src/store/index.js';
import {captureIo} from '../helpers/cli-io.js';
import {runCli} from '../reliability/cli-child.js';
import {KEYS, waitForFrame} from '../helpers/ink.js';

const {admin, operator} = DEMO_CREDENTIALS;
let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ksef-lockout-'));
});
afterAll(() => fs.rmSync(tmp, {recursive: true, force: true}));
afterEach(cleanup);

async function demoDir(name: string): Promise<string> {
  const dir = path.join(tmp, name);
  await createDemoStore(dir);
  return dir;
}

/** A settable clock shared by every store opened on the folder (each open is a fresh instance: a "restart"). */
function clock(start = Date.parse('2026-03-02T08:00:00Z')) {
  let t = start;
  return {now: () => new Date(t), advance: (ms: number) => (t += ms)};
}

describe('lock-out in the store', () => {
  it('3 free failures, then 30 s, 60 s …; survives reopening the store; the right password waits; success clears it', async () => {
    const dir = await demoDir('store');
    const c = clock();
    const open = () => openStore(dir, {now: c.now});
    let store = await open();
    for (let i = 0; i < 3; i++) expect(await store.authenticate('JKOWALSKI', 'Zle-haslo-2026!', 'ws-1')).toBeUndefined();

    // A restart: a new store instance reads the lock from the file and refuses even the right password.
    store = await open();
    const e = await store.authenticate('JKOWALSKI', operator.password, 'ws-1').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LoginLockedError);
    expect(e).toMatchObject({operator: 'JKOWALSKI', failures: 3, until: new Date(c.now().getTime() + lockoutWaitMs(3)).toISOString()});
    expect(lockoutWaitMs(3)).toBe(30_000);
    // Another operator is not affected.
    expect(await store.authenticate('ADMIN', admin.password, 'ws-1')).toMatchObject({code: 'ADMIN'});

    // After the wait one more failure doubles it.
    c.advance(31_000);
    store = await open();
    expect(await store.authenticate('JKOWALSKI', 'Zle-haslo-2026!', 'ws-1')).toBeUndefined();
    const again = (await store.authenticate('JKOWALSKI', operator.password, 'ws-1').catch((x: unknown) => x)) as LoginLockedError;
    expect(again).toBeInstanceOf(LoginLockedError);
    expect(Date.parse(again.until) - c.now().getTime()).toBe(60_000);
    c.advance(61_000);
    expect(await (await open()).authenticate('JKOWALSKI', operator.password, 'ws-1')).toMatchObject({code: 'JKOWALSKI'});
    expect((await store.snapshot()).loginLocks?.JKOWALSKI).toBeUndefined();

    const log = (await store.listAudit()).filter((a) => a.operator === 'JKOWALSKI');
    expect(log.map((a) => a.action)).toEqual(['loginFailed', 'loginFailed', 'loginFailed', 'loginFailed', 'loginFailed', 'loginFailed', 'login']);
    expect(log[2].details).toMatch(/3\. nieudana próba z rzędu — logowanie zablokowane do 2026-03-02T08:00:30/);
    expect(log[3].details).toMatch(/odmowa: konto czasowo zablokowane do .* po 3 nieudanych próbach/);
    expect(JSON.stringify(log)).not.toContain(operator.password);
  });

  it('the wait grows to at most 15 minutes', () => {
    expect([1, 2, 3, 4, 5, 6].map(lockoutWaitMs)).toEqual([0, 0, 30_000, 60_000, 120_000, 240_000]);
    expect(lockoutWaitMs(40)).toBe(15 * 60_000);
  });
});

describe('lock-out in the CLI and the TUI', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await demoDir('cli');
  });

  async function cli(password: string, args: string[] = ['list']) {
    const x = captureIo({KSEF_CERTS_OPERATOR: operator.code, KSEF_CERTS_OPERATOR_PASSWORD: password});
    const code = await run(['--data', dir, ...args], x);
    return {code, out: x.out(), err: x.err()};
  }

  it('three wrong passwords in three runs, then a NEW process with the right one is refused (Polish, exit 1); English with --lang en', async () => {
    for (let i = 0; i < 3; i++) expect((await cli('Zle-haslo-2026!')).err).toContain('Nieprawidłowy kod operatora lub hasło.');
    const child = await runCli(['list'], {dataDir: dir, as: 'operator', timeoutMs: 20_000});
    expect(child.code).toBe(1);
    expect(child.err).toMatch(/Konto JKOWALSKI jest czasowo zablokowane po 3 nieudanych próbach logowania — spróbuj ponownie po \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    const en = await cli(operator.password, ['--lang', 'en', 'list']);
    expect(en.code).toBe(1);
    expect(en.err).toMatch(/Account JKOWALSKI is temporarily locked after 3 failed logins/);
  }, 30_000);

  it('the TUI login on the same store says so at once, without the menu', async () => {
    const store = await openStore(dir);
    const onExit = vi.fn();
    const r = render(<App store={store} dataDir={dir} workstation="ws-tui" onExit={onExit} />);
    await waitForFrame(r.lastFrame, 'Logowanie operatora');
    r.stdin.write(operator.code);
    await waitForFrame(r.lastFrame, operator.code);
    r.stdin.write(KEYS.enter);
    r.stdin.write(operator.password);
    await waitForFrame(r.lastFrame, '*'.repeat(operator.password.length));
    r.stdin.write(KEYS.enter);
    await waitForFrame(r.lastFrame, /Konto JKOWALSKI jest czasowo zablokowane po 3 nieudanych próbach/, 10_000);
    expect(r.lastFrame()).not.toContain('Menu główne');
    const last = (await store.listAudit()).at(-1)!;
    expect(last).toMatchObject({action: 'loginFailed', operator: 'JKOWALSKI', workstation: 'ws-tui', details: expect.stringMatching(/odmowa: konto czasowo zablokowane/)});
  }, 20_000);
});
