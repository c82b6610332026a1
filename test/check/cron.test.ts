// The BUILT CLI run the way cron runs it: a child process with no terminal (stdin /dev/null, pipes for output),
// a minimal environment, the password from a file. Needs `npm run build` (npm test does it first).
import {spawn} from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {MAIN} from '../reliability/cli-child.js';
import {startWebhook, type Hook} from './alert-servers.js';
import {makeCheckWorld, type CheckWorld} from './helpers.js';

let w: CheckWorld;
let hook: Hook;
const DAY = 86_400_000;

beforeAll(async () => {
  w = await makeCheckWorld();
  hook = await startWebhook();
  await w.add({validTo: new Date(Date.now() + 20.5 * DAY).toISOString(), name: 'Cron certyfikat'});
});
afterAll(async () => {
  await hook?.close();
  await w?.cleanup();
});

function cron(args: string[], env: NodeJS.ProcessEnv): Promise<{code: number | null; out: string; err: string}> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, '--data', w.dataDir, 'check', ...args], {
      env: {PATH: process.env.PATH, LANG: 'C', KSEF_CERTS_OPERATOR: 'ADMIN', ...env},
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000); // a prompt would hang: killed → code null
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({code, out, err});
    });
  });
}

describe('check from cron (built CLI, no TTY)', () => {
  it('no password anywhere → exit 3 with the reason on the first line, no prompt, no stack trace', async () => {
    const r = await cron([], {});
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/^KSEF-CERTS UNKNOWN - Brak hasła operatora ADMIN/);
    expect(r.err).not.toMatch(/Hasło operatora|\bat .*:\d+:\d+/);
  });

  it('password file + webhook + Prometheus file → exit 1, alert delivered, metrics written', async () => {
    const pass = path.join(w.root, 'check.pass');
    await fs.writeFile(pass, 'Demo2026!ksef\n', {mode: 0o600});
    const prom = path.join(w.root, 'ksef.prom');
    const r = await cron(['--password-file', pass, '--webhook', hook.url, '--prometheus', prom], {});
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    expect(r.out.split('\n')[0]).toMatch(/^KSEF-CERTS WARNING - wygasające w ciągu 30 dni: 1 \| /);
    expect(hook.requests).toHaveLength(1);
    const families = parsePrometheusTextFormat(await fs.readFile(prom, 'utf8'));
    expect(families.find((f) => f.name === 'ksef_certs_days_to_expiry')!.metrics[0].value).toBe('20');
  });
});
