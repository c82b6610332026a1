// Product code (src/**) imports only runtime dependencies: a package it needs must be in `dependencies` (a clean
// `npm ci --omit=dev` install runs it), and test-only packages stay in `devDependencies`.
import fs from 'node:fs';
import {builtinModules} from 'node:module';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {importsOf} from './helpers/imports.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {dependencies: Record<string, string>; devDependencies: Record<string, string>};

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`; undefined for relative paths and node builtins. */
export function packageOf(spec: string): string | undefined {
  if (spec.startsWith('.') || spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0])) return undefined;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Value imports of packages that are not runtime dependencies (`file: package`). */
export function misplaced(files: {rel: string; text: string}[], deps: Record<string, string>): string[] {
  return files.flatMap(({rel, text}) => importsOf(text)
    .filter((i) => !i.typeOnly)
    .map((i) => packageOf(i.spec))
    .filter((p): p is string => p !== undefined && !Object.hasOwn(deps, p))
    .map((p) => `${rel}: ${p}`));
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, {withFileTypes: true}).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx|mts)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

describe('dependencies', () => {
  it('src/** imports no package outside `dependencies` (test-only packages are devDependencies)', () => {
    const files = sourceFiles(path.join(ROOT, 'src')).map((p) => ({rel: path.relative(ROOT, p), text: fs.readFileSync(p, 'utf8')}));
    expect(misplaced(files, pkg.dependencies)).toEqual([]);
    // The packages only tests use are where they belong.
    for (const dev of ['ajv', 'ajv-formats', '@peculiar/asn1-ecc']) {
      expect(Object.hasOwn(pkg.devDependencies, dev), dev).toBe(true);
      expect(Object.hasOwn(pkg.dependencies, dev), dev).toBe(false);
    }
  });

  it('the check catches a product import of a dev-only package, keeps builtins and sub-paths apart', () => {
    const deps = {'@peculiar/x509': '1', lowdb: '1'};
    expect(misplaced([
      {rel: 'src/a.ts', text: "import Ajv from 'ajv';\nimport {X509Certificate} from '@peculiar/x509';\nimport fs from 'node:fs';\nimport os from 'os';"},
      {rel: 'src/b.ts', text: "import {JSONFile} from 'lowdb/node';\nconst m = await import('@peculiar/asn1-ecc');\nimport type {X} from 'vitest';"},
    ], deps)).toEqual(['src/a.ts: ajv', 'src/b.ts: @peculiar/asn1-ecc']);
  });
});
