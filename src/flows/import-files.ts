// Bounded reading of user-chosen files (.crt, .key, password files): refuses directories, devices/FIFOs and
// oversized files before reading them fully, and turns I/O errors into Polish FlowErrors naming the path.
import {promises as fs} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {FlowError, flowError} from './errors.js';
import {msg, type Message} from '../i18n/index.js';

/** Which file a message names (catalogue `file.kind.*`). */
export type FileKind = 'crt' | 'key' | 'invoice' | 'cert' | 'password';
export const fileKind = (k: FileKind): Message => msg(`file.kind.${k}`);

/** Certificates and keys are a few KB; anything above this is not what the user meant to pick. */
export const MAX_INPUT_FILE_BYTES = 1024 * 1024;

/** `~` / `~/x` → home folder; otherwise resolved against the current directory. */
export function expandPath(p: string): string {
  const t = p.trim();
  if (t === '~') return os.homedir();
  if (t.startsWith('~/')) return path.join(os.homedir(), t.slice(2));
  return path.resolve(t);
}

function ioError(e: unknown, kind: FileKind, shown: string): FlowError {
  const what = fileKind(kind);
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return flowError(msg('file.notFound', {what, path: shown}), 'fileNotFound');
  if (code === 'EACCES' || code === 'EPERM') return flowError(msg('file.notReadable', {what, path: shown}), 'fileNotReadable');
  if (code === 'EISDIR') return flowError(msg('file.isDirectory', {what, path: shown}), 'isDirectory');
  if (code === 'ENOTDIR') return flowError(msg('file.badPathShown', {what, path: shown}), 'fileNotFound');
  if (code === 'ENAMETOOLONG') return flowError(msg('file.tooLongPath', {what}), 'badPath');
  return flowError(msg('file.readFailed', {what, path: shown}), 'fileNotReadable');
}

/**
 * Reads a whole regular file of at most `maxBytes`. `what` names the file in messages ("certyfikatu (.crt)").
 * The size is checked from stat() and again while reading (a file may grow, /proc files report 0).
 */
export async function readBoundedFile(file: string, kind: FileKind, maxBytes = MAX_INPUT_FILE_BYTES): Promise<Buffer> {
  const what = fileKind(kind);
  if (!file.trim()) throw flowError(msg('file.pathRequired', {what}), 'pathRequired');
  if (file.includes('\0')) throw flowError(msg('file.badPath', {what}), 'badPath');
  const full = expandPath(file);
  const shown = file.trim();
  let st;
  try {
    st = await fs.stat(full);
  } catch (e) {
    throw ioError(e, kind, shown);
  }
  if (st.isDirectory()) throw flowError(msg('file.isDirectory', {what, path: shown}), 'isDirectory');
  // Opening a FIFO would block until a writer appears; a device may be endless.
  if (!st.isFile()) throw flowError(msg('file.notRegular', {what, path: shown}), 'notRegularFile');
  if (st.size > maxBytes) throw tooLarge(what, shown, maxBytes);
  let fh;
  try {
    fh = await fs.open(full, 'r');
  } catch (e) {
    throw ioError(e, kind, shown);
  }
  try {
    const buf = Buffer.alloc(maxBytes + 1);
    let len = 0;
    for (;;) {
      const {bytesRead} = await fh.read(buf, len, buf.length - len, null);
      if (bytesRead === 0) break;
      len += bytesRead;
      if (len > maxBytes) throw tooLarge(what, shown, maxBytes);
    }
    return buf.subarray(0, len);
  } catch (e) {
    if (e instanceof FlowError) throw e;
    throw ioError(e, kind, shown);
  } finally {
    await fh.close();
  }
}

function tooLarge(what: Message, shown: string, maxBytes: number): FlowError {
  const limit = maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / 1024 / 1024)} MB` : `${Math.round(maxBytes / 1024)} KB`;
  return flowError(msg('file.tooLarge', {what, limit, path: shown}), 'fileTooLarge');
}
