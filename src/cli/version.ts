// Version from package.json (dist/src/cli → ../../../package.json; src/cli under vitest → ../../package.json).
import fs from 'node:fs';

export function readVersion(): string {
  for (const rel of ['../../../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(fs.readFileSync(new URL(rel, import.meta.url), 'utf8')) as {name?: string; version?: string};
      if (pkg.name === 'ksef-certs' && pkg.version) return pkg.version;
    } catch {
      // try the next location
    }
  }
  return '0.0.0';
}
