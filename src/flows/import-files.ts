// Bounded reading of user-chosen files (.crt, .key, password files): refuses directories, devices/FIFOs and
// oversized files before reading them fully, and turns I/O errors into Polish FlowErrors naming the path.
import {promises as fs} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {FlowError} from './errors.js';

/** Certificates and keys are a few KB; anything above this is not what the user meant to pick. */
export const MAX_INPUT_FILE_BYTES = 1024 * 1024;

/** `~` / `~/x` → home folder; otherwise resolved against the current directory. */
export function expandPath(p: string): string {
  const t = p.trim();
  if (t === '~') return os.homedir();
  if (t.startsWith('~/')) return path.join(os.homedir(), t.slice(2));
  return path.resolve(t);
}

function ioError(e: unknown, what: string, shown: string): FlowError {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return new FlowError(`Nie znaleziono pliku ${what}: ${shown}`, 'fileNotFound');
  if (code === 'EACCES' || code === 'EPERM') return new FlowError(`Brak uprawnień do odczytu pliku ${what}: ${shown}`, 'fileNotReadable');
  if (code === 'EISDIR') return new FlowError(`Wskazano katalog zamiast pliku ${what}: ${shown}`, 'isDirectory');
  if (code === 'ENOTDIR') return new FlowError(`Nieprawidłowa ścieżka pliku ${what}: ${shown}`, 'fileNotFound');
  if (code === 'ENAMETOOLONG') return new FlowError(`Zbyt długa ścieżka pliku ${what}`, 'badPath');
  return new FlowError(`Nie udało się odczytać pliku ${what}: ${shown}`, 'fileNotReadable');
}

/**
 * Reads a whole regular file of at most `maxBytes`. `what` names the file in messages ("certyfikatu (.crt)").
 * The size is checked from stat() and again while reading (a file may grow, /proc files report 0).
 */
export async function readBoundedFile(file: string, what: string, maxBytes = MAX_INPUT_FILE_BYTES): Promise<Buffer> {
  if (!file.trim()) throw new FlowError(`Podaj ścieżkę pliku ${what}`, 'pathRequired');
  if (file.includes('\0')) throw new FlowError(`Nieprawidłowa ścieżka pliku ${what}`, 'badPath');
  const full = expandPath(file);
  const shown = file.trim();
  let st;
  try {
    st = await fs.stat(full);
  } catch (e) {
    throw ioError(e, what, shown);
  }
  if (st.isDirectory()) throw new FlowError(`Wskazano katalog zamiast pliku ${what}: ${shown}`, 'isDirectory');
  // Opening a FIFO would block until a writer appears; a device may be endless.
  if (!st.isFile()) throw new FlowError(`To nie jest zwykły plik (${what}): ${shown}`, 'notRegularFile');
  if (st.size > maxBytes) throw tooLarge(what, shown, maxBytes);
  let fh;
  try {
    fh = await fs.open(full, 'r');
  } catch (e) {
    throw ioError(e, what, shown);
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
    throw ioError(e, what, shown);
  } finally {
    await fh.close();
  }
}

function tooLarge(what: string, shown: string, maxBytes: number): FlowError {
  const limit = maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / 1024 / 1024)} MB` : `${Math.round(maxBytes / 1024)} KB`;
  return new FlowError(`Plik ${what} jest zbyt duży (powyżej ${limit}) — to nie jest certyfikat ani klucz KSeF: ${shown}`, 'fileTooLarge');
}
