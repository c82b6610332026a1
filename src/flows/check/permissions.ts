// Permission findings: the data folder must be 0700 and master.key / store.json 0600 (no group or other bits), since
// master.key opens every sealed private key. A readable key file is critical; a loose folder is a warning.
import fs from 'node:fs/promises';
import path from 'node:path';
import type {Finding} from './findings.js';

const octal = (mode: number) => (mode & 0o777).toString(8).padStart(4, '0');

/** `before` (taken before the store was opened) with `repaired` set where the mode is right now. */
export async function markRepaired(before: readonly Finding[], dataDir: string): Promise<Finding[]> {
  const still = new Set((await permissionFindings(dataDir)).map((f) => f.id));
  return before.map((f) => (still.has(f.id) ? f : {...f, repaired: true}));
}

export async function permissionFindings(dataDir: string): Promise<Finding[]> {
  const out: Finding[] = [];
  const targets: {file: string; expected: number; severity: Finding['severity']}[] = [
    {file: dataDir, expected: 0o700, severity: 'warning'},
    {file: path.join(dataDir, 'master.key'), expected: 0o600, severity: 'critical'},
    {file: path.join(dataDir, 'store.json'), expected: 0o600, severity: 'critical'},
  ];
  for (const t of targets) {
    let mode: number;
    try {
      mode = (await fs.stat(t.file)).mode;
    } catch {
      continue; // a store without master.key (no sealed keys yet) is legal; the store itself reports real damage
    }
    if ((mode & 0o077) === 0) continue;
    out.push({
      id: `permissions:${t.file === dataDir ? 'dataDir' : path.basename(t.file)}`,
      kind: 'permissions', severity: t.severity, path: path.resolve(t.file), mode: octal(mode), expectedMode: octal(t.expected),
    });
  }
  return out;
}
