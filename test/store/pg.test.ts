// PostgreSQL-only guarantees: the append-only audit table, the master key check, schema versions, and several OS
// processes ("servers" with different host names) writing into one database without losing anything.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import pg from 'pg';
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {randomBytes} from 'node:crypto';
import {createDemoStore, openStore, StoreError, type Store} from '../../src/store/index.js';
import {freshDatabase, pgUnavailable, stopOwnCluster} from '../helpers/pg.js';
import {buildStoreForWorkers} from './build.js';
import {runWorker, tempDir} from './helpers.js';

const skip = pgUnavailable();
if (skip) console.warn(`\n!!! ${skip}\n`);
afterAll(stopOwnCluster);

const storeError = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as StoreError);

async function sql(url: string, text: string): Promise<unknown> {
  const c = new pg.Client({connectionString: url});
  await c.connect();
  try {
    return (await c.query(text)).rows;
  } finally {
    await c.end();
  }
}

describe.skipIf(skip)('PostgreSQL store', () => {
  const opened: Store[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close?.()));
  });
  async function demo() {
    const url = await freshDatabase();
    const dataDir = (await tempDir()).sub;
    await createDemoStore(url, {dataDir});
    const store = await openStore(url, {dataDir});
    opened.push(store);
    return {url, dataDir, store};
  }

  it('the audit table refuses UPDATE, DELETE and TRUNCATE (trigger); update() may only append events', async () => {
    const {url, store} = await demo();
    await store.audit({operator: 'ADMIN', workstation: 'host-a', action: 'export', details: 'pierwszy'});
    for (const text of ['UPDATE ksef_audit SET doc = doc', 'DELETE FROM ksef_audit', 'TRUNCATE ksef_audit']) {
      await expect(sql(url, text)).rejects.toThrow(/append-only/);
    }
    const err = await storeError(store.update((d) => {
      d.audit[0].details = 'zmieniony';
    }));
    expect(err?.code).toBe('forbidden');
    const dropped = await storeError(store.update((d) => {
      d.audit.pop();
    }));
    expect(dropped?.code).toBe('forbidden');
    expect((await store.listAudit()).map((e) => e.details)).toEqual(['pierwszy']);
  });

  it('the master key stays a local file: the database holds only a check value; another key file is refused', async () => {
    const {url, dataDir, store} = await demo();
    const key = (await import('node:fs/promises')).readFile(path.join(dataDir, 'master.key'), 'utf8');
    const meta = JSON.stringify(await sql(url, 'SELECT key, value FROM ksef_meta'));
    expect(meta).not.toContain((await key).trim());
    const other = path.join((await tempDir()).root, 'inny.key');
    await writeFile(other, randomBytes(32).toString('base64'), {mode: 0o600});
    const err = await storeError(openStore(url, {dataDir, masterKeyFile: other}));
    expect(err?.code).toBe('masterKey');
    expect(err?.message).toContain('KSEF_CERTS_MASTER_KEY_FILE');
    expect(store.info.file).not.toMatch(/:[^/@]*@/); // no password shown
  });

  it('a database with a newer schema is refused and left unchanged', async () => {
    const {url, dataDir} = await demo();
    await sql(url, `UPDATE ksef_meta SET value = '99' WHERE key = 'pgSchema'`);
    const err = await storeError(openStore(url, {dataDir}));
    expect(err?.code).toBe('newerSchema');
    expect(await sql(url, `SELECT value FROM ksef_meta WHERE key = 'pgSchema'`)).toEqual([{value: 99}]);
  });

  it('4 processes with different host names × 60 mixed writes, and 4 × 40 read-modify-write updates → nothing lost', async () => {
    const entry = buildStoreForWorkers();
    const {url, dataDir, store} = await demo();
    const hosts = ['serwer-a', 'serwer-b', 'serwer-c', 'serwer-d'];
    const mixed = await Promise.all(hosts.map((tag) => runWorker(entry, {dir: url, mode: 'mixed', tag, count: 60, opts: {dataDir}})));
    const count = await Promise.all(hosts.map((tag) => runWorker(entry, {dir: url, mode: 'count', tag, count: 40, opts: {dataDir}})));
    for (const r of [...mixed, ...count]) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    const data = await store.snapshot();
    for (const [w, r] of mixed.entries()) {
      expect(r.acks).toHaveLength(60);
      const lastEdit = new Map<string, number>();
      for (const [kind, id, value] of r.acks) {
        if (kind === 'add') expect(data.certificates.some((c) => c.id === id)).toBe(true);
        else if (kind === 'edit') lastEdit.set(id, Number(value));
        else expect(data.audit.find((e) => e.id === id)?.workstation).toBe(hosts[w]);
      }
      for (const [id, i] of lastEdit) expect(data.certificates.find((c) => c.id === id)?.name).toBe(`Zmieniony ${hosts[w]} ${i}`);
    }
    const adds = mixed.flatMap((r) => r.acks).filter((a) => a[0] === 'add').length;
    expect(data.certificates).toHaveLength(adds);
    expect(data.company.name).toBe('160');
  }, 120_000);
});
