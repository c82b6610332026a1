// Backups of store.json: the copy before a migration, and the newest readable one named when the file is corrupt
// (split from store.ts).
import {promises as fsp, constants} from 'node:fs';
import path from 'node:path';
import {syncDir} from './jsonFile.js';
import {StoreError, type StoreData} from './types.js';
import {msg, type Message} from '../i18n/index.js';

/** What is wrong with the shape of a parsed store.json, if anything. */
export function shapeProblem(d: StoreData): Message | undefined {
  if (!d.company || typeof d.company !== 'object') return msg('storeErr.corrupt.noCompany');
  for (const k of ['branches', 'operators', 'workstations', 'certificates', 'audit'] as const) {
    if (!Array.isArray(d[k])) return msg('storeErr.corrupt.notList', {field: k});
  }
  return undefined;
}

/** Copy made before a migration; never overwrites an older backup of the same version. */
export async function backupFile(file: string, bak: string): Promise<void> {
  try {
    await fsp.copyFile(file, bak, constants.COPYFILE_EXCL);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw new StoreError('io', msg('storeErr.backup', {bak, reason: (e as Error).message}));
  }
  await fsp.chmod(bak, 0o600);
  await syncDir(path.dirname(bak));
}

/** Newest backup next to `file` that still parses as a JSON object. */
export async function newestBackup(file: string): Promise<string | undefined> {
  const dir = path.dirname(file);
  const base = path.basename(file);
  const pattern = new RegExp(`^${base.replace('.', '\\.')}(\\.v\\d+)?\\.bak$`);
  let names: string[];
  try {
    names = (await fsp.readdir(dir)).filter((n) => pattern.test(n));
  } catch {
    return undefined;
  }
  const dated = await Promise.all(
    names.map(async (n) => ({p: path.join(dir, n), t: (await fsp.stat(path.join(dir, n)).catch(() => undefined))?.mtimeMs ?? 0})),
  );
  for (const {p} of dated.sort((a, b) => b.t - a.t)) {
    try {
      const doc = JSON.parse(await fsp.readFile(p, 'utf8'));
      if (doc && typeof doc === 'object' && !Array.isArray(doc)) return p;
    } catch {
      // try an older one
    }
  }
  return undefined;
}
