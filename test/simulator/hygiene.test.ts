// Simulator hygiene (issue 10), over real HTTP and real processes (the BUILT CLI):
// - `simulator --help` prints the usage and starts nothing; unknown options exit 2 (both subcommands);
// - `--data DIR` puts the state (CA private keys) in DIR/simulator, nothing in ./data of the current folder;
// - /_sim/* exists only on a simulator started with --test-endpoints and only with the token it prints;
//   the embedded simulator has none;
// - a body over the limit gets 413 (not a reset), a malformed %-escape in a path 400 (not 500);
// - one state per data folder shared by several live processes: a standalone `simulator` running on a store while
//   CLI commands with the embedded simulator issue a certificate on it → the standalone knows that certificate,
//   and its own writes do not erase it for the next process.
import {spawn, type ChildProcess} from 'node:child_process';
import {createPrivateKey} from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startSimulator} from '../../src/simulator/index.js';
import {STATE_FILE} from '../../src/simulator/store.js';
import {createDemoStore, DEMO_COMPANY, DEMO_CREDENTIALS} from '../../src/store/index.js';
import {MAIN, runCli} from '../reliability/cli-child.js';
import {authTokenRequestXml, signWithXmlsec1} from '../helpers/simulator.js';

let root: string;
const children: ChildProcess[] = [];

beforeAll(() => {
  if (!fs.existsSync(MAIN)) throw new Error('Build first: npm run build');
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ksef-sim-hygiene-'));
});
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  fs.rmSync(root, {recursive: true, force: true});
});

/** Runs the built CLI in `cwd` (no login needed for the simulator commands). */
function cli(args: string[], cwd: string, timeoutMs = 15_000): Promise<{code: number | null; out: string; err: string}> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN, ...args], {cwd, env: {PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', CI: 'true'}, stdio: ['ignore', 'pipe', 'pipe']});
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({code, out, err});
    });
  });
}

/** A standalone `ksef-certs simulator` process; resolves once it printed its addresses (and token). */
async function standalone(args: string[], cwd: string): Promise<{child: ChildProcess; out: () => string; demoApi: string; token?: string; origin: string}> {
  const child = spawn(process.execPath, [MAIN, ...args], {cwd, env: {PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', CI: 'true'}, stdio: ['ignore', 'pipe', 'pipe']});
  children.push(child);
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c));
  const t0 = Date.now();
  while (!out.includes('Zatrzymanie: Ctrl+C')) {
    if (child.exitCode !== null || Date.now() - t0 > 20_000) throw new Error(`simulator did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const demoApi = /DEMO\s+(http:\/\/127\.0\.0\.1:\d+\/demo\/v2)/.exec(out)![1];
  return {child, out: () => out, demoApi, origin: new URL(demoApi).origin, token: /X-Sim-Token: (\S+)/.exec(out)?.[1]};
}

async function stop(child: ChildProcess): Promise<number | null> {
  const done = new Promise<number | null>((ok) => child.on('close', (code) => ok(code)));
  child.kill('SIGTERM');
  return done;
}

describe('simulator CLI options', () => {
  it('--help prints the usage and starts no server; unknown options and stray arguments exit 2', async () => {
    const cwd = fs.mkdtempSync(path.join(root, 'cwd-'));
    for (const cmd of ['simulator', 'simulator-identity']) {
      const help = await cli([cmd, '--help'], cwd);
      expect(help.code, help.err).toBe(0);
      expect(help.out).toContain(`Użycie: ksef-certs [--data KATALOG] ${cmd}`);
      expect(help.out).not.toContain('działa');
      const bad = await cli([cmd, '--bogus', '1'], cwd);
      expect(bad.code).toBe(2);
      expect(bad.err).toContain('Nieznana opcja: --bogus');
      const stray = await cli([cmd, 'extra'], cwd);
      expect(stray.code).toBe(2);
      expect(stray.err).toContain('Nieoczekiwany argument: extra');
    }
    expect(fs.existsSync(path.join(cwd, 'data'))).toBe(false); // nothing was started or written
  }, 60_000);

  it('--data DIR: simulator-identity and simulator keep their state (CA keys, 0600) in DIR/simulator, not in ./data', async () => {
    const cwd = fs.mkdtempSync(path.join(root, 'cwd-'));
    const data = path.join(root, 'dane-sim');
    fs.writeFileSync(path.join(root, 'pw'), 'Haslo-Testowe-123!\n');
    const id = await cli(['--data', data, 'simulator-identity', '--kind', 'seal', '--nip', DEMO_COMPANY.nip, '--env', 'D', '--out', path.join(root, 'id'), '--password-file', path.join(root, 'pw')], cwd);
    expect(id.code, id.err).toBe(0);
    const state = path.join(data, 'simulator', STATE_FILE);
    expect(fs.statSync(state).mode & 0o777).toBe(0o600);
    const qualifiedCa = JSON.parse(fs.readFileSync(state, 'utf8')).qualifiedCa.certPem as string;

    const s = await standalone(['simulator', '--data', data, '--port', '0'], cwd);
    expect(s.out()).toContain(`stan: ${path.join(data, 'simulator')}`);
    expect(s.token).toBeUndefined();
    expect(await stop(s.child)).toBe(0);
    // Same state (the CA that signed the identity) and nothing in the current folder.
    expect(JSON.parse(fs.readFileSync(state, 'utf8')).qualifiedCa.certPem).toBe(qualifiedCa);
    expect(fs.existsSync(path.join(cwd, 'data'))).toBe(false);
  }, 60_000);
});

describe('test endpoints /_sim/* and HTTP edge cases', () => {
  it('standalone with --test-endpoints: /_sim answers only with the printed token; without the option it does not exist', async () => {
    const cwd = fs.mkdtempSync(path.join(root, 'cwd-'));
    const s = await standalone(['--data', path.join(root, 'dane-test'), 'simulator', '--test-endpoints'], cwd);
    expect(s.token).toMatch(/^[\w-]{20,}$/);
    const fault = (token?: string) => fetch(`${s.origin}/_sim/faults`, {
      method: 'POST', headers: {'Content-Type': 'application/json', ...(token !== undefined ? {'X-Sim-Token': token} : {})},
      body: JSON.stringify({path: '/auth/challenge$', status: 503, times: 1}),
    });
    expect((await fault()).status).toBe(404);
    expect((await fault('zly-token')).status).toBe(404);
    expect((await fault(s.token)).status).toBe(204);
    expect((await fetch(`${s.demoApi}/auth/challenge`, {method: 'POST'})).status).toBe(503);
    expect(await stop(s.child)).toBe(0);

    // The embedded simulator (as the app starts it) has no test endpoints at all.
    const embedded = await startSimulator({dataDir: path.join(root, 'dane-emb', 'simulator'), quiet: true});
    try {
      expect(embedded.testToken).toBeUndefined();
      const mint = await fetch(`${embedded.origin}/_sim/token-session`, {method: 'POST', headers: {'Content-Type': 'application/json', 'X-Sim-Token': ''}, body: '{"env":"TEST","nip":"1111111111"}'});
      expect(mint.status).toBe(404);
    } finally {
      await embedded.close();
    }
  }, 60_000);

  it('an oversized body gets 413 (readable reply, not a reset); a malformed %-escape in the path gets 400', async () => {
    const sim = await startSimulator({dataDir: path.join(root, 'dane-http'), quiet: true, rateLimits: false});
    try {
      const big = await fetch(`${sim.apiBase('TEST')}/auth/xades-signature`, {method: 'POST', headers: {'Content-Type': 'application/xml'}, body: Buffer.alloc(3 * 1024 * 1024, 0x41)});
      expect(big.status).toBe(413);
      expect(((await big.json()) as {status: number}).status).toBe(413);
      const bad = await fetch(`${sim.apiBase('TEST')}/certificates/enrollments/%E0%A4%A`);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as {detail: string}).detail).toContain('%');
      // The server is still healthy afterwards.
      expect((await fetch(`${sim.apiBase('TEST')}/auth/challenge`, {method: 'POST'})).status).toBe(200);
    } finally {
      await sim.close();
    }
  }, 30_000);
});

describe('one simulator state per data folder, shared by live processes', () => {
  it('two simulators on one folder (both loaded before any request): each sees and keeps what the other wrote', async () => {
    const dir = path.join(root, 'dane-dwa', 'simulator');
    const a = await startSimulator({dataDir: dir, quiet: true, authDelayMs: 0, rateLimits: false});
    const b = await startSimulator({dataDir: dir, quiet: true, authDelayMs: 0, rateLimits: false});
    try {
      const post = async (base: string, p: string, init: RequestInit = {}) => {
        const r = await fetch(`${base}${p}`, {method: 'POST', ...init});
        return {status: r.status, body: (await r.json().catch(() => undefined)) as Record<string, any>};
      };
      const id = await a.issueTestIdentity({kind: 'seal', nip: DEMO_COMPANY.nip});
      // A challenge issued by A is accepted by B (B re-reads the state).
      const ch = (await post(a.apiBase('TEST'), '/auth/challenge')).body.challenge as string;
      const xml = authTokenRequestXml(ch, DEMO_COMPANY.nip);
      const init = await post(b.apiBase('TEST'), '/auth/xades-signature', {headers: {'Content-Type': 'application/xml'}, body: signWithXmlsec1(xml, id.certPem, id.keyPem)});
      expect(init.status, JSON.stringify(init.body)).toBe(202);
      // A writes next (a new challenge): B's authentication operation must survive it, and A redeems it.
      expect((await post(a.apiBase('TEST'), '/auth/challenge')).status).toBe(200);
      const redeem = await post(a.apiBase('TEST'), '/auth/token/redeem', {headers: {Authorization: `Bearer ${init.body.authenticationToken.token}`}});
      expect(redeem.status, JSON.stringify(redeem.body)).toBe(200);
      const again = await post(b.apiBase('TEST'), '/auth/token/redeem', {headers: {Authorization: `Bearer ${init.body.authenticationToken.token}`}});
      expect(again.status).toBe(400); // B knows it was redeemed by A: single use across processes too
    } finally {
      await a.close();
      await b.close();
    }
  }, 30_000);

  it('a standalone simulator on the store sees a certificate issued by another process and does not erase it', async () => {
    const cwd = fs.mkdtempSync(path.join(root, 'cwd-'));
    const data = path.join(root, 'sklep');
    await createDemoStore(data);
    // Process 1: long-lived standalone simulator of this data folder (loads the state now).
    const s = await standalone(['--data', data, 'simulator', '--no-rate-limits'], cwd);
    try {
      // Process 2: a test seal identity of the demo company, written into the same state.
      fs.writeFileSync(path.join(root, 'pw2'), 'Haslo-Testowe-123!\n');
      const idDir = path.join(root, 'id-sklep');
      const id = await cli(['--data', data, 'simulator-identity', '--kind', 'seal', '--nip', DEMO_COMPANY.nip, '--env', 'D', '--out', idDir, '--password-file', path.join(root, 'pw2')], cwd);
      expect(id.code, id.err).toBe(0);
      const keyPem = createPrivateKey({key: fs.readFileSync(path.join(idDir, 'key.pem'), 'utf8'), passphrase: 'Haslo-Testowe-123!'}).export({type: 'pkcs8', format: 'pem'}) as string;
      const certPem = fs.readFileSync(path.join(idDir, 'cert.pem'), 'utf8');
      // Processes 3 and 4: auth-request + generate with their own embedded simulators (no --api).
      const authXml = path.join(root, 'auth-sklep.xml');
      const req = await runCli(['auth-request', '--env', 'D', '--nip', DEMO_COMPANY.nip, '--out', authXml], {dataDir: data, timeoutMs: 20_000});
      expect(req.code, req.err).toBe(0);
      const signed = path.join(root, 'auth-sklep-podpisany.xml');
      fs.writeFileSync(signed, signWithXmlsec1(fs.readFileSync(authXml, 'utf8'), certPem, keyPem));
      const gen = await runCli(
        ['generate', '--owner', 'company', '--env', 'D', '--type', 'A', '--name', 'Firma wspolny stan', '--key-password-file', path.join(root, 'pw2'), '--signed', signed, '--json'],
        {dataDir: data, timeoutMs: 40_000},
      );
      expect(gen.code, gen.err).toBe(0);
      const serial = (JSON.parse(gen.out) as {certificate: {serial: string}}).certificate.serial;

      // The standalone process (started before the certificate existed) knows it: login with it succeeds there…
      const viaStandalone = await runCli(['login', '--cert', serial, '--json'], {dataDir: data, api: s.demoApi, timeoutMs: 20_000});
      expect(viaStandalone.code, viaStandalone.err).toBe(0);
      // …and its own writes (that login's session) did not erase it for the next embedded process.
      const viaEmbedded = await runCli(['login', '--cert', serial, '--json'], {dataDir: data, timeoutMs: 20_000});
      expect(viaEmbedded.code, viaEmbedded.err).toBe(0);
      const state = JSON.parse(fs.readFileSync(path.join(data, 'simulator', STATE_FILE), 'utf8')) as {envs: {DEMO: {certificates: Record<string, unknown>}}};
      expect(Object.keys(state.envs.DEMO.certificates)).toContain(serial);
      expect(DEMO_CREDENTIALS.admin.code).toBe('ADMIN');
    } finally {
      expect(await stop(s.child)).toBe(0);
    }
  }, 120_000);
});
