// The alert de-duplication state (`alerts`) survives in the PostgreSQL store as in store.json (a ksef_meta row).
import {afterAll, describe, expect, it} from 'vitest';
import {claimDue} from '../../src/flows/check/alert-state.js';
import type {Finding} from '../../src/flows/check/findings.js';
import {createDemoStore, openStore} from '../../src/store/index.js';
import {freshDatabase, pgUnavailable, stopOwnCluster} from '../helpers/pg.js';
import {tempDir} from '../store/helpers.js';

const skip = pgUnavailable();
if (skip) console.warn(`\n!!! ${skip}\n`);
afterAll(stopOwnCluster);

describe.skipIf(skip)('check alerts on the PostgreSQL store', () => {
  it('a claimed alert is still known after reopening: not sent twice', async () => {
    const url = await freshDatabase();
    const dataDir = (await tempDir()).sub;
    await createDemoStore(url, {dataDir});
    const f: Finding = {id: 'expiring:abc', kind: 'expiring', severity: 'warning'};
    const now = new Date('2027-06-01T10:00:00Z');
    const first = await openStore(url, {dataDir});
    expect((await claimDue(first, 'webhook', [f], () => true, 24, now)).due).toHaveLength(1);
    await first.close?.();
    const again = await openStore(url, {dataDir});
    try {
      expect((await again.snapshot()).alerts).toEqual([{channel: 'webhook', finding: 'expiring:abc', severity: 'warning', sentAt: now.toISOString()}]);
      expect((await claimDue(again, 'webhook', [f], () => true, 24, now)).due).toEqual([]);
    } finally {
      await again.close?.();
    }
  });
});
