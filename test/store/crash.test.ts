// Crash suite: a writer killed with SIGKILL at random moments never leaves an unloadable store, and every update it
// acknowledged (printed after update() resolved) survives. The same store is reused across runs, so each run also
// starts from whatever the previous kill left behind (stale lock, temp files).
import {createHash} from 'node:crypto';
import {readdir, readFile} from 'node:fs/promises';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {openStore} from '../../src/store/index.js';
import {buildStoreForWorkers} from './build.js';
import {runWorker, tempDir} from './helpers.js';

const RUNS = 100;

let entry: string;
beforeAll(() => {
  entry = buildStoreForWorkers();
});

describe('store crash safety', () => {
  it(`${RUNS} writers killed with SIGKILL at random moments: store loads, acknowledged updates present`, async () => {
    const {sub: dir} = await tempDir();
    const store = await openStore(dir, {create: true});
    const acked: {kind: string; id: string; value?: string}[] = [];
    let killedWhileWriting = 0;
    const started = Date.now();
    for (let run = 0; run < RUNS; run++) {
      // Mostly inside the update loop (0–200 ms after the store opened); every fourth run anywhere from start-up on.
      const kill = run % 4 === 3 ? {afterSpawnMs: Math.random() * 250} : {afterReadyMs: Math.random() * 200};
      const r = await runWorker(entry, {dir, mode: 'crash', tag: `r${run}`}, kill);
      expect(r.signal).toBe('SIGKILL');
      expect(r.stderr).toBe('');
      if (r.acks.length) killedWhileWriting++;
      acked.push(...r.acks.map(([kind, id, value]) => ({kind, id, value})));
      // Loads in this process (a fresh instance, no cache) after every kill.
      // snapshot() reads every record's blob file: a document entry naming a missing blob would throw here.
      const data = await (await openStore(dir)).snapshot();
      const certIds = new Set(data.certificates.map((c) => c.id));
      const details = new Set(data.audit.map((e) => e.details));
      for (const a of acked) {
        if (a.kind === 'edit') {
          // The record carries the acknowledged certificate or a later one (written, killed before its ack).
          const pem = data.certificates.find((c) => c.id === a.id)?.certPem ?? '';
          const at = Number(/@(\d+)$/.exec(Buffer.from(pem.split('\n')[1] ?? '', 'base64').toString())?.[1]);
          expect(at).toBeGreaterThanOrEqual(Number(a.value));
        } else expect(a.kind === 'add' ? certIds.has(a.id) : details.has(a.id)).toBe(true);
      }
    }
    // The store stays writable after the last kill (the dead writer's lock is taken over).
    await store.audit({operator: 'ADMIN', workstation: 'test', action: 'login'});
    const data = await store.snapshot();
    expect(data.audit.at(-1)?.action).toBe('login');
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `store crash suite: ${RUNS} kills (${killedWhileWriting} during the update loop), ${acked.length} acknowledged updates, ` +
        `${data.certificates.length + data.audit.length - 1} stored, ${seconds.toFixed(1)} s`,
    );
    // Most kills must land inside the update loop, otherwise the suite tests start-up only.
    expect(killedWhileWriting).toBeGreaterThan(RUNS / 3);
    // Leftovers of killed writers are only temp files and lock remnants, never a second store file.
    const names = await readdir(dir);
    expect(names.filter((n) => n.startsWith('store.json') && !/^store\.json(\.bak|\.lock.*)?$/.test(n))).toEqual([]);
    // Blob files: only whole ones under their final names (temp files live in the writer's fence folder), each
    // holding exactly the content its name is the SHA-256 of.
    const blobs = await readdir(path.join(dir, 'certs'));
    expect(blobs.length).toBeGreaterThan(0);
    for (const n of blobs) {
      expect(n).toMatch(/^[0-9a-f]{64}\.json$/);
      expect(createHash('sha256').update(await readFile(path.join(dir, 'certs', n))).digest('hex')).toBe(n.slice(0, 64));
    }
  }, 90_000);
});
