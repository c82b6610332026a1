// Publishing the exported `.crt` + `.key` pair: both or neither, and never over someone else's files.
// Both files are first written under temp names next to their final names; then each temp is hard-linked to its final
// name (link(2) fails with EEXIST when the name exists: exclusive creation, so of two exports racing into one folder
// exactly one wins), and the temps are removed. A process killed between the two links leaves its temps behind, and
// the half-published `.crt` is still the same inode as its temp: the next export into the folder sweeps such pairs.
import {promises as fs} from 'node:fs';
import {randomBytes} from 'node:crypto';
import path from 'node:path';
import {testPause} from '../store/test-pause.js';

// `.<final name>.<pid>-<8 hex>.tmp`; the atomic writers may leave `.<that>.<uuid>.tmp` when killed mid-write.
const TEMP = /^\.(\.?)(.+\.(?:crt|key))\.(\d+)-[0-9a-f]{8}\.tmp(?:\.[0-9a-f-]{36}\.tmp)?$/;

export function tempName(finalPath: string): string {
  return path.join(path.dirname(finalPath), `.${path.basename(finalPath)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes what exports killed in this folder left: their temp files and any final file that is still a hard link of
 * such a temp (a half-published pair). Temps of a live process (an export running now) are left alone.
 */
export async function sweepKilledExports(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = TEMP.exec(name);
    if (!m) continue;
    const temp = path.join(dir, name);
    // An export takes seconds: an hour-old temp is a leftover even if its pid now belongs to another process.
    const old = ((await fs.lstat(temp).catch(() => undefined))?.mtimeMs ?? Date.now()) < Date.now() - 3_600_000;
    if (!old && processAlive(Number(m[3]))) continue;
    if (!m[1]) {
      const final = path.join(dir, m[2]);
      const [t, f] = await Promise.all([fs.lstat(temp).catch(() => undefined), fs.lstat(final).catch(() => undefined)]);
      if (t && f && t.ino === f.ino && t.dev === f.dev) await fs.rm(final, {force: true});
    }
    await fs.rm(temp, {force: true});
  }
}

export class PairExists extends Error {
  constructor(readonly which: string[]) {
    super(`exists: ${which.join(', ')}`);
  }
}

/**
 * Makes the written temps visible under their final names. Exclusive unless `overwrite`: PairExists names the files
 * that appeared meanwhile (another export won the race), and nothing of ours stays. The temps are always removed.
 */
export async function publishPair(pairs: {temp: string; final: string}[], overwrite: boolean): Promise<void> {
  const linked: {temp: string; final: string}[] = [];
  try {
    for (const [i, p] of pairs.entries()) {
      testPause(i === 0 ? 'export-publish' : 'export-between');
      if (overwrite) {
        await fs.rename(p.temp, p.final);
        continue;
      }
      try {
        await fs.link(p.temp, p.final);
        linked.push(p);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        throw new PairExists([path.basename(p.final)]);
      }
    }
  } catch (e) {
    // Undo our half: remove only final names that are still our inode.
    for (const p of linked) {
      const [t, f] = await Promise.all([fs.lstat(p.temp).catch(() => undefined), fs.lstat(p.final).catch(() => undefined)]);
      if (t && f && t.ino === f.ino) await fs.rm(p.final, {force: true});
    }
    throw e;
  } finally {
    await Promise.all(pairs.map((p) => fs.rm(p.temp, {force: true}).catch(() => undefined)));
  }
}
