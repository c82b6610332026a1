// The file-system view path fields need (listing for Tab completion, kind for validation). Injected so the form
// reducer stays testable with a fake; `nodePathFs` is the real one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface DirEntry {
  name: string;
  dir: boolean;
}

export interface PathFs {
  home: string;
  /** Base of relative paths. */
  cwd: string;
  /** Entries of a folder, or undefined when it cannot be read. */
  list(dir: string): DirEntry[] | undefined;
  kind(p: string): 'file' | 'dir' | undefined;
}

export function nodePathFs(cwd = process.cwd(), home = os.homedir()): PathFs {
  return {
    home,
    cwd,
    list(dir) {
      try {
        return fs.readdirSync(dir, {withFileTypes: true}).map(e => {
          let isDir = e.isDirectory();
          if (e.isSymbolicLink()) {
            try {
              isDir = fs.statSync(path.join(dir, e.name)).isDirectory();
            } catch {
              isDir = false; // dangling link: offer it as a file
            }
          }
          return {name: e.name, dir: isDir};
        });
      } catch {
        return undefined;
      }
    },
    kind(p) {
      try {
        return fs.statSync(p).isDirectory() ? 'dir' : 'file';
      } catch {
        return undefined;
      }
    },
  };
}
