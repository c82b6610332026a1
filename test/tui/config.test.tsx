// [A-1-5-1] and [A-1-5-2] screens with ink-testing-library on a real demo store in a temp dir, as the demo admin
// and as the ordinary demo operator: values reach the store, bad input shows Polish text and saves nothing.
import React from 'react';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {App} from '../../src/screens/shell/App.js';
import {BranchConfigScreen} from '../../src/screens/branch-config.js';
import {WorkstationConfigScreen} from '../../src/screens/workstation-config.js';
import {SCREENS} from '../../src/screens/registry.js';
import type {Operator} from '../../src/domain/index.js';
import {createDemoStore, openStore, type Store} from '../../src/store/index.js';
import type {ScreenProps} from '../../src/screens/types.js';
import {KEYS, settle, waitForFrame, press} from '../helpers/ink.js';
import {demoStoreWorld, mountScreen} from '../helpers/mount.js';

const world = demoStoreWorld('ksef-tui-cfg-');
let tmp: string;
let dataDir: string;
let store: Store;
let admin: Operator;
let oper: Operator;
beforeAll(() => {
  ({tmp, dataDir, store, admin, oper} = world);
});
afterEach(cleanup);

function mount(Screen: React.ComponentType<ScreenProps>, operator: Operator, crumb: string[]) {
  return mountScreen({store, dataDir, operator, workstation: 'stanowisko-test'}, (nav) => <Screen active path={crumb} nav={nav} />);
}
type R = ReturnType<typeof mount>;


/** Frame with runs of whitespace collapsed: long notes wrap at the 100-column test width. */
const flat = (r: R) => (r.lastFrame() ?? '').replace(/\s+/g, ' ');
const pressFlat = (r: R, key: string, expected: string) => press(r, key, expected, 8000, () => flat(r));

const branch = async (code: string) => (await store.listBranches()).find(b => b.code === code)!.config;

describe('[A-1-5-1] branch configuration', () => {
  it('is registered for the menu leaf with help and the F2 legend (whole app)', async () => {
    expect(await SCREENS['branch-config'].load?.()).toBe(BranchConfigScreen);
    const r = render(<App store={store} dataDir={dataDir} operator={admin} initialPath={['A', '1', '5', '1']} escTimeoutMs={0} />);
    await waitForFrame(r.lastFrame, '[A-1-5-1]');
    await waitForFrame(r.lastFrame, '▶ Oddział');
    expect(r.lastFrame()).toContain('F2 Zapisz');
  });

  it('admin: codes with meanings, PZ note, InternalId and API URL are saved; "Zapisano"', async () => {
    const r = mount(BranchConfigScreen, admin, ['A', '1', '5', '1']);
    await waitForFrame(r.lastFrame, /▶ Oddział\s+CENTRALA — Centrala/);
    expect(r.lastFrame()).toMatch(/Środowisko domyślne\s+D {2}demo/);
    expect(r.lastFrame()).toMatch(/Metoda autoryzacji\s+E {2}e-podpis/);
    expect(r.lastFrame()).toMatch(/Identyfikator kontekstu\s+N {2}NIP firmy/);
    await press(r, KEYS.tab, '▶ Środowisko domyślne');
    await press(r, 't', '▶ Metoda autoryzacji');
    await pressFlat(r, 'z', 'Profil Zaufany może zostać odrzucony przy uwierzytelnianiu w KSeF po 31.03.2026');
    await waitForFrame(r.lastFrame, '▶ Identyfikator kontekstu');
    await press(r, 'w', '▶ Identyfikator wewnętrzny');
    await press(r, '1111111111-00007', '1111111111-00007');
    await press(r, KEYS.enter, '▶ Adres API KSeF');
    await press(r, 'http://127.0.0.1:9/v2', '127.0.0.1:9/v2');
    await press(r, KEYS.f2, 'Zapisano konfigurację oddziału CENTRALA.'); // issue 12: no duplicate „Zapisano. Zapisano …”
    expect(r.lastFrame()).not.toContain('Zapisano. Zapisano');
    expect(await branch('CENTRALA')).toEqual({defaultEnv: 'T', authMethod: 'trustedProfile', contextType: 'InternalId', contextValue: '1111111111-00007', apiUrl: 'http://127.0.0.1:9/v2'});
    expect((await store.listAudit()).at(-1)).toMatchObject({action: 'configChanged', operator: 'ADMIN'});
  });

  it('admin: choosing another branch loads its values; a foreign host saves with a Polish warning', async () => {
    const r = mount(BranchConfigScreen, admin, []);
    await waitForFrame(r.lastFrame, /▶ Oddział\s+CENTRALA/);
    await press(r, KEYS.down, /▶ Oddział\s+ODDZIAL1 — Oddział 1/);
    expect(r.lastFrame()).toMatch(/Środowisko domyślne\s+D {2}demo/); // ODDZIAL1's own values, not CENTRALA's T
    await press(r, KEYS.tab, '▶ Środowisko domyślne');
    await press(r, 'p', /Środowisko domyślne\s+P {2}produkcja/);
    await press(r, 'c', '▶ Identyfikator kontekstu');
    await press(r, 'n', '▶ Adres API KSeF');
    await press(r, 'https://ksef.example.com', 'ksef.example.com');
    await waitForFrame(r.lastFrame, 'nie jest serwerem KSeF');
    await press(r, KEYS.enter, 'Zapisano konfigurację oddziału ODDZIAL1.');
    expect(flat(r)).toContain('Uwaga: ksef.example.com nie jest serwerem KSeF');
    expect(await branch('ODDZIAL1')).toEqual({defaultEnv: 'P', authMethod: 'ksefCertificate', contextType: 'Nip', apiUrl: 'https://ksef.example.com'});
  });

  it('bad InternalId and a non-URL show Polish errors and nothing is saved', async () => {
    const before = (await store.snapshot()).revision;
    const r = mount(BranchConfigScreen, admin, []);
    await waitForFrame(r.lastFrame, '▶ Oddział');
    await press(r, KEYS.tab, '▶ Środowisko domyślne');
    await press(r, KEYS.tab, '▶ Metoda autoryzacji');
    await press(r, KEYS.tab, '▶ Identyfikator kontekstu');
    await press(r, 'w', '▶ Identyfikator wewnętrzny');
    await press(r, KEYS.backspace.repeat(16) + '5265877635-00001', '5265877635-00001');
    await pressFlat(r, KEYS.f2, 'Identyfikator wewnętrzny musi zaczynać się od NIP firmy (1111111111).');
    expect(r.lastFrame()).toContain('Popraw zaznaczone pola.');
    await press(r, KEYS.backspace.repeat(16) + '1111111111-00001', /Identyfikator wewnętrzny\s+1111111111-00001/);
    await press(r, KEYS.enter, '▶ Adres API KSeF');
    await press(r, KEYS.backspace.repeat(30) + 'ksef.local/v2', 'ksef.local/v2');
    await pressFlat(r, KEYS.f2, '„ksef.local/v2” nie jest adresem URL');
    expect((await store.snapshot()).revision).toBe(before);
  });

  it('ordinary operator: read-only view of their own branch; F2 and letters change nothing', async () => {
    const before = (await store.snapshot()).revision;
    const r = mount(BranchConfigScreen, oper, []);
    await waitForFrame(r.lastFrame, 'Podgląd konfiguracji Twojego oddziału — zmiany wprowadza administrator.');
    const f = r.lastFrame()!;
    expect(f).toMatch(/Oddział\s+CENTRALA — Centrala/);
    expect(f).toMatch(/Identyfikator kontekstu\s+W {2}identyfikator wewnętrzny: 1111111111-00007/);
    expect(f.replace(/\s+/g, ' ')).toContain('Profil Zaufany może zostać odrzucony');
    expect(f).not.toContain('▶');
    expect(f).not.toContain('ODDZIAL1');
    r.stdin.write(`p${KEYS.f2}`);
    await settle();
    await settle();
    expect((await store.snapshot()).revision).toBe(before);
  });
});

describe('[A-1-5-2] workstation configuration', () => {
  it('shows the host, an example command; creates missing folders, saves, says when the language applies', async () => {
    expect(await SCREENS['workstation-config'].load?.()).toBe(WorkstationConfigScreen);
    const sign = path.join(tmp, 'ws', 'podpis');
    const exp = path.join(tmp, 'ws', 'eksport');
    const r = mount(WorkstationConfigScreen, admin, []);
    await waitForFrame(r.lastFrame, 'Stanowisko (host): stanowisko-test');
    expect(r.lastFrame()).toContain('Przykład polecenia: xdg-open');
    expect(r.lastFrame()).toMatch(/Język\s+P {2}polski/);
    await waitForFrame(r.lastFrame, '▶ Folder podpisu (auth.xml)');
    await press(r, KEYS.backspace.repeat(200) + sign, sign.slice(-20));
    await press(r, KEYS.enter, '▶ Polecenie e-podpisu');
    await press(r, 'signer --in {file} --out {dir}', '--out {dir}');
    await press(r, KEYS.enter, '▶ Folder eksportu');
    await press(r, KEYS.backspace.repeat(200) + exp, exp.slice(-20));
    await press(r, KEYS.enter, '▶ Język');
    await press(r, 'e', /Język\s+E {2}English/);
    await press(r, KEYS.f2, 'Zapisano konfigurację stanowiska stanowisko-test.'); // issue 12: one message
    expect(r.lastFrame()).not.toContain('Zapisano. Zapisano');
    expect(flat(r)).toContain(`Utworzono folder: ${sign}`);
    expect(flat(r)).toContain('Zmiana języka zacznie działać przy następnym uruchomieniu programu');
    expect(fs.statSync(sign).isDirectory() && fs.statSync(exp).isDirectory()).toBe(true);
    expect(await store.workstation('stanowisko-test')).toEqual({
      host: 'stanowisko-test', signFolder: sign, signCommand: 'signer --in {file} --out {dir}', exportFolder: exp, lang: 'en', signCommandSetBy: 'ADMIN', signCommandSetAt: expect.any(String),
    });
  });

  it('a folder that cannot be created and an unknown placeholder show Polish errors; nothing is saved', async () => {
    const file = path.join(tmp, 'to-jest-plik');
    fs.writeFileSync(file, 'x');
    const before = (await store.snapshot()).revision;
    const r = mount(WorkstationConfigScreen, admin, []);
    await waitForFrame(r.lastFrame, '▶ Folder podpisu (auth.xml)');
    const bad = path.join(file, 'podpis');
    await press(r, KEYS.backspace.repeat(200) + bad, bad.slice(-20));
    await press(r, KEYS.enter, '▶ Polecenie e-podpisu');
    await press(r, KEYS.backspace.repeat(100) + 'signer {plik}', 'signer {plik}');
    await pressFlat(r, KEYS.enter, 'Nieznany znacznik {plik} — dozwolone są {file} (plik auth.xml) i {dir} (folder).');
    await press(r, KEYS.shiftTab, '▶ Polecenie e-podpisu');
    await press(r, KEYS.backspace.repeat(6) + '{file}', 'signer {file}');
    await pressFlat(r, KEYS.f2, `Nie można utworzyć folderu ${bad}: część ścieżki nie jest folderem.`);
    expect((await store.snapshot()).revision).toBe(before);
    expect((await store.workstation('stanowisko-test')).signCommand).toBe('signer --in {file} --out {dir}');
  });
});
