#!/usr/bin/env node
// Second build step (after tsc): the shipped bin `dist/bin/main.js`, bundled with esbuild from tsc's output
// (dist/src, the code the tests run). Why (bench/README.md, "cold-start-first-frame"):
// - Node's ESM loader costs ~0.35 ms per module file here (open, stat, read, compile, link). The login frame needed
//   ~175 of our files; bundled with code splitting it loads a few dozen, and every lazy `import()` (screens, use
//   cases, simulator, English catalogue) stays lazy as its own chunk.
// - Ink imports one function (`throttle`) from `es-toolkit/compat`, whose index loads ~400 files (~140 ms before the
//   first frame). Ink and the two Ink widgets are bundled so esbuild keeps only what they use.
// Every other package stays external and loads from node_modules as from dist/src (React, the reconciler, Yoga, …:
// one instance each). Ink's internal modules the app reaches (src/tui/components/ink-internals.ts) are imported
// statically here so they are the bundled Ink's instances. The QR batch worker is a second entry: qr-pool.ts starts
// `./qr-worker.js` next to itself. Chunks sit beside main.js, so the file-relative paths of version.ts and
// contract-files.ts (../../package.json, ../../contract/) hold as they do from dist/src/*/.
import {build} from 'esbuild';
import {rmSync} from 'node:fs';
import {createRequire, isBuiltin} from 'node:module';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist/bin');
const BUNDLED = new Set(['ink', 'ink-text-input', 'ink-select-input', 'es-toolkit']);
const inkBuild = path.dirname(createRequire(path.join(root, 'package.json')).resolve('ink'));

/** `@scope/name/x` → `@scope/name`, `name/x` → `name`. */
const packageOf = (spec) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

const externals = {
  name: 'externals',
  setup(b) {
    b.onResolve({filter: /^[^./]/}, (args) => {
      if (isBuiltin(args.path) || !BUNDLED.has(packageOf(args.path))) return {path: args.path, external: true};
      return undefined;
    });
    b.onLoad({filter: /[\\/]tui[\\/]components[\\/]ink-internals\.js$/}, () => ({
      contents: [
        `import * as reconcilerModule from ${JSON.stringify(path.join(inkBuild, 'reconciler.js'))};`,
        `import * as stdinContextModule from ${JSON.stringify(path.join(inkBuild, 'components/StdinContext.js'))};`,
        'export {reconcilerModule, stdinContextModule};',
      ].join('\n'),
      loader: 'js',
      resolveDir: inkBuild,
    }));
  },
};

rmSync(outdir, {recursive: true, force: true});
await build({
  absWorkingDir: root,
  entryPoints: {main: 'dist/src/main.js', 'qr-worker': 'dist/src/flows/qr-worker.js'},
  outdir,
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  plugins: [externals],
  logLevel: 'warning',
});
