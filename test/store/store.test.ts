// Repository behaviour of the store on real files: operators, branches, workstations, certificates, audit, update().
import {randomUUID} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {CertificateRecord} from '../../src/domain/index.js';
import {
  createDemoStore, DEMO_CREDENTIALS, openStore, StoreError, type Store,
} from '../../src/store/index.js';
import {tempDir} from './helpers.js';

const FIXED = new Date('2026-11-24T12:00:00.000Z');

async function demo(): Promise<{dir: string; store: Store}> {
  const {sub} = await tempDir();
  expect(await createDemoStore(sub)).toEqual({created: true});
  return {dir: sub, store: await openStore(sub, {now: () => FIXED})};
}

function record(over: Partial<CertificateRecord> = {}): CertificateRecord {
  return {
    id: randomUUID(), owner: {kind: 'company'}, name: 'Certyfikat firmy', type: 'A', env: 'D', mode: 'B', state: 'issued',
    serial: '0123456789ABCDEF', keyPem: '', keyAlgorithm: 'EC-P256', source: 'imported', createdAt: FIXED.toISOString(), createdBy: 'ADMIN',
    ...over,
  };
}

const storeError = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as StoreError);

describe('demo store', () => {
  it('creates the demo company, branches and operators once', async () => {
    const {dir, store} = await demo();
    expect(await store.company()).toEqual({nip: '1111111111', name: 'Demo Sp. z o.o.'});
    expect((await store.listBranches()).map((b) => [b.code, b.config])).toEqual([
      ['CENTRALA', {defaultEnv: 'D', authMethod: 'esignature', contextType: 'Nip'}],
      ['ODDZIAL1', {defaultEnv: 'D', authMethod: 'esignature', contextType: 'Nip'}],
    ]);
    expect((await store.listOperators()).map((o) => [o.code, o.name, o.role])).toEqual([
      ['ADMIN', 'Administrator', 'admin'],
      ['JKOWALSKI', 'Jan Kowalski', 'operator'],
    ]);
    expect(await store.authenticate(DEMO_CREDENTIALS.admin.code, DEMO_CREDENTIALS.admin.password, 'h')).toMatchObject({role: 'admin'});
    expect(await store.authenticate(DEMO_CREDENTIALS.operator.code, DEMO_CREDENTIALS.operator.password, 'h')).toMatchObject({role: 'operator'});
    const before = await readFile(path.join(dir, 'store.json'), 'utf8');
    expect(await createDemoStore(dir)).toEqual({created: false});
    expect(await readFile(path.join(dir, 'store.json'), 'utf8')).toBe(before);
  });
});

describe('operators and login', () => {
  it('authenticate logs login / loginFailed audit events and rejects wrong, unknown and disabled', async () => {
    const {store} = await demo();
    expect(await store.authenticate('ADMIN', 'Demo2026!KSEF', 'stanowisko-1')).toBeUndefined();
    expect(await store.authenticate('NIKT', 'Demo2026!ksef', 'stanowisko-1')).toBeUndefined();
    expect(await store.authenticate(' admin ', 'Demo2026!ksef', 'stanowisko-1')).toMatchObject({code: 'ADMIN'});
    await store.upsertOperator({code: 'JKOWALSKI', name: 'Jan Kowalski', role: 'operator', branch: 'CENTRALA', disabled: true}, 'ADMIN');
    expect(await store.authenticate('JKOWALSKI', DEMO_CREDENTIALS.operator.password, 'stanowisko-2')).toBeUndefined();
    const log = (await store.listAudit()).filter((e) => e.action === 'login' || e.action === 'loginFailed');
    expect(log.map((e) => [e.action, e.operator, e.workstation, e.details])).toEqual([
      ['loginFailed', 'ADMIN', 'stanowisko-1', undefined],
      ['loginFailed', 'NIKT', 'stanowisko-1', undefined],
      ['login', 'ADMIN', 'stanowisko-1', undefined],
      ['loginFailed', 'JKOWALSKI', 'stanowisko-2', 'konto zablokowane'],
    ]);
    for (const e of log) {
      expect(e.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(e.at).toBe(FIXED.toISOString());
    }
  });

  it('upsertOperator: hashes a new password, keeps the old hash without one, validates input in Polish', async () => {
    const {store} = await demo();
    const hashBefore = (await store.listOperators()).find((o) => o.code === 'JKOWALSKI')!.passwordHash;
    await store.upsertOperator({code: 'JKOWALSKI', name: 'Jan Kowalski-Nowak', role: 'operator', branch: 'ODDZIAL1'}, 'ADMIN');
    const after = (await store.listOperators()).find((o) => o.code === 'JKOWALSKI')!;
    expect(after).toMatchObject({name: 'Jan Kowalski-Nowak', branch: 'ODDZIAL1', passwordHash: hashBefore});
    expect(await store.authenticate('JKOWALSKI', DEMO_CREDENTIALS.operator.password, 'h')).toBeDefined();
    await store.upsertOperator({code: 'JKOWALSKI', name: 'Jan', role: 'operator', branch: 'ODDZIAL1', password: 'Nowe!Haslo2027'}, 'ADMIN');
    expect(await store.authenticate('JKOWALSKI', DEMO_CREDENTIALS.operator.password, 'h')).toBeUndefined();
    expect(await store.authenticate('JKOWALSKI', 'Nowe!Haslo2027', 'h')).toBeDefined();

    const cases: [Parameters<Store['upsertOperator']>[0], string, RegExp][] = [
      [{code: 'zły kod', name: 'X', role: 'operator', branch: 'CENTRALA', password: 'Nowe!Haslo2027'}, 'invalid', /Kod operatora/],
      [{code: 'NOWY', name: 'Nowy', role: 'operator', branch: 'CENTRALA', password: 'krotkie'}, 'invalid', /za słabe — brakuje: co najmniej 12 znaków, wielka litera, cyfra, znak specjalny/],
      [{code: 'NOWY', name: 'Nowy', role: 'operator', branch: 'CENTRALA'}, 'invalid', /musi mieć hasło/],
      [{code: 'NOWY', name: 'Nowy', role: 'operator', branch: 'BRAK', password: 'Nowe!Haslo2027'}, 'invalid', /Nie ma oddziału „BRAK”/],
      [{code: 'NOWY', name: 'Ala\u0007', role: 'operator', branch: 'CENTRALA', password: 'Nowe!Haslo2027'}, 'invalid', /znaki sterujące/],
      [{code: 'ADMIN', name: 'Administrator', role: 'operator', branch: 'CENTRALA'}, 'forbidden', /ostatniemu aktywnemu administratorowi/],
    ];
    for (const [input, code, message] of cases) {
      const err = await storeError(store.upsertOperator(input, 'ADMIN'));
      expect(err).toBeInstanceOf(StoreError);
      expect(err).toMatchObject({code});
      expect(err!.message).toMatch(message);
    }
    expect((await store.listOperators()).map((o) => o.code)).toEqual(['ADMIN', 'JKOWALSKI']);
    expect((await store.listAudit()).filter((e) => e.action === 'operatorChanged').map((e) => e.details)).toEqual([
      'zmieniono operatora JKOWALSKI',
      'zmieniono operatora JKOWALSKI (nowe hasło)',
    ]);
  });
});

describe('branches and workstations', () => {
  it('saveBranchConfig updates one branch and audits it; unknown branch → notFound', async () => {
    const {store} = await demo();
    await store.saveBranchConfig('ODDZIAL1', {defaultEnv: 'T', authMethod: 'ksefCertificate', contextType: 'InternalId', contextValue: '1111111111-00001'}, 'ADMIN');
    expect((await store.listBranches())[1].config).toEqual({defaultEnv: 'T', authMethod: 'ksefCertificate', contextType: 'InternalId', contextValue: '1111111111-00001'});
    expect((await store.listBranches())[0].config.defaultEnv).toBe('D');
    expect(await storeError(store.saveBranchConfig('XX', {defaultEnv: 'D', authMethod: 'esignature', contextType: 'Nip'}, 'ADMIN'))).toMatchObject({code: 'notFound'});
    expect((await store.listAudit()).at(-1)).toMatchObject({action: 'configChanged', operator: 'ADMIN', details: 'konfiguracja oddziału ODDZIAL1'});
  });

  it('workstation(host) returns defaults under the data folder until saved, then the saved config per host', async () => {
    const {dir, store} = await demo();
    expect(await store.workstation('serwer-a')).toEqual({
      host: 'serwer-a', signFolder: path.join(dir, 'podpis'), exportFolder: path.join(dir, 'eksport'), signCommand: '', lang: 'pl',
    });
    const ws = {host: 'serwer-a', signFolder: '/srv/podpis ąę', exportFolder: '/srv/eksport', signCommand: 'xdg-open {file}', lang: 'en' as const};
    await store.saveWorkstation(ws, 'ADMIN');
    await store.saveWorkstation({...ws, lang: 'pl'}, 'ADMIN');
    expect(await store.workstation('serwer-a')).toEqual({...ws, lang: 'pl', signCommandSetBy: 'ADMIN', signCommandSetAt: expect.any(String)});
    expect((await store.workstation('serwer-b')).signFolder).toBe(path.join(dir, 'podpis'));
    expect((await store.snapshot()).workstations).toHaveLength(1);
    expect(await storeError(store.saveWorkstation({...ws, signFolder: 'a\nb'}, 'ADMIN'))).toMatchObject({code: 'invalid'});
  });
});

describe('certificates', () => {
  it('add, get by id or serial, patch, remove; duplicate serial refused with a Polish message', async () => {
    const {store} = await demo();
    const a = record();
    await store.addCertificate(a);
    expect(await store.getCertificate(a.id)).toEqual(a);
    expect(await store.getCertificate('0123456789abcdef')).toEqual(a);
    const dup = await storeError(store.addCertificate(record({name: 'Inny'})));
    expect(dup).toMatchObject({code: 'duplicateSerial'});
    expect(dup!.message).toBe('Certyfikat o numerze seryjnym 0123456789ABCDEF jest już w magazynie („Certyfikat firmy”).');
    const b = record({serial: 'FEDCBA9876543210', owner: {kind: 'operator', code: 'JKOWALSKI'}});
    await store.addCertificate(b);
    expect(await storeError(store.patchCertificate(b.id, {serial: a.serial}))).toMatchObject({code: 'duplicateSerial'});
    expect(await storeError(store.addCertificate({...b, serial: 'AAAAAAAAAAAAAAAA'}))).toMatchObject({code: 'invalid'});
    const patched = await store.patchCertificate(b.id, {state: 'revoked', revokedAt: FIXED.toISOString(), revocationReason: 'Superseded'});
    expect(patched).toEqual({...b, state: 'revoked', revokedAt: FIXED.toISOString(), revocationReason: 'Superseded'});
    expect(await storeError(store.patchCertificate('nie-ma', {name: 'x'}))).toMatchObject({code: 'notFound'});
    await store.removeCertificate(a.id);
    expect((await store.listCertificates()).map((c) => c.id)).toEqual([b.id]);
    expect(await storeError(store.removeCertificate(a.id))).toMatchObject({code: 'notFound'});
  });

  it('returned objects are copies: mutating them changes nothing', async () => {
    const {store} = await demo();
    const a = record();
    await store.addCertificate(a);
    a.name = 'zmienione po dodaniu';
    const list = await store.listCertificates();
    list[0].name = 'zmienione na liście';
    const snap = await store.snapshot();
    snap.certificates[0].name = 'zmienione w migawce';
    const patched = await store.patchCertificate(list[0].id, {env: 'T'});
    patched.name = 'zmienione po patch';
    expect((await store.getCertificate(list[0].id))?.name).toBe('Certyfikat firmy');
  });
});

  it('store.json is ASCII-only; Polish letters, emoji, bidi overrides and controls come back as written', async () => {
    const {dir, store} = await demo();
    const name = 'Zażółć gęślą jaźń — 🔐 \u202eevil\u202c\u0007 「証明書」';
    const a = record({name});
    await store.addCertificate(a);
    const bytes = await readFile(path.join(dir, 'store.json'));
    expect(bytes.every((b) => b < 0x80)).toBe(true);
    expect(bytes.toString('latin1')).toContain('Za\\u017c\\u00f3\\u0142\\u0107');
    // Another instance parses the file (not this one's cache).
    const other = await openStore(dir);
    expect((await other.getCertificate(a.id))?.name).toBe(name);
    expect((await other.company()).name).toBe('Demo Sp. z o.o.');
    expect((await other.listOperators()).find((o) => o.code === 'JKOWALSKI')?.name).toBe('Jan Kowalski');
    expect((await other.listBranches()).find((b) => b.code === 'ODDZIAL1')?.name).toBe('Oddział 1');
  });

describe('update()', () => {
  it('a throwing fn writes nothing and leaves the cached document intact', async () => {
    const {dir, store} = await demo();
    const file = path.join(dir, 'store.json');
    const before = await readFile(file, 'utf8');
    const err = await store.update((d) => {
      d.company.name = 'Zmiana w połowie';
      d.certificates.push(record());
      throw new Error('przerwane');
    }).catch((e: Error) => e);
    expect(err).toMatchObject({message: 'przerwane'});
    expect(await readFile(file, 'utf8')).toBe(before);
    expect((await store.snapshot()).company.name).toBe('Demo Sp. z o.o.');
    expect((await store.snapshot()).certificates).toEqual([]);
  });

  it('sees changes written by another Store instance (re-read before each write), and bumps revision', async () => {
    const {dir, store} = await demo();
    const other = await openStore(dir);
    const r0 = (await store.snapshot()).revision;
    await other.update((d) => void (d.company.name = 'Zmieniona przez inną instancję'));
    expect(await store.company()).toEqual({nip: '1111111111', name: 'Zmieniona przez inną instancję'});
    const n = await store.update((d) => d.certificates.push(record()));
    expect(n).toBe(1);
    const after = await other.snapshot();
    expect(after.revision).toBe(r0 + 2);
    expect(after.certificates).toHaveLength(1);
  });

  it('several instances opening a new folder at once agree on one document and one master key', async () => {
    const {sub} = await tempDir();
    const stores = await Promise.all(Array.from({length: 6}, () => openStore(sub, {create: true})));
    const {generateKeyPairSync} = await import('node:crypto');
    const sealed = await stores[0].sealKey(generateKeyPairSync('ec', {namedCurve: 'P-256'}).privateKey);
    for (const s of stores) expect((await s.unsealKey(sealed)).asymmetricKeyType).toBe('ec');
    expect((await stores[5].snapshot()).revision).toBe(0);
    const {readdir} = await import('node:fs/promises');
    expect((await readdir(sub)).sort()).toEqual(['master.key', 'store.json']);
  });

  it('concurrent updates from one process are serialised, none lost', async () => {
    const {store} = await demo();
    await Promise.all(Array.from({length: 50}, (_, i) => store.audit({operator: 'ADMIN', workstation: 'h', action: 'export', details: `e${i}`})));
    const details = (await store.listAudit()).map((e) => e.details);
    for (let i = 0; i < 50; i++) expect(details).toContain(`e${i}`);
  });
});
