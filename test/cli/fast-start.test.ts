// Fast start: `npm ci` builds once (`prepare`), `npm run demo`/`npm start` compile only when a source is newer than
// the build (scripts/build-if-stale.mjs); `--help` and `list --json` load only what they need.
import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync} from 'node:fs';
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
  mkdirSync(path.join(dir, 'dist/bin'), {recursive: true});
  writeFileSync(path.join(dir, 'src/cli/run.ts'), 'export {};\n');
  writeFileSync(path.join(dir, 'package.json'), '{}\n');
  const old = new Date(Date.now() - 60_000);
  for (const p of ['src/cli/run.ts', 'src/cli', 'src', 'package.json']) utimesSync(path.join(dir, p), old, old);
  writeFileSync(path.join(dir, 'dist/bin/main.js'), '\n');
  const built = new Date(Date.now() - 30_000); // the build came after the sources, before the edits below
  utimesSync(path.join(dir, 'dist/bin/main.js'), built, built);
  return dir;
}

describe('build only when stale', () => {
  it('npm ci builds once (prepare) and demo/start do not run tsc unconditionally', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {scripts: Record<string, string>};
    expect(pkg.scripts.prepare).toBe('npm run build');
    expect(pkg.scripts.demo).toMatch(/^node scripts\/build-if-stale\.mjs && node dist\/bin\/main\.js --demo --data data$/);
    expect(pkg.scripts.demo).not.toMatch(/npm run build/);
  });

  it('a fresh build is not stale; a missing build, an edited, added or removed source is', () => {
    const dir = project();
    expect(isStale(dir)).toBe(false);
    rmSync(path.join(dir, 'dist/bin/main.js'));
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
const SRC_MAIN = 'dist/src/main.js';
const BIN = 'dist/bin/main.js';

function loadedModules(args: string[], env: NodeJS.ProcessEnv = {}, status = 0, entry = SRC_MAIN): {stdout: string; stderr: string; modules: string[]} {
  const hook = path.join(tmp, 'log-loads.mjs');
  writeFileSync(hook, [
    "import {writeSync} from 'node:fs';",
    "export async function load(url, context, next) { if (url.startsWith('file:')) writeSync(2, 'LOADED ' + url + '\\n'); return next(url, context); }",
  ].join('\n'));
  const reg = path.join(tmp, 'register.mjs');
  writeFileSync(reg, `import {register} from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hook).href)});\n`);
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(reg).href, path.join(root, entry), ...args], {
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
    expect(modules.filter((m) => m.includes('reflect-metadata'))).toEqual([]);
    // Polish needs no English catalogue (it loads on demand: `--lang en --help` below).
    expect(modules.filter((m) => /[\\/]i18n[\\/]en[\\/]/.test(m))).toEqual([]);
    const en = loadedModules(['--lang', 'en', '--help']);
    expect(en.stdout).toBe(helpText(makeT('en')));
    expect(en.modules.some((m) => /[\\/]i18n[\\/]en[\\/]index\.js$/.test(m))).toBe(true);
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
    // Nor the Reflect polyfill (no certificate is parsed), the demo kit (no --demo) or the password prompt (from env).
    expect(modules.filter((m) => /reflect-metadata|[\\/](cli[\\/](demo|prompt)|flows[\\/]demo-kit|i18n[\\/]en[\\/]\w+)\.js$/.test(m))).toEqual([]);
  });
});

// The TUI in a real pty (tmux, CI=false): the module-loading hook logs every file, and the first frame that carries the
// ready marker appends FRAME to the same log (the hook thread writes a module's line before the module runs), so
// what comes before FRAME is what the login frame cost. Also logged at that moment: the React reconciler build run
// (CommonJS, outside the hook; Node lexes both builds' files, it runs one), whether Node's bundled HTTP client was
// loaded, and NODE_ENV as the process sees it.
interface TuiStart {
  before: string[];
  /** The FRAME line. */
  facts: string;
  after(): string[];
  kill(): void;
}

async function tuiStart(data: string, entry = SRC_MAIN): Promise<TuiStart> {
  const log = path.join(mkdtempSync(path.join(tmp, 'tui-')), 'loads.log');
  const hook = path.join(tmp, 'log-loads-file.mjs');
  writeFileSync(hook, [
    "import {openSync, writeSync} from 'node:fs';",
    'const fd = openSync(process.env.LOAD_LOG, "a");',
    "export async function load(url, context, next) { if (url.startsWith('file:')) writeSync(fd, 'LOADED ' + url + '\\n'); return next(url, context); }",
  ].join('\n'));
  const reg = path.join(tmp, 'register-frame.mjs');
  writeFileSync(reg, [
    "import {register} from 'node:module';",
    "import {appendFileSync} from 'node:fs';",
    "import {createRequire} from 'node:module';",
    'const cjs = createRequire(import.meta.url).cache;',
    `register(${JSON.stringify(pathToFileURL(hook).href)});`,
    'const write = process.stdout.write.bind(process.stdout);',
    'let seen = false;',
    'process.stdout.write = (chunk, ...rest) => {',
    "  if (!seen && String(chunk).includes('GOTOWY')) {",
    '    seen = true;',
    "    const undici = process.moduleLoadList.some((m) => m.includes('undici'));",
    "    const builds = [...new Set(Object.keys(cjs).filter((f) => cjs[f].loaded).map((f) => /react-reconciler\\.(\\w+)\\.js$/.exec(f)?.[1]).filter(Boolean))].join(',');",
    "    appendFileSync(process.env.LOAD_LOG, `FRAME react-reconciler=${builds} undici=${undici} NODE_ENV=${process.env.NODE_ENV ?? '-'}\\n`);",
    '  }',
    '  return write(chunk, ...rest);',
    '};',
  ].join('\n'));
  const socket = `ksef-fast-start-${process.pid}`;
  // The tmux server passes its own environment on: without vitest's NODE_ENV=test, as a user starts the app.
  const {NODE_ENV: _test, ...userEnv} = process.env;
  const tmux = (...a: string[]) => execFileSync('tmux', ['-L', socket, ...a], {encoding: 'utf8', env: userEnv});
  const env = Object.entries({CI: 'false', KSEF_CERTS_E2E: '1', LOAD_LOG: log}).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  tmux('new-session', '-d', '-s', 'app', '-x', '100', '-y', '30', ...env, `node --import '${pathToFileURL(reg).href}' '${path.join(root, entry)}' --demo --data '${data}'; sleep 60`);
  const lines = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n') : []);
  const until = Date.now() + 60_000;
  try {
    while (!lines().some((l) => l.startsWith('FRAME'))) {
      if (Date.now() > until) throw new Error(`no first frame:\n${tmux('capture-pane', '-p', '-t', 'app')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } catch (e) {
    tmux('kill-server');
    throw e;
  }
  const files = (ls: string[]) => ls.filter((l) => l.startsWith('LOADED ')).map((l) => fileURLToPath(l.slice(7)));
  const all = lines();
  const at = all.findIndex((l) => l.startsWith('FRAME'));
  return {
    before: files(all.slice(0, at)),
    facts: all[at]!,
    after: () => {
      const now = lines();
      return files(now.slice(now.findIndex((l) => l.startsWith('FRAME'))));
    },
    kill: () => tmux('kill-server'),
  };
}

describe('what the TUI loads before its first frame (built dist/, real pty)', () => {
  it('the login frame loads Ink and the login screen but no KSeF client, X.509, XAdES, QR, simulator, Reflect polyfill, lock module, bound use cases or HTTP client', async () => {
    // An existing demo store, as on every start but the first (creating one writes: that needs the lock module).
    const data = path.join(mkdtempSync(path.join(tmp, 'tui-data-')), 'data');
    const env = {...process.env, KSEF_CERTS_OPERATOR: DEMO_CREDENTIALS.admin.code, KSEF_CERTS_OPERATOR_PASSWORD: DEMO_CREDENTIALS.admin.password};
    const made = spawnSync(process.execPath, [path.join(root, 'dist/src/main.js'), '--demo', '--data', data, 'list', '--json'], {encoding: 'utf8', env});
    expect(made.status, made.stderr).toBe(0);
    rmSync(path.join(data, 'faktury-demo'), {recursive: true, force: true}); // the TUI's start writes the kit again
    rmSync(path.join(data, '.ksef-certs-demo'), {force: true});
    const run = await tuiStart(data);
    try {
      const own = (rel: string) => run.before.some((m) => m.endsWith(path.join('dist', 'src', ...rel.split('/'))));
      expect(own('screens/login.js')).toBe(true); // the hook saw the loads
      expect(run.before.some((m) => m.includes(`${path.sep}ink${path.sep}`))).toBe(true);
      const ui = [`${path.sep}ink${path.sep}`, `${path.sep}react${path.sep}`];
      expect(heavyIn(run.before).filter((m) => !ui.some((u) => m.includes(u)))).toEqual([]);
      expect(run.before.filter((m) => /reflect-metadata|proper-lockfile|[\\/]i18n[\\/]en[\\/]|[\\/]flows[\\/](services[\\/]|demo-kit\.js)|[\\/]ksef[\\/](client[\\/](index|client|auth|enrollment)|x509|xades|csr|cert-info|qr|latarnia)\.js$/.test(m))).toEqual([]);
      // React's production build, yet the process (and what it starts) still has no NODE_ENV; no undici for the layout engine.
      expect(run.facts).toBe('FRAME react-reconciler=production undici=false NODE_ENV=-');
      // The use cases are loaded right after the first frame, while the operator types (login needs them), and the
      // demo kit is installed then: the sample invoices and the demo marker appear in the data folder.
      const until = Date.now() + 30_000;
      const invoices = path.join(data, 'faktury-demo');
      const kitDone = () => existsSync(path.join(data, '.ksef-certs-demo')) && existsSync(invoices) && readdirSync(invoices).some((f) => f.endsWith('.xml'));
      while (!run.after().some((m) => m.endsWith(path.join('flows', 'services', 'index.js'))) || !kitDone()) {
        if (Date.now() > until) throw new Error(`after the first frame: services ${run.after().length} modules, kit ${kitDone()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      run.kill();
    }
  }, 90_000);
});

// The bin users run is the esbuild bundle of dist/src (scripts/bundle.mjs): the same code in a few files, packages
// still loaded from node_modules, every lazy import still its own chunk.
describe('the shipped bin (dist/bin/main.js, bundled)', () => {
  const binFiles = (modules: string[]) => modules.filter((m) => m.includes(`${path.sep}dist${path.sep}bin${path.sep}`));

  it('--help and list --json: the same output as dist/src, a handful of its files, no heavy package', () => {
    const src = loadedModules(['--help']);
    const bin = loadedModules(['--help'], {}, 0, BIN);
    expect(bin.stdout).toBe(src.stdout);
    expect(heavyIn(bin.modules)).toEqual([]);
    expect(binFiles(bin.modules).length).toBeGreaterThan(0); // the hook saw them
    expect(binFiles(bin.modules).length).toBeLessThanOrEqual(8);
    expect(src.modules.filter((m) => m.includes(`${path.sep}dist${path.sep}src${path.sep}`)).length).toBeGreaterThan(20);

    const data = path.join(mkdtempSync(path.join(tmp, 'bin-')), 'data');
    const env = {KSEF_CERTS_OPERATOR: DEMO_CREDENTIALS.admin.code, KSEF_CERTS_OPERATOR_PASSWORD: DEMO_CREDENTIALS.admin.password};
    const made = spawnSync(process.execPath, [path.join(root, BIN), '--demo', '--data', data, 'list', '--json'], {encoding: 'utf8', env: {...process.env, ...env}});
    expect(made.status, made.stderr).toBe(0);
    const list = loadedModules(['--data', data, 'list', '--json'], env, 0, BIN);
    expect(JSON.parse(list.stdout)).toEqual(JSON.parse(loadedModules(['--data', data, 'list', '--json'], env).stdout));
    expect(heavyIn(list.modules)).toEqual([]);
  });

  it('the TUI login frame from the bin: Ink bundled, React from node_modules, at most a third of the files dist/src needs', async () => {
    const data = path.join(mkdtempSync(path.join(tmp, 'bin-tui-')), 'data');
    const env = {...process.env, KSEF_CERTS_OPERATOR: DEMO_CREDENTIALS.admin.code, KSEF_CERTS_OPERATOR_PASSWORD: DEMO_CREDENTIALS.admin.password};
    expect(spawnSync(process.execPath, [path.join(root, BIN), '--demo', '--data', data, 'list', '--json'], {encoding: 'utf8', env}).status).toBe(0);
    const counts: number[] = [];
    for (const entry of [BIN, SRC_MAIN]) {
      const run = await tuiStart(data, entry);
      try {
        const ui = [`${path.sep}ink${path.sep}`, `${path.sep}react${path.sep}`];
        expect(heavyIn(run.before).filter((m) => !ui.some((u) => m.includes(u)))).toEqual([]);
        expect(run.before.filter((m) => /reflect-metadata|proper-lockfile/.test(m))).toEqual([]);
        expect(run.facts).toBe('FRAME react-reconciler=production undici=false NODE_ENV=-');
        // The bin carries Ink (and the one es-toolkit function it uses): no second Ink from node_modules.
        if (entry === BIN) expect(run.before.filter((m) => /[\\/]node_modules[\\/](ink|ink-text-input|es-toolkit)[\\/]/.test(m))).toEqual([]);
        const dir = `${path.sep}dist${path.sep}${entry === BIN ? 'bin' : 'src'}${path.sep}`;
        counts.push(run.before.filter((m) => m.includes(dir)).length);
      } finally {
        run.kill();
      }
    }
    const [bin, src] = counts;
    expect(bin).toBeGreaterThan(0);
    expect(bin * 3).toBeLessThanOrEqual(src!);
  }, 90_000);
});
