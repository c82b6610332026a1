// Dependency direction, checked by scanning imports in src/** (no extra tool: dependency-cruiser needs Node 22).
//   domain     → domain only; node:* only as `import type`; no packages
//   ksef       → domain, ksef, packages, node:*      (never store, UI, simulator)
//   store      → domain, store, packages, node:*     (never ksef, UI, simulator)
//   simulator  → domain, simulator, contract/, packages, node:*  (never ksef, store, UI)
//   UI layers (tui, screens, menu, cli, flows, main.ts) → anything except simulator; main.ts and src/cli/** may
//   reach the simulator only through a dynamic import() of its entry `simulator/index.js`.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const SRC = path.join(ROOT, 'src');

interface Import {
  spec: string;
  typeOnly: boolean;
  dynamic: boolean;
}

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1');
}

export function importsOf(text: string): Import[] {
  const src = stripComments(text);
  const out: Import[] = [];
  const fromRe = /(?:^|[;\s])(import|export)\s+(type\s+)?(?:[\w*${}\s,]+?)\s+from\s*['"]([^'"]+)['"]/gm;
  for (const m of src.matchAll(fromRe)) out.push({spec: m[3], typeOnly: !!m[2], dynamic: false});
  for (const m of src.matchAll(/(?:^|[;\s])import\s*['"]([^'"]+)['"]/gm)) out.push({spec: m[1], typeOnly: false, dynamic: false});
  for (const m of src.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push({spec: m[1], typeOnly: false, dynamic: true});
  // Inline type imports: import('node:crypto').KeyObject in type positions.
  return out;
}

type Area = 'domain' | 'i18n' | 'ksef' | 'store' | 'simulator' | 'ui' | 'contract' | 'other';
const UI = new Set(['tui', 'screens', 'menu', 'cli', 'flows']);

/** Area of a path relative to the repository root (`src/screens/shell/App.tsx` → ui). */
function areaOf(rel: string): Area {
  const parts = rel.split('/');
  if (parts[0] === 'contract') return 'contract';
  if (parts[0] !== 'src') return 'other';
  if (parts.length === 2) return 'ui'; // src/main.ts
  const dir = parts[1];
  if (dir === 'domain' || dir === 'i18n' || dir === 'ksef' || dir === 'store' || dir === 'simulator') return dir;
  return UI.has(dir) ? 'ui' : 'other';
}

const ALLOWED: Record<Exclude<Area, 'contract' | 'other'>, Area[]> = {
  domain: ['domain'],
  i18n: ['domain', 'i18n'],
  ksef: ['domain', 'i18n', 'ksef'],
  store: ['domain', 'i18n', 'store'],
  simulator: ['domain', 'simulator', 'contract'],
  ui: ['domain', 'i18n', 'ksef', 'store', 'ui'],
};

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
      if (ALLOWED[from].includes(to)) continue;
      const simulatorEntry = to === 'simulator' && target === 'src/simulator/index.js' && imp.dynamic
        && (rel === 'src/main.ts' || rel.startsWith('src/cli/'));
      if (simulatorEntry) continue;
      out.push(`${where} (${from} → ${to})`);
    }
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, {withFileTypes: true}).flatMap(e => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx|mts)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

describe('architecture', () => {
  it('src/** imports only in the allowed direction', () => {
    const files = sourceFiles(SRC).map(p => ({rel: path.relative(ROOT, p).split(path.sep).join('/'), text: fs.readFileSync(p, 'utf8')}));
    expect(files.length).toBeGreaterThan(20);
    expect(files.some(f => f.rel.startsWith('src/domain/'))).toBe(true);
    expect(violations(files)).toEqual([]);
  });

  it('the scanner catches each kind of wrong-direction import', () => {
    const bad = [
      {rel: 'src/domain/x.ts', text: "import {readFile} from 'node:fs';"},
      {rel: 'src/domain/y.ts', text: "import {Store} from '../store/types.js';"},
      {rel: 'src/domain/z.ts', text: "import {Low} from 'lowdb';"},
      {rel: 'src/ksef/a.ts', text: "import type {Store} from '../store/index.js';"},
      {rel: 'src/ksef/b.ts', text: "export {x} from '../tui/App.js';"},
      {rel: 'src/store/c.ts', text: "import '../ksef/xades.js';"},
      {rel: 'src/simulator/d.ts', text: "import {\n  openStore,\n} from '../store/index.js';"},
      {rel: 'src/simulator/e.ts', text: "const m = await import('../ksef/client.js');"},
      {rel: 'src/tui/f.tsx', text: "import {startSimulator} from '../simulator/index.js';"},
      {rel: 'src/screens/g.tsx', text: "await import('../simulator/index.js');"},
      {rel: 'src/cli/h.ts', text: "import {x} from '../simulator/index.js';"},
      {rel: 'src/cli/i.ts', text: "await import('../simulator/server.js');"},
    ];
    const v = violations(bad);
    for (const f of bad) expect(v.some(line => line.startsWith(`${f.rel}:`)), f.rel).toBe(true);
  });

  it('the scanner allows the permitted directions', () => {
    const good = [
      {rel: 'src/domain/x.ts', text: "import type {KeyObject} from 'node:crypto';\nimport {a} from './codes.js';"},
      {rel: 'src/ksef/a.ts', text: "import 'reflect-metadata';\nimport {X509Certificate} from '@peculiar/x509';\nimport {a} from '../domain/index.js';"},
      {rel: 'src/store/b.ts', text: "import {Low} from 'lowdb';\nimport type {Operator} from '../domain/index.js';"},
      {rel: 'src/simulator/c.ts', text: "import spec from '../../contract/open-api.json' with {type: 'json'};\nimport {x} from '../domain/rules.js';"},
      {rel: 'src/screens/d.tsx', text: "import {openStore} from '../store/index.js';\nimport {sign} from '../ksef/xades.js';"},
      {rel: 'src/cli/commands/e.ts', text: "const sim = await import('../../simulator/index.js');"},
      {rel: 'src/main.ts', text: "await import('./simulator/index.js');\n// import {x} from './simulator/server.js';"},
    ];
    expect(violations(good)).toEqual([]);
  });
});
