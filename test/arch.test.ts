// Dependency direction per folder, checked by scanning imports in src/** (no extra tool: dependency-cruiser needs
// Node 22). A value import is one that survives compilation; `import type` is erased.
//   domain     → domain; node:* only as `import type`; no packages
//   i18n       → domain                       (the catalogue)
//   ksef       → domain, i18n                 store → domain, i18n
//   flows      → domain, i18n, ksef, store    (every use case)
//   tui        → domain, i18n                 (the widget kit knows nothing of the app)
//   screens    → flows, domain, tui, i18n     (store / ksef as `import type` only)
//   cli        → flows, domain, tui, i18n     (store / ksef as `import type` only; screens only from the entry cli/tui.tsx)
//   main.ts    → cli, screens, flows, domain, tui, i18n
//   simulator  → domain, contract/            (never the app); main.ts and src/cli/** reach it only through a dynamic
//                import() of its entry `simulator/index.js`.
// Today's known violations sit in EXCEPTIONS; the list may only shrink (an entry no longer needed fails the test).
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const SRC = path.join(ROOT, 'src');

import {importsOf} from './helpers/imports.js';

type Area = 'domain' | 'i18n' | 'ksef' | 'store' | 'flows' | 'tui' | 'screens' | 'cli' | 'entry' | 'simulator' | 'contract' | 'other';
const FOLDERS = new Set<Area>(['domain', 'i18n', 'ksef', 'store', 'flows', 'tui', 'screens', 'cli', 'simulator']);

/** Area of a path relative to the repository root (`src/screens/shell/App.tsx` → screens, `src/main.ts` → entry). */
function areaOf(rel: string): Area {
  const parts = rel.split('/');
  if (parts[0] === 'contract') return 'contract';
  if (parts[0] !== 'src') return 'other';
  if (parts.length === 2) return 'entry';
  return FOLDERS.has(parts[1] as Area) ? (parts[1] as Area) : 'other';
}

type From = Exclude<Area, 'contract' | 'other'>;

/** Value imports allowed per area (its own folder is always allowed). */
const ALLOWED: Record<From, Area[]> = {
  domain: [],
  i18n: ['domain'],
  ksef: ['domain', 'i18n'],
  store: ['domain', 'i18n'],
  flows: ['domain', 'i18n', 'ksef', 'store'],
  tui: ['domain', 'i18n'],
  screens: ['flows', 'domain', 'tui', 'i18n'],
  cli: ['flows', 'domain', 'tui', 'i18n'],
  entry: ['cli', 'screens', 'flows', 'domain', 'tui', 'i18n'],
  simulator: ['domain', 'contract'],
};

/** Further areas reachable by `import type` only. */
const TYPE_ONLY: Partial<Record<From, Area[]>> = {
  screens: ['store', 'ksef'],
  cli: ['store', 'ksef'],
};

/** Files outside src/screens that may import screens: the entry points that start the TUI. */
const SCREEN_ENTRIES = new Set(['src/main.ts', 'src/cli/tui.tsx']);

/**
 * Known violations (`file: 'spec'`) while screens and the CLI move onto bound services. May only shrink: remove the
 * line together with the import; an entry that no longer matches a violation fails the test.
 */
export const EXCEPTIONS: readonly string[] = [];

export function violations(files: {rel: string; text: string}[]): string[] {
  const out: string[] = [];
  for (const {rel, text} of files) {
    const from = areaOf(rel);
    if (from === 'other' || from === 'contract') continue;
    for (const imp of importsOf(text)) {
      const where = `${rel}: '${imp.spec}'`;
      if (!imp.spec.startsWith('.')) {
        // package or node: builtin
        if (from === 'domain' && !imp.typeOnly) out.push(`${where} (domain may not import packages or node:*)`);
        continue;
      }
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(rel), imp.spec));
      const to = areaOf(target);
      if (to === from) continue;
      if (to === 'screens' && SCREEN_ENTRIES.has(rel)) continue;
      if (ALLOWED[from].includes(to)) continue;
      if (imp.typeOnly && TYPE_ONLY[from]?.includes(to)) continue;
      const simulatorEntry = to === 'simulator' && target === 'src/simulator/index.js' && imp.dynamic
        && (rel === 'src/main.ts' || rel.startsWith('src/cli/'));
      if (simulatorEntry) continue;
      out.push(`${where} (${from} → ${to}${imp.typeOnly ? ', type' : ''})`);
    }
  }
  return out;
}

/** Violations not covered by `exceptions`, and exceptions that match no violation (stale). */
export function checkAgainst(found: readonly string[], exceptions: readonly string[]): {unexplained: string[]; stale: string[]} {
  const key = (v: string) => v.replace(/ \([^)]*\)$/, '');
  const keys = new Set(found.map(key));
  return {unexplained: found.filter(v => !exceptions.includes(key(v))), stale: exceptions.filter(e => !keys.has(e))};
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, {withFileTypes: true}).flatMap(e => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx|mts)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

function allFiles(dir: string): string[] {
  return fs.readdirSync(dir, {withFileTypes: true}).flatMap(e => (e.isDirectory() ? allFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const lineCount = (text: string): number => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
export const MAX_LINES = 400;

export function tooLong(files: {rel: string; text: string}[]): string[] {
  return files.filter(f => lineCount(f.text) > MAX_LINES).map(f => `${f.rel}: ${lineCount(f.text)} lines`);
}

const rel = (p: string) => path.relative(ROOT, p).split(path.sep).join('/');

describe('architecture', () => {
  it('src/** imports only in the allowed direction (known exceptions listed, none stale)', () => {
    const files = sourceFiles(SRC).map(p => ({rel: rel(p), text: fs.readFileSync(p, 'utf8')}));
    expect(files.length).toBeGreaterThan(20);
    expect(files.some(f => f.rel.startsWith('src/tui/'))).toBe(true);
    const {unexplained, stale} = checkAgainst(violations(files), EXCEPTIONS);
    expect(unexplained).toEqual([]);
    expect(stale, 'exceptions no longer needed: remove them from EXCEPTIONS').toEqual([]);
  });

  it(`no file in src exceeds ${MAX_LINES} lines`, () => {
    const files = allFiles(SRC).map(p => ({rel: rel(p), text: fs.readFileSync(p, 'utf8')}));
    expect(tooLong(files)).toEqual([]);
    // Probe: the check itself counts lines.
    expect(tooLong([{rel: 'src/x.ts', text: 'a\n'.repeat(MAX_LINES + 1)}])).toEqual([`src/x.ts: ${MAX_LINES + 1} lines`]);
    expect(tooLong([{rel: 'src/x.ts', text: 'a\n'.repeat(MAX_LINES)}])).toEqual([]);
  });

  it('the scanner catches each kind of wrong-direction import', () => {
    const bad = [
      {rel: 'src/domain/x.ts', text: "import {readFile} from 'node:fs';"},
      {rel: 'src/domain/y.ts', text: "import {Store} from '../store/types.js';"},
      {rel: 'src/domain/z.ts', text: "import {Low} from 'lowdb';"},
      {rel: 'src/i18n/pl/a.ts', text: "import {KsefError} from '../../ksef/errors.js';"},
      {rel: 'src/ksef/a.ts', text: "import type {Store} from '../store/index.js';"},
      {rel: 'src/ksef/b.ts', text: "export {x} from '../tui/theme.js';"},
      {rel: 'src/ksef/c.ts', text: "import {x} from '../flows/generate.js';"},
      {rel: 'src/store/c.ts', text: "import '../ksef/xades.js';"},
      {rel: 'src/store/d.ts', text: "import type {X} from '../flows/errors.js';"},
      {rel: 'src/simulator/d.ts', text: "import {\n  openStore,\n} from '../store/index.js';"},
      {rel: 'src/simulator/e.ts', text: "const m = await import('../ksef/client.js');"},
      {rel: 'src/simulator/f.ts', text: "import {t} from '../i18n/index.js';"},
      // The kit knows nothing of the app: not flows, screens, store, ksef — not even as types.
      {rel: 'src/tui/components/f.tsx', text: "import {generate} from '../../flows/generate.js';"},
      {rel: 'src/tui/components/g.tsx', text: "import type {MenuNode} from '../../screens/menu/tree.js';"},
      {rel: 'src/tui/h.tsx', text: "import {useAppContext} from '../screens/shell/context.js';"},
      {rel: 'src/tui/i.ts', text: "import type {Store} from '../store/types.js';"},
      {rel: 'src/tui/j.tsx', text: "import {startSimulator} from '../simulator/index.js';"},
      // Flows never reach the presentation.
      {rel: 'src/flows/k.ts', text: "import {Shell} from '../tui/components/Shell.js';"},
      {rel: 'src/flows/l.ts', text: "import {CliError} from '../cli/registry.js';"},
      {rel: 'src/flows/m.ts', text: "import type {Screen} from '../screens/types.js';"},
      // Screens and the CLI: store / ksef values, the simulator, other screens from outside.
      {rel: 'src/screens/n.tsx', text: "import {StoreError} from '../store/types.js';"},
      {rel: 'src/screens/shell/o.tsx', text: "import {signAuthTokenRequest} from '../../ksef/xades.js';"},
      {rel: 'src/screens/g.tsx', text: "await import('../simulator/index.js');"},
      {rel: 'src/cli/p.ts', text: "import {openStore} from '../store/index.js';"},
      {rel: 'src/cli/commands/q.ts', text: "import {listTokens} from '../../ksef/pkcs11/token.js';"},
      {rel: 'src/cli/r.ts', text: "import {renderCertList} from '../screens/cert-list.js';"},
      {rel: 'src/cli/h.ts', text: "import {x} from '../simulator/index.js';"},
      {rel: 'src/cli/i.ts', text: "await import('../simulator/server.js');"},
      {rel: 'src/main.ts', text: "import {openStore} from './store/index.js';"},
    ];
    const v = violations(bad);
    for (const f of bad) expect(v.some(line => line.startsWith(`${f.rel}:`)), f.rel).toBe(true);
    expect(v.length).toBe(bad.length);
  });

  it('the scanner allows the permitted directions', () => {
    const good = [
      {rel: 'src/domain/x.ts', text: "import type {KeyObject} from 'node:crypto';\nimport {a} from './codes.js';"},
      {rel: 'src/i18n/pl/x.ts', text: "import {terminalSafe} from '../../domain/index.js';\nimport {ui} from './ui.js';"},
      {rel: 'src/ksef/a.ts', text: "import {X509Certificate} from '@peculiar/x509';\nimport {a} from '../domain/index.js';\nimport {makeT} from '../i18n/index.js';"},
      {rel: 'src/store/b.ts', text: "import {Low} from 'lowdb';\nimport type {Operator} from '../domain/index.js';"},
      {rel: 'src/flows/c.ts', text: "import {openStore} from '../store/index.js';\nimport {sign} from '../ksef/xades.js';\nimport {makeT} from '../i18n/index.js';"},
      {rel: 'src/simulator/c.ts', text: "import spec from '../../contract/open-api.json' with {type: 'json'};\nimport {x} from '../domain/rules.js';"},
      {rel: 'src/tui/components/d.tsx', text: "import {Text} from 'ink';\nimport type {MessageKey} from '../../i18n/index.js';\nimport {terminalSafe} from '../../domain/index.js';\nimport {theme} from '../theme.js';"},
      {rel: 'src/screens/d.tsx', text: "import type {Store} from '../store/types.js';\nimport type {KsefGateway} from '../ksef/client/client.js';\nimport {revoke} from '../flows/revoke.js';\nimport {Shell} from '../tui/components/Shell.js';\nimport {help} from './help.js';"},
      {rel: 'src/screens/shell/App.tsx', text: "import {MENU_TREE} from '../menu/tree.js';\nimport {Login} from '../login.js';"},
      {rel: 'src/cli/commands/e.ts', text: "const sim = await import('../../simulator/index.js');\nimport type {Store} from '../../store/types.js';\nimport {listRows} from '../../flows/list-view.js';"},
      {rel: 'src/cli/tui.tsx', text: "import {App} from '../screens/shell/App.js';"},
      {rel: 'src/main.ts', text: "await import('./simulator/index.js');\n// import {x} from './simulator/server.js';\nimport {run} from './cli/run.js';"},
    ];
    expect(violations(good)).toEqual([]);
  });

  it('an exception list that may only shrink: an unexplained violation and a stale exception both fail', () => {
    const found = violations([{rel: 'src/screens/n.tsx', text: "import {StoreError} from '../store/types.js';"}]);
    expect(checkAgainst(found, [])).toEqual({unexplained: found, stale: []});
    expect(checkAgainst(found, ["src/screens/n.tsx: '../store/types.js'"])).toEqual({unexplained: [], stale: []});
    expect(checkAgainst([], ["src/screens/n.tsx: '../store/types.js'"]).stale).toEqual(["src/screens/n.tsx: '../store/types.js'"]);
  });
});
