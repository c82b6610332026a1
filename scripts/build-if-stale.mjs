#!/usr/bin/env node
// `npm run demo` / `npm start`: compile only when a source is newer than the last build, so a second start shows the
// login in about a second instead of waiting ~15 s for tsc. `npm ci` already builds once (the `prepare` script).
// Stale = the bin dist/bin/main.js missing, or any file under src/ or bench/, a tsconfig, package.json/package-lock.json
// or the bundle script modified after it (the bundle is the build's last step, so its time is the build's time).
import {spawnSync} from 'node:child_process';
import {readdirSync, statSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mtime = (p) => {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return undefined;
  }
};

/** Newest modification time of a file or of anything inside a folder (0 when absent). */
function newest(p) {
  let st;
  try {
    st = statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs; // a deleted or renamed file changes its folder's time
  for (const e of readdirSync(p, {withFileTypes: true})) max = Math.max(max, newest(path.join(p, e.name)));
  return max;
}

export function isStale(dir = root) {
  const built = mtime(path.join(dir, 'dist/bin/main.js'));
  if (built === undefined) return true;
  const inputs = ['src', 'bench', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json', 'scripts/bundle.mjs'];
  return inputs.some((p) => newest(path.join(dir, p)) > built);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (isStale()) {
    const r = spawnSync('npm', ['run', 'build'], {cwd: root, stdio: 'inherit', shell: process.platform === 'win32'});
    process.exit(r.status ?? 1);
  }
}
