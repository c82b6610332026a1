// Locates the repository's contract/ folder both from src/ (tests, tsx) and from dist/src/ (built CLI).
import {existsSync, readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

export function contractFile(name: string): string {
  for (const rel of ['../../contract/', '../../../contract/']) {
    const p = fileURLToPath(new URL(rel + name, import.meta.url));
    if (existsSync(p)) return readFileSync(p, 'utf8');
  }
  throw new Error(`contract file not found: ${name}`);
}
