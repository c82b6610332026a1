// "P — podpisz kartą" on the authorisation screen (ink-testing-library): the simulator's test-CA "qualified" seal
// loaded onto a real SoftHSM2 token signs auth.xml with the app's XAdES code; the screen shows whose certificate it
// is, asks the PIN (masked), reports a wrong PIN and then enrolls the certificate.
import React from 'react';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import {readdir} from 'node:fs/promises';
import {warsawDate} from '../../src/domain/index.js';
import {cleanup, render} from 'ink-testing-library';
import {App} from '../../src/screens/shell/App.js';
import {CertGenerateScreen} from '../../src/screens/cert-generate.js';
import {saveWorkstationConfiguration} from '../../src/flows/config.js';
import {QrScreen} from '../../src/screens/qr.js';
import {verifyKod2} from '../../src/ksef/qr.js';
import {fixture} from '../helpers/qr-world.js';
import {DEMO_COMPANY} from '../../src/store/index.js';
import {makeCertWorld, type CertWorld} from '../helpers/revoke-world.js';
import {loadIdentityOntoToken, makeTestToken, type TestToken} from '../helpers/softhsm.js';
import {KEYS, waitForFrame, waitForGone, presser} from '../helpers/ink.js';
import {mountScreen} from '../helpers/mount.js';

const PASSWORD = 'Haslo-Klucza-2026!';
/**
 * The field `label` showing exactly `n` mask characters: every key of a typed secret has reached the field. (Texts
 * like 'spełnia' or /zgodne/ are already on screen after the first characters — 'nie spełnia', 'nie są zgodne' — so
 * waiting for them let the test type on while earlier keys were still being handled.)
 */
const masked = (label: string, n: number) => new RegExp(`${label.replace(/[.()]/g, '\\$&')}\\s+\\*{${n}}(?!\\*)`);
let w: CertWorld;
let tok: TestToken;

beforeAll(async () => {
  tok = makeTestToken('KARTA');
  w = await makeCertWorld();
  const seal = await w.sim.issueTestIdentity({env: 'DEMO', kind: 'seal', nip: DEMO_COMPANY.nip, organizationName: DEMO_COMPANY.name});
  loadIdentityOntoToken(tok, seal.certPem, seal.keyPem);
  const ws = await w.store.workstation('ws-card');
  await w.store.saveWorkstation({...ws, pkcs11Module: tok.module, pkcs11Token: tok.label}, 'ADMIN');
}, 60_000);
afterEach(cleanup);
afterAll(async () => {
  await w?.cleanup();
  tok?.cleanup();
});

describe('workstation PKCS#11 module [A-1-5-2]', () => {
  it('is set by an administrator only (a library loaded into every session on the host); the label by anyone', async () => {
    const ws = await w.store.workstation('ws-card');
    const e = await saveWorkstationConfiguration({store: w.store, operator: w.operator}, {...ws, host: 'ws-card', pkcs11Module: '/tmp/inny.so'})
      .then(() => undefined, (x: unknown) => x);
    expect(e).toMatchObject({code: 'forbidden'});
    expect((await w.store.workstation('ws-card')).pkcs11Module).toBe(tok.module);
    await saveWorkstationConfiguration({store: w.store, operator: w.operator}, {...ws, pkcs11Token: tok.label});
    expect((await w.store.workstation('ws-card')).pkcs11Module).toBe(tok.module);
  });
});

describe('authorisation with the card (P)', () => {
  it('shows the signer, refuses a wrong PIN, then signs auth.xml on the token and enrolls', async () => {
    const r = mountGenerate();
    const {press} = r;
    await waitForFrame(r.lastFrame, 'Środowisko KSeF');
    await press('D', '▶ Nazwa certyfikatu');
    await press('Firma kartą', 'Firma kartą');
    await press(KEYS.tab, '▶ Typ certyfikatu');
    await press('A', '▶ Tryb');
    await press('B', '▶ Data uruchomienia');
    await press(KEYS.tab, '▶ Klucz prywatny');
    await press('M', '▶ Hasło klucza (.key)');
    await press(PASSWORD, masked('Hasło klucza (.key)', PASSWORD.length));
    expect(r.lastFrame()).toContain('Hasło spełnia zasady.');
    await press(KEYS.tab, '▶ Powtórz hasło');
    await press(PASSWORD, masked('Powtórz hasło', PASSWORD.length));
    await waitForFrame(r.lastFrame, 'Hasła zgodne.');
    await press(KEYS.f2, 'P — podpisz kartą', 15_000);
    await press('p', 'Podpis kartą — token „KARTA”', 15_000);
    expect(r.lastFrame()).toMatch(/Podpisuje: .*Demo Sp\. z o\.o\./);
    await press('000000', masked('PIN karty', 6));
    expect(r.lastFrame()).not.toContain('000000');
    await press(KEYS.enter, 'Nieprawidłowy PIN tokenu „KARTA”', 15_000);
    await press(tok.pin, masked('PIN karty', tok.pin.length));
    await press(KEYS.enter, 'Wygenerowano certyfikat KSeF „Firma kartą” dla firmy.', 30_000);
    expect((await w.store.listCertificates()).find((c) => c.name === 'Firma kartą')).toMatchObject({state: 'issued', type: 'A'});
  }, 60_000);

  it('"klucz na tokenie" in the form: PIN instead of the key password; the key is generated on the token', async () => {
    await generateOnToken('Offline na karcie', 'O');
    const rec = (await w.store.getCertificate((await w.store.listCertificates()).find((c) => c.name === 'Offline na karcie')!.id))!;
    expect(rec).toMatchObject({state: 'issued', type: 'O', keyPem: ''});
    expect(rec.keyUri).toMatch(/^pkcs11:token=KARTA;/);
  }, 60_000);

  it('KOD II in the QR screen [A-1-5-8] signed with the type-O key on the token (PIN field)', async () => {
    const rec = (await w.store.getCertificate((await w.store.listCertificates()).find((c) => c.name === 'Offline na karcie')!.id))!;
    const r = mountScreen({store: w.store, dataDir: w.dataDir, operator: w.admin, workstation: 'ws-card'}, (nav) => <QrScreen active path={['A', '1', '5', '8']} nav={nav} />);
    await waitForFrame(r.lastFrame, '▶ Plik faktury (.xml)');
    // Issued today (P_1): KOD II needs a certificate valid on the invoice's issue date.
    const invoice = path.join(w.root, 'fv-dzis.xml');
    fs.writeFileSync(invoice, fs.readFileSync(fixture('fa3-beta-2026-02-01.xml'), 'utf8').replace(/<P_1>[^<]*<\/P_1>/, `<P_1>${warsawDate(new Date())}</P_1>`));
    r.stdin.write(invoice);
    await waitForFrame(r.lastFrame, /NIP sprzedawcy\s+5265877635/);
    for (const label of ['▶ Kontekst KSeF', '▶ NIP sprzedawcy', '▶ Data wystawienia', '▶ Środowisko', '▶ Katalog PNG/SVG', '▶ PIN karty']) {
      r.stdin.write(KEYS.down);
      await waitForFrame(r.lastFrame, label);
    }
    r.stdin.write(tok.pin);
    await waitForFrame(r.lastFrame, masked('▶ PIN karty', tok.pin.length));
    r.stdin.write(KEYS.f2);
    await waitForFrame(r.lastFrame, 'KOD II — weryfikacja wystawcy — CERTYFIKAT', 15_000);
    const flat = r.lastFrame()!.replace(/\s*\n\s*/g, '');
    const kod2 = new RegExp(`https://qr-demo\\.ksef\\.mf\\.gov\\.pl/certificate/Nip/1111111111/5265877635/${rec.serial}/[A-Za-z0-9_-]{43}/[A-Za-z0-9_-]{86}`).exec(flat)![0];
    expect(verifyKod2(kod2, rec.certPem!)).toBe(true);
  }, 60_000);

  it('list [A-1-5-7]: [T] marks the token key, details name the token, F4 writes the .crt only and says why', async () => {
    const rec = (await w.store.getCertificate((await w.store.listCertificates()).find((c) => c.name === 'Offline na karcie')!.id))!;
    const r = render(<App store={w.store} dataDir={w.dataDir} workstation="ws-card" operator={w.admin} gateway={w.gateway} initialPath={['A', '1', '5', '7']} escTimeoutMs={0} />);
    await waitForFrame(r.lastFrame, '[T] Offline', 10_000);
    expect(r.lastFrame()).toContain(rec.serial);
    r.stdin.write(KEYS.end); // the newest row (sorted by the list's default order)
    await waitForFrame(r.lastFrame, '2 z 2');
    r.stdin.write(KEYS.enter);
    await waitForFrame(r.lastFrame, /Klucz prywatny\s+token „KARTA”/);
    r.stdin.write(KEYS.esc);
    await waitForFrame(r.lastFrame, '[T] Offline');
    r.stdin.write(KEYS.end);
    r.stdin.write(KEYS.f4);
    await waitForFrame(r.lastFrame, 'Eksport certyfikatu „Offline na karcie”');
    expect(r.lastFrame()).not.toContain('Hasło do klucza');
    r.stdin.write(KEYS.enter);
    // The generate step already left the .crt copy in the workstation's export folder: confirm replacing it.
    await waitForFrame(r.lastFrame, 'Zastąpić je? (T/N)');
    r.stdin.write('t');
    await waitForFrame(r.lastFrame, 'jest na tokenie „KARTA” i nie da się go', 10_000);
    expect(r.lastFrame()).toContain('zapisano tylko certyfikat');
    const files = await readdir((await w.store.workstation('ws-card')).exportFolder);
    expect(files.filter((f) => f.startsWith('Offline_na_karcie_'))).toEqual([`Offline_na_karcie_${rec.serial}.crt`]);
  }, 60_000);

  it('a type-A certificate with its key on the token signs the KSeF login: the form asks its PIN', async () => {
    await generateOnToken('Autoryzacja na karcie', 'A');
    const r = mountGenerate();
    await waitForFrame(r.lastFrame, 'Środowisko KSeF');
    await r.press('D', '▶ Nazwa certyfikatu');
    await r.press('Drugi offline', 'Drugi offline');
    await r.press(KEYS.tab, '▶ Typ certyfikatu');
    await r.press('O', '▶ Tryb');
    await r.press('B', '▶ Data uruchomienia');
    await r.press(KEYS.tab, '▶ Klucz prywatny');
    await r.press('M', '▶ PIN karty'); // the newest company A ("Autoryzacja na karcie") is on the token
    await r.press(tok.pin, masked('PIN karty', tok.pin.length));
    await r.press(KEYS.tab, '▶ Hasło klucza (.key)');
    await r.press(PASSWORD, masked('Hasło klucza (.key)', PASSWORD.length));
    expect(r.lastFrame()).toContain('Hasło spełnia zasady.');
    await r.press(KEYS.tab, '▶ Powtórz hasło');
    await r.press(PASSWORD, masked('Powtórz hasło', PASSWORD.length));
    await waitForFrame(r.lastFrame, 'Hasła zgodne.');
    await r.press(KEYS.f2, 'Wygenerowano certyfikat KSeF „Drugi offline” dla firmy.', 30_000);
    expect((await w.store.listCertificates()).find((c) => c.name === 'Drugi offline')).toMatchObject({state: 'issued', type: 'O'});
    const login = (await w.store.listAudit()).filter((e) => e.action === 'ksefLogin').at(-1)!;
    expect((await w.store.getCertificate(login.serial!))!.name).toBe('Autoryzacja na karcie');
  }, 120_000); // two whole KSeF flows (each may take its 30 s wait on busy cores)
});

function mountGenerate() {
  const r = mountScreen(
    {store: w.store, dataDir: w.dataDir, operator: w.admin, workstation: 'ws-card', gateway: w.gateway},
    (nav) => <CertGenerateScreen kind="company" active path={['A', '1', '5', '4']} nav={nav} />,
  );
  return {...r, press: presser(r)};
}

async function generateOnToken(name: string, type: 'A' | 'O') {
  {
    const r = mountGenerate();
    const {press} = r;
    await waitForFrame(r.lastFrame, 'Środowisko KSeF');
    await press('D', '▶ Nazwa certyfikatu');
    await press(name, name);
    await press(KEYS.tab, '▶ Typ certyfikatu');
    await press(type, '▶ Tryb');
    await press('B', '▶ Data uruchomienia');
    await press(KEYS.tab, '▶ Klucz prywatny');
    await press('T', '▶ PIN karty');
    expect(r.lastFrame()).toContain('klucz na tokenie „KARTA”');
    expect(r.lastFrame()).not.toContain('Hasło klucza (.key)');
    await press(tok.pin, masked('PIN karty', tok.pin.length));
    // The company has the type-A certificate from the test above: the app logs in with it, no manual step.
    await press(KEYS.f2, `Wygenerowano certyfikat KSeF „${name}” dla firmy.`, 30_000);
    expect(r.lastFrame()).toMatch(/kopii \.key nie zapisano/);
    cleanup();
  }
}
