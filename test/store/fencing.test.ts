// Fencing: a writer stopped inside the store lock past the staleness window loses the lock to the next writer and,
// when it resumes, must not rename its stale document over the other writer's acknowledged work.
import {spawn, type ChildProcess} from 'node:child_process';
import {generateKeyPairSync} from 'node:crypto';
import {readdir, readFile} from 'node:fs/promises';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import type {CertificateRecord} from '../../src/domain/index.js';
import {openStore, type StoreData} from '../../src/store/index.js';
import {buildStoreForWorkers, WORKER} from './build.js';
import {parseAcks, tempDir} from './helpers.js';

const STALE_MS = 2000;

let entry: string;
beforeAll(() => {
  entry = buildStoreForWorkers();
});

/**
 * A worker writing with the short staleness window. It stops itself inside the lock: mode 'stall' inside its update
 * function (prints `stopped`), or with KSEF_CERTS_TEST_PAUSE=store-commit right before the fenced rename, its temp
 * file and backup link already made (prints KSEF_CERTS_PAUSED on stderr).
 */
function startStaller(dir: string, mode: 'stall' | 'write', pause?: string) {
  const args = {dir, mode, tag: mode === 'stall' ? 'a' : 'c', count: 1};
  const child = spawn(process.execPath, [WORKER, entry, JSON.stringify(args)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {...process.env, KSEF_CERTS_LOCK_STALE_MS: String(STALE_MS), ...(pause ? {KSEF_CERTS_TEST_PAUSE: pause} : {})},
  });
  let stdout = '';
  let stderr = '';
  let onStopped!: () => void;
  const announced = new Promise<void>((r) => (onStopped = r));
  const check = () => {
    if (stdout.includes('stopped\n') || stderr.includes('KSEF_CERTS_PAUSED')) onStopped();
  };
  child.stdout!.setEncoding('utf8').on('data', (c: string) => {
    stdout += c;
    check();
  });
  child.stderr!.setEncoding('utf8').on('data', (c: string) => {
    stderr += c;
    check();
  });
  const done = new Promise<{code: number | null; stdout: string; stderr: string}>((resolve) =>
    child.on('close', (code) => resolve({code, stdout, stderr})));
  // Wait until it is really stopped (state T): a SIGCONT sent before its SIGSTOP would be lost.
  const stopped = announced.then(async () => {
    for (let i = 0; i < 500 && (await procState(child.pid!)) !== 'T'; i++) await new Promise((r) => setTimeout(r, 10));
  });
  return {child, stopped, done};
}

/** Process state letter from /proc (T = stopped). */
async function procState(pid: number): Promise<string> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
}

describe('store fencing (a writer that lost the lock never writes)', () => {
  it('writer SIGSTOPped inside the lock past the staleness window: the import made meanwhile survives, in the file and the .bak', async () => {
    const {sub: dir} = await tempDir();
    const store = await openStore(dir, {create: true, lockStaleMs: STALE_MS});
    const base = await store.sealKey(generateKeyPairSync('ec', {namedCurve: 'P-256'}).privateKey);
    await store.update((d) => void (d.company.name = 'Przed'));

    const a = startStaller(dir, 'stall');
    await a.stopped;
    // The staller is really stopped while holding the lock.
    expect(await procState(a.child.pid!)).toBe('T');
    const lockOwner = await readFile(path.join(dir, 'store.json.lock', 'owner'), 'utf8');
    expect(lockOwner.split('\n')[0]).toBe(String(a.child.pid));

    // Another writer: an import with its sealed key. It waits out the staleness window, takes the lock and writes.
    const keyPem = await store.sealKey(generateKeyPairSync('ec', {namedCurve: 'P-256'}).privateKey);
    const imported: CertificateRecord = {
      id: 'b-import', owner: {kind: 'company'}, name: 'Zaimportowany', type: 'A', env: 'D', mode: 'B', state: 'issued',
      serial: 'B1B1B1B1', keyPem, keyAlgorithm: 'EC-P256', source: 'imported', createdAt: new Date().toISOString(), createdBy: 'ADMIN',
    };
    const started = Date.now();
    await store.update(async (d) => {
      d.certificates.push(imported);
      d.audit.push({id: 'ev-import', at: new Date().toISOString(), operator: 'ADMIN', workstation: 't', action: 'import', certificateId: 'b-import'});
      // Resume the stalled writer while this writer still holds the lock: its late write and its release must not
      // touch this lock or this update.
      a.child.kill('SIGCONT');
      await new Promise((r) => setTimeout(r, 700));
      // Its failed write and its release left this lock alone: had it removed it, it would hold the lock by now.
      const owner = await readFile(path.join(dir, 'store.json.lock', 'owner'), 'utf8');
      expect(owner.split('\n')[0]).toBe(String(process.pid));
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(STALE_MS - 100);

    const run = await a.done;
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // The stalled update was refused by the fence and re-run on a fresh read: its fn ran twice, once per read.
    expect(parseAcks(run.stdout)).toEqual([['add', 'a-stalled', '2']]);

    const file: StoreData = JSON.parse(await readFile(path.join(dir, 'store.json'), 'utf8'));
    expect(file.certificates.map((c) => c.id).sort()).toEqual(['a-stalled', 'b-import']);
    expect(file.audit.map((e) => e.id)).toEqual(['ev-import']);
    expect(file.company.name).toBe('Przed');
    expect(file.revision).toBe(3);
    // The import's sealed key is intact and usable.
    // (The sealed key lives in the record's blob file, read through the store.)
    const rec = (await store.getCertificate('b-import'))!;
    expect(rec.keyPem).toBe(keyPem);
    await expect(store.unsealKey(rec.keyPem)).resolves.toBeDefined();
    expect(base).not.toBe(keyPem);
    // The backup is the previous revision: the import is in it too.
    const bak: StoreData = JSON.parse(await readFile(path.join(dir, 'store.json.bak'), 'utf8'));
    expect(bak.revision).toBe(2);
    expect(bak.certificates.map((c) => c.id)).toEqual(['b-import']);
    // No lock and no temp file left behind.
    expect((await readdir(dir)).filter((n) => n.includes('lock') || n.endsWith('.tmp'))).toEqual([]);
  }, 60_000);

  it('writer SIGSTOPped right before its rename (temp file and .bak link made): the fence refuses the stale rename', async () => {
    const {sub: dir} = await tempDir();
    const store = await openStore(dir, {create: true, lockStaleMs: STALE_MS});
    await store.update((d) => void (d.company.name = 'Przed'));
    const c = startStaller(dir, 'write', 'store-commit');
    await c.stopped;
    expect(await procState(c.child.pid!)).toBe('T');
    // Its temp file waits inside its fence folder in the lock directory.
    const lockDir = path.join(dir, 'store.json.lock');
    const fence = (await readdir(lockDir)).find((n) => n.startsWith('w-'))!;
    expect((await readdir(path.join(lockDir, fence))).filter((n) => n.endsWith('.tmp'))).toHaveLength(1);

    await store.update((d) => {
      d.company.name = 'Po przejęciu';
      d.audit.push({id: 'ev-b', at: new Date().toISOString(), operator: 'ADMIN', workstation: 't', action: 'import'});
    });
    c.child.kill('SIGCONT');
    const run = await c.done;
    expect(run.code).toBe(0);
    expect(parseAcks(run.stdout)).toEqual([['add', 'c-0']]);
    const file: StoreData = JSON.parse(await readFile(path.join(dir, 'store.json'), 'utf8'));
    // Both: the other writer's change and the stalled writer's record (re-run on a fresh read).
    expect(file.company.name).toBe('Po przejęciu');
    expect(file.audit.map((e) => e.id)).toEqual(['ev-b']);
    expect(file.certificates.map((x) => x.id)).toEqual(['c-0']);
    expect(file.revision).toBe(3);
    const bak: StoreData = JSON.parse(await readFile(path.join(dir, 'store.json.bak'), 'utf8'));
    expect(bak.company.name).toBe('Po przejęciu');
    expect(bak.revision).toBe(2);
  }, 60_000);
  it('writer SIGSTOPped right before renaming a blob file into certs/: after losing the lock it writes no blob', async () => {
    const {sub: dir} = await tempDir();
    const store = await openStore(dir, {create: true, lockStaleMs: STALE_MS});
    const keyPem = await store.sealKey(generateKeyPairSync('ec', {namedCurve: 'P-256'}).privateKey);
    const certs = path.join(dir, 'certs');
    await store.addCertificate({
      id: 'first', owner: {kind: 'company'}, name: 'Pierwszy', type: 'A', env: 'D', mode: 'B', state: 'issued', serial: 'A0A0A0A0',
      keyPem, keyAlgorithm: 'EC-P256', source: 'imported', createdAt: new Date().toISOString(), createdBy: 'ADMIN',
    });
    const before = (await readdir(certs)).sort();
    const c = startStaller(dir, 'write', 'store-blob');
    await c.stopped;
    expect(await procState(c.child.pid!)).toBe('T');
    // Its blob (certificate + sealed key of record c-0) waits as a temp file in its fence folder, not in certs/.
    const lockDir = path.join(dir, 'store.json.lock');
    const fence = (await readdir(lockDir)).find((n) => n.startsWith('w-'))!;
    expect((await readdir(path.join(lockDir, fence))).filter((n) => n.startsWith('.blob-') && n.endsWith('.tmp'))).toHaveLength(1);
    expect((await readdir(certs)).sort()).toEqual(before);

    const started = Date.now();
    await store.update(async (d) => {
      d.audit.push({id: 'ev-b', at: new Date().toISOString(), operator: 'ADMIN', workstation: 't', action: 'import'});
      // Resumed while this writer holds the lock: its fence folder is gone, so its blob rename fails.
      c.child.kill('SIGCONT');
      await new Promise((r) => setTimeout(r, 700));
      expect((await readdir(certs)).sort()).toEqual(before);
      const owner = await readFile(path.join(lockDir, 'owner'), 'utf8');
      expect(owner.split('\n')[0]).toBe(String(process.pid));
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(STALE_MS - 100);
    const run = await c.done;
    expect(run.stderr).toMatch(/^KSEF_CERTS_PAUSED store-blob \d+\n$/);
    expect(run.code).toBe(0);
    // Re-run on a fresh read under a new lock: now its blob is written, and the record reads back whole.
    expect(parseAcks(run.stdout)).toEqual([['add', 'c-0']]);
    const rec = (await store.getCertificate('c-0'))!;
    expect(rec.certPem).toContain(Buffer.from('c-0').toString('base64'));
    expect(rec.keyPem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    expect((await store.listAudit()).map((e) => e.id)).toEqual(['ev-b']);
    expect((await readdir(certs)).length).toBe(before.length + 1);
    expect((await readdir(dir)).filter((n) => n.includes('lock') || n.endsWith('.tmp'))).toEqual([]);
  }, 60_000);
});
