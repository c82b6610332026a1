// Compiles src/store (+ domain) for the child-process workers into a folder keyed by a hash of the sources.
// Isolated from dist/ so a half-built or stale dist (other work in progress) cannot affect these tests.
// The folder lives inside this checkout's node_modules/.cache: Node resolves `lowdb` by walking up to this
// checkout's own node_modules. A shared /tmp folder with a symlink broke when the checkout that built it was removed.
import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CONFIG = path.join(ROOT, 'test/store/tsconfig.worker.json');

function sourcesHash(): string {
  const h = createHash('sha256');
  for (const dir of ['src/store', 'src/store/pg', 'src/domain']) {
    for (const name of readdirSync(path.join(ROOT, dir)).filter((n) => n.endsWith('.ts')).sort()) {
      h.update(`${dir}/${name}\0`).update(readFileSync(path.join(ROOT, dir, name))).update('\0');
    }
  }
  h.update(readFileSync(CONFIG)).update(readFileSync(path.join(ROOT, 'tsconfig.json')));
  return h.digest('hex').slice(0, 16);
}

/** Returns the path of the compiled `src/store/index.js`, building it when the sources changed. */
export function buildStoreForWorkers(): string {
  const out = path.join(ROOT, 'node_modules/.cache/ksef-certs-store-build', sourcesHash());
  const entry = path.join(out, 'src/store/index.js');
  if (existsSync(entry)) return entry;
  const tmp = `${out}.tmp-${process.pid}`;
  rmSync(tmp, {recursive: true, force: true});
  mkdirSync(tmp, {recursive: true});
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', CONFIG, '--outDir', tmp], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  writeFileSync(path.join(tmp, 'package.json'), '{"type":"module"}\n');
  try {
    renameSync(tmp, out);
  } catch {
    rmSync(tmp, {recursive: true, force: true}); // another test file built it first
  }
  return entry;
}

export const WORKER = path.join(ROOT, 'test/store/worker.mjs');
