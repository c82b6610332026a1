// [A-1-5-8]: the KOD II certificate comes from those KSeF would accept — a newer self-signed type-O certificate is
// never offered nor used; with several acceptable ones the user chooses (↑↓ Enter) and KOD II is signed with it.
import React from 'react';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {QrScreen} from '../../src/screens/qr.js';
import {fixture, makeQrWorld, type QrWorld} from '../helpers/qr-world.js';
import {KEYS, waitForFrame} from '../helpers/ink.js';
import {mountScreen} from '../helpers/mount.js';
import {noReactErrors} from '../helpers/react-errors.js';

let w: QrWorld;
const at = (s: string) => new Date(`${s}T00:00:00Z`);
beforeAll(async () => {
  w = await makeQrWorld();
  await w.addCert({type: 'O', serial: '0E000000000000A1', notBefore: at('2026-01-01'), name: 'Offline operatora'});
  await w.addCert({type: 'O', serial: '0E000000000000B1', notBefore: at('2026-01-20'), issuer: 'self', name: 'Samopodpisany nowszy'});
});
afterEach(cleanup);
noReactErrors(); // e.g. "Maximum update depth exceeded" (qr-no-cascade.test.tsx)
afterAll(() => w?.cleanup());

const mount = () => mountScreen({store: w.store, dataDir: w.dataDir, operator: w.operator, workstation: 'ws-qr'}, (nav) => <QrScreen active path={['A', '1', '5', '8']} nav={nav} />);

async function submitInvoice(r: ReturnType<typeof mount>) {
  const file = fixture('fa3-beta-2026-02-01.xml');
  await waitForFrame(r.lastFrame, '▶ Plik faktury (.xml)');
  r.stdin.write(file);
  await waitForFrame(r.lastFrame, /NIP sprzedawcy\s+5265877635/);
  r.stdin.write(KEYS.f2);
}

describe('qr screen — which certificate signs KOD II', () => {
  it('one acceptable certificate: used at once, the newer self-signed one is not', async () => {
    const r = mount();
    await submitInvoice(r);
    await waitForFrame(r.lastFrame, 'KOD II — weryfikacja wystawcy — CERTYFIKAT');
    expect(r.lastFrame()).toMatch(/Numer seryjny\s+0E000000000000A1/);
    expect(r.lastFrame()).not.toContain('0E000000000000B1');
  });

  it('several acceptable certificates: a choice list, Enter on the second signs with it, Esc returns to the form', async () => {
    await w.addCert({type: 'O', serial: '0E000000000000C1', notBefore: at('2026-01-05'), owner: {kind: 'company'}, name: 'Offline firmy'});
    const r = mount();
    await submitInvoice(r);
    await waitForFrame(r.lastFrame, 'które KSeF przyjmie dla tej faktury (2)');
    const f = r.lastFrame()!;
    expect(f).toMatch(/▶ „Offline operatora” — operator JKOWALSKI, nr 0E000000000000A1/);
    expect(f).toMatch(/„Offline firmy” — firma, nr 0E000000000000C1/);
    expect(f).not.toContain('Samopodpisany');
    r.stdin.write(KEYS.esc);
    await waitForFrame(r.lastFrame, '▶ Plik faktury (.xml)');
    r.stdin.write(KEYS.f2);
    await waitForFrame(r.lastFrame, 'które KSeF przyjmie');
    r.stdin.write(KEYS.down);
    await waitForFrame(r.lastFrame, /▶ „Offline firmy”/);
    r.stdin.write(KEYS.enter);
    await waitForFrame(r.lastFrame, 'KOD II — weryfikacja wystawcy — CERTYFIKAT');
    expect(r.lastFrame()).toMatch(/Numer seryjny\s+0E000000000000C1/);
    expect(r.lastFrame()).toMatch(/Certyfikat \(typ O\)\s+„Offline firmy” — firma/);
  });

  it('chunked input: ↓ and Enter in one write pick the second certificate (the choice list takes keys one at a time)', async () => {
    const r = mount();
    await submitInvoice(r);
    await waitForFrame(r.lastFrame, 'które KSeF przyjmie');
    r.stdin.write(KEYS.down + KEYS.enter);
    await waitForFrame(r.lastFrame, 'KOD II — weryfikacja wystawcy — CERTYFIKAT');
    expect(r.lastFrame()).toMatch(/Numer seryjny\s+0E000000000000C1/);
  });
});
