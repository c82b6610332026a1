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

function startStaller(dir: string): {child: ChildProcess; stopped: Promise<void>; done: Promise<{code: number | null; stdout: string; stderr: string}>} {
  const child = spawn(process.execPath, [WORKER, entry, JSON.stringify({dir, mode: 'stall', tag: 'a'})], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {...process.env, KSEF_CERTS_LOCK_STALE_MS: String(STALE_MS)},
  });
  let stdout = '';
  let stderr = '';
  let onStopped!: () => void;
  const stopped = new Promise<void>((r) => (onStopped = r));
  child.stdout!.setEncoding('utf8').on('data', (c: string) => {
    stdout += c;
    if (stdout.includes('stopped\n')) onStopped();
  });
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const done = new Promise<{code: number | null; stdout: string; stderr: string}>((resolve) =>
    child.on('close', (code) => resolve({code, stdout, stderr})));
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

    const a = startStaller(dir);
    await a.stopped;
    // The staller is really stopped while holding the lock.
    for (let i = 0; i < 50 && (await procState(a.child.pid!)) !== 'T'; i++) await new Promise((r) => setTimeout(r, 20));
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
      await new Promise((r) => setTimeout(r, 300));
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
    const rec = file.certificates.find((c) => c.id === 'b-import')!;
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
});
