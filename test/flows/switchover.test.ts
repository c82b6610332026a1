// Mode Z switch-over on a fake clock: the selector moves to the successor when the predecessor ends, and the switch
// is written to the audit log exactly once however often it is checked.
import {randomUUID} from 'node:crypto';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {CertificateRecord} from '../../src/domain/index.js';
import {selectCertificate} from '../../src/domain/index.js';
import {detectSwitchOvers, logSwitchOvers} from '../../src/flows/switchover.js';
import {createDemoStore, openStore} from '../../src/store/index.js';
import type {Store} from '../../src/store/types.js';

const DAY = 86_400_000;
const T0 = new Date('2026-03-01T10:00:00Z');
const op = {code: 'JKOWALSKI', branch: 'CENTRALA'};

function rec(p: Partial<CertificateRecord>): CertificateRecord {
  return {
    id: randomUUID(), owner: {kind: 'operator', code: 'JKOWALSKI'}, name: 'Certyfikat', type: 'A', env: 'D', mode: 'B', state: 'issued',
    keyPem: '', keyAlgorithm: 'EC-P256', source: 'generated', createdAt: T0.toISOString(), createdBy: 'ADMIN', ...p,
  };
}

const current = rec({name: 'Bieżący', serial: '00000000000000A1', validFrom: new Date(T0.getTime() - 300 * DAY).toISOString(), validTo: new Date(T0.getTime() + 10 * DAY).toISOString()});
const successor = rec({
  name: 'Następca Z', mode: 'Z', serial: '00000000000000A2', predecessorId: current.id,
  validFrom: current.validTo, validTo: new Date(T0.getTime() + 740 * DAY).toISOString(),
});
const other = rec({name: 'Oddział', owner: {kind: 'branch', code: 'CENTRALA'}, serial: '00000000000000B1', validFrom: new Date(T0.getTime() - DAY).toISOString(), validTo: new Date(T0.getTime() + 700 * DAY).toISOString()});
const records = [current, successor, other];

let dir: string;
let store: Store;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ksef-switch-'));
  await createDemoStore(dir);
  store = await openStore(dir);
  for (const r of records) await store.addCertificate(r);
});
afterAll(() => rm(dir, {recursive: true, force: true}));

describe('mode Z switch-over', () => {
  it('the selector keeps the current certificate until its end, then picks the successor', () => {
    expect(selectCertificate(records, op, 'A', 'D', new Date(T0.getTime() + 9 * DAY))?.id).toBe(current.id);
    expect(selectCertificate(records, op, 'A', 'D', new Date(T0.getTime() + 11 * DAY))?.id).toBe(successor.id);
  });

  it('detectSwitchOvers reports the successor only in the window where it took over', () => {
    expect(detectSwitchOvers(records, T0, new Date(T0.getTime() + 9 * DAY))).toEqual([]);
    const found = detectSwitchOvers(records, T0, new Date(T0.getTime() + 11 * DAY));
    expect(found.map((f) => f.successor.id)).toEqual([successor.id]);
    expect(found[0].predecessor?.id).toBe(current.id);
    expect(found[0].at.toISOString()).toBe(current.validTo);
    expect(detectSwitchOvers(records, new Date(T0.getTime() + 11 * DAY), new Date(T0.getTime() + 12 * DAY))).toEqual([]);
  });

  it('logs exactly one switchOver audit event, however often and from wherever it is checked', async () => {
    const deps = (days: number) => ({store, operator: {code: 'JKOWALSKI'}, workstation: 'ws', now: () => new Date(T0.getTime() + days * DAY)});
    expect(await logSwitchOvers(deps(5))).toEqual([]);
    const first = await logSwitchOvers(deps(11));
    expect(first).toHaveLength(1);
    await logSwitchOvers(deps(11));
    await Promise.all([logSwitchOvers(deps(20)), logSwitchOvers(deps(30))]);
    const events = (await store.listAudit()).filter((e) => e.action === 'switchOver');
    expect(events).toHaveLength(1);
    expect(events[0].certificateId).toBe(successor.id);
    expect(events[0].serial).toBe(successor.serial);
    expect(events[0].details).toContain('„Następca Z” zastąpił „Bieżący”');
  });
});
