// One store contract, run against both backends: the lowdb folder and PostgreSQL (a real server: KSEF_CERTS_TEST_PG
// from .ci/run, or a throwaway cluster this file starts). Behaviour callers rely on must not depend on the backend.
import {generateKeyPairSync, randomUUID} from 'node:crypto';
import {afterAll, describe, expect, it} from 'vitest';
import type {CertificateRecord} from '../../src/domain/index.js';
import {createDemoStore, DEMO_CREDENTIALS, openStore, StoreError, type OpenStoreOptions, type Store} from '../../src/store/index.js';
import {freshDatabase, pgUnavailable, stopOwnCluster} from '../helpers/pg.js';
import {tempDir} from './helpers.js';
import {auditDetails, auditNote} from '../../src/flows/audit-notes.js';
import {makeT, msg} from '../../src/i18n/index.js';

const FIXED = new Date('2026-11-24T12:00:00.000Z');
const pgSkip = pgUnavailable();
if (pgSkip) console.warn(`\n!!! ${pgSkip}\n`);
afterAll(stopOwnCluster);

interface Backend {
  name: string;
  skip?: string;
  /** A new, not yet created store location with its open options. */
  fresh(): Promise<{target: string; opts: OpenStoreOptions}>;
}

const BACKENDS: Backend[] = [
  {name: 'folder', fresh: async () => ({target: (await tempDir()).sub, opts: {}})},
  {
    name: 'postgresql',
    skip: pgSkip,
    fresh: async () => ({target: await freshDatabase(), opts: {dataDir: (await tempDir()).sub}}),
  },
];

function record(over: Partial<CertificateRecord> = {}): CertificateRecord {
  return {
    id: randomUUID(), owner: {kind: 'company'}, name: 'Certyfikat firmy', type: 'A', env: 'D', mode: 'B', state: 'issued',
    serial: randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase(), keyPem: '', keyAlgorithm: 'EC-P256', source: 'imported',
    createdAt: FIXED.toISOString(), createdBy: 'ADMIN',
    ...over,
  };
}

const storeError = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as StoreError);

describe.each(BACKENDS)('store contract: $name', (backend) => {
  const opened: Store[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close?.()));
  });
  async function demo(): Promise<{target: string; opts: OpenStoreOptions; store: Store}> {
    const {target, opts} = await backend.fresh();
    expect(await createDemoStore(target, opts)).toEqual({created: true});
    const store = await openStore(target, {...opts, now: () => FIXED});
    opened.push(store);
    return {target, opts, store};
  }
  const reopen = async (target: string, opts: OpenStoreOptions) => {
    const s = await openStore(target, opts);
    opened.push(s);
    return s;
  };

  it.skipIf(backend.skip)('a missing store is notFound without create; the demo store is created once', async () => {
    const {target, opts} = await backend.fresh();
    expect((await storeError(openStore(target, opts)))?.code).toBe('notFound');
    expect(await createDemoStore(target, opts)).toEqual({created: true});
    expect(await createDemoStore(target, opts)).toEqual({created: false});
    const store = await reopen(target, opts);
    expect(await store.company()).toEqual({nip: '1111111111', name: 'Demo Sp. z o.o.'});
    expect((await store.listBranches()).map((b) => b.code)).toEqual(['CENTRALA', 'ODDZIAL1']);
    expect((await store.listOperators()).map((o) => [o.code, o.role])).toEqual([['ADMIN', 'admin'], ['JKOWALSKI', 'operator']]);
    expect(store.info.backend).toBe(backend.name === 'folder' ? 'file' : 'postgresql');
  });

  it.skipIf(backend.skip)('login: right, wrong, unknown, disabled → audit login/loginFailed; rules on operators', async () => {
    const {store} = await demo();
    expect(await store.authenticate(' admin ', DEMO_CREDENTIALS.admin.password, 'host-a')).toMatchObject({code: 'ADMIN'});
    expect(await store.authenticate('ADMIN', 'zle-haslo', 'host-a')).toBeUndefined();
    expect(await store.authenticate('NIKT', 'x', 'host-b')).toBeUndefined();
    await store.upsertOperator({code: 'JKOWALSKI', name: 'Jan Kowalski', role: 'operator', branch: 'CENTRALA', disabled: true}, 'ADMIN');
    expect(await store.authenticate('JKOWALSKI', DEMO_CREDENTIALS.operator.password, 'host-b')).toBeUndefined();
    const log = (await store.listAudit()).map((e) => [e.action, e.operator, e.workstation]);
    expect(log).toEqual([
      ['login', 'ADMIN', 'host-a'], ['loginFailed', 'ADMIN', 'host-a'], ['loginFailed', 'NIKT', 'host-b'],
      ['operatorChanged', 'ADMIN', ''], ['loginFailed', 'JKOWALSKI', 'host-b'],
    ]);
    expect((await storeError(store.upsertOperator({code: 'NOWY', name: 'N', role: 'operator', branch: 'CENTRALA', password: 'slabe'}, 'ADMIN')))?.code).toBe('invalid');
    expect((await storeError(store.upsertOperator({code: 'ADMIN', name: 'A', role: 'operator', branch: 'CENTRALA'}, 'ADMIN')))?.code).toBe('forbidden');
    expect((await store.listOperators()).find((o) => o.code === 'ADMIN')?.role).toBe('admin');
  });

  it.skipIf(backend.skip)('branch and workstation configuration are saved and audited', async () => {
    const {store} = await demo();
    await store.saveBranchConfig('ODDZIAL1', {defaultEnv: 'T', authMethod: 'trustedProfile', contextType: 'Nip'}, 'ADMIN');
    expect((await store.listBranches()).find((b) => b.code === 'ODDZIAL1')?.config.defaultEnv).toBe('T');
    expect((await storeError(store.saveBranchConfig('NIMA', {defaultEnv: 'T', authMethod: 'esignature', contextType: 'Nip'}, 'ADMIN')))?.code).toBe('notFound');
    const ws = await store.workstation('host-a');
    expect(ws.signFolder).toContain(store.info.dir);
    await store.saveWorkstation({...ws, signCommand: 'podpisz %f', lang: 'en'}, 'ADMIN');
    expect(await store.workstation('host-a')).toMatchObject({signCommand: 'podpisz %f', lang: 'en'});
    expect((await storeError(store.saveWorkstation({...ws, signCommand: 'a\x1b[2J'}, 'ADMIN')))?.code).toBe('invalid');
    expect((await store.listAudit()).filter((e) => e.action === 'configChanged')).toHaveLength(2);
  });

  it.skipIf(backend.skip)('certificates: add, find by id or serial, patch, remove; duplicate serial and plain keys refused', async () => {
    const {store} = await demo();
    const a = record({serial: 'ABCDEF0123'});
    await store.addCertificate(a);
    expect(await store.getCertificate(a.id)).toEqual(a);
    expect((await store.getCertificate('abcdef0123'))?.id).toBe(a.id);
    expect((await storeError(store.addCertificate(record({serial: 'abcdef0123'}))))?.code).toBe('duplicateSerial');
    expect((await storeError(store.addCertificate(a)))?.code).toBe('invalid');
    const b = record();
    await store.addCertificate(b);
    expect((await storeError(store.patchCertificate(b.id, {serial: 'ABCDEF0123'})))?.code).toBe('duplicateSerial');
    const patched = await store.patchCertificate(b.id, {name: 'Nowa nazwa', ksefStatus: 'Active'});
    expect(patched).toMatchObject({id: b.id, name: 'Nowa nazwa', ksefStatus: 'Active'});
    expect((await storeError(store.patchCertificate(b.id, {id: 'inny'})))?.code).toBe('invalid');
    const {privateKey} = generateKeyPairSync('ec', {namedCurve: 'P-256'});
    const plain = privateKey.export({type: 'pkcs8', format: 'pem'}).toString();
    expect((await storeError(store.addCertificate(record({keyPem: plain}))))?.code).toBe('invalid');
    expect((await storeError(store.patchCertificate(b.id, {keyPem: plain})))?.code).toBe('invalid');
    expect((await store.listCertificates()).map((c) => c.id)).toEqual([a.id, b.id]);
    await store.removeCertificate(a.id);
    expect((await storeError(store.removeCertificate(a.id)))?.code).toBe('notFound');
    expect((await store.listCertificates()).map((c) => c.name)).toEqual(['Nowa nazwa']);
  });

  it.skipIf(backend.skip)('token keys: a record with only a PKCS#11 URI and the workstation module/token are kept', async () => {
    const {store} = await demo();
    const {publicKey} = generateKeyPairSync('ec', {namedCurve: 'P-256'});
    const rec = record({
      keyPem: '', keyUri: 'pkcs11:token=KARTA;object=firma;id=%9f%01;type=private',
      publicKeyPem: publicKey.export({type: 'spki', format: 'pem'}).toString(),
    });
    await store.addCertificate(rec);
    expect(await store.getCertificate(rec.id)).toEqual(rec);
    const ws = await store.workstation('host-t');
    await store.saveWorkstation({...ws, pkcs11Module: '/usr/lib/softhsm/libsofthsm2.so', pkcs11Token: 'KARTA'}, 'ADMIN');
    expect(await store.workstation('host-t')).toMatchObject({pkcs11Module: '/usr/lib/softhsm/libsofthsm2.so', pkcs11Token: 'KARTA'});
    expect((await storeError(store.saveWorkstation({...ws, pkcs11Token: 'K\x1b[2J'}, 'ADMIN')))?.code).toBe('invalid');
  });

  it.skipIf(backend.skip)('audit notes (key + params, nested) and old plain-text entries come back unchanged, in either language', async () => {
    const {target, opts, store} = await demo();
    const old = await store.audit({operator: 'ADMIN', workstation: 'host-a', action: 'export', details: 'folder /stary/zapis (tekst sprzed notatek)'});
    const note = msg('auditNote.revoke', {code: 'Superseded', reason: msg('flowErr.reason.Superseded')});
    const noted = await store.audit({operator: 'ADMIN', workstation: 'host-a', action: 'revoke', serial: 'AB12', ...auditNote(note)});
    // A later write through update() keeps the earlier events byte-equal (the PostgreSQL append-only check).
    await store.update((d) => {
      d.audit.push(store.auditEvent({operator: 'ADMIN', workstation: 'host-a', action: 'statusRefresh', ...auditNote(msg('auditNote.statusRefresh', {env: 'D', checked: 2, changed: 1, notFound: 0}))}));
    });
    const again = await reopen(target, opts);
    const log = await again.listAudit();
    expect(log.slice(-3, -1)).toEqual([old, noted]);
    expect(noted.message).toEqual(note);
    const [a, b, c] = log.slice(-3);
    expect(auditDetails(makeT('en'), a)).toBe('folder /stary/zapis (tekst sprzed notatek)');
    expect(auditDetails(makeT('pl'), b)).toBe('przyczyna: Superseded (zastąpiony nowym certyfikatem)');
    expect(b.details).toBe('przyczyna: Superseded (zastąpiony nowym certyfikatem)');
    expect(auditDetails(makeT('en'), b)).toBe('reason: Superseded (superseded by a new certificate)');
    expect(auditDetails(makeT('en'), c)).toBe('environment D: 2 checked, 1 changed, 0 not found in KSeF');
  });

  it.skipIf(backend.skip)('the store\'s own audit events (operator, branch, workstation, lock-out) carry notes: Polish as before, English under en', async () => {
    const {store} = await demo();
    await store.upsertOperator({code: 'NOWY', name: 'Nowy', role: 'operator', branch: 'CENTRALA', password: 'Nowy!Haslo2026x'}, 'ADMIN');
    await store.saveBranchConfig('ODDZIAL1', {defaultEnv: 'T', authMethod: 'trustedProfile', contextType: 'Nip'}, 'ADMIN');
    const ws = await store.workstation('host-n');
    await store.saveWorkstation({...ws, signCommand: 'podpisz %f'}, 'ADMIN');
    for (let i = 0; i < 3; i++) expect(await store.authenticate('NOWY', 'zle', 'host-n')).toBeUndefined();
    const log = (await store.listAudit()).slice(-6);
    const both = (e: (typeof log)[number]) => [auditDetails(makeT('pl'), e), auditDetails(makeT('en'), e)];
    expect(both(log[0])).toEqual(['dodano operatora NOWY (nowe hasło)', 'operator NOWY added (new password)']);
    expect(both(log[1])).toEqual(['konfiguracja oddziału ODDZIAL1', 'configuration of branch ODDZIAL1']);
    expect(both(log[2])).toEqual(['konfiguracja stanowiska host-n; polecenie e-podpisu: „podpisz %f”', 'configuration of workstation host-n; e-signature command: “podpisz %f”']);
    expect(both(log[5])[1]).toMatch(/^failed attempt 3 in a row — login locked until \d{4}-/);
    for (const e of [log[0], log[1], log[2], log[5]]) expect(e.details).toBe(auditDetails(makeT('pl'), e));
    // Locked: refused without checking the password; a disabled account with the right password.
    expect(await store.authenticate('NOWY', 'Nowy!Haslo2026x', 'host-n').then(() => 'in', () => 'refused')).toBe('refused');
    await store.upsertOperator({code: 'WYL', name: 'Wyłączony', role: 'operator', branch: 'CENTRALA', password: 'Wyl!Haslo2026xx', disabled: true}, 'ADMIN');
    expect(await store.authenticate('WYL', 'Wyl!Haslo2026xx', 'host-n')).toBeUndefined();
    const [locked, , disabled] = (await store.listAudit()).slice(-3);
    expect(auditDetails(makeT('en'), locked)).toMatch(/^refused: account locked until \d{4}-.* after 3 failed attempts$/);
    expect(locked.details).toMatch(/^odmowa: konto czasowo zablokowane do \d{4}-.* po 3 nieudanych próbach$/);
    expect([auditDetails(makeT('pl'), disabled), auditDetails(makeT('en'), disabled)]).toEqual(['konto zablokowane', 'account disabled']);
  });

  it.skipIf(backend.skip)('a change and its audit event are written together; a form saving over a newer value gets conflict', async () => {
    const {store} = await demo();
    const rec = record();
    await store.addCertificate(rec, {operator: 'ADMIN', workstation: 'host-a', action: 'import', certificateId: rec.id});
    await store.patchCertificate(rec.id, {state: 'revoked'}, {operator: 'ADMIN', workstation: 'host-a', action: 'revoke', certificateId: rec.id});
    const rev = (await store.snapshot()).revision;
    expect((await store.listAudit()).filter((e) => e.certificateId === rec.id).map((e) => e.action)).toEqual(['import', 'revoke']);
    // A refused change leaves no event behind.
    expect((await storeError(store.addCertificate(rec, {operator: 'ADMIN', workstation: 'host-a', action: 'import'})))?.code).toBe('invalid');
    expect((await store.listAudit()).filter((e) => e.action === 'import')).toHaveLength(1);
    expect((await store.snapshot()).revision).toBe(rev);
    const opened = (await store.listBranches())[0].config;
    await store.saveBranchConfig('CENTRALA', {...opened, defaultEnv: 'T'}, 'ADMIN', opened);
    const stale = await storeError(store.saveBranchConfig('CENTRALA', {...opened, defaultEnv: 'P'}, 'JKOWALSKI', opened));
    expect(stale?.code).toBe('conflict');
    expect((await store.listBranches())[0].config.defaultEnv).toBe('T');
  });

  it.skipIf(backend.skip)('update(): a throw writes nothing; a result comes back; revision counts writes', async () => {
    const {store} = await demo();
    const rev = (await store.snapshot()).revision;
    const err = await storeError(store.update((d) => {
      d.certificates.push(record());
      d.company.name = 'Zmieniona';
      throw new StoreError('invalid', 'stop');
    }));
    expect(err?.message).toBe('stop');
    expect((await store.snapshot()).certificates).toHaveLength(0);
    expect((await store.company()).name).toBe('Demo Sp. z o.o.');
    const n = await store.update((d) => {
      d.certificates.push(record({name: 'z update'}));
      d.company.name = 'Zmieniona';
      return d.certificates.length;
    });
    expect(n).toBe(1);
    const snap = await store.snapshot();
    expect(snap.company.name).toBe('Zmieniona');
    expect(snap.certificates.map((c) => c.name)).toEqual(['z update']);
    expect(snap.revision).toBe(rev + 1);
  });

  it.skipIf(backend.skip)('two handles on one store, 40 interleaved writes (read-modify-write included) → nothing lost', async () => {
    const {target, opts, store: s1} = await demo();
    const s2 = await reopen(target, opts);
    const jobs: Promise<unknown>[] = [];
    for (let i = 0; i < 10; i++) {
      for (const [tag, s] of [['s1', s1], ['s2', s2]] as const) {
        jobs.push(s.addCertificate(record({name: `${tag}-${i}`})));
        jobs.push(s.update((d) => {
          d.company.name = String((Number(d.company.name) || 0) + 1);
        }));
      }
    }
    await Promise.all(jobs);
    expect((await s1.listCertificates())).toHaveLength(20);
    expect((await s2.company()).name).toBe('20');
  });

  it.skipIf(backend.skip)('keys: sealed by the store, refused when plain, unsealed again after reopening', async () => {
    const {target, opts, store} = await demo();
    const {privateKey} = generateKeyPairSync('ec', {namedCurve: 'P-256'});
    const keyPem = await store.sealKey(privateKey);
    expect(keyPem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    await store.addCertificate(record({id: 'k1', keyPem}));
    const again = await reopen(target, opts);
    const key = await again.unsealKey((await again.getCertificate('k1'))!.keyPem);
    expect(key.export({type: 'pkcs8', format: 'der'})).toEqual(privateKey.export({type: 'pkcs8', format: 'der'}));
  });

  it.skipIf(backend.skip)('withLock: a second holder (another handle) waits until the first one is done', async () => {
    const {target, opts, store: s1} = await demo();
    const s2 = await reopen(target, opts);
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const first = s1.withLock('enroll:company/A/D', async () => {
      order.push('1 in');
      entered();
      await gate;
      order.push('1 out');
    });
    await inside;
    const second = s2.withLock('enroll:company/A/D', async () => {
      order.push('2 in');
    });
    const other = s2.withLock('enroll:company/O/D', async () => {
      order.push('other');
    });
    await other; // a different name is not blocked
    await new Promise((r) => setTimeout(r, 300));
    order.push('release');
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['1 in', 'other', 'release', '1 out', '2 in']);
  });
});
