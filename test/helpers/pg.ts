// Real PostgreSQL for the store tests. KSEF_CERTS_TEST_PG (set by .ci/run) names a server to use; without it, when
// initdb exists, the test file starts its own throwaway cluster on loopback (a dev machine's `npm test`). Every
// caller gets a fresh database. Neither possible → the caller skips with a loud message.
import {randomBytes} from 'node:crypto';
import pg from 'pg';
import {pgBin, startCluster, type Cluster} from '../../bench/pg-cluster.js';

let own: Promise<Cluster> | undefined;

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
