// File-system helpers shared by the flows.
import {randomBytes} from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import {flowError} from './errors.js';
import {msg} from '../i18n/index.js';
import {fileKind, type FileKind} from './import-files.js';

/**
 * `mkdir -p` that creates one level at a time. Node 20's `mkdir(..., {recursive: true})` never settles for a path
 * under a pseudo file system such as /proc (it retries ENOENT forever); level by level fails at once instead.
 */
export async function makeDir(dir: string, mode = 0o700): Promise<void> {
  const missing: string[] = [];
  let cur = path.resolve(dir);
  for (;;) {
    try {
      const st = await fs.stat(cur);
      if (!st.isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${dir}'`), {code: 'ENOTDIR', path: cur});
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      missing.push(cur);
      const parent = path.dirname(cur);
      if (parent === cur) break;
      cur = parent;
    }
  }
  for (const d of missing.reverse()) {
    await fs.mkdir(d, {mode}).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
  }
}

/**
 * Reads a whole file the user named, refusing anything that is not a regular file first: opening a FIFO blocks until
 * a writer appears and a device may never end. Other failures keep their errno (shown by `userMessage`).
 */
export async function readRegularFile(file: string, kind: FileKind): Promise<Buffer> {
  const what = fileKind(kind);
  const st = await fs.stat(file);
  if (st.isDirectory()) throw flowError(msg('file.isDirectory', {what, path: file}), 'isDirectory');
  if (!st.isFile()) throw flowError(msg('file.notRegular', {what, path: file}), 'notRegularFile');
  return fs.readFile(file);
}

/**
 * Writes `data` as `file`, mode 0600, so that only a complete private file ever appears there: first a temp file with
 * an unpredictable name created exclusively ('wx' — a file or symlink planted there makes it fail, it is never
 * followed), then renamed over `file` (rename replaces a symlink at `file` instead of writing through it).
 */
export async function writePrivateFile(file: string, data: string | Buffer): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(12).toString('hex')}.tmp`);
  await fs.writeFile(tmp, data, {flag: 'wx', mode: 0o600});
  try {
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, {force: true});
    throw e;
  }
}
