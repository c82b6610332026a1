// Shared pieces of the benchmarks: result rows, statistics, child processes and a seeded 10,000-certificate store.
import 'reflect-metadata';
import {execFileSync, spawn} from 'node:child_process';
import {createPrivateKey, randomBytes} from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import type {CertificateRecord, EnvCode, Owner} from '../src/domain/index.js';
import {createDemoStore, openStore} from '../src/store/index.js';

/** Repository root (bench sources run compiled from dist/bench/). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), import.meta.url.includes('/dist/') ? '../..' : '..');
export const DIST = path.join(ROOT, 'dist');

/** One line of bench/results.json. `ratio` = value / baseline; `target` is a text like "≤ 1.3×" or "≤ 200 ms". */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  baselineLabel: string;
  ratio: number;
  target: string;
  pass: boolean;
  note?: string;
}

export const round = (x: number | null, digits = 2): number => (x === null || !Number.isFinite(x) ? NaN : Number(x.toFixed(digits)));

export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return s[lo] + (s[hi] - s[lo]) * (i - lo);
}
export const median = (xs: number[]): number => quantile(xs, 0.5);
export const p95 = (xs: number[]): number => quantile(xs, 0.95);

export function row(r: Omit<BenchResult, 'ratio'> & {ratio?: number}): BenchResult {
  const ratio = r.ratio ?? (r.baseline ? r.value / r.baseline : NaN);
  return {...r, value: round(r.value), baseline: round(r.baseline), ratio: round(ratio)};
}

export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

export async function timed<T>(fn: () => Promise<T> | T): Promise<{ms: number; value: T}> {
  const t0 = nowMs();
  const value = await fn();
  return {ms: nowMs() - t0, value};
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `ksef-bench-${prefix}-`));
}

/** Runs a Node script to completion; resolves with its stdout (rejects on a non-zero exit with stderr). */
export function runNode(args: string[], opts: {env?: NodeJS.ProcessEnv; timeoutMs?: number} = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {cwd: ROOT, env: {...process.env, ...opts.env}, stdio: ['ignore', 'pipe', 'pipe']});
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`node ${args.join(' ')} → ${code ?? signal}\n${err.slice(-2000)}`));
    });
  });
}

/** Last line of a child's stdout that parses as JSON. */
export function lastJson<T>(stdout: string): T {
  const start = stdout.lastIndexOf('\n{');  // a child prints its JSON on the last line
  return JSON.parse(start >= 0 ? stdout.slice(start + 1) : stdout) as T;
}

/** Real EC P-256 certificates + keys made by openssl (`count` of them, distinct subjects). */
function sampleCertificates(dir: string, count: number): {certPem: string; keyPem: string}[] {
  const out: {certPem: string; keyPem: string}[] = [];
  for (let i = 0; i < count; i++) {
    const key = path.join(dir, 'seed.key');
    const crt = path.join(dir, 'seed.crt');
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', crt,
      '-days', '730', '-subj', `/C=PL/O=Demo Sp. z o.o./organizationIdentifier=VATPL-1111111111/CN=Demo offline ${i}`,
    ], {stdio: 'ignore'});
    out.push({certPem: fs.readFileSync(crt, 'utf8'), keyPem: fs.readFileSync(key, 'utf8')});
    fs.rmSync(key);
    fs.rmSync(crt);
  }
  return out;
}

/** The v1 (one-document) store.json of a seeded store: the list-load baseline's file (`JSON.parse` of it). */
export const baselineFile = (dataDir: string): string => path.join(path.dirname(dataDir), 'store-v1-baseline.json');

/**
 * Demo store in `dir` plus `n` certificate records (mixed owners, types, environments, states, validity), written in
 * one update. Every record carries a real certificate PEM and a sealed key, each pair distinct (100 certificates × 100
 * sealings of their keys), so the folder holds `n` blob files as a real store would. Next to `dir` the same data is
 * written as today's (schema v1) one-document store.json, ~20 MB: the baseline the list figures are measured against.
 */
export async function seedStore(dir: string, n: number): Promise<{file: string; bytes: number}> {
  await createDemoStore(dir);
  const store = await openStore(dir);
  const samples = sampleCertificates(dir, 100);
  const sealed = await Promise.all(samples.map(async (x) => Promise.all(Array.from({length: Math.ceil(n / 100)}, () => store.sealKey(createPrivateKey(x.keyPem))))));
  const owners: Owner[] = [{kind: 'company'}, {kind: 'branch', code: 'CENTRALA'}, {kind: 'branch', code: 'ODDZIAL1'}, {kind: 'operator', code: 'ADMIN'}, {kind: 'operator', code: 'JKOWALSKI'}];
  const envs: EnvCode[] = ['D', 'P', 'T'];
  const day = 86_400_000;
  const t0 = Date.now();
  const recs: CertificateRecord[] = [];
  for (let i = 0; i < n; i++) {
    const from = new Date(t0 - (i % 900) * day);
    const to = new Date(from.getTime() + 730 * day);
    const revoked = i % 97 === 0;
    recs.push({
      id: `bench-${i}`,
      owner: owners[i % owners.length],
      name: `Certyfikat ${i % 2 ? 'offline' : 'autoryzacja'} nr ${String(i).padStart(5, '0')} Łódź`,
      type: i % 2 ? 'O' : 'A',
      env: envs[i % 3],
      mode: i % 11 === 0 ? 'Z' : 'B',
      state: revoked ? 'revoked' : 'issued',
      serial: randomBytes(8).toString('hex').toUpperCase(),
      certPem: samples[i % 100].certPem,
      keyPem: sealed[i % 100][Math.floor(i / 100)],
      keyAlgorithm: 'EC-P256',
      subject: `C=PL, O=Demo Sp. z o.o., CN=Certyfikat ${i}`,
      issuer: 'CN=TEST CCK KSeF, O=Ministerstwo Finansów, C=PL',
      validFrom: from.toISOString(),
      validTo: to.toISOString(),
      fingerprintSha256: randomBytes(32).toString('hex').toUpperCase(),
      ...(revoked ? {revokedAt: new Date(t0 - day).toISOString(), revocationReason: 'Superseded' as const} : {}),
      source: i % 3 ? 'generated' : 'imported',
      createdAt: from.toISOString(),
      createdBy: 'ADMIN',
    });
  }
  await store.update((d) => {
    d.certificates.push(...recs);
  });
  // Today's layout, as the v1 code wrote it (JSON.stringify(doc, null, 2)): every PEM inside the one document.
  const whole = await store.snapshot();
  fs.writeFileSync(baselineFile(dir), JSON.stringify({...whole, schemaVersion: 1}, null, 2), {mode: 0o600});
  return {file: store.info.file, bytes: fs.statSync(store.info.file).size};
}
