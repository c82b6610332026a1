// The slim folder layout: certificate PEMs and sealed keys in blob files (certs/<sha256>.json) outside the document
// the list reads. Migration of a real schema-v1 store (test/fixtures/store-v1, written by the v1 code with sealed keys
// and its master.key), the list without blob files, details on demand, and the sweep of blobs no document names.
import {createPublicKey} from 'node:crypto';
import {copyFile, mkdir, readdir, readFile, rename, stat, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {CertificateRecord} from '../../src/domain/index.js';
import {openStore, SCHEMA_VERSION, StoreError} from '../../src/store/index.js';
import {tempDir} from './helpers.js';

const V1 = path.join(import.meta.dirname, '../fixtures/store-v1');

interface V1Doc {
  schemaVersion: number;
  revision: number;
  certificates: CertificateRecord[];
}

async function v1Folder(): Promise<{dir: string; original: Buffer; doc: V1Doc}> {
  const {root} = await tempDir();
  await copyFile(path.join(V1, 'store.json'), path.join(root, 'store.json'));
  await copyFile(path.join(V1, 'master.key'), path.join(root, 'master.key'));
  const original = await readFile(path.join(root, 'store.json'));
  return {dir: root, original, doc: JSON.parse(original.toString('utf8'))};
}

const spki = (k: Parameters<typeof createPublicKey>[0]) => createPublicKey(k).export({type: 'spki', format: 'der'});

describe('slim folder store (blobs out of the document)', () => {
  it('migrates the v1 fixture: backup first, PEMs byte-identical from blob files, sealed keys open with the master key', async () => {
    const {dir, original, doc} = await v1Folder();
    expect(doc.schemaVersion).toBe(1);
    const store = await openStore(dir);
    // The exact v1 bytes were kept before anything was written.
    expect(await readFile(path.join(dir, 'store.json.v1.bak'))).toEqual(original);
    expect((await stat(path.join(dir, 'store.json.v1.bak'))).mode & 0o777).toBe(0o600);
    const onDisk = JSON.parse(await readFile(path.join(dir, 'store.json'), 'utf8'));
    expect(onDisk.schemaVersion).toBe(SCHEMA_VERSION);
    expect(onDisk.revision).toBe(doc.revision); // a migration changes the form, not the content
    // The document the list reads holds no certificate and no sealed key any more (a token key's small public key
    // stays: the record needs it to check the issued certificate).
    expect(JSON.stringify(onDisk)).not.toMatch(/-----BEGIN (CERTIFICATE|ENCRYPTED PRIVATE KEY)/);
    expect(JSON.stringify(onDisk)).toMatch(/-----BEGIN PUBLIC KEY/);
    const blobs = await readdir(path.join(dir, 'certs'));
    // Three records carry a certificate or a sealed key; the token record (keyPem '', no certificate) needs no file.
    expect(blobs).toHaveLength(3);
    expect((await stat(path.join(dir, 'certs'))).mode & 0o777).toBe(0o700);
    for (const b of blobs) expect((await stat(path.join(dir, 'certs', b))).mode & 0o777).toBe(0o600);

    for (const want of doc.certificates) {
      const got = (await store.getCertificate(want.id))!;
      expect(got).toEqual(want);
      expect(got.certPem).toBe(want.certPem);
      expect(got.keyPem).toBe(want.keyPem);
    }
    // The sealed keys still open, and each is the key of its certificate.
    for (const id of ['fx-issued-a', 'fx-issued-o']) {
      const rec = (await store.getCertificate(id))!;
      const key = await store.unsealKey(rec.keyPem);
      expect(spki(key)).toEqual(spki(rec.certPem!));
    }
    expect((await store.unsealKey((await store.getCertificate('fx-pending'))!.keyPem)).asymmetricKeyType).toBe('ec');
    expect(await store.getCertificate('0123456789abcdef')).toMatchObject({id: 'fx-issued-a', keyAlgorithm: 'EC-P256'});
    // snapshot() (store copy) gives the whole v1 records back.
    expect((await store.snapshot()).certificates).toEqual(doc.certificates);
    expect(await store.authenticate('ADMIN', 'Fixture2026!adm', 'test')).toMatchObject({code: 'ADMIN'});

    // A second open finds the current schema: no second backup, nothing rewritten.
    const rev = JSON.parse(await readFile(path.join(dir, 'store.json'), 'utf8')).revision;
    await openStore(dir);
    expect(JSON.parse(await readFile(path.join(dir, 'store.json'), 'utf8')).revision).toBe(rev);
    expect((await readdir(dir)).filter((n) => n.endsWith('.bak')).sort()).toEqual(['store.json.bak', 'store.json.v1.bak']);
  });

  it('the list reads no blob file (works with certs/ gone); details then report the missing file as corrupt', async () => {
    const {dir, doc} = await v1Folder();
    await openStore(dir); // migrates
    await rename(path.join(dir, 'certs'), path.join(dir, 'certs-away'));
    const store = await openStore(dir);
    const list = await store.listCertificates();
    expect(list.map((c) => c.id)).toEqual(doc.certificates.map((c) => c.id));
    expect(list.map((c) => c.hasCert)).toEqual([true, true, false, false]);
    for (const c of list) {
      expect(c).not.toHaveProperty('certPem');
      expect(c).not.toHaveProperty('keyPem');
      expect(c).not.toHaveProperty('blob');
    }
    // The list rows keep everything else of the record.
    const {certPem: _c, keyPem: _k, ...meta} = doc.certificates[1];
    expect(list[1]).toEqual({...meta, hasCert: true});
    const err = await store.getCertificate('fx-issued-a').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('corrupt');
    await rename(path.join(dir, 'certs-away'), path.join(dir, 'certs'));
    expect((await store.getCertificate('fx-issued-a'))!.certPem).toBe(doc.certificates[0].certPem);
  });

  it('a blob whose content does not match its name is refused (corrupt), not handed out', async () => {
    const {dir} = await v1Folder();
    const store = await openStore(dir);
    const onDisk = JSON.parse(await readFile(path.join(dir, 'store.json'), 'utf8'));
    const name = onDisk.certificates[0].blob as string;
    const file = path.join(dir, 'certs', `${name}.json`);
    await writeFile(file, (await readFile(file, 'utf8')).replace('MII', 'MIJ'));
    const err = await store.getCertificate('fx-issued-a').catch((e: unknown) => e);
    expect((err as StoreError).code).toBe('corrupt');
  });

  it('a replaced or removed certificate: its old blob stays while store.json.bak names it, then is swept', async () => {
    const {sub: dir} = await tempDir();
    const store = await openStore(dir, {create: true});
    const pem = (s: string) => `-----BEGIN CERTIFICATE-----\n${Buffer.from(s).toString('base64')}\n-----END CERTIFICATE-----\n`;
    const base = {owner: {kind: 'company'} as const, type: 'A' as const, env: 'D' as const, mode: 'B' as const, state: 'issued' as const,
      keyPem: '', keyAlgorithm: 'EC-P256', source: 'imported' as const, createdAt: '2026-01-01T00:00:00.000Z', createdBy: 'ADMIN'};
    await store.addCertificate({...base, id: 'a', name: 'A', serial: 'AA', certPem: pem('a1')});
    await store.addCertificate({...base, id: 'b', name: 'B', serial: 'BB', certPem: pem('b1')});
    const files = async () => (await readdir(path.join(dir, 'certs'))).length;
    expect(await files()).toBe(2);
    const patched = await store.patchCertificate('a', {certPem: pem('a2'), name: 'A2'});
    expect(patched).toMatchObject({id: 'a', name: 'A2', certPem: pem('a2'), keyPem: ''});
    expect(await files()).toBe(3); // a1 is still named by store.json.bak (the previous revision)
    await store.audit({operator: 'ADMIN', workstation: 't', action: 'login'});
    await store.removeCertificate('b');
    expect(await files()).toBe(2); // a1 swept (no document names it); b1 kept for the .bak
    await store.audit({operator: 'ADMIN', workstation: 't', action: 'login'});
    await store.patchCertificate('a', {name: 'A3'});
    expect(await files()).toBe(2); // b1 is garbage now, left for the next sweep (no document names it: harmless)
    expect((await store.getCertificate('a'))!.certPem).toBe(pem('a2'));
    // A temp name or a foreign file in certs/ is not a blob reference: swept too, the store stays readable.
    await mkdir(path.join(dir, 'certs'), {recursive: true});
    await writeFile(path.join(dir, 'certs', `${'0'.repeat(64)}.json`), '{}');
    await store.removeCertificate('a');
    expect(await files()).toBe(1); // a2 kept for the .bak; b1 and the foreign file are gone
    expect(await store.listCertificates()).toEqual([]);
  });
});
