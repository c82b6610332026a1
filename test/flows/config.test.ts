// Configuration use cases on a real demo store in a temp dir: branch config rules and rights, workstation folders,
// operator changes and own-password change.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createDemoStore, DEMO_CREDENTIALS, openStore, type Store} from '../../src/store/index.js';
import {
  changeOwnPassword, checkApiUrl, ensureFolder, internalIdProblem, newPasswordProblem, saveBranchConfiguration,
  saveOperator, saveWorkstationConfiguration, signCommandProblem, visibleOperators,
} from '../../src/flows/config.js';
import {FlowError, userMessage} from '../../src/flows/errors.js';
import {loadLang, makeT} from '../../src/i18n/index.js';
import {expandSignCommand} from '../../src/flows/authorize.js';
import {StoreError} from '../../src/store/types.js';

let tmp: string;
let store: Store;
const admin = {code: DEMO_CREDENTIALS.admin.code};
const oper = {code: DEMO_CREDENTIALS.operator.code};

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ksef-cfg-'));
  await createDemoStore(path.join(tmp, 'data'));
  store = await openStore(path.join(tmp, 'data'));
});
afterAll(() => fs.rmSync(tmp, {recursive: true, force: true}));

describe('branch configuration rules', () => {
  it('InternalId: format, NIP checksum and the company NIP', () => {
    expect(internalIdProblem('1111111111-00001', '1111111111')).toBeUndefined();
    expect(internalIdProblem('1111111111-0001', '1111111111')).toMatch(/nieprawidłowy format/);
    expect(internalIdProblem('1111111112-00001', '1111111111')).toMatch(/błędną sumą kontrolną/);
    expect(internalIdProblem('5265877635-00001', '1111111111')).toBe('Identyfikator wewnętrzny musi zaczynać się od NIP firmy (1111111111).');
    expect(internalIdProblem('', '1111111111')).toMatch(/Podaj identyfikator/);
  });

  it('API URL: empty = default, http(s) only, warning off loopback and off the official hosts', () => {
    expect(checkApiUrl('')).toEqual({});
    expect(checkApiUrl('http://127.0.0.1:8080/v2/')).toEqual({url: 'http://127.0.0.1:8080/v2'});
    expect(checkApiUrl('http://localhost:1/')).toEqual({url: 'http://localhost:1'});
    expect(checkApiUrl('https://api-test.ksef.mf.gov.pl/v2')).toEqual({url: 'https://api-test.ksef.mf.gov.pl/v2'});
    expect(checkApiUrl('http://api.ksef.mf.gov.pl/v2').warning).toMatch(/tylko przez https/);
    expect(checkApiUrl('https://ksef.example.com/v2').warning).toMatch(/nie jest serwerem KSeF/);
    expect(checkApiUrl('api.ksef.mf.gov.pl').error).toMatch(/nie jest adresem URL/);
    expect(checkApiUrl('ftp://x/').error).toMatch(/http:\/\/ lub https:\/\//);
    expect(checkApiUrl('https://u:p@x/').error).toMatch(/hasła/);
  });

  it('admin saves: values stored, audit configChanged; a warning comes back for a foreign host', async () => {
    const r = await saveBranchConfiguration({store, operator: admin}, 'ODDZIAL1', {
      defaultEnv: 'T', authMethod: 'trustedProfile', contextType: 'InternalId', contextValue: ' 1111111111-00042 ', apiUrl: 'https://ksef.example.com/v2/',
    });
    expect(r.warning).toMatch(/ksef\.example\.com/);
    const b = (await store.listBranches()).find(x => x.code === 'ODDZIAL1')!;
    expect(b.config).toEqual({defaultEnv: 'T', authMethod: 'trustedProfile', contextType: 'InternalId', contextValue: '1111111111-00042', apiUrl: 'https://ksef.example.com/v2'});
    const last = (await store.listAudit()).at(-1)!;
    expect(last).toMatchObject({action: 'configChanged', operator: 'ADMIN', details: 'konfiguracja oddziału ODDZIAL1'});
  });

  it('bad InternalId / URL and an ordinary operator are refused; nothing is written', async () => {
    const before = await store.snapshot();
    const deps = {store, operator: admin};
    await expect(saveBranchConfiguration(deps, 'CENTRALA', {defaultEnv: 'P', authMethod: 'esignature', contextType: 'InternalId', contextValue: '5265877635-00001'}))
      .rejects.toThrow(/NIP firmy \(1111111111\)/);
    await expect(saveBranchConfiguration(deps, 'CENTRALA', {defaultEnv: 'P', authMethod: 'esignature', contextType: 'Nip', apiUrl: 'nie-url'}))
      .rejects.toThrow(/nie jest adresem URL/);
    await expect(saveBranchConfiguration({store, operator: oper}, 'CENTRALA', {defaultEnv: 'P', authMethod: 'esignature', contextType: 'Nip'}))
      .rejects.toThrow('Konfigurację oddziału może zmieniać tylko administrator.');
    expect((await store.snapshot()).revision).toBe(before.revision);
    expect((await store.listBranches()).find(b => b.code === 'CENTRALA')!.config.defaultEnv).toBe('D');
  });
});

describe('workstation configuration', () => {
  it('sign command placeholders', () => {
    expect(signCommandProblem('')).toBeUndefined();
    expect(signCommandProblem('open {file} --in {dir}')).toBeUndefined();
    expect(signCommandProblem('open {plik}')).toMatch(/Nieznany znacznik \{plik\}/);
    // The one expansion the program runs (src/flows/authorize.ts): paths shell-quoted, quotes inside them too.
    expect(expandSignCommand('sign {file} -o {dir}/out', {file: '/a/auth.xml', dir: '/a'})).toBe("sign '/a/auth.xml' -o '/a'/out");
    expect(expandSignCommand('sign {file}', {file: "/a b/it's.xml", dir: '/a b'})).toBe("sign '/a b/it'\\''s.xml'");
  });

  it('creates missing folders (0700) and saves; the store keeps the values by host', async () => {
    const sign = path.join(tmp, 'ws', 'podpis', 'nowy');
    const exp = path.join(tmp, 'ws', 'eksport');
    const r = await saveWorkstationConfiguration({store, operator: admin}, {host: 'stanowisko-1', signFolder: sign, exportFolder: exp, signCommand: ' xdg-open {dir} ', lang: 'en'});
    expect(r.created).toEqual([sign, exp]);
    expect(fs.statSync(sign).isDirectory()).toBe(true);
    expect(fs.statSync(sign).mode & 0o777).toBe(0o700);
    expect(await store.workstation('stanowisko-1')).toEqual({
      host: 'stanowisko-1', signFolder: sign, exportFolder: exp, signCommand: 'xdg-open {dir}', lang: 'en', signCommandSetBy: 'ADMIN', signCommandSetAt: expect.any(String),
    });
    // Saved again (by an operator, command unchanged) with existing folders: nothing to create.
    expect((await saveWorkstationConfiguration({store, operator: oper}, r.config)).created).toEqual([]);
  });

  it('a folder that cannot be created (parent is a file) is refused in Polish and nothing is saved', async () => {
    const file = path.join(tmp, 'zwykly-plik');
    fs.writeFileSync(file, 'x');
    const before = await store.snapshot();
    const err = await saveWorkstationConfiguration({store, operator: oper}, {
      host: 'stanowisko-2', signFolder: path.join(file, 'podpis'), exportFolder: path.join(tmp, 'e2'), signCommand: '', lang: 'pl',
    }).catch(e => e);
    expect(err).toBeInstanceOf(FlowError);
    expect(err.message).toBe(`Nie można utworzyć folderu ${path.join(file, 'podpis')}: część ścieżki nie jest folderem.`);
    expect(err.code).toBe('signFolder');
    expect((await store.snapshot()).revision).toBe(before.revision);
    expect(fs.existsSync(path.join(tmp, 'e2'))).toBe(false);
    await expect(ensureFolder(file, 'folder eksportu')).rejects.toThrow(/Nie można użyć folderu .*część ścieżki nie jest folderem/);
    await expect(ensureFolder('względny/folder', 'folder eksportu')).rejects.toThrow(/pełna ścieżka/);
  });

  it.skipIf(process.getuid?.() === 0)('a read-only parent folder is refused (non-root only: root ignores modes)', async () => {
    const ro = path.join(tmp, 'ro');
    fs.mkdirSync(ro, {mode: 0o500});
    await expect(ensureFolder(path.join(ro, 'x'), 'folder eksportu')).rejects.toThrow(/Nie można utworzyć folderu .*brak uprawnień/);
  });
});

describe('operators', () => {
  it('password rules with Polish messages', () => {
    expect(newPasswordProblem('', '', true)).toBeUndefined();
    expect(newPasswordProblem('', '', false)).toBe('Podaj hasło.');
    expect(newPasswordProblem('krotkie', 'krotkie', true)).toMatch(/^Hasło jest za słabe — brakuje: co najmniej 12 znaków, wielka litera, cyfra, znak specjalny\.$/);
    expect(newPasswordProblem('Dobre!Haslo2026', 'Dobre!Haslo2027', true)).toBe('Hasła nie są zgodne.');
  });

  it('an admin sees everyone, an ordinary operator only themself', async () => {
    expect((await visibleOperators({store, operator: admin})).map(o => o.code).sort()).toEqual(['ADMIN', 'JKOWALSKI']);
    expect((await visibleOperators({store, operator: oper})).map(o => o.code)).toEqual(['JKOWALSKI']);
  });

  it('admin adds and edits an operator; the new password logs in, empty keeps it', async () => {
    await saveOperator({store, operator: admin}, {code: 'anowak', name: 'Anna Nowak', role: 'operator', branch: 'ODDZIAL1', disabled: false, password: 'Nowak!2026haslo', repeat: 'Nowak!2026haslo'}, true);
    expect(await store.authenticate('ANOWAK', 'Nowak!2026haslo', 'test')).toMatchObject({code: 'ANOWAK', branch: 'ODDZIAL1'});
    await saveOperator({store, operator: admin}, {code: 'ANOWAK', name: 'Anna Nowak-Kowal', role: 'admin', branch: 'CENTRALA', disabled: true, password: '', repeat: ''}, false);
    const a = (await store.listOperators()).find(o => o.code === 'ANOWAK')!;
    expect(a).toMatchObject({name: 'Anna Nowak-Kowal', role: 'admin', branch: 'CENTRALA', disabled: true});
    await expect(saveOperator({store, operator: admin}, {code: 'ANOWAK', name: 'x', role: 'operator', branch: 'CENTRALA', disabled: false, password: 'Nowak!2026haslo', repeat: 'Nowak!2026haslo'}, true))
      .rejects.toThrow('Operator ANOWAK już istnieje.');
  });

  it('last active admin and an ordinary operator are refused', async () => {
    const lastAdmin = await saveOperator({store, operator: admin}, {code: 'ADMIN', name: 'Administrator', role: 'operator', branch: 'CENTRALA', disabled: false, password: '', repeat: ''}, false).catch(e => e);
    expect(lastAdmin).toBeInstanceOf(StoreError);
    expect(lastAdmin.message).toBe('Nie można odebrać uprawnień ostatniemu aktywnemu administratorowi.');
    await expect(saveOperator({store, operator: oper}, {code: 'JKOWALSKI', name: 'Jan', role: 'admin', branch: 'CENTRALA', disabled: false, password: '', repeat: ''}, false))
      .rejects.toThrow('Operatorów może dodawać i zmieniać tylko administrator.');
    expect((await store.listOperators()).find(o => o.code === 'JKOWALSKI')!.role).toBe('operator');
  });

  it('a disabled operator (disabled in another session) cannot save: refused in the session language', async () => {
    await saveOperator({store, operator: admin}, {code: 'PNOWY', name: 'Piotr Nowy', role: 'admin', branch: 'CENTRALA', disabled: false, password: 'Nowy!2026haslo', repeat: 'Nowy!2026haslo'}, true);
    const p = (await store.listOperators()).find(o => o.code === 'PNOWY')!;
    await saveOperator({store, operator: admin}, {code: 'PNOWY', name: 'Piotr Nowy', role: 'admin', branch: 'CENTRALA', disabled: true, password: '', repeat: ''}, false);
    const e = await saveOperator({store, operator: p}, {code: 'JKOWALSKI', name: 'Jan', role: 'operator', branch: 'CENTRALA', disabled: false, password: '', repeat: ''}, false).catch(x => x);
    expect(e).toBeInstanceOf(FlowError);
    expect(e.message).toBe('Operator jest nieaktywny lub nie istnieje.');
    await loadLang('en');
    expect(userMessage(e, makeT('en')).text).toBe('The operator is disabled or does not exist.');
  });

  it('own password: the current one is required (a wrong one is audited), then the new one works', async () => {
    const deps = {store, operator: oper, workstation: 'ws-1'};
    await expect(changeOwnPassword(deps, 'zle-haslo', 'Kowal!2026nowe', 'Kowal!2026nowe')).rejects.toThrow('Obecne hasło jest nieprawidłowe.');
    expect((await store.listAudit()).at(-1)).toMatchObject({action: 'passwordFailed', operator: 'JKOWALSKI', workstation: 'ws-1'});
    await expect(changeOwnPassword(deps, DEMO_CREDENTIALS.operator.password, 'slabe', 'slabe')).rejects.toThrow(/za słabe/);
    await changeOwnPassword(deps, DEMO_CREDENTIALS.operator.password, 'Kowal!2026nowe', 'Kowal!2026nowe');
    expect(await store.authenticate('JKOWALSKI', 'Kowal!2026nowe', 'test')).toBeDefined();
    expect(await store.authenticate('JKOWALSKI', DEMO_CREDENTIALS.operator.password, 'test')).toBeUndefined();
    const events = JSON.stringify(await store.listAudit());
    expect(events).not.toContain('Kowal!2026nowe');
  });
});
