// Secrets at rest: file modes, sealed private keys, no password text in the store.
import {generateKeyPairSync, randomUUID} from 'node:crypto';
import {execFileSync} from 'node:child_process';
import {readdir, readFile, stat, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {CertificateRecord} from '../../src/domain/index.js';
import {createDemoStore, DEMO_CREDENTIALS, openStore, StoreError, type Store} from '../../src/store/index.js';
import {tempDir} from './helpers.js';

const mode = async (p: string) => (await stat(p)).mode & 0o777;

function pendingRecord(keyPem: string, over: Partial<CertificateRecord> = {}): CertificateRecord {
  return {
    id: randomUUID(), owner: {kind: 'operator', code: 'JKOWALSKI'}, name: 'Klucz testowy', type: 'A', env: 'D', mode: 'B',
    state: 'pending', keyPem, keyAlgorithm: 'EC-P256', source: 'generated', createdAt: '2026-11-24T10:00:00.000Z', createdBy: 'ADMIN',
    ...over,
  };
}

/** Every PEM private-key block under `dir` (recursively), by its BEGIN line. */
async function privateKeyBlocks(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const e of await readdir(dir, {withFileTypes: true, recursive: true})) {
    if (!e.isFile()) continue;
    const text = await readFile(path.join(e.parentPath, e.name), 'latin1');
    found.push(...(text.match(/-----BEGIN [A-Z ]*PRIVATE KEY-----/g) ?? []));
  }
  return found;
}

async function demo(): Promise<{dir: string; store: Store}> {
  const {sub} = await tempDir();
  await createDemoStore(sub);
  return {dir: sub, store: await openStore(sub)};
}

describe('store secrets at rest', () => {
  it('creates the data folder 0700 and store.json, master.key and backups 0600; master.key is not in the JSON', async () => {
    const {dir, store} = await demo();
    await store.audit({operator: 'ADMIN', workstation: 'h', action: 'login'}); // makes store.json.bak
    expect(await mode(dir)).toBe(0o700);
    for (const f of ['store.json', 'master.key', 'store.json.bak']) expect(await mode(path.join(dir, f))).toBe(0o600);
    const master = (await readFile(path.join(dir, 'master.key'), 'utf8')).trim();
    expect(Buffer.from(master, 'base64')).toHaveLength(32);
    expect(await readFile(path.join(dir, 'store.json'), 'utf8')).not.toContain(master);
    // A loosened master.key is tightened again on open.
    const {chmod} = await import('node:fs/promises');
    await chmod(path.join(dir, 'master.key'), 0o644);
    await openStore(dir);
    expect(await mode(path.join(dir, 'master.key'))).toBe(0o600);
  });

  it.each([
    ['EC P-256', () => generateKeyPairSync('ec', {namedCurve: 'P-256'}), 'ec'],
    ['RSA 2048', () => generateKeyPairSync('rsa', {modulusLength: 2048}), 'rsa'],
  ])('sealKey/unsealKey round trip (%s); openssl cannot read the sealed PEM without the passphrase', async (_, gen, type) => {
    const {store} = await demo();
    const {privateKey} = gen();
    const sealed = await store.sealKey(privateKey);
    expect(sealed).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
    const back = await store.unsealKey(sealed);
    expect(back.asymmetricKeyType).toBe(type);
    expect(back.export({type: 'pkcs8', format: 'der'})).toEqual(privateKey.export({type: 'pkcs8', format: 'der'}));
    expect(back.equals(privateKey)).toBe(true);
    // Independent check: it is a real PKCS#8 EncryptedPrivateKeyInfo (PBES2 / AES-256-CBC) that needs a passphrase.
    const {root} = await tempDir();
    const pemFile = path.join(root, 'k.pem');
    await writeFile(pemFile, sealed);
    const asn1 = execFileSync('openssl', ['asn1parse', '-in', pemFile], {encoding: 'utf8'});
    expect(asn1).toContain('PBES2');
    expect(asn1).toContain('aes-256-cbc');
    expect(() => execFileSync('openssl', ['pkey', '-in', pemFile, '-passin', 'pass:', '-noout'], {stdio: 'pipe'})).toThrow();
  });

  it("unsealing with another store's master key fails with a Polish StoreError", async () => {
    const a = await demo();
    const b = await demo();
    const sealed = await a.store.sealKey(generateKeyPairSync('ec', {namedCurve: 'P-256'}).privateKey);
    const err = await b.store.unsealKey(sealed).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('masterKey');
    expect((err as StoreError).message).toMatch(/master\.key nie pasuje/);
    await expect(b.store.unsealKey('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n')).rejects.toThrow(/nie jest zaszyfrowanym/);
  });

  it('refuses public keys and unencrypted private keys; the data folder holds only ENCRYPTED key blocks', async () => {
    const {dir, store} = await demo();
    const ec = generateKeyPairSync('ec', {namedCurve: 'P-256'});
    const rsa = generateKeyPairSync('rsa', {modulusLength: 2048});
    await expect(store.sealKey(ec.publicKey)).rejects.toMatchObject({code: 'invalid'});
    for (const plain of [
      ec.privateKey.export({type: 'pkcs8', format: 'pem'}) as string,
      ec.privateKey.export({type: 'sec1', format: 'pem'}) as string,
      rsa.privateKey.export({type: 'pkcs1', format: 'pem'}) as string,
    ]) {
      await expect(store.addCertificate(pendingRecord(plain))).rejects.toMatchObject({code: 'invalid'});
    }
    const rec = pendingRecord(await store.sealKey(ec.privateKey));
    await store.addCertificate(rec);
    await store.addCertificate(pendingRecord(await store.sealKey(rsa.privateKey), {keyAlgorithm: 'RSA-2048'}));
    await expect(store.patchCertificate(rec.id, {keyPem: rsa.privateKey.export({type: 'pkcs8', format: 'pem'}) as string}))
      .rejects.toMatchObject({code: 'invalid'});
    const blocks = await privateKeyBlocks(dir);
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    expect(new Set(blocks)).toEqual(new Set(['-----BEGIN ENCRYPTED PRIVATE KEY-----']));
  });

  it('a store with sealed keys but without master.key refuses to open instead of creating a new key', async () => {
    const {dir, store} = await demo();
    await store.addCertificate(pendingRecord(await store.sealKey(generateKeyPairSync('ec', {namedCurve: 'P-256'}).privateKey)));
    const {rm} = await import('node:fs/promises');
    await rm(path.join(dir, 'master.key'));
    const err = await openStore(dir).catch((e: unknown) => e);
    expect((err as StoreError).code).toBe('masterKey');
    expect((err as StoreError).message).toMatch(/Przywróć master\.key/);
    expect(await readdir(dir)).not.toContain('master.key');
  });

  it('no password text in store.json after upsertOperator and authenticate (right and wrong)', async () => {
    const {dir, store} = await demo();
    const secret = 'Tajne!Haslo2026xyz';
    await store.upsertOperator({code: 'ANOWAK', name: 'Anna Nowak', role: 'operator', branch: 'CENTRALA', password: secret}, 'ADMIN');
    expect(await store.authenticate('anowak', secret, 'stanowisko-1')).toMatchObject({code: 'ANOWAK'});
    expect(await store.authenticate('ANOWAK', secret + 'x', 'stanowisko-1')).toBeUndefined();
    // A password typed into the code field is not logged either.
    expect(await store.authenticate(secret, secret, 'stanowisko-1')).toBeUndefined();
    expect(await store.authenticate('ADMIN', DEMO_CREDENTIALS.admin.password, 'stanowisko-1')).toBeDefined();
    for (const f of await readdir(dir)) {
      if (!f.startsWith('store.json')) continue;
      const text = await readFile(path.join(dir, f), 'utf8');
      for (const p of [secret, secret + 'x', DEMO_CREDENTIALS.admin.password, DEMO_CREDENTIALS.operator.password]) {
        expect(text).not.toContain(p);
      }
    }
    const ops = JSON.parse(await readFile(path.join(dir, 'store.json'), 'utf8')).operators;
    for (const op of ops) expect(op.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]{44}$/);
  });
});
