// List [A-1-5-7] with 10,000 certificates and peak RSS: each measured in a fresh child process (bench/ui-child.ts).
import path from 'node:path';
import {baselineFile, lastJson, median, row, runNode, type BenchResult} from './lib.js';

const HERE = path.dirname(new URL(import.meta.url).pathname);
const CHILD = path.join(HERE, 'ui-child.js');

/** Cold children, alternated: the slim store's open + list (bench/load-child.ts) and the v1 document's parse. */
async function coldLoads(dataDir: string, runs = 5): Promise<{load: number[]; parse: number[]}> {
  const load: number[] = [];
  const parse: number[] = [];
  for (let i = 0; i < runs; i++) {
    parse.push(lastJson<{parseMs: number}>(await runNode([path.join(HERE, 'parse-child.js'), baselineFile(dataDir)])).parseMs);
    load.push(lastJson<{loadMs: number}>(await runNode([path.join(HERE, 'load-child.js'), dataDir, dataDir])).loadMs);
  }
  return {load, parse};
}

interface Stat {
  median: number;
  p95: number;
  n: number;
  missed?: number;
}
interface ListJson {
  certificates: number;
  fileBytes: number;
  baselineBytes: number;
  parseMs: number;
  loadMs: number;
  listScreen: boolean;
  down: Stat;
  pageDown: Stat;
  typing: Stat;
  bare: Stat;
  filteredFrameHead: string;
}

const childEnv = {CI: 'false', NODE_ENV: 'production'};

export async function benchList(dataDir: string): Promise<BenchResult[]> {
  const j = lastJson<ListJson>(await runNode([CHILD, 'list', dataDir], {env: childEnv}));
  // The same child with V8's default heap sizing (no TUI heap policy, src/tui/heap-policy.ts): what the policy costs.
  const d = lastJson<ListJson>(await runNode([CHILD, 'list', dataDir, 'v8-defaults'], {env: childEnv}));
  const cold = await coldLoads(dataDir);
  const [loadMs, parseMs] = [median(cold.load), median(cold.parse)];
  const defaults = (s: Stat) => `; V8 default heap sizing (same run): median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms`;
  const what = j.listScreen ? 'list screen cert-list' : 'NO list screen registered yet: menu placeholder measured';
  const keyRow = (name: string, label: string, s: Stat, sd: Stat): BenchResult[] => [
    row({
      name: `list-key-${name}-median`, value: s.median, unit: 'ms', baseline: j.bare.median, baselineLabel: 'bare Ink 1-line re-render per key (median)',
      target: '≤ 16 ms', pass: j.listScreen && s.median <= 16, note: `${label}: ${s.n} keys, ${s.missed ?? 0} drew nothing; ${what}${defaults(sd)}`,
    }),
    row({
      name: `list-key-${name}-p95`, value: s.p95, unit: 'ms', baseline: j.bare.p95, baselineLabel: 'bare Ink 1-line re-render per key (p95)',
      target: 'report', pass: j.listScreen,
    }),
  ];
  return [
    row({
      name: 'list-load-10k', value: loadMs, unit: 'ms', baseline: parseMs,
      baselineLabel: "JSON.parse of today's one-document store.json of the same 10,000 certificates (cold process)",
      target: '≤ 0.5×', pass: loadMs / parseMs <= 0.5,
      note: `${d.certificates} certificates; slim store.json ${(d.fileBytes / 1e6).toFixed(1)} MB (PEMs and sealed keys in certs/, not read), ` +
        `baseline document ${(d.baselineBytes / 1e6).toFixed(1)} MB; openStore + listCertificates in a cold process (bench/load-child.ts) vs the parse in ` +
        `another (bench/parse-child.ts), ${cold.load.length} runs alternated: ${cold.load.map((x) => x.toFixed(0)).join('/')} vs ` +
        `${cold.parse.map((x) => x.toFixed(0)).join('/')} ms; in the TUI's process (heap policy applied, after the parse in the same child): ` +
        `${j.loadMs.toFixed(0)} vs ${j.parseMs.toFixed(0)} ms = ${(j.loadMs / j.parseMs).toFixed(2)}×`,
    }),
    ...keyRow('down', '↓', j.down, d.down),
    ...keyRow('pgdn', 'PgDn', j.pageDown, d.pageDown),
    ...keyRow('filter', 'filter typing', j.typing, d.typing),
  ];
}

export async function benchRss(dataDir: string): Promise<BenchResult[]> {
  const app = lastJson<{peakRss: number; listScreen: boolean}>(await runNode([CHILD, 'rss', dataDir], {env: childEnv}));
  const defaults = lastJson<{peakRss: number}>(await runNode([CHILD, 'rss', dataDir, 'v8-defaults'], {env: childEnv}));
  const hello = lastJson<{peakRss: number}>(await runNode([path.join(path.dirname(CHILD), 'hello-child.js')], {env: childEnv}));
  const bare = lastJson<{peakRss: number}>(await runNode(['-e', 'process.stdout.write(JSON.stringify({peakRss: process.memoryUsage().rss}))'], {env: childEnv}));
  const mb = (b: number) => b / 1024 / 1024;
  return [
    row({
      name: 'rss-peak-10k', value: mb(app.peakRss), unit: 'MB', baseline: mb(hello.peakRss), baselineLabel: 'bare Ink hello-world (same child harness)',
      target: '≤ 150 MB', pass: mb(app.peakRss) <= 150,
      note: `bare Node process ${mb(bare.peakRss).toFixed(0)} MB; ${app.listScreen ? 'list screen' : 'NO list screen yet (placeholder)'}; ` +
        `TUI heap policy applied where run.ts applies it (src/tui/heap-policy.ts); the same child with V8's default heap sizing: ${mb(defaults.peakRss).toFixed(0)} MB`,
    }),
  ];
}
