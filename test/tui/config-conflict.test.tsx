// Configuration forms ([A-1-5-1] branch, [A-1-5-2] workstation, [A-1-5-5] operator) refuse to save over a change made
// elsewhere (another process / store handle) since the form was opened: the changed fields are named, nothing is
// reverted, and the form then shows the current values.
import React from 'react';
import path from 'node:path';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {BranchConfigScreen} from '../../src/screens/branch-config.js';
import {OperatorsScreen} from '../../src/screens/operators.js';
import {WorkstationConfigScreen} from '../../src/screens/workstation-config.js';
import type {Operator} from '../../src/domain/index.js';
import {saveBranchConfiguration, saveWorkstationConfiguration} from '../../src/flows/config.js';
import {openStore, type Store} from '../../src/store/index.js';
import type {ScreenProps} from '../../src/screens/types.js';
import {KEYS, settle, waitForFrame, press as pressKey} from '../helpers/ink.js';
import {demoStoreWorld, mountScreen} from '../helpers/mount.js';

const world = demoStoreWorld('ksef-tui-conflict-');
let store: Store;
/** A second handle on the same folder: what another operator's process does. */
let elsewhere: Store;
let admin: Operator;
beforeAll(async () => {
  ({store, admin} = world);
  elsewhere = await openStore(world.dataDir);
});
afterEach(cleanup);

function mount(Screen: React.ComponentType<ScreenProps>, crumb: string[]) {
  return mountScreen({store, dataDir: world.dataDir, operator: admin, workstation: 'ws-konflikt'}, (nav) => <Screen active path={crumb} nav={nav} />);
}
type R = ReturnType<typeof mount>;
const flat = (r: R) => (r.lastFrame() ?? '').replace(/\s+/g, ' ');
const press = (r: R, key: string, expected: string | RegExp) => pressKey(r, key, expected, 5000, () => flat(r));

describe('configuration forms: optimistic concurrency', () => {
  it('[A-1-5-1]: a branch configuration saved elsewhere meanwhile is not reverted; the changed fields are named', async () => {
    const r = mount(BranchConfigScreen, ['A', '1', '5', '1']);
    await waitForFrame(r.lastFrame, /▶ Oddział\s+CENTRALA — Centrala/);
    // Another operator saves CENTRALA after this form was opened.
    await saveBranchConfiguration({store: elsewhere, operator: {code: 'ADMIN'}}, 'CENTRALA', {
      defaultEnv: 'D', authMethod: 'ksefCertificate', contextType: 'Nip', apiUrl: 'http://127.0.0.1:9/v2',
    });
    await press(r, KEYS.tab, '▶ Środowisko domyślne');
    await press(r, 't', '▶ Metoda autoryzacji');
    await press(r, KEYS.f2, 'ktoś inny zmienił: Metoda autoryzacji, Adres API KSeF. Nic nie zapisano');
    expect((await store.listBranches()).find((b) => b.code === 'CENTRALA')!.config).toEqual({
      defaultEnv: 'D', authMethod: 'ksefCertificate', contextType: 'Nip', apiUrl: 'http://127.0.0.1:9/v2',
    });
    // The form now shows the current values; saving again (a deliberate decision) works.
    await waitForFrame(() => flat(r), /Metoda autoryzacji C .*127\.0\.0\.1:9\/v2/);
    await press(r, KEYS.f2, 'Zapisano konfigurację oddziału CENTRALA.');
  });

  it('[A-1-5-2]: a workstation configuration saved elsewhere meanwhile is not reverted', async () => {
    const r = mount(WorkstationConfigScreen, []);
    await waitForFrame(r.lastFrame, '▶ Folder podpisu (auth.xml)');
    const theirs = path.join(world.tmp, 'ich-eksport');
    const before = await elsewhere.workstation('ws-konflikt');
    await saveWorkstationConfiguration({store: elsewhere, operator: {code: 'ADMIN'}}, {...before, exportFolder: theirs});
    await press(r, KEYS.enter, '▶ Polecenie e-podpisu');
    await press(r, KEYS.enter, '▶ Folder eksportu');
    await press(r, KEYS.enter, '▶ Język');
    await press(r, 'e', /Język E English/);
    await press(r, KEYS.f2, 'ktoś inny zmienił: Folder eksportu. Nic nie zapisano');
    expect(await store.workstation('ws-konflikt')).toMatchObject({exportFolder: theirs, lang: 'pl'});
    await waitForFrame(() => flat(r), theirs.slice(-20));
  });

  it('[A-1-5-5]: an operator changed elsewhere while the edit form is open is not reverted', async () => {
    const r = mount(OperatorsScreen, ['A', '1', '5', '5']);
    await waitForFrame(() => flat(r), /JKOWALSKI Jan Kowalski operator CENTRALA nie/);
    r.stdin.write(KEYS.down);
    await settle();
    await press(r, KEYS.enter, 'Operator JKOWALSKI');
    await elsewhere.upsertOperator({code: 'JKOWALSKI', name: 'Jan Zmieniony', role: 'operator', branch: 'CENTRALA', disabled: true}, 'ADMIN');
    await press(r, KEYS.tab, '▶ Rola');
    await press(r, 'o', '▶ Oddział');
    await press(r, KEYS.down, /Oddział ODDZIAL1 — Oddział 1/);
    await press(r, KEYS.f2, 'ktoś inny zmienił: Nazwa, Zablokowany. Nic nie zapisano');
    expect((await store.listOperators()).find((o) => o.code === 'JKOWALSKI')).toMatchObject({name: 'Jan Zmieniony', branch: 'CENTRALA', disabled: true});
    await waitForFrame(() => flat(r), /Nazwa Jan Zmieniony/);
  });
});
