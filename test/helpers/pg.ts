// Real PostgreSQL for the store tests. KSEF_CERTS_TEST_PG (set by .ci/run) names a server to use; without it, when
// initdb exists, the test file starts its own throwaway cluster on loopback (a dev machine's `npm test`). Every
// caller gets a fresh database. Neither possible → the caller skips with a loud message.
import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, rmSync, chownSync} from 'node:fs';
import net from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {randomBytes} from 'node:crypto';
import pg from 'pg';

function pgBin(name: string): string | undefined {
  const onPath = spawnSync('sh', ['-c', `command -v ${name}`], {encoding: 'utf8'}).stdout.trim();
  if (onPath) return onPath;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (existsSync(path.join(root, v, 'bin', name))) return path.join(root, v, 'bin', name);
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const {port} = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

interface Cluster {
  url: string;
  stop(): void;
}

let own: Promise<Cluster> | undefined;

/** initdb + pg_ctl start in a temp folder (as the postgres user when we are root: initdb refuses root). */
async function startCluster(): Promise<Cluster> {
  const initdb = pgBin('initdb')!;
  const pgCtl = pgBin('pg_ctl')!;
  const dir = mkdtempSync(path.join(tmpdir(), 'ksef-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], {stdio: 'pipe'});
    else execFileSync(cmd, args, {stdio: 'pipe'});
  };
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], {encoding: 'utf8'}).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], {encoding: 'utf8'}).trim());
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  run(initdb, ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  const port = await freePort();
  run(pgCtl, ['-D', data, '-l', path.join(dir, 'log'), '-w', '-o', `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off`, 'start']);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run(pgCtl, ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, {recursive: true, force: true});
      }
    },
  };
}

/** Why PostgreSQL tests cannot run here, or undefined when they can. */
export function pgUnavailable(): string | undefined {
  if (process.env.KSEF_CERTS_TEST_PG) return undefined;
  if (pgBin('initdb') && pgBin('pg_ctl')) return undefined;
  return 'PostgreSQL store tests SKIPPED: KSEF_CERTS_TEST_PG is not set and initdb/pg_ctl were not found (apt-get install postgresql).';
}

/** The server URL (admin database). Starts the throwaway cluster once per test file when needed. */
async function serverUrl(): Promise<string> {
  if (process.env.KSEF_CERTS_TEST_PG) return process.env.KSEF_CERTS_TEST_PG;
  own ??= startCluster();
  return (await own).url;
}

/** A fresh, empty database on the test server: returns its URL. */
export async function freshDatabase(): Promise<string> {
  const base = await serverUrl();
  const name = `ksef_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({connectionString: base});
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Stops the cluster this file started (no-op with KSEF_CERTS_TEST_PG). */
export async function stopOwnCluster(): Promise<void> {
  if (!own) return;
  const c = await own.catch(() => undefined);
  own = undefined;
  c?.stop();
}
