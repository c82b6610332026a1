// QR screen [A-1-5-8]: typing a long invoice path key by key (as a paste or typed-ahead keys arrive) must not make
// React report "Maximum update depth exceeded". The form used to report each value from a passive effect, so every
// key's commit scheduled the screen's 'typed' update from its effects; 50 such commits in a row trip React's check.
import React from 'react';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {QrScreen} from '../../src/screens/qr.js';
import {fixture, makeQrWorld, type QrWorld} from '../helpers/qr-world.js';
import {waitForFrame} from '../helpers/ink.js';
import {mountScreen} from '../helpers/mount.js';
import {noReactErrors} from '../helpers/react-errors.js';

let w: QrWorld;
beforeAll(async () => {
  w = await makeQrWorld();
  await w.addCert({type: 'O', serial: '01A2B3C4D5E6F708'});
});
afterEach(cleanup);
afterAll(() => w?.cleanup());
noReactErrors();

it('a 100+ character invoice path typed in one write fills NIP and P_1 without React reporting an update loop', async () => {
  const r = mountScreen({store: w.store, dataDir: w.dataDir, operator: w.operator, workstation: 'ws-qr'}, (nav) => <QrScreen active path={['A', '1', '5', '8']} nav={nav} />);
  await waitForFrame(r.lastFrame, '▶ Plik faktury (.xml)');
  // Long whatever the checkout path: './' segments pad it past React's limit of 50 nested passive updates.
  const file = fixture('fa3-beta-2026-02-01.xml');
  const long = `${path.dirname(file)}${'/.'.repeat(40)}/${path.basename(file)}`;
  expect(long.length).toBeGreaterThan(100);
  r.stdin.write(long);
  await waitForFrame(r.lastFrame, /NIP sprzedawcy\s+5265877635/);
  expect(r.lastFrame()).toMatch(/Data wystawienia \(P_1\)\s+2026-02-01/);
});
