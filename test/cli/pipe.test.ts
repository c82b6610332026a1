// `ksef-certs list | head -1`, `audit | head`: a reader that closes early ends the command quietly (exit 0, no
// EPIPE stack trace). Runs the BUILT CLI as a real child whose stdout pipe the test closes before it writes.
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createDemoStore, DEMO_CREDENTIALS, openStore} from '../../src/store/index.js';
import {MAIN, STACK_TRACE} from '../reliability/cli-child.js';

let tmp: string;
let dataDir: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ksef-pipe-'));
  dataDir = path.join(tmp, 'data');
  await createDemoStore(dataDir);
  const store = await openStore(dataDir);
  for (let i = 0; i < 40; i++) await store.audit({operator: 'ADMIN', workstation: 'ws', action: 'export', details: `event ${i}`});
});
afterAll(() => fs.rmSync(tmp, {recursive: true, force: true}));

/** Starts the CLI, closes the reading end of its stdout at once, collects stderr and the exit. */
function runWithClosedReader(args: string[]): Promise<{code: number | null; signal: NodeJS.Signals | null; err: string}> {
  const env = {PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', CI: 'true',
    KSEF_CERTS_OPERATOR: DEMO_CREDENTIALS.admin.code, KSEF_CERTS_OPERATOR_PASSWORD: DEMO_CREDENTIALS.admin.password};
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, '--data', dataDir, ...args], {env, stdio: ['ignore', 'pipe', 'pipe']});
    child.stdout.destroy(); // the reader goes away before the first line, like `head` after its lines
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({code, signal, err});
    });
  });
}

describe('output piped to a reader that closes early', () => {
  it.each([['audit'], ['list']])('%s ends quietly', async (...args) => {
    const r = await runWithClosedReader(args);
    expect(r.err).not.toMatch(STACK_TRACE);
    expect(r.err).not.toContain('EPIPE');
    expect(r.signal).toBeNull();
    expect(r.code).toBe(0);
  });
});
