// The status line shows KSeF's state (Latarnia) for the session's environment, refreshed in the background; a
// generate screen opened during maintenance warns first. Against the simulator over loopback.
import React from 'react';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {KsefGateway} from '../../src/flows/gateway.js';
import {currentMessages} from '../../src/ksef/latarnia.js';
import {App} from '../../src/screens/shell/App.js';
import {startTestSim, type TestSim} from '../helpers/simulator.js';
import {FakeStore, fakeData} from '../helpers/fake-store.js';
import {waitForFrame} from '../helpers/ink.js';

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(() => t.close());
afterEach(cleanup);

function app(initialPath: string[]) {
  const store = new FakeStore(fakeData());
  const gateway = new KsefGateway({target: 'simulator', startSimulator: async () => ({apiBase: (env) => t.sim.apiBase(env), close: async () => undefined})});
  return render(<App store={store} dataDir="/srv/ksef/data" workstation="ws1" operator={store.data.operators[0]} gateway={gateway} initialPath={initialPath} escTimeoutMs={0} />);
}

describe('KSeF state on the status line', () => {
  it('shows "KSeF: dostępny", then maintenance, with a warning on the generate screen before anything is sent', async () => {
    t.sim.setKsefStatus('DEMO', {status: 'AVAILABLE'});
    const r = app(['A', '1', '5']);
    await waitForFrame(r.lastFrame, 'KSeF: dostępny');
    cleanup();
    t.sim.setKsefStatus('DEMO', {status: 'MAINTENANCE', title: 'Prace serwisowe 16:00–18:00'});
    const g = app(['A', '1', '5', '4', '3']);
    await waitForFrame(g.lastFrame, 'KSeF: prace serwisowe');
    await waitForFrame(g.lastFrame, 'Uwaga: KSeF (DEMO) zgłasza: prace serwisowe — Prace serwisowe 16:00–18:00.');
    t.sim.setKsefStatus('DEMO', {status: 'AVAILABLE'});
  });

  it('stale messages (an ended event) are not shown as current', () => {
    const now = new Date('2026-06-01T12:00:00Z');
    const list = [
      {id: '1', title: 'Awaria', type: 'FAILURE_START', start: '2026-06-01T08:00:00Z', end: '2026-06-01T10:00:00Z'},
      {id: '2', title: 'Koniec awarii', type: 'FAILURE_END', start: '2026-06-01T08:00:00Z', end: null},
      {id: '3', title: 'Prace serwisowe', type: 'MAINTENANCE_ANNOUNCEMENT', start: '2026-06-01T16:00:00Z', end: '2026-06-01T18:00:00Z'},
      {id: 4, title: 'zły kształt'},
    ];
    expect(currentMessages(list, now).map((m) => m.id)).toEqual(['3']);
  });
});
