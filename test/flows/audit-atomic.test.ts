// The audit event is written in the same store update (one revision) as the change it records: a failure between two
// updates can never leave an imported / revoked / refreshed certificate without its event, or an event without it.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {AuditEvent} from '../../src/domain/index.js';
import {commitImport, readImportFiles} from '../../src/flows/import.js';
import {refreshStatuses} from '../../src/flows/refresh.js';
import {revokeCertificate} from '../../src/flows/revoke.js';
import type {Store, StoreData} from '../../src/store/types.js';
import {ecPair, makeWorld, type World} from '../helpers/import-fixtures.js';
import {makeCertWorld, type CertWorld} from '../helpers/revoke-world.js';

interface Write {
  revision: number;
  certificatesChanged: boolean;
  events: AuditEvent['action'][];
}

/** The same store, with every update() recorded: what it changed in the certificates and which events it added. */
function recording(store: Store): {store: Store; writes: Write[]} {
  const writes: Write[] = [];
  const spy: Store = Object.create(store);
  spy.update = <T>(fn: (d: StoreData) => T) =>
    store.update.call(spy, async (d: StoreData) => {
      const certs = JSON.stringify(d.certificates);
      const events = d.audit.length;
      const result = await fn(d);
      writes.push({revision: d.revision + 1, certificatesChanged: JSON.stringify(d.certificates) !== certs, events: d.audit.slice(events).map((e) => e.action)});
      return result;
    }) as Promise<T>;
  return {store: spy, writes};
}

/** The writes that changed certificates or recorded `action`. */
const relevant = (writes: Write[], action: AuditEvent['action']) => writes.filter((w) => w.certificatesChanged || w.events.includes(action));

describe('audit in the same update as the change', () => {
  let iw: World;
  let cw: CertWorld;
  beforeAll(async () => {
    [iw, cw] = await Promise.all([makeWorld('ksef-audit-atomic-'), makeCertWorld()]);
  });
  afterAll(async () => {
    iw?.cleanup();
    await cw?.cleanup();
  });

  it('import: the record and its `import` event in one revision', async () => {
    const {store, writes} = recording(iw.store);
    const p = await ecPair(iw, 'atomic');
    const before = (await store.snapshot()).revision;
    const preview = await readImportFiles({crtPath: p.crtFile, keyPath: p.keyFile});
    const {record} = await commitImport({store, operator: (await store.listOperators())[0], workstation: 'ws'}, preview, {owner: {kind: 'company'}});
    expect(writes).toEqual([{revision: before + 1, certificatesChanged: true, events: ['import']}]);
    const data = await store.snapshot();
    expect(data.revision).toBe(before + 1);
    expect(data.audit.at(-1)).toMatchObject({action: 'import', certificateId: record.id});
  });

  it('revoke (F8) and refresh (F5): the status change and its event in one revision', async () => {
    const victim = await cw.enroll({type: 'O', name: 'Offline atomowy'});
    await cw.enroll({type: 'A', name: 'Logowanie atomowe'});
    const {store, writes} = recording(cw.store);
    const deps = {store, gateway: cw.gateway, operator: cw.operator, workstation: 'ws-atomic'};
    await revokeCertificate(deps, victim, 'Superseded');
    expect(relevant(writes, 'revoke')).toEqual([{revision: expect.any(Number), certificatesChanged: true, events: ['revoke']}]);

    writes.length = 0;
    await refreshStatuses(deps, 'D');
    expect(relevant(writes, 'statusRefresh')).toEqual([{revision: expect.any(Number), certificatesChanged: true, events: ['statusRefresh']}]);
  });
});
