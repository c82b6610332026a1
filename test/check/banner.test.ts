// The TUI start-up banner offers the renewal plan of `check --plan`: how many mode-Z successors to create and how,
// counting only what the operator may create (rights as for generate).
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {startupAlerts} from '../../src/screens/startup-banner.js';
import {makeT} from '../../src/i18n/index.js';
import {at, makeCheckWorld, NOW, type CheckWorld} from './helpers.js';

let w: CheckWorld;
beforeEach(async () => {
  w = await makeCheckWorld();
});
afterEach(() => w?.cleanup());

const ops = async () => {
  const list = await w.store.listOperators();
  return {admin: list.find((o) => o.code === 'ADMIN')!, jan: list.find((o) => o.code === 'JKOWALSKI')!};
};

describe('start-up banner: renewal plan line', () => {
  it('names how many successors to create and how; a prepared successor is not counted', async () => {
    const {admin, jan} = await ops();
    await w.add({endsIn: 20, owner: {kind: 'company'}});
    await w.add({endsIn: 5, owner: {kind: 'operator', code: 'JKOWALSKI'}, type: 'O'});
    const covered = await w.add({endsIn: 8, owner: {kind: 'branch', code: 'ODDZIAL1'}});
    await w.add({owner: {kind: 'branch', code: 'ODDZIAL1'}, mode: 'Z', validFrom: covered.validTo, validTo: at(8 + 730)});
    await w.add({endsIn: 90, env: 'P'});
    const lines = await startupAlerts(w.store, admin, 'ws', NOW);
    expect(lines).toContain('Plan odnowień: następcy do utworzenia (tryb Z): 2 — [A-1-5-7], szczegóły → g');
    // An ordinary operator creates only their own operator certificates.
    expect(await startupAlerts(w.store, jan, 'ws', NOW, makeT('en'))).toContain(
      'Renewal plan: successors to create (mode Z): 1 — [A-1-5-7], details → g',
    );
  });

  it('no line when nothing ends within 30 days', async () => {
    const {admin} = await ops();
    await w.add({endsIn: 45});
    expect((await startupAlerts(w.store, admin, 'ws', NOW)).join('\n')).not.toMatch(/Plan odnowień/);
  });
});
