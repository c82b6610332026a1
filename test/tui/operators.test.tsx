// [A-1-5-5] Operatorzy with ink-testing-library on a real demo store: admin edits and adds (F3/Insert), password
// policy and mismatch block the save, last-admin refusal in Polish; an ordinary operator sees only themself and
// changes only their own password (current one required).
import React from 'react';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {App} from '../../src/screens/shell/App.js';
import {OperatorsScreen} from '../../src/screens/operators.js';
import {SCREENS} from '../../src/screens/registry.js';
import type {Operator} from '../../src/domain/index.js';
import {createDemoStore, DEMO_CREDENTIALS, openStore, type Store} from '../../src/store/index.js';
import {KEYS, settle, waitForFrame, press as pressKey} from '../helpers/ink.js';
import {demoStoreWorld, mountScreen} from '../helpers/mount.js';

const world = demoStoreWorld('ksef-tui-ops-');
let tmp: string;
let dataDir: string;
let store: Store;
let admin: Operator;
let oper: Operator;
beforeAll(() => {
  ({tmp, dataDir, store, admin, oper} = world);
});
afterEach(cleanup);

function mount(operator: Operator) {
  return mountScreen({store, dataDir, operator, workstation: 'ws-ops'}, (nav) => <OperatorsScreen active path={['A', '1', '5', '5']} nav={nav} />);
}
type R = ReturnType<typeof mount>;

const flat = (r: R) => (r.lastFrame() ?? '').replace(/\s+/g, ' ');
const press = (r: R, key: string, expected: string | RegExp) => pressKey(r, key, expected, 5000, () => flat(r));
const find = async (code: string) => (await store.listOperators()).find(o => o.code === code);

describe('[A-1-5-5] operators', () => {
  it('is registered with F3 Dodaj in the legend (whole app)', async () => {
    expect(await SCREENS.operators.load?.()).toBe(OperatorsScreen);
    const r = render(<App store={store} dataDir={dataDir} operator={admin} initialPath={['A', '1', '5', '5']} escTimeoutMs={0} />);
    await waitForFrame(r.lastFrame, '[A-1-5-5]');
    await waitForFrame(r.lastFrame, 'JKOWALSKI');
    expect(r.lastFrame()).toContain('F3 Dodaj');
  });

  it('admin: the list shows every operator; Enter edits name, role, branch, lock; empty password keeps it', async () => {
    const r = mount(admin);
    await waitForFrame(() => flat(r), /JKOWALSKI Jan Kowalski operator CENTRALA nie/);
    expect(flat(r)).toMatch(/ADMIN Administrator administrator CENTRALA nie/);
    r.stdin.write(KEYS.down);
    await settle();
    await press(r, KEYS.enter, 'Operator JKOWALSKI');
    expect(flat(r)).toMatch(/Kod operatora JKOWALSKI/);
    await press(r, KEYS.backspace.repeat(8) + 'Nowak', /Nazwa Jan Nowak/);
    await press(r, KEYS.tab, '▶ Rola');
    await press(r, 'a', '▶ Oddział');
    await press(r, KEYS.down, /Oddział ODDZIAL1 — Oddział 1/);
    await press(r, KEYS.tab, '▶ Zablokowany');
    await press(r, 'n', '▶ Nowe hasło');
    expect(flat(r)).toContain('Nowe hasło: puste pole = hasło bez zmian.');
    await press(r, KEYS.f2, 'Zapisano operatora JKOWALSKI.'); // issue 12: no duplicate „Zapisano. Zapisano …”
    expect(flat(r)).not.toContain('Zapisano. Zapisano');
    await waitForFrame(() => flat(r), /JKOWALSKI Jan Nowak administrator ODDZIAL1 nie/);
    expect(await find('JKOWALSKI')).toMatchObject({name: 'Jan Nowak', role: 'admin', branch: 'ODDZIAL1'});
    expect(await store.authenticate('JKOWALSKI', DEMO_CREDENTIALS.operator.password, 'ws-ops')).toBeDefined();
    // Back to the demo shape for the other tests.
    await store.upsertOperator({code: 'JKOWALSKI', name: 'Jan Kowalski', role: 'operator', branch: 'CENTRALA'}, 'ADMIN');
  });

  it('admin: F3 adds an operator; a weak password and a mismatch block the save in Polish', async () => {
    const r = mount(admin);
    await press(r, KEYS.f3, 'Nowy operator');
    await press(r, 'anowak', /Kod operatora ANOWAK/);
    await press(r, KEYS.tab + 'Anna Nowak', /Nazwa Anna Nowak/);
    await press(r, KEYS.tab + 'o', '▶ Oddział');
    await press(r, KEYS.tab, '▶ Zablokowany');
    await press(r, 'n', '▶ Nowe hasło');
    await press(r, 'krotkie', 'Brakuje:');
    await press(r, KEYS.tab + 'krotkie', '▶ Powtórz hasło');
    await press(r, KEYS.f2, 'Hasło nie spełnia zasad — brakuje: min. 12 znaków, wielkiej litery, cyfry, znaku specjalnego.');
    expect(await find('ANOWAK')).toBeUndefined();
    await waitForFrame(() => flat(r), '▶ Nowe hasło'); // focus jumped to the first bad field
    await press(r, KEYS.backspace.repeat(7) + 'Nowak!2026haslo', 'Hasło spełnia zasady.');
    await press(r, KEYS.tab + KEYS.backspace.repeat(7) + 'Nowak!2026hasl0', 'Hasła nie są zgodne.');
    await press(r, KEYS.f2, 'Popraw zaznaczone pola.');
    expect(await find('ANOWAK')).toBeUndefined();
    await press(r, KEYS.backspace + 'o', 'Hasła zgodne.');
    await press(r, KEYS.f2, 'Zapisano operatora ANOWAK.'); // the optional PESEL field follows the passwords
    await waitForFrame(() => flat(r), /ANOWAK Anna Nowak operator CENTRALA nie/);
    expect(await store.authenticate('ANOWAK', 'Nowak!2026haslo', 'ws-ops')).toMatchObject({role: 'operator'});
    // Insert works as F3 too; Esc leaves the form without saving.
    await press(r, '\x1b[2~', 'Nowy operator');
    await press(r, KEYS.esc, 'F3 lub Insert — nowy operator');
  });

  it('admin: the last active admin cannot be demoted — Polish store message, form kept, nothing saved', async () => {
    const r = mount(admin);
    await waitForFrame(() => flat(r), /ADMIN Administrator/);
    await press(r, KEYS.enter, 'Operator ADMIN');
    await press(r, KEYS.tab, '▶ Rola');
    await press(r, 'o', '▶ Oddział');
    await press(r, KEYS.f2, 'Nie można odebrać uprawnień ostatniemu aktywnemu administratorowi.');
    expect(flat(r)).toMatch(/Rola O operator/);
    expect((await find('ADMIN'))!.role).toBe('admin');
  });

  it('ordinary operator: sees only themself; F3 refused; cannot open another operator; changes own password', async () => {
    const r = mount(oper);
    await press(r, KEYS.down, 'Widzisz tylko swoje konto');
    expect(flat(r)).toMatch(/JKOWALSKI Jan Kowalski operator CENTRALA/);
    expect(flat(r)).not.toContain('Administrator');
    expect(flat(r)).not.toContain('ANOWAK');
    await press(r, KEYS.f3, 'Możesz zmienić tylko własne hasło.');
    expect(flat(r)).not.toContain('Nowy operator');
    await press(r, KEYS.enter, 'Zmiana hasła operatora JKOWALSKI');
    expect(flat(r)).not.toContain('Rola');
    await press(r, 'zle-haslo', '▶ Obecne hasło');
    await press(r, KEYS.tab + 'Kowal!2026nowe', 'Hasło spełnia zasady.');
    await press(r, KEYS.tab + 'Kowal!2026nowe', 'Hasła zgodne.');
    await press(r, KEYS.f2, 'Obecne hasło jest nieprawidłowe.');
    expect(await store.authenticate('JKOWALSKI', 'Kowal!2026nowe', 'ws-ops')).toBeUndefined();
    expect((await store.listAudit()).some(e => e.action === 'passwordFailed' && e.operator === 'JKOWALSKI')).toBe(true);
    // The form came back with the typed values and the focus on the current password: fix only that.
    expect(flat(r)).toMatch(/▶ Obecne hasło \*{9}/);
    await press(r, KEYS.backspace.repeat(9) + DEMO_CREDENTIALS.operator.password, `▶ Obecne hasło ${'*'.repeat(DEMO_CREDENTIALS.operator.password.length)}`);
    await press(r, KEYS.f2, 'Zmieniono hasło operatora JKOWALSKI.'); // issue 12: one message, names whose password
    expect(await store.authenticate('JKOWALSKI', 'Kowal!2026nowe', 'ws-ops')).toMatchObject({role: 'operator', branch: 'CENTRALA'});
    await settle();
  });
});
