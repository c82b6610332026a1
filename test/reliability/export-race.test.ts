// `export` as real CLI processes (the built dist/): two exports of one certificate into one folder race → exactly one
// writes, the other is refused (no silent overwrite); an export SIGKILLed between publishing the `.crt` and the `.key`
// leaves a state the next export sweeps, and that export succeeds. KSEF_CERTS_TEST_PAUSE stops the process (SIGSTOP)
// at the named point so the race and the kill are exact, not timing luck.
import 'reflect-metadata';
import {execFileSync, spawn, type ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {CertificateRecord} from '../../src/domain/index.js';
import {DEMO_CREDENTIALS} from '../../src/store/index.js';
import {makeCertWorld, type CertWorld} from '../helpers/revoke-world.js';
import {MAIN, STACK_TRACE} from './cli-child.js';

let w: CertWorld;
let rec: CertificateRecord;

beforeAll(async () => {
  if (!fs.existsSync(MAIN)) throw new Error('Build first: npm run build');
  w = await makeCertWorld();
  rec = await w.enroll({type: 'A', owner: {kind: 'company'}, name: 'Wyścig eksportu'});
});
afterAll(() => w?.cleanup());

interface Proc {
  child: ChildProcess;
  paused: Promise<void>;
  done: Promise<{code: number | null; signal: NodeJS.Signals | null; out: string; err: string}>;
}

function exportProc(dir: string, pwFile: string, pause?: string): Proc {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', CI: 'true',
    KSEF_CERTS_OPERATOR: DEMO_CREDENTIALS.admin.code, KSEF_CERTS_OPERATOR_PASSWORD: DEMO_CREDENTIALS.admin.password,
    ...(pause ? {KSEF_CERTS_TEST_PAUSE: pause} : {}),
  };
  const child = spawn(process.execPath, [MAIN, '--data', w.dataDir, 'export', rec.serial!, '--dir', dir, '--password-file', pwFile, '--json'], {env, stdio: ['ignore', 'pipe', 'pipe']});
  let out = '';
  let err = '';
  let onPaused!: () => void;
  // Announced on stderr just before the process stops itself: wait until it really is stopped (state T), or a SIGCONT
  // sent in between would be lost and the process would stay stopped.
  const paused = new Promise<void>((r) => (onPaused = r)).then(() => stoppedState(child.pid!));
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => {
    err += c;
    if (err.includes('KSEF_CERTS_PAUSED')) onPaused();
  });
  const done = new Promise<{code: number | null; signal: NodeJS.Signals | null; out: string; err: string}>((resolve) =>
    child.on('close', (code, signal) => resolve({code, signal, out, err})));
  return {child, paused, done};
}

async function stoppedState(pid: number): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat[stat.lastIndexOf(')') + 2] === 'T') return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`process ${pid} did not stop`);
}

function passwordFile(name: string, password: string): string {
  const f = path.join(w.root, name);
  fs.writeFileSync(f, `${password}\n`, {mode: 0o600});
  return f;
}

/** Public key of the key file when it opens with `pwFile`, else undefined. */
function keyPub(keyFile: string, pwFile: string): string | undefined {
  try {
    return execFileSync('openssl', ['pkey', '-in', keyFile, '-passin', `file:${pwFile}`, '-pubout'], {encoding: 'utf8', stdio: 'pipe'});
  } catch {
    return undefined;
  }
}

const certPub = (crt: string): string => execFileSync('openssl', ['x509', '-in', crt, '-noout', '-pubkey'], {encoding: 'utf8'});

describe('export as concurrent / killed processes', () => {
  it('two exports of one certificate to one folder, both past the existence check: one writes, the other is refused', async () => {
    const dir = fs.mkdtempSync(path.join(w.root, 'race-'));
    const pw = [passwordFile('race-a.txt', 'Wyscig#Eksport-A1'), passwordFile('race-b.txt', 'Wyscig#Eksport-B2')];
    const procs = pw.map((f) => exportProc(dir, f, 'export-publish'));
    await Promise.all(procs.map((p) => p.paused));
    for (const p of procs) p.child.kill('SIGCONT');
    const runs = await Promise.all(procs.map((p) => p.done));
    const winners = runs.filter((r) => r.code === 0);
    const losers = runs.filter((r) => r.code !== 0);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(losers[0].code).toBe(1);
    expect(losers[0].err).not.toMatch(STACK_TRACE);
    const refusal = JSON.parse(losers[0].out).error;
    expect(refusal.code).toBe('exists');
    expect(refusal.message).toMatch(/jest już .*\.crt — usuń go lub potwierdź zastąpienie/);
    // The folder holds exactly the winner's pair: its key opens with the winner's password and matches the certificate.
    const doc = JSON.parse(winners[0].out);
    expect(fs.readdirSync(dir).sort()).toEqual([path.basename(doc.certPath), path.basename(doc.keyPath)].sort());
    const winnerPw = pw[runs.indexOf(winners[0])];
    expect(keyPub(doc.keyPath, winnerPw)).toBe(certPub(doc.certPath));
  }, 60_000);

  it('killed (SIGKILL) between the .crt and the .key: the next export sweeps the half pair and its temps, then succeeds', async () => {
    const dir = fs.mkdtempSync(path.join(w.root, 'kill-'));
    const pwFile = passwordFile('kill.txt', 'Zabity#Eksport-2026');
    const first = exportProc(dir, pwFile, 'export-between');
    await first.paused;
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    // What a kill at that point leaves: the .crt published, the .key not, both temps.
    const left = fs.readdirSync(dir);
    expect(left.filter((n) => n.endsWith('.key'))).toEqual([]);
    expect(left.filter((n) => n.endsWith('.tmp'))).toHaveLength(2);

    const again = await exportProc(dir, pwFile).done;
    expect(again.err).toBe('');
    expect(again.code).toBe(0);
    const doc = JSON.parse(again.out);
    expect(fs.readdirSync(dir).sort()).toEqual([path.basename(doc.certPath), path.basename(doc.keyPath)].sort());
    expect(keyPub(doc.keyPath, pwFile)).toBe(certPub(doc.certPath));
    expect(fs.statSync(doc.keyPath).mode & 0o777).toBe(0o600);
  }, 60_000);
});
