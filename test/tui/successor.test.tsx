// "g — Generuj następcę (Z)" on a certificate's details prepares the successor of THAT certificate, not of the
// active one ending last: the form names it, proposes its end as the start date, and the plan follows it. Also the
// form refuses a start date beyond the horizon (the same domain rule as `generate --valid-from`).
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {CertificateRecord} from '../../src/domain/index.js';
import {warsawDate} from '../../src/domain/index.js';
import {CertDetailsScreen} from '../../src/screens/cert-details.js';
import {CertGenerateScreen} from '../../src/screens/cert-generate.js';
import {defaultStartDate, planGenerate} from '../../src/flows/generate.js';
import {FakeStore, fakeData} from '../helpers/fake-store.js';
import {KEYS, waitForFrame} from '../helpers/ink.js';
import {mountScreen} from '../helpers/mount.js';

afterEach(cleanup);

const DAY = 86_400_000;
const NOW = new Date('2026-06-15T10:00:00Z');
const cert = (id: string, name: string, serial: string, fromDays: number, toDays: number): CertificateRecord => ({
  id, owner: {kind: 'company'}, name, type: 'A', env: 'D', mode: 'B', state: 'issued', serial, keyPem: '', keyAlgorithm: 'EC-P256',
  validFrom: new Date(NOW.getTime() + fromDays * DAY).toISOString(), validTo: new Date(NOW.getTime() + toDays * DAY).toISOString(),
  source: 'imported', createdAt: NOW.toISOString(), createdBy: 'ADMIN',
});
// Both active for the company, type A, DEMO: the one whose details are open ends in 12 days, the other in 300.
const ENDING = cert('ending', 'Konczy sie wkrotce', '00000000000000E1', -700, 12);
const LATER = cert('later', 'Wazny dluzej', '00000000000000E2', -10, 300);

describe('g — Generuj następcę (Z) from the details', () => {
  it('opens the form for the certificate whose details are open', async () => {
    const data = fakeData();
    data.certificates = [ENDING, LATER];
    const store = new FakeStore(data);
    const ctx = {store, dataDir: '/srv/ksef/data', operator: data.operators[0], workstation: 'ws', clock: () => NOW};
    const d = mountScreen(ctx, (nav) => <CertDetailsScreen active path={['A', '1', '5', '7']} nav={nav} params={{id: ENDING.id}} />);
    await waitForFrame(d.lastFrame, 'g — Generuj następcę (Z)');
    d.stdin.write('g');
    await new Promise((r) => setTimeout(r, 50));
    expect(d.nav.push).toHaveBeenCalledTimes(1);
    const params = d.nav.push.mock.calls[0][0].params as Record<string, unknown>;
    expect(params).toMatchObject({mode: 'Z', predecessorId: ENDING.id});
    cleanup();

    const g = mountScreen(ctx, (nav) => <CertGenerateScreen kind="company" active path={['A', '1', '5', '4', '3']} nav={nav} params={params} />);
    await waitForFrame(g.lastFrame, 'Następca certyfikatu');
    const f = g.lastFrame()!;
    expect(f).toContain('Następca certyfikatu „Konczy sie wkrotce” (00000000000000E1)');
    expect(f).not.toContain('Wazny dluzej');
    expect(f).toMatch(new RegExp(`Data uruchomienia\\s+${warsawDate(new Date(ENDING.validTo!))}`));
  });

  it('the plan follows the named certificate and refuses one of another owner, type or environment', () => {
    const records = [ENDING, LATER];
    const admin = fakeData().operators[0];
    const start = defaultStartDate(records, {kind: 'company'}, 'A', 'D', 'Z', NOW, ENDING.id);
    expect(start.predecessor?.id).toBe(ENDING.id);
    const req = {owner: {kind: 'company'} as const, env: 'D' as const, name: 'Nastepca firmy', type: 'A' as const, mode: 'Z' as const,
      keyPassword: 'Haslo-Klucza-2026!', predecessorId: ENDING.id, validFrom: start.date};
    const plan = planGenerate(records, admin, req, NOW);
    expect(plan.predecessor?.id).toBe(ENDING.id);
    expect(plan.validFrom?.toISOString()).toBe(ENDING.validTo);
    expect(() => planGenerate(records, admin, {...req, type: 'O'}, NOW)).toThrow(/wskazany certyfikat/);
    // Without a named one the current (ending last) is followed, as before.
    expect(defaultStartDate(records, {kind: 'company'}, 'A', 'D', 'Z', NOW).predecessor?.id).toBe(LATER.id);
  });
});

describe('start date on the generate form (the domain rule the CLI uses too)', () => {
  it('9999-12-31 is refused in the form with the limit named', async () => {
    const data = fakeData();
    const store = new FakeStore(data);
    const ctx = {store, dataDir: '/srv/ksef/data', operator: data.operators[0], workstation: 'ws', clock: () => NOW};
    const g = mountScreen(ctx, (nav) => <CertGenerateScreen kind="company" active path={['A', '1', '5', '4', '3']} nav={nav} />);
    await waitForFrame(g.lastFrame, 'Środowisko KSeF');
    g.stdin.write('D');
    await waitForFrame(g.lastFrame, '▶ Nazwa certyfikatu');
    g.stdin.write('Nowy firmowy');
    await waitForFrame(g.lastFrame, 'Nowy firmowy');
    g.stdin.write(KEYS.tab);
    await waitForFrame(g.lastFrame, '▶ Typ certyfikatu');
    g.stdin.write('A');
    await waitForFrame(g.lastFrame, '▶ Tryb');
    g.stdin.write('B');
    await waitForFrame(g.lastFrame, '▶ Data uruchomienia');
    g.stdin.write(KEYS.backspace.repeat(10));
    await waitForFrame(g.lastFrame, /Data uruchomienia\s+RRRR-MM-DD▏/);
    g.stdin.write('99991231');
    await waitForFrame(g.lastFrame, '9999-12-31');
    g.stdin.write(KEYS.tab);
    await waitForFrame(g.lastFrame, 'Data rozpoczęcia ważności 9999-12-31 jest zbyt odległa: najpóźniej');
    expect(g.lastFrame()).toContain('2026-09-13'); // NOW + 90 days
  });
});
