// [A-1-5-3] screen with ink-testing-library on a real store and real files: happy path, wrong password keeps the
// form, expired needs a second explicit "T", an ordinary operator sees only themself as owner.
import React from 'react';
import fs from 'node:fs';
import {afterAll, afterEach, describe, expect, it, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {CertImportScreen} from '../../src/screens/cert-import.js';
import {SCREENS} from '../../src/screens/registry.js';
import type {Operator} from '../../src/domain/index.js';
import {ecPair, makeWorld, PASSWORD, toMcuKey} from '../helpers/import-fixtures.js';
import {KEYS, settle, waitForFrame, press as pressKey} from '../helpers/ink.js';
import {mountScreen} from '../helpers/mount.js';

const w = await makeWorld('ksef-tui-imp-');
const ops = await w.store.listOperators();
const admin = ops.find((o) => o.role === 'admin')!;
const oper = ops.find((o) => o.role === 'operator')!;
afterEach(cleanup);
afterAll(() => w.cleanup());

function mount(operator: Operator) {
  return mountScreen({store: w.store, dataDir: w.dataDir, operator, workstation: 'ws-tui'}, (nav) => <CertImportScreen active path={['A', '1', '5', '3']} nav={nav} />);
}

type R = ReturnType<typeof mount>;
const press = (r: R, key: string, expected: string | RegExp) => pressKey(r, key, expected, 5000);

/** Types the two paths and the password, then F2 (submit from anywhere). */
async function fill(r: R, crt: string, key: string, password: string) {
  await waitForFrame(r.lastFrame, '▶ Plik certyfikatu (.crt)');
  r.stdin.write(crt);
  await waitForFrame(r.lastFrame, crt.slice(-20));
  await press(r, KEYS.enter, '▶ Plik klucza (.key)');
  r.stdin.write(key);
  await waitForFrame(r.lastFrame, key.slice(-20));
  await press(r, KEYS.enter, '▶ Hasło klucza');
  if (password) {
    r.stdin.write(password);
    await waitForFrame(r.lastFrame, '*'.repeat([...password].length));
  }
}

async function pair(name: string, o: Parameters<typeof ecPair>[2] = {}) {
  const p = await ecPair(w, name, o);
  return {...p, mcu: toMcuKey(w, p.keyFile, `${name}.mcu.key`)};
}

describe('cert-import screen', () => {
  it('is registered for the menu leaf A-1-5-3 with its help text', async () => {
    expect(await SCREENS['cert-import'].load?.()).toBe(CertImportScreen);
    expect(SCREENS['cert-import'].help).toBe('help.certImport');
  });

  it('happy path: files, password, company by default → what was read → T → stored', async () => {
    const p = await pair('tui-ok');
    const r = mount(admin);
    await fill(r, p.crtFile, p.mcu, PASSWORD);
    expect(r.lastFrame()).not.toContain(PASSWORD);
    expect(r.lastFrame()).toMatch(/Właściciel\s+firma — Demo Sp\. z o\.o\./);
    await press(r, KEYS.f2, 'Odczytano certyfikat:');
    const f = r.lastFrame()!;
    expect(f).toMatch(/O=Beta Spółka z o\.o\., CN=Beta\s+\(uwierzytelnienie\)/);
    expect(f).toMatch(/NIP \/ PESEL\s+NIP 5265877635/);
    expect(f).toMatch(/Typ\s+A — uwierzytelnianie/);
    expect(f).toMatch(new RegExp(`Numer seryjny\\s+${p.serial}`));
    expect(f).toMatch(/Środowisko\s+T — TEST/);
    expect(f).toMatch(/Algorytm klucza\s+EC-P256/);
    expect(f).toContain('Zaimportować certyfikat? (T/N)');
    expect(await w.store.getCertificate(p.serial)).toBeUndefined(); // nothing stored before the answer
    await press(r, 't', 'Zaimportowano certyfikat „Beta (uwierzytelnienie)”');
    expect(r.lastFrame()).toContain('dla firmy, środowisko TEST');
    const rec = await w.store.getCertificate(p.serial);
    expect(rec).toMatchObject({owner: {kind: 'company'}, state: 'issued', source: 'imported', createdBy: 'ADMIN', env: 'T', type: 'A'});
    expect((await w.store.listAudit()).at(-1)).toMatchObject({action: 'import', workstation: 'ws-tui', serial: p.serial});
    await press(r, KEYS.enter, 'Zaimportowano');
    expect(r.nav.back).toHaveBeenCalledTimes(1);
  });

  it('wrong password: Polish error, typed paths kept, focus on the password; then the right one works', async () => {
    const p = await pair('tui-pass');
    const r = mount(admin);
    await fill(r, p.crtFile, p.mcu, 'Złe hasło');
    await press(r, KEYS.f2, '✗ Nieprawidłowe hasło do klucza prywatnego');
    const f = r.lastFrame()!;
    expect(f).toContain('tui-pass.crt');
    expect(f).toContain('tui-pass.mcu.key');
    expect(f).toContain('▶ Hasło klucza');
    expect((await w.store.listAudit()).at(-1)).toMatchObject({action: 'passwordFailed', operator: 'ADMIN'});
    r.stdin.write(KEYS.backspace.repeat(9));
    await waitForFrame(r.lastFrame, /Hasło klucza\s+▏/);
    r.stdin.write(PASSWORD);
    await waitForFrame(r.lastFrame, '*'.repeat([...PASSWORD].length));
    await press(r, KEYS.f2, 'Zaimportować certyfikat? (T/N)');
    await press(r, 'T', 'Zaimportowano certyfikat');
    expect(await w.store.getCertificate(p.serial)).toBeDefined();
  });

  it('expired: warned in the preview, asked again explicitly; N returns to the form with the data kept', async () => {
    const p = await pair('tui-exp', {notBefore: new Date('2023-03-01T00:00:00Z'), notAfter: new Date('2025-03-01T00:00:00Z')});
    const r = mount(admin);
    await fill(r, p.crtFile, p.mcu, PASSWORD);
    await press(r, KEYS.f2, 'Certyfikat wygasł 2025-03-01.');
    await press(r, 't', 'Certyfikat wygasł — zaimportować mimo to? (T/N)');
    await press(r, 'n', 'Import anulowany — dane formularza zachowano.');
    expect(r.lastFrame()).toContain('tui-exp.crt');
    expect(await w.store.getCertificate(p.serial)).toBeUndefined();
    await press(r, KEYS.f2, 'Zaimportować certyfikat? (T/N)');
    await press(r, 't', 'zaimportować mimo to?');
    await press(r, 't', 'Uwaga: certyfikat już wygasł');
    expect(await w.store.getCertificate(p.serial)).toMatchObject({validTo: '2025-03-01T00:00:00.000Z'});
  });

  it('a rule refusal after confirming (duplicate serial) comes back as a form error with the data kept', async () => {
    const p = await pair('tui-dup');
    const r1 = mount(admin);
    await fill(r1, p.crtFile, p.mcu, PASSWORD);
    await press(r1, KEYS.f2, '(T/N)');
    await press(r1, 't', 'Zaimportowano');
    cleanup();
    const r = mount(admin);
    await fill(r, p.crtFile, p.mcu, PASSWORD);
    await press(r, KEYS.f2, '(T/N)');
    await press(r, 't', 'jest już w magazynie');
    expect(r.lastFrame()).toContain('tui-dup.crt');
    expect((await w.store.listCertificates()).filter((c) => c.serial === p.serial)).toHaveLength(1);
  });

  it('an unrecognised issuer sends the user to the environment field; with T typed it imports', async () => {
    const p = await pair('tui-env', {issuer: 'CN=Lokalne CA'});
    const r = mount(admin);
    await fill(r, p.crtFile, p.mcu, PASSWORD);
    await press(r, KEYS.f2, '✗ Nie rozpoznano środowiska KSeF');
    expect(r.lastFrame()).toContain('▶ Środowisko');
    await press(r, 't', /Środowisko\s+T\s+test/);
    await press(r, KEYS.f2, 'Nie rozpoznano wystawcy — środowisko wskazano ręcznie.');
    await press(r, 't', 'Zaimportowano');
    expect(await w.store.getCertificate(p.serial)).toMatchObject({env: 'T'});
  });

  it('an ordinary operator can pick only themself as the owner', async () => {
    const p = await pair('tui-oper');
    const r = mount(oper);
    await fill(r, p.crtFile, p.mcu, PASSWORD);
    await press(r, KEYS.enter, '▶ Właściciel');
    r.stdin.write(KEYS.down);
    await settle();
    const f = r.lastFrame()!;
    expect(f).toMatch(/operator:JKOWALSKI — Jan Kowalski/);
    expect(f).not.toContain('firma —');
    await press(r, KEYS.f2, '(T/N)');
    await press(r, 't', 'dla operatora JKOWALSKI');
    expect(await w.store.getCertificate(p.serial)).toMatchObject({owner: {kind: 'operator', code: 'JKOWALSKI'}, createdBy: 'JKOWALSKI'});
  });

  it('Esc on the form goes back without storing anything', async () => {
    const before = w.storeBytes();
    const r = mount(admin);
    await waitForFrame(r.lastFrame, '▶ Plik certyfikatu');
    r.stdin.write(KEYS.esc);
    await vi.waitFor(() => expect(r.nav.back).toHaveBeenCalled());
    expect(fs.readFileSync(`${w.dataDir}/store.json`).equals(before)).toBe(true);
  });
});
