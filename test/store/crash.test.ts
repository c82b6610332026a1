// Crash suite: a writer killed with SIGKILL at random moments never leaves an unloadable store, and every update it
// acknowledged (printed after update() resolved) survives. The same store is reused across runs, so each run also
// starts from whatever the previous kill left behind (stale lock, temp files).
import {readdir} from 'node:fs/promises';
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
    const acked: {kind: string; id: string}[] = [];
    let killedWhileWriting = 0;
    const started = Date.now();
    for (let run = 0; run < RUNS; run++) {
      // Mostly inside the update loop (0–200 ms after the store opened); every fourth run anywhere from start-up on.
      const kill = run % 4 === 3 ? {afterSpawnMs: Math.random() * 250} : {afterReadyMs: Math.random() * 200};
      const r = await runWorker(entry, {dir, mode: 'crash', tag: `r${run}`}, kill);
      expect(r.signal).toBe('SIGKILL');
      expect(r.stderr).toBe('');
      if (r.acks.length) killedWhileWriting++;
      acked.push(...r.acks.map(([kind, id]) => ({kind, id})));
      // Loads in this process (a fresh instance, no cache) after every kill.
      const data = await (await openStore(dir)).snapshot();
      const certIds = new Set(data.certificates.map((c) => c.id));
      const details = new Set(data.audit.map((e) => e.details));
      for (const a of acked) expect(a.kind === 'add' ? certIds.has(a.id) : details.has(a.id)).toBe(true);
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
  }, 90_000);
});
