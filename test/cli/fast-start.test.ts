// Fast start: `npm ci` builds once (`prepare`), `npm run demo`/`npm start` compile only when a source is newer than
// the build (scripts/build-if-stale.mjs); `--help` and `list --json` load only what they need.
import {spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';
import {helpText} from '../../src/cli/help.js';
import {makeT} from '../../src/i18n/index.js';
import {DEMO_CREDENTIALS} from '../../src/store/index.js';
// @ts-expect-error plain ESM script without types (runs before anything is compiled)
import {isStale} from '../../scripts/build-if-stale.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ksef-fast-start-'));
afterAll(() => rmSync(tmp, {recursive: true, force: true}));

function project(): string {
  const dir = mkdtempSync(path.join(tmp, 'p-'));
  mkdirSync(path.join(dir, 'src/cli'), {recursive: true});
  mkdirSync(path.join(dir, 'dist/src'), {recursive: true});
  writeFileSync(path.join(dir, 'src/cli/run.ts'), 'export {};\n');
  writeFileSync(path.join(dir, 'package.json'), '{}\n');
  const old = new Date(Date.now() - 60_000);
  for (const p of ['src/cli/run.ts', 'src/cli', 'src', 'package.json']) utimesSync(path.join(dir, p), old, old);
  writeFileSync(path.join(dir, 'dist/src/main.js'), '\n');
  const built = new Date(Date.now() - 30_000); // the build came after the sources, before the edits below
  utimesSync(path.join(dir, 'dist/src/main.js'), built, built);
  return dir;
}

describe('build only when stale', () => {
  it('npm ci builds once (prepare) and demo/start do not run tsc unconditionally', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {scripts: Record<string, string>};
    expect(pkg.scripts.prepare).toBe('npm run build');
    expect(pkg.scripts.demo).toMatch(/^node scripts\/build-if-stale\.mjs && node dist\/src\/main\.js --demo --data data$/);
    expect(pkg.scripts.demo).not.toMatch(/npm run build/);
  });

  it('a fresh build is not stale; a missing build, an edited, added or removed source is', () => {
    const dir = project();
    expect(isStale(dir)).toBe(false);
    rmSync(path.join(dir, 'dist/src/main.js'));
    expect(isStale(dir)).toBe(true);

    const edited = project();
    const later = new Date(Date.now() + 5_000);
    utimesSync(path.join(edited, 'src/cli/run.ts'), later, later);
    expect(isStale(edited)).toBe(true);

    const added = project();
    writeFileSync(path.join(added, 'src/cli/new.ts'), 'export {};\n');
    expect(isStale(added)).toBe(true);

    const removed = project();
    rmSync(path.join(removed, 'src/cli/run.ts'));
    expect(isStale(removed)).toBe(true);

    const deps = project();
    writeFileSync(path.join(deps, 'package.json'), '{"dependencies": {}}\n');
    expect(isStale(deps)).toBe(true);
  });
});

// The files a cold `ksef-certs …` process loads, logged by a module-loading hook (ESM and the CommonJS it imports).
function loadedModules(args: string[], env: NodeJS.ProcessEnv = {}, status = 0): {stdout: string; stderr: string; modules: string[]} {
  const hook = path.join(tmp, 'log-loads.mjs');
  writeFileSync(hook, [
    "import {writeSync} from 'node:fs';",
    "export async function load(url, context, next) { if (url.startsWith('file:')) writeSync(2, 'LOADED ' + url + '\\n'); return next(url, context); }",
  ].join('\n'));
  const reg = path.join(tmp, 'register.mjs');
  writeFileSync(reg, `import {register} from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hook).href)});\n`);
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(reg).href, path.join(root, 'dist/src/main.js'), ...args], {
    encoding: 'utf8', env: {...process.env, NO_COLOR: '1', ...env},
  });
  expect(r.status, r.stderr).toBe(status);
  const modules = r.stderr.split('\n').filter((l) => l.startsWith('LOADED ')).map((l) => fileURLToPath(l.slice(7)));
  return {stdout: r.stdout, stderr: r.stderr, modules};
}
const HEAVY = ['@peculiar', 'undici', '/pg/', 'xadesjs', 'xmldsigjs', '/simulator/', '/ink/', '/react/', 'graphene-pk11', 'qrcode'];
const heavyIn = (modules: string[]) => modules.filter((m) => HEAVY.some((h) => m.includes(path.sep === '/' ? h : h.replaceAll('/', path.sep))));

describe('what a CLI start loads (built dist/)', () => {
  it('--help prints exactly the help text and loads no store, crypto, HTTP or UI module', () => {
    const {stdout, modules} = loadedModules(['--help']);
    expect(stdout).toBe(helpText(makeT('pl')));
    expect(modules.some((m) => m.endsWith(path.join('src', 'cli', 'run.js')))).toBe(true); // the hook saw the loads
    expect(heavyIn(modules)).toEqual([]);
    // No store implementation (its error class's module, types only, may load) and no command module.
    const own = modules.filter((m) => m.includes(`${path.sep}dist${path.sep}`));
    expect(own.filter((m) => /[\\/]store[\\/](?!types\.js$)|[\\/]commands[\\/](?!manifest\.js$)/.test(m))).toEqual([]);
  });

  it('list --json loads the store but no @peculiar/x509, undici, pg, simulator or Ink', () => {
    const data = path.join(mkdtempSync(path.join(tmp, 'd-')), 'data');
    const env = {KSEF_CERTS_OPERATOR: DEMO_CREDENTIALS.admin.code, KSEF_CERTS_OPERATOR_PASSWORD: DEMO_CREDENTIALS.admin.password};
    const first = spawnSync(process.execPath, [path.join(root, 'dist/src/main.js'), '--demo', '--data', data, 'list', '--json'], {encoding: 'utf8', env: {...process.env, ...env}});
    expect(first.status, first.stderr).toBe(0);
    const {stdout, modules} = loadedModules(['--data', data, 'list', '--json'], env);
    expect(JSON.parse(stdout)).toEqual(JSON.parse(first.stdout));
    expect(modules.some((m) => m.endsWith(path.join('src', 'store', 'store.js')))).toBe(true);
    expect(heavyIn(modules)).toEqual([]);
  });
});
