// The TUI's heap policy (src/tui/heap-policy.ts) in a real Node process: after it the young generation no longer
// grows under an allocation-heavy loop; KSEF_CERTS_TUI_HEAP=v8 keeps V8's default growth. Uses the build (dist/).
import {execFileSync} from 'node:child_process';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {describe, expect, it} from 'vitest';

const POLICY = pathToFileURL(path.resolve('dist/src/tui/heap-policy.js')).href;

// Short-lived objects with a few survivors, the pattern that makes V8 grow its semi-spaces (like Ink frames).
const SCRIPT = `
import v8 from 'node:v8';
const {applyTuiHeapPolicy} = await import(${JSON.stringify(POLICY)});
const newSpace = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
const before = newSpace();
applyTuiHeapPolicy();
const keep = [];
for (let i = 0; i < 3e6; i++) { const o = {a: i, b: 'x' + i, c: [i, i]}; if (i % 1000 === 0) keep.push(o); }
process.stdout.write(JSON.stringify({before, after: newSpace(), kept: keep.length}));
`;

function run(env: NodeJS.ProcessEnv): {before: number; after: number} {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', SCRIPT], {env: {...process.env, ...env}, encoding: 'utf8'});
  return JSON.parse(out) as {before: number; after: number};
}

describe('TUI heap policy', () => {
  // new_space counts both semi-spaces: the first scavenge may commit the second one, so "kept" is ≤ 2× the start.
  it('keeps the young generation at the size it had when the policy was applied', () => {
    const r = run({KSEF_CERTS_TUI_HEAP: ''});
    expect(r.after).toBeLessThanOrEqual(2 * r.before);
  });

  it('KSEF_CERTS_TUI_HEAP=v8 leaves V8 its default growth (the same loop grows the young generation 8× or more)', () => {
    const r = run({KSEF_CERTS_TUI_HEAP: 'v8'});
    expect(r.after).toBeGreaterThanOrEqual(8 * r.before);
  });
});
