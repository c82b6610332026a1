// Product code (src/**) imports only runtime dependencies: a package it needs must be in `dependencies` (a clean
// `npm ci --omit=dev` install runs it), and test-only packages stay in `devDependencies`.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
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

  it('reflect-metadata is imported only by the simulator entry and the two modules that load @peculiar/x509, which every product module goes through', () => {
    // Not by the bin itself: `--help`, `list` and the TUI's first frame parse no certificate (test/cli/fast-start.test.ts).
    const entries = ['src/ksef/pkcs11/webcrypto-p11.ts', 'src/ksef/x509.ts', 'src/simulator/index.ts'];
    const files = sourceFiles(path.join(ROOT, 'src')).map((p) => ({rel: path.relative(ROOT, p).split(path.sep).join('/'), imports: importsOf(fs.readFileSync(p, 'utf8'))}));
    const importing = files.filter((f) => f.imports.some((i) => i.spec === 'reflect-metadata')).map((f) => f.rel).sort();
    expect(importing).toEqual(entries);
    // Outside the simulator (whose entry loads the polyfill first) the packages that need it load through the two wrappers.
    const direct = files
      .filter((f) => !f.rel.startsWith('src/simulator/') && !entries.includes(f.rel))
      .filter((f) => f.imports.some((i) => !i.typeOnly && (i.spec === '@peculiar/x509' || i.spec === 'node-webcrypto-p11')))
      .map((f) => f.rel);
    expect(direct).toEqual([]);
    const dist = (rel: string) => path.join(ROOT, 'dist', rel.replace(/\.ts$/, '.js'));
    if (!fs.existsSync(dist('src/main.ts'))) throw new Error('Build first: npm run build');
    const node = (args: string[]) => spawnSync(process.execPath, args, {encoding: 'utf8', env: {PATH: process.env.PATH}, cwd: ROOT});
    // Probe: without the polyfill @peculiar/x509 fails to load, so the checks below can fail.
    const bare = node(['--input-type=module', '-e', "await import('@peculiar/x509')"]);
    expect(bare.status).not.toBe(0);
    // The certificate parser alone (no entry before it) brings the polyfill along.
    const parser = node(['--input-type=module', '-e', `await import(${JSON.stringify(dist('src/ksef/cert-info.ts'))}); console.log('ok')`]);
    expect(parser.stderr).toBe('');
    expect(parser.stdout).toBe('ok\n');
    // The simulator's entry alone (as a library: bench, tests, the `simulator` command).
    const sim = node(['--input-type=module', '-e', `await import(${JSON.stringify(dist('src/simulator/index.ts'))}); console.log('ok')`]);
    expect(sim.stderr).toBe('');
    expect(sim.stdout).toBe('ok\n');
    // The bin: `show` loads the certificate parser; a clean refusal, not a crash. (The worker threads are covered by
    // the 1,000-invoice batch in test/cli/qr.test.ts.)
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ksef-deps-'));
    try {
      // Both entries: tsc's modules and the bundled bin users run (scripts/bundle.mjs keeps the polyfill's import first).
      for (const entry of [dist('src/main.ts'), path.join(ROOT, 'dist/bin/main.js')]) {
        const show = spawnSync(process.execPath, [entry, '--demo', '--data', path.join(tmp, 'data'), '--lang', 'en', 'show', '00'], {
          encoding: 'utf8', env: {PATH: process.env.PATH, KSEF_CERTS_OPERATOR: 'ADMIN', KSEF_CERTS_OPERATOR_PASSWORD: 'Demo2026!ksef'},
        });
        expect(show.stderr, entry).toBe('There is no certificate with serial number 00 in the store.\n');
        expect(show.status).toBe(1);
      }
    } finally {
      fs.rmSync(tmp, {recursive: true, force: true});
    }
  });
});
