// The data folder holds the master key and sealed keys: only its owner may read it. A folder or file that group or
// others can reach (a copy made with a wide umask, a folder checked out 0755) is corrected on open and reported, so the
// user learns that it was exposed until now.
import {promises as fsp} from 'node:fs';
import path from 'node:path';
import {MASTER_KEY_FILE} from './secrets.js';
import type {StoreWarning} from './types.js';

const octal = (mode: number): string => `0${(mode & 0o777).toString(8)}`;

/** Files of the store that must be 0600 (the document, its backups, the master key). */
function isSecretFile(name: string, storeFile: string): boolean {
  return name === MASTER_KEY_FILE || name === storeFile || (name.startsWith(`${storeFile}.`) && name.endsWith('.bak'));
}

async function fix(p: string, wanted: number, out: StoreWarning[]): Promise<void> {
  const st = await fsp.lstat(p).catch(() => undefined);
  if (!st || st.isSymbolicLink() || (st.mode & 0o077) === 0) return;
  try {
    await fsp.chmod(p, wanted);
    out.push({code: 'permissionsFixed', path: p, was: octal(st.mode), now: octal(wanted)});
  } catch {
    // Not ours to change (another account owns it): still tell the user, but open the store.
    out.push({code: 'permissionsNotFixed', path: p, was: octal(st.mode), now: octal(wanted)});
  }
}

/** chmod 0700 on the folder and 0600 on its secret files when group/other bits are set; returns what was changed. */
export async function tightenPermissions(dir: string, storeFile: string): Promise<StoreWarning[]> {
  const out: StoreWarning[] = [];
  await fix(dir, 0o700, out);
  // The blob folder (certificates and sealed keys, blobs.ts): closing the folder closes its files to others.
  await fix(path.join(dir, 'certs'), 0o700, out);
  const names = await fsp.readdir(dir).catch(() => [] as string[]);
  for (const name of names.filter((n) => isSecretFile(n, storeFile)).sort()) await fix(path.join(dir, name), 0o600, out);
  return out;
}
