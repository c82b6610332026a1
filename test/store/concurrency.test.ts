// Several OS processes writing one store (operators on one SSH server): no update may be lost.
import {spawn} from 'node:child_process';
import {mkdir, writeFile, readFile} from 'node:fs/promises';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {openStore, StoreError, type Store} from '../../src/store/index.js';
import {buildStoreForWorkers} from './build.js';
import {runWorker, tempDir} from './helpers.js';

let entry: string;
beforeAll(() => {
  entry = buildStoreForWorkers();
});

async function newStore(): Promise<{dir: string; store: Store}> {
  const {sub} = await tempDir();
  return {dir: sub, store: await openStore(sub, {create: true})};
}

describe('store under concurrent processes', () => {
  it('two processes × 200 writes each → all 400 present, store valid', async () => {
    const {dir, store} = await newStore();
    const runs = await Promise.all(['p1', 'p2'].map((tag) => runWorker(entry, {dir, mode: 'write', tag, count: 200})));
    for (const r of runs) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.acks).toHaveLength(200);
    }
    const data = await store.snapshot();
    const ids = new Set(data.certificates.map((c) => c.id));
    expect(ids.size).toBe(400);
    for (const tag of ['p1', 'p2']) for (let i = 0; i < 200; i++) expect(ids.has(`${tag}-${i}`)).toBe(true);
    expect(data.revision).toBe(400);
    // Every record's own certificate came back from its blob file.
    for (const c of data.certificates) expect(c.certPem).toContain(Buffer.from(c.id).toString('base64'));
    // The file on disk is complete JSON by itself, not just the cache.
    expect(JSON.parse(await readFile(path.join(dir, 'store.json'), 'utf8')).certificates).toHaveLength(400);
  }, 60_000);

  it('reliability: 8 processes × 200 mixed updates (add, edit, audit) → 0 lost', async () => {
    const {dir, store} = await newStore();
    const tags = Array.from({length: 8}, (_, i) => `w${i}`);
    const started = Date.now();
    const runs = await Promise.all(tags.map((tag) => runWorker(entry, {dir, mode: 'mixed', tag, count: 200})));
    const seconds = (Date.now() - started) / 1000;
    console.log(`store reliability: 8 × 200 mixed updates in ${seconds.toFixed(1)} s`);
    const data = await store.snapshot();
    let adds = 0;
    let edits = 0;
    let audits = 0;
    for (const [w, r] of runs.entries()) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.acks).toHaveLength(200);
      const lastEdit = new Map<string, number>();
      for (const [kind, id, value] of r.acks) {
        if (kind === 'add') {
          adds++;
          expect(data.certificates.some((c) => c.id === id)).toBe(true);
        } else if (kind === 'edit') {
          edits++;
          lastEdit.set(id, Number(value));
        } else {
          audits++;
          const ev = data.audit.find((e) => e.id === id);
          expect(ev?.details).toBe(value);
        }
      }
      // Each edited record carries its process's LAST edit: no edit was overwritten by a stale copy.
      for (const [id, i] of lastEdit) {
        expect(data.certificates.find((c) => c.id === id)?.name).toBe(`Zmieniony ${tags[w]} ${i}`);
        // …and the certificate of that edit, read from its blob file (snapshot reads every record's blob).
        expect(data.certificates.find((c) => c.id === id)?.certPem).toContain(Buffer.from(`${id}@${i}`).toString('base64'));
      }
    }
    expect(adds + edits + audits).toBe(1600);
    expect(data.certificates).toHaveLength(adds);
    expect(data.audit).toHaveLength(audits);
    expect(data.revision).toBe(1600);
    expect(new Set(data.certificates.map((c) => c.serial)).size).toBe(adds);
  }, 120_000);

  it('a lock left by a killed process is taken over at once; a live holder makes update() fail with a Polish message', async () => {
    const {dir, store} = await newStore();
    const lockDir = path.join(dir, 'store.json.lock');
    // Simulate a dead holder: a lock directory whose owner is a process that has exited.
    const dead = spawn(process.execPath, ['-e', '']);
    const deadPid: number = await new Promise((r) => dead.on('exit', () => r(dead.pid!)));
    await mkdir(lockDir);
    await writeFile(path.join(lockDir, 'owner'), `${deadPid}\n${(await import('node:os')).hostname()}\ntoken-dead`);
    // stale is 10 s: succeeding within a 2 s lock timeout proves the dead owner was detected, not waited out.
    const quick = await openStore(dir, {lockTimeoutMs: 2000});
    await quick.update((d) => void (d.company.name = 'Po przejęciu'));
    expect((await store.company()).name).toBe('Po przejęciu');

    // A live holder (this process's parent pid is alive) is respected until the timeout.
    const impatient = await openStore(dir, {lockTimeoutMs: 300});
    await mkdir(lockDir);
    await writeFile(path.join(lockDir, 'owner'), `${process.ppid}\n${(await import('node:os')).hostname()}\ntoken-live`);
    const err = await impatient.update(() => 1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('locked');
    expect((err as StoreError).message).toMatch(/zablokowany przez inny program \(proces \d+/);
    expect((await store.company()).name).toBe('Po przejęciu');
  });
});
