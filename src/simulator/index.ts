// Local KSeF 2.0 simulator: one loopback HTTP server serving TEST, DEMO and PROD under /test/v2, /demo/v2, /prod/v2.
// The simulator's entry: reflect-metadata first, before @peculiar/x509 (pki, xades-verify) is loaded.
import 'reflect-metadata';
import {randomBytes} from 'node:crypto';
import type {AddressInfo} from 'node:net';
import type {SimCore, SimOptions} from './call.js';
import {Faults, type FaultController} from './faults.js';
import {Latarnia, type LatarniaSwitch} from './latarnia.js';
import {ENV_PREFIX, type AuthOperation, type SimEnv} from './model.js';
import {createTestIdentity, type TestIdentityParams} from './pki.js';
import {referenceNumber} from './replies.js';
import {createSimulatorServer} from './server.js';
import {SimStateFile} from './store.js';
import {grant} from './testdata-routes.js';
import {signToken} from './tokens.js';
import {terminalSafe} from '../domain/index.js';

export type {FaultController, FaultRule} from './faults.js';
export type {LatarniaStatus, LatarniaSwitch} from './latarnia.js';
export type {SimEnv} from './model.js';
export {runSimulatorCli, runSimulatorIdentityCli} from './cli.js';

export interface StartSimulatorOptions {
  dataDir: string;
  /** 0 (default) = random free port. */
  port?: number;
  /** Loopback only. */
  host?: string;
  enrollmentDelayMs?: number;
  authDelayMs?: number;
  /** Blocked → Revoked after a revocation (default 1000 ms; 0 = at once). */
  revocationDelayMs?: number;
  /** Rate limits per group (default on); demos may switch them off. */
  rateLimits?: boolean;
  now?: () => Date;
  quiet?: boolean;
  /**
   * Test-only `/_sim/*` endpoints (faults, token minting), answered only with the header `X-Sim-Token: <testToken>`.
   * Off for the embedded simulator; `ksef-certs simulator --test-endpoints` turns them on and prints the token.
   */
  testEndpoints?: boolean;
}

/** A person or seal test identity (see TestIdentityParams), issued for one environment. */
export interface TestIdentityOptions extends TestIdentityParams {
  /** Default TEST (the environment a person's PESEL is granted in). */
  env?: SimEnv;
}

export interface SimulatorHandle {
  origin: string;
  apiBase(env: SimEnv): string;
  close(): Promise<void>;
  faults: FaultController;
  /** The token `/_sim/*` requires (only with testEndpoints). */
  testToken?: string;
  /** KSeF status service (Latarnia) of an environment: outages and stale messages for tests and demos. */
  setKsefStatus(env: SimEnv, sw: LatarniaSwitch): void;
  /** Base URL of the environment's Latarnia (GET {base}/status, {base}/messages). */
  latarniaBase(env: SimEnv): string;
  /** TEST-ONLY identity (what a qualified-signature provider would sell): certificate + unencrypted PKCS#8 key. */
  issueTestIdentity(opts: TestIdentityOptions): Promise<{certPem: string; keyPem: string}>;
  /** The simulator's KSeF issuing CA of an environment. */
  caCertificatePem(env: SimEnv): string;
  /** The "qualified" test CA that signs test identities (trusted in all environments). */
  testQualifiedCaPem(): string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export async function startSimulator(opts: StartSimulatorOptions): Promise<SimulatorHandle> {
  const host = opts.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new Error('Symulator KSeF nasłuchuje wyłącznie na adresie pętli zwrotnej (127.0.0.1).');
  const now = opts.now ?? (() => new Date());
  const file = await SimStateFile.open(opts.dataDir, now());
  const faults = new Faults();
  const simOpts: SimOptions = {enrollmentDelayMs: opts.enrollmentDelayMs ?? 1500, authDelayMs: opts.authDelayMs ?? 300, revocationDelayMs: opts.revocationDelayMs ?? 1000, rateLimits: opts.rateLimits ?? true};
  const latarnia = new Latarnia(now);
  const testToken = opts.testEndpoints ? randomBytes(24).toString('base64url') : undefined;
  const core: SimCore = {
    get state() {
      return file.state;
    },
    opts: simOpts, faults, latarnia, now, testToken,
    save: () => file.save(),
    sync: (fn) => file.run(fn),
  };
  const log = (line: string) => {
    if (!opts.quiet) process.stderr.write(`[symulator KSeF] ${terminalSafe(line)}\n`); // may quote a request
  };

  const server = createSimulatorServer(
    core,
    {
      tokenSession(env, nip) {
        const t = now();
        const ref = referenceNumber('AU', t);
        const op: AuthOperation = {
          referenceNumber: ref, startMs: t.getTime(), context: {type: 'Nip', value: nip}, identity: {type: 'Nip', value: nip},
          method: 'Token', category: 'Token', enrollmentData: null, readyAtMs: t.getTime(), finalCode: 200, finalDetails: null,
          redeemed: true, lastRefreshMs: null, refreshValidUntilMs: null, refreshRevoked: false, allowedIps: null,
        };
        core.state.envs[env].authOps[ref] = op;
        core.save();
        return signToken(core.state.jwtSecret, 'AccessToken', ref, env, t.getTime()).token;
      },
    },
    log,
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host === 'localhost' ? '127.0.0.1' : host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const origin = `http://${addr.family === 'IPv6' ? `[${addr.address}]` : addr.address}:${addr.port}`;
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  return {
    origin,
    apiBase: (env) => `${origin}/${ENV_PREFIX[env]}/v2`,
    faults,
    testToken,
    setKsefStatus: (env, sw) => latarnia.set(env, sw),
    latarniaBase: (env) => `${origin}/${ENV_PREFIX[env]}/latarnia`,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
    async issueTestIdentity(o) {
      const env = o.env ?? 'TEST';
      return file.run(async () => {
        const pair = await createTestIdentity(core.state.qualifiedCa, o, now());
        if (o.kind === 'person' && o.pesel) {
          grant(core.state.envs[env], o.nip, {type: 'Pesel', value: o.pesel}, ['Owner']);
          core.save();
        }
        return pair;
      });
    },
    caCertificatePem: (env) => core.state.issuingCa[env].certPem,
    testQualifiedCaPem: () => core.state.qualifiedCa.certPem,
  };
}
