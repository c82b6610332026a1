// Shell-like Tab completion of a path field (pure over a PathFs): `~` expansion, longest common prefix,
// candidate list when ambiguous, folders get a trailing `/`, files filtered by extension.
import path from 'node:path';
import type {PathFs} from './path-fs.js';

export type CompletionStatus =
  | 'completed' // value changed (candidates set when still ambiguous after extending the prefix)
  | 'ambiguous' // nothing to add; candidates listed
  | 'unchanged' // the value already names the only match
  | 'none' // nothing matches
  | 'unreadable'; // the folder cannot be listed

export interface Completion {
  status: CompletionStatus;
  value: string;
  /** Matching names (folders end with `/`), sorted. */
  candidates: string[];
  /** Folder that could not be read (status 'unreadable'). */
  dir?: string;
}

export interface CompleteOptions {
  target?: 'file' | 'dir' | 'any';
  extensions?: readonly string[];
}

const collator = new Intl.Collator('pl', {sensitivity: 'base', numeric: true});

/** `~` / `~/x` → home; other values unchanged. */
export function expandHome(value: string, home: string): string {
  if (value === '~') return home;
  if (value.startsWith('~/')) return path.join(home, value.slice(2));
  return value;
}

/** Absolute form of a typed path (`~` expanded, relative to `cwd`); '' stays ''. */
export function resolveTypedPath(value: string, fs: Pick<PathFs, 'home' | 'cwd'>): string {
  const v = value.trim();
  if (!v) return '';
  return path.resolve(fs.cwd, expandHome(v, fs.home));
}

export const hasExtension = (name: string, extensions: readonly string[] | undefined): boolean =>
  !extensions?.length || extensions.some(e => name.toLowerCase().endsWith(e.toLowerCase()));

function commonPrefix(names: string[]): string {
  let p = names[0] ?? '';
  for (const n of names) {
    let i = 0;
    while (i < p.length && i < n.length && p[i] === n[i]) i++;
    p = p.slice(0, i);
  }
  return p;
}

export function completePath(value: string, fs: PathFs, opts: CompleteOptions = {}): Completion {
  const tilde = value === '~' || value.startsWith('~/');
  const typed = value === '~' ? '~/' : value;
  const home = fs.home.replace(/\/+$/, '');
  // Work on the home-expanded text, keep the user's `~` in the result.
  const expanded = tilde ? home + typed.slice(1) : typed;
  const slash = expanded.lastIndexOf('/');
  const dirPart = slash >= 0 ? expanded.slice(0, slash + 1) : '';
  const base = expanded.slice(slash + 1);
  const dirAbs = dirPart === '' ? fs.cwd : path.resolve(fs.cwd, dirPart);
  const back = (v: string) => (tilde && v.startsWith(home) ? `~${v.slice(home.length)}` : v);

  const entries = fs.list(dirAbs);
  if (!entries) return {status: 'unreadable', value, candidates: [], dir: dirAbs};
  const target = opts.target ?? 'any';
  const matches = entries
    .filter(e => e.name.startsWith(base))
    .filter(e => base.startsWith('.') || !e.name.startsWith('.'))
    .filter(e => e.dir || (target !== 'dir' && hasExtension(e.name, opts.extensions)))
    .sort((a, b) => collator.compare(a.name, b.name));
  const candidates = matches.map(e => (e.dir ? `${e.name}/` : e.name));
  if (matches.length === 0) return {status: 'none', value, candidates};
  if (matches.length === 1) {
    const next = back(dirPart + candidates[0]);
    return {status: next === value ? 'unchanged' : 'completed', value: next, candidates: []};
  }
  const prefix = commonPrefix(matches.map(e => e.name));
  if (prefix.length > base.length) return {status: 'completed', value: back(dirPart + prefix), candidates};
  return {status: 'ambiguous', value: back(expanded), candidates};
}
