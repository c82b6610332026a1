// The TUI shows KSeF's X-System-Warning on the message line (until the next screen) and audits it, for a call made
// through the app's gateway to the simulator over loopback.
import React from 'react';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {KsefGateway} from '../../src/flows/gateway.js';
import {App} from '../../src/screens/shell/App.js';
import {startTestSim, type TestSim} from '../helpers/simulator.js';
import {FakeStore, fakeData} from '../helpers/fake-store.js';
import {KEYS, waitForFrame, waitForGone} from '../helpers/ink.js';

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(() => t.close());
afterEach(cleanup);

describe('KSeF warning on the message line', () => {
  it('shows the folded, cleaned warning, audits it, and clears it on the next screen', async () => {
    const store = new FakeStore(fakeData());
    const operator = store.data.operators[0];
    const gateway = new KsefGateway({target: 'simulator', startSimulator: async () => ({apiBase: (env) => t.sim.apiBase(env), close: async () => undefined})});
    const r = render(<App store={store} dataDir="/srv/ksef/data" workstation="ws1" operator={operator} gateway={gateway} initialPath={['A', '1', '5']} escTimeoutMs={0} />);
    await waitForFrame(r.lastFrame, '[A-1-5]');
    t.sim.faults.add({path: '/auth/challenge$', warning: '[sim-004]: Planowana przerwa techniczna', times: 1});
    await (await gateway.client('T')).challenge();
    await waitForFrame(r.lastFrame, 'Ostrzeżenie KSeF: [sim-004]: Planowana przerwa techniczna');
    const audit = (await store.listAudit()).filter((e) => e.action === 'ksefWarning');
    expect(audit).toMatchObject([{operator: operator.code, workstation: 'ws1', details: 'POST /auth/challenge: [sim-004]: Planowana przerwa techniczna'}]);
    r.stdin.write(KEYS.esc);
    await waitForGone(r.lastFrame, 'Ostrzeżenie KSeF');
    await gateway.close();
  });
});
