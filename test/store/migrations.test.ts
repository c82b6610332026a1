// Schema versioning: v0 → current migration (pure and on disk, with backup), refusal of corrupt and newer files.
import {copyFile, readFile, stat, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {
  migrate, openStore, schemaVersionOf, SCHEMA_VERSION, StoreError, type StoreDataV0,
} from '../../src/store/index.js';
import {tempDir} from './helpers.js';
import {loadLang, makeT, render} from '../../src/i18n/index.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const V0 = path.join(FIXTURES, 'store-v0.json');

async function v0Doc(): Promise<StoreDataV0> {
  return JSON.parse(await readFile(V0, 'utf8'));
}

/** A data folder holding the v0 fixture and the master key its private keys were sealed with. */
async function v0Folder(): Promise<string> {
  const {root} = await tempDir();
  await copyFile(V0, path.join(root, 'store.json'));
  await copyFile(path.join(FIXTURES, 'master-v0.key'), path.join(root, 'master.key'));
  return root;
}

describe('migrate() (pure)', () => {
  it('maps the v0 shape to the current schema', async () => {
    const doc = await v0Doc();
    const before = JSON.stringify(doc);
    const d = migrate(doc);
    expect(JSON.stringify(doc)).toBe(before); // input untouched
    expect(schemaVersionOf(doc)).toBe(0);
    expect(d.schemaVersion).toBe(SCHEMA_VERSION);
    expect(d.revision).toBe(0);
    expect(d.company).toEqual({nip: '1111111111', name: 'Demo Sp. z o.o.'});
    expect(d.branches[1]).toEqual({
      code: 'ODDZIAL1', name: 'Oddział 1',
      config: {defaultEnv: 'T', authMethod: 'ksefCertificate', contextType: 'InternalId', contextValue: '1111111111-00001'},
    });
    expect(d.operators.map((o) => [o.code, o.role, o.branch, o.disabled ?? false])).toEqual([
      ['ADMIN', 'admin', 'CENTRALA', false],
      ['JKOWALSKI', 'operator', 'ODDZIAL1', false],
      ['ANOWAK', 'operator', 'CENTRALA', true],
    ]);
    expect(d.workstations).toEqual([
      {host: 'serwer-fk', signFolder: '/srv/ksef/podpis', exportFolder: '/srv/ksef/eksport', signCommand: 'xdg-open {file}', lang: 'pl'},
    ]);
    const [c1, c2, c3] = d.certificates;
    expect(c1).toMatchObject({
      owner: {kind: 'operator', code: 'JKOWALSKI'}, state: 'issued', serial: '01A2B3C4D5E6F708', keyAlgorithm: 'EC-P256',
      validFrom: '2026-01-01T00:00:00.000Z', validTo: '2028-01-01T00:00:00.000Z', createdAt: '2026-01-01T00:00:00.000Z',
      source: 'generated', mode: 'B',
    });
    expect(c1).not.toHaveProperty('kind');
    expect(c2).toMatchObject({owner: {kind: 'company'}, state: 'revoked', revokedAt: '2026-03-01T00:00:00.000Z', source: 'imported'});
    expect(c3).toMatchObject({owner: {kind: 'branch', code: 'ODDZIAL1'}, state: 'pending', mode: 'Z'});
    expect(c3).not.toHaveProperty('serial');
    expect(d.audit.map((e) => [e.action, e.operator, e.certificateId])).toEqual([
      ['login', 'ADMIN', undefined], ['generate', 'ADMIN', 'c-0001'], ['revoke', 'ADMIN', 'c-0002'],
    ]);
    expect(migrate(doc)).toEqual(d); // deterministic
  });
});

describe('opening an old, corrupt or newer store', () => {
  it('migrates the v0 fixture on open after an exact 0600 backup; keys and passwords survive', async () => {
    const dir = await v0Folder();
    const original = await readFile(path.join(dir, 'store.json'));
    const store = await openStore(dir);
    const bak = path.join(dir, 'store.json.v0.bak');
    expect(await readFile(bak)).toEqual(original);
    expect((await stat(bak)).mode & 0o777).toBe(0o600);
    const onDisk = JSON.parse(await readFile(path.join(dir, 'store.json'), 'utf8'));
    expect(onDisk.schemaVersion).toBe(SCHEMA_VERSION);
    expect(onDisk).not.toHaveProperty('log');
    expect(await store.getCertificate('01a2b3c4d5e6f708')).toMatchObject({id: 'c-0001'});
    // The sealed keys are still usable with the folder's master.key.
    const [c1, c2] = await Promise.all((await store.listCertificates()).slice(0, 2).map(async (c) => (await store.getCertificate(c.id))!));
    expect((await store.unsealKey(c1.keyPem)).asymmetricKeyType).toBe('ec');
    expect((await store.unsealKey(c2.keyPem)).asymmetricKeyType).toBe('rsa');
    expect(await store.authenticate('ADMIN', 'Stare2019!haslo', 'serwer-fk')).toMatchObject({role: 'admin'});
    expect(await store.authenticate('ANOWAK', 'Kowal2019!haslo', 'serwer-fk')).toBeUndefined(); // disabled in v0
    // Opening again does not migrate or back up again.
    const bakStat = await stat(bak);
    await openStore(dir);
    expect((await stat(bak)).mtimeMs).toBe(bakStat.mtimeMs);
  });

  it.each([
    ['garbage', '{"company": {"nip": "111'],
    ['empty', ''],
    ['not an object', '[1, 2, 3]'],
  ])('a corrupt store.json (%s) → Polish StoreError naming the newest backup; file left untouched', async (_, text) => {
    const dir = await v0Folder();
    const store = await openStore(dir); // migrates: creates store.json.v0.bak
    await store.audit({operator: 'ADMIN', workstation: 'h', action: 'login'}); // creates store.json.bak (previous revision)
    const file = path.join(dir, 'store.json');
    await writeFile(file, text);
    for (const attempt of [() => openStore(dir), () => store.snapshot(), () => store.update((d) => void (d.company.name = 'x'))]) {
      const err = await attempt().then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(StoreError);
      expect((err as StoreError).code).toBe('corrupt');
      expect((err as StoreError).message).toContain(`jest uszkodzony`);
      expect((err as StoreError).message).toContain(`przywróć najnowszą kopię: skopiuj ${file}.bak na ${file}`);
    }
    expect(await readFile(file, 'utf8')).toBe(text);
    // Following the advice works.
    await copyFile(`${file}.bak`, file);
    expect((await (await openStore(dir)).company()).name).toBe('Demo Sp. z o.o.');
  });

  it('a corrupt store without backups says there is none', async () => {
    const {root} = await tempDir();
    await writeFile(path.join(root, 'store.json'), '{');
    await expect(openStore(root)).rejects.toThrow(/Brak kopii zapasowej/);
  });

  it('a store with a newer schemaVersion is refused and not modified', async () => {
    const {root} = await tempDir();
    const text = JSON.stringify({schemaVersion: SCHEMA_VERSION + 1, company: {nip: '1111111111', name: 'X'}, futureField: []});
    await writeFile(path.join(root, 'store.json'), text);
    const err = await openStore(root).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('newerSchema');
    expect((err as StoreError).message).toMatch(/Zaktualizuj program/);
    expect(await readFile(path.join(root, 'store.json'), 'utf8')).toBe(text);
  });

  it('a missing store is an error unless create is set', async () => {
    const {sub} = await tempDir();
    const err = await openStore(sub).catch((e: unknown) => e);
    expect((err as StoreError).code).toBe('notFound');
    expect((err as StoreError).message).toBe(`Nie można otworzyć folderu magazynu ${sub}: Nie znaleziono pliku lub katalogu.`);
    await loadLang('en');
    expect(render(makeT('en'), (err as StoreError).msg!)).toBe(`Cannot open the store folder ${sub}: File or folder not found.`);
    // A file where the folder should be: the reason from the catalogue too, in either language.
    await writeFile(`${sub}.plik`, 'x');
    const notDir = (await openStore(`${sub}.plik`).catch((e: unknown) => e)) as StoreError;
    expect(notDir.code).toBe('io');
    expect(notDir.message).toBe(`Nie można otworzyć folderu magazynu ${sub}.plik: Ścieżka nie jest katalogiem.`);
    expect(render(makeT('en'), notDir.msg!)).not.toMatch(/[ąćęłńóśźż]|nie jest/);
    const store = await openStore(sub, {create: true});
    expect((await store.snapshot()).schemaVersion).toBe(SCHEMA_VERSION);
  });
});
