// The rendered main menu after login shows the renewal-plan line of the start-up banner (real store, fake clock).
import React from 'react';
import {afterEach, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {App} from '../../src/screens/shell/App.js';
import {waitForFrame} from '../helpers/ink.js';
import {makeCheckWorld, NOW, type CheckWorld} from './helpers.js';

let w: CheckWorld | undefined;
afterEach(async () => {
  cleanup();
  await w?.cleanup();
});

it('main menu banner: „Plan odnowień: następcy do utworzenia (tryb Z): 1” next to the expiry warning', async () => {
  w = await makeCheckWorld();
  await w.add({endsIn: 12, name: 'Firma logowanie'});
  const admin = (await w.store.listOperators()).find((o) => o.code === 'ADMIN')!;
  const r = render(<App store={w.store} dataDir={w.dataDir} workstation="ws1" operator={admin} clock={() => NOW} escTimeoutMs={0} />);
  await waitForFrame(r.lastFrame, '⚠ Plan odnowień: następcy do utworzenia (tryb Z): 1 — [A-1-5-7], szczegóły → g');
  expect(r.lastFrame()).toContain('⚠ Wygasają w ciągu 30 dni: Firma logowanie');
  expect(r.lastFrame()).toContain('A. KSeF/Inwentaryzacja/FK');
});
