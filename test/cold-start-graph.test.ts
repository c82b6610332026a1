// Cold start: what the TUI loads before its first frame (the login screen). The static import graph of the TUI entry
// (type-only and dynamic `import()` not followed: those load later, on first use) must reach no KSeF client, XAdES,
// X.509, QR or HTTP module — those load when a screen first needs them (src/flows/services/*.ts).
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {importsOf} from './helpers/imports.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const HEAVY_PACKAGES = /^(@peculiar\/|xadesjs|xmldsigjs|qrcode|undici|graphene-pk11|pg$)/;
const HEAVY_FILES = ['src/ksef/client.ts', 'src/ksef/xades.ts', 'src/ksef/keys.ts', 'src/flows/login.ts', 'src/flows/qr.ts'];

function resolveSpec(from: string, spec: string): string {
  const p = path.resolve(path.dirname(from), spec);
  for (const c of [p.replace(/\.js$/, '.ts'), p.replace(/\.js$/, '.tsx'), p]) if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
  throw new Error(`unresolved ${spec} in ${from}`);
}

/** Static value-import graph from `entry`: every file with the file that first imported it, and the packages. */
export function staticGraph(entry: string): {files: Map<string, string>; packages: Map<string, string>} {
  const start = path.join(ROOT, entry);
  const files = new Map<string, string>([[start, '']]);
  const packages = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const f = queue.shift()!;
    for (const imp of importsOf(fs.readFileSync(f, 'utf8'))) {
      if (imp.typeOnly || imp.dynamic) continue;
      if (!imp.spec.startsWith('.')) {
        if (!packages.has(imp.spec)) packages.set(imp.spec, f);
        continue;
      }
      const target = resolveSpec(f, imp.spec);
      if (!files.has(target)) {
        files.set(target, f);
        queue.push(target);
      }
    }
  }
  return {files, packages};
}

function chain(files: Map<string, string>, f: string): string {
  const out: string[] = [];
  for (let x: string | undefined = f; x; x = files.get(x) || undefined) out.push(path.relative(ROOT, x));
  return out.reverse().join(' → ');
}

describe('cold start: the TUI first frame', () => {
  it('the TUI entry statically reaches no KSeF client, XAdES, X.509, QR or HTTP module', () => {
    const {files, packages} = staticGraph('src/cli/tui.tsx');
    expect(files.has(path.join(ROOT, 'src/screens/shell/App.tsx'))).toBe(true); // the walk does reach the app
    expect(packages.has('ink')).toBe(true);
    const heavy = [
      ...[...packages].filter(([p]) => HEAVY_PACKAGES.test(p)).map(([p, f]) => `${p}: ${chain(files, f)}`),
      ...HEAVY_FILES.map((f) => path.join(ROOT, f)).filter((f) => files.has(f)).map((f) => chain(files, f)),
    ];
    expect(heavy).toEqual([]);
  });

  it('the walk sees a heavy module when one is imported statically (probe)', () => {
    const {packages} = staticGraph('src/flows/services/generate-impl.ts');
    expect([...packages.keys()].some((p) => HEAVY_PACKAGES.test(p))).toBe(true);
  });
});
