// Secrets at rest and in output, after real CLI runs (built CLI, child processes) with known passwords:
// - no unencrypted PRIVATE KEY block anywhere in the app's data folder (the embedded simulator's own sub-folder is
//   checked separately: its test CA keys are plain PKCS#8 by design, so the file must be 0600 in a 0700 folder);
// - every file holding secrets is 0600;
// - no password, and no token, in the store, the audit log, any file of the data folder, stdout or stderr;
// - an ordinary operator cannot export or revoke another operator's certificate.
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {CertificateRecord} from '../../src/domain/index.js';
import {startSimulator} from '../../src/simulator/index.js';
import {DEMO_CREDENTIALS} from '../../src/store/index.js';
import {makeCertWorld, type CertWorld} from '../helpers/revoke-world.js';
import {MAIN, POLISH, runCli, STACK_TRACE, type ChildRun} from '../reliability/cli-child.js';
import {readStoreDoc} from '../helpers/store-doc.js';

const EXPORT_PASSWORD = 'Sekret#Eksportu2026';
const KEY_PASSWORD = 'Sekret#Importu2026';
const JWT = /eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\./;
const PLAIN_KEY = /-----BEGIN (RSA |EC )?PRIVATE KEY-----/;

let w: CertWorld;
let adminOwn: CertificateRecord;
let companyA: CertificateRecord;
let operatorOwn: CertificateRecord;
const runs: ChildRun[] = [];

const files = (dir: string): string[] =>
  fs.readdirSync(dir, {recursive: true}).map((f) => path.join(dir, String(f))).filter((f) => fs.statSync(f).isFile());

beforeAll(async () => {
  if (!fs.existsSync(MAIN)) throw new Error('Build first: npm run build');
  w = await makeCertWorld();
  companyA = await w.enroll({type: 'A', owner: {kind: 'company'}, name: 'Logowanie firmy'});
  adminOwn = await w.enroll({type: 'O', owner: {kind: 'operator', code: 'ADMIN'}, name: 'Certyfikat admina'});
  operatorOwn = await w.enroll({type: 'O', name: 'Certyfikat Kowalskiego'});
  const api = w.sim.apiBase('DEMO');
  const pw = path.join(w.root, 'eksport.txt');
  fs.writeFileSync(pw, `${EXPORT_PASSWORD}\n`, {mode: 0o600});
  const out = path.join(w.root, 'eksport');
  fs.mkdirSync(out);
  const run = async (args: string[], as: 'admin' | 'operator' = 'admin', env: NodeJS.ProcessEnv = {}) => {
    const r = await runCli(args, {dataDir: w.dataDir, api, as, env, timeoutMs: 20_000});
    runs.push(r);
    return r;
  };
  // Export (password file), re-import of the exported pair under another name (password via env), list, audit,
  // a revoke through KSeF (tokens in flight), and a failed login.
  const ex = await run(['export', operatorOwn.serial!, '--dir', out, '--password-file', pw, '--json'], 'operator');
  expect(ex.code, ex.err).toBe(0);
  const {certPath, keyPath} = JSON.parse(ex.out) as {certPath: string; keyPath: string};
  fs.writeFileSync(pw, `${KEY_PASSWORD}\n`);
  expect((await run(['revoke', operatorOwn.serial!, '--reason', 'Superseded', '--yes'], 'operator')).code).toBe(0);
  const im = await run(['import', '--crt', certPath, '--key', keyPath, '--owner', 'operator:JKOWALSKI', '--name', 'Ponowny import'], 'operator', {KSEF_CERTS_PASSWORD: EXPORT_PASSWORD});
  // The certificate is revoked in the store but the file is still valid: a duplicate serial is the expected refusal.
  expect(im.code).toBe(1);
  await run(['list', '--json']);
  await run(['audit', '--json']);
  await run(['list'], 'admin', {KSEF_CERTS_OPERATOR_PASSWORD: `${DEMO_CREDENTIALS.admin.password}x`});
}, 90_000);

afterAll(async () => w?.cleanup());

describe('secrets at rest', () => {
  it('no unencrypted private key anywhere in the data folder; sealed keys are ENCRYPTED PRIVATE KEY', () => {
    const all = files(w.dataDir);
    expect(all.length).toBeGreaterThan(1);
    for (const f of all) expect(fs.readFileSync(f, 'latin1'), f).not.toMatch(PLAIN_KEY);
    // The slim layout keeps each sealed key in its record's blob file (certs/<sha256>.json), read here directly.
    const doc = readStoreDoc(w.dataDir);
    const withKeys = doc.certificates.filter((c) => c.keyPem);
    expect(withKeys.length).toBeGreaterThanOrEqual(3);
    for (const c of withKeys) expect(c.keyPem.startsWith('-----BEGIN ENCRYPTED PRIVATE KEY-----')).toBe(true);
  });

  it('store.json, its backups, master.key and lock leftovers are 0600; the data folder is not world-readable', () => {
    for (const f of files(w.dataDir)) expect((fs.statSync(f).mode & 0o777).toString(8), f).toBe('600');
    expect(fs.statSync(w.dataDir).mode & 0o077).toBe(0);
  });

  it('embedded simulator state (<data>/simulator): CA keys are plain PKCS#8 (test CA) → file 0600, folder 0700', async () => {
    const dir = path.join(w.dataDir, 'simulator'); // where src/cli/gateway.ts puts it
    const sim = await startSimulator({dataDir: dir, quiet: true});
    await sim.close();
    const state = path.join(dir, 'ksef-simulator.json');
    expect(fs.readFileSync(state, 'utf8')).toMatch(/PRIVATE KEY/); // documented: the simulator's CAs are not sealed
    expect((fs.statSync(state).mode & 0o777).toString(8)).toBe('600');
    expect((fs.statSync(dir).mode & 0o777).toString(8)).toBe('700');
    fs.rmSync(dir, {recursive: true, force: true});
  });
});

describe('secrets in logs, audit and output', () => {
  const secrets = [DEMO_CREDENTIALS.admin.password, DEMO_CREDENTIALS.operator.password, EXPORT_PASSWORD, KEY_PASSWORD, `${DEMO_CREDENTIALS.admin.password}x`];

  it('no password text in any file of the data folder (store, audit, backups)', () => {
    for (const f of files(w.dataDir)) {
      const text = fs.readFileSync(f, 'utf8');
      for (const s of secrets) expect(text.includes(s), `${s} in ${f}`).toBe(false);
    }
  });

  it('no password or token in the captured stdout/stderr of every command; no stack traces', () => {
    expect(runs.length).toBe(6);
    for (const r of runs) {
      for (const s of secrets) expect((r.out + r.err).includes(s), s).toBe(false);
      expect(r.out + r.err).not.toMatch(JWT);
      expect(r.err).not.toMatch(STACK_TRACE);
    }
  });

  it('no token in the store or the audit log (a revoke through KSeF ran)', async () => {
    const audit = await w.store.listAudit();
    expect(audit.some((e) => e.action === 'revoke')).toBe(true);
    expect(audit.some((e) => e.action === 'loginFailed')).toBe(true);
    for (const f of files(w.dataDir)) expect(fs.readFileSync(f, 'utf8'), f).not.toMatch(JWT);
  });
});

describe('an ordinary operator and another operator\'s certificate (CLI)', () => {
  it('export of ADMIN\'s certificate by JKOWALSKI → exit 1, Polish refusal, nothing written', async () => {
    const dir = path.join(w.root, 'cudzy eksport');
    fs.mkdirSync(dir);
    const pw = path.join(w.root, 'eksport.txt');
    fs.writeFileSync(pw, `${EXPORT_PASSWORD}\n`);
    const r = await runCli(['export', adminOwn.serial!, '--dir', dir, '--password-file', pw], {dataDir: w.dataDir, api: w.sim.apiBase('DEMO'), as: 'operator'});
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Brak uprawnień/);
    expect(r.err).toMatch(POLISH);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('revoke of ADMIN\'s and of the company certificate by JKOWALSKI → exit 1, both still issued, KSeF untouched', async () => {
    for (const rec of [adminOwn, companyA]) {
      const r = await runCli(['revoke', rec.serial!, '--reason', 'KeyCompromise', '--yes'], {dataDir: w.dataDir, api: w.sim.apiBase('DEMO'), as: 'operator'});
      expect(r.code, r.err).toBe(1);
      expect(r.err).toMatch(/Brak uprawnień/);
      expect((await w.store.getCertificate(rec.id))?.state).toBe('issued');
    }
  });
});
