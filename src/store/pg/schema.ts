// PostgreSQL schema of the store, created and migrated by the app. Every migration runs in one transaction under an
// advisory lock, so two servers starting at once cannot both migrate. Never edit a published step: add the next one.
import type {PoolClient} from 'pg';
import {StoreError} from '../types.js';
import {msg} from '../../i18n/index.js';

/** Steps keyed by the schema version they migrate FROM (0 = empty database). */
const STEPS: Record<number, string> = {
  0: `
    CREATE TABLE ksef_meta (key text PRIMARY KEY, value jsonb NOT NULL);
    CREATE TABLE ksef_branches (code text PRIMARY KEY, pos integer NOT NULL, doc jsonb NOT NULL);
    CREATE TABLE ksef_operators (code text PRIMARY KEY, pos integer NOT NULL, doc jsonb NOT NULL);
    CREATE TABLE ksef_workstations (host text PRIMARY KEY, pos integer NOT NULL, doc jsonb NOT NULL);
    CREATE TABLE ksef_certificates (
      id text PRIMARY KEY,
      seq bigserial NOT NULL,
      serial text,
      doc jsonb NOT NULL
    );
    CREATE UNIQUE INDEX ksef_certificates_serial ON ksef_certificates (upper(serial)) WHERE serial IS NOT NULL AND serial <> '';
    CREATE INDEX ksef_certificates_seq ON ksef_certificates (seq);
    CREATE TABLE ksef_audit (seq bigserial PRIMARY KEY, id text NOT NULL UNIQUE, doc jsonb NOT NULL);
    -- The audit log is append-only for everyone who writes through this schema, not just for the app's code.
    CREATE FUNCTION ksef_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'ksef_audit is append-only'; END $$;
    CREATE TRIGGER ksef_audit_no_change BEFORE UPDATE OR DELETE ON ksef_audit
      FOR EACH ROW EXECUTE FUNCTION ksef_audit_append_only();
    CREATE TRIGGER ksef_audit_no_truncate BEFORE TRUNCATE ON ksef_audit
      FOR EACH STATEMENT EXECUTE FUNCTION ksef_audit_append_only();
    -- Named row locks (enrollment): a row is locked FOR UPDATE for as long as the holder's transaction runs.
    CREATE TABLE ksef_locks (name text PRIMARY KEY);
  `,
};

export const PG_SCHEMA_VERSION = 1;

/** Any number fits: the key only has to be the same in every process. */
const MIGRATION_LOCK = 0x6b736566;

/**
 * Brings the database schema to PG_SCHEMA_VERSION. Returns false when the database holds no store and `create` is
 * off (nothing is changed then).
 */
export async function migrateSchema(c: PoolClient, create: boolean, newStoreMeta: () => Record<string, unknown>): Promise<boolean> {
  await c.query('BEGIN');
  try {
    await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const exists = (await c.query(`SELECT to_regclass('ksef_meta') IS NOT NULL AS e`)).rows[0].e as boolean;
    let from = 0;
    if (exists) {
      const row = (await c.query(`SELECT value FROM ksef_meta WHERE key = 'pgSchema'`)).rows[0];
      from = Number(row?.value ?? 0);
    }
    if (from > PG_SCHEMA_VERSION) {
      throw new StoreError('newerSchema', msg('storeErr.pgNewerSchema', {from, max: PG_SCHEMA_VERSION}));
    }
    if (!exists && !create) {
      await c.query('ROLLBACK');
      return false;
    }
    for (let v = from; v < PG_SCHEMA_VERSION; v++) await c.query(STEPS[v]);
    await c.query(
      `INSERT INTO ksef_meta (key, value) VALUES ('pgSchema', $1::jsonb) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      [JSON.stringify(PG_SCHEMA_VERSION)],
    );
    if (!exists) {
      for (const [key, value] of Object.entries(newStoreMeta())) {
        await c.query(`INSERT INTO ksef_meta (key, value) VALUES ($1, $2::jsonb)`, [key, JSON.stringify(value)]);
      }
    }
    await c.query('COMMIT');
    return true;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => {});
    throw e;
  }
}
