// `npm run bench`: every figure next to a baseline measured in the same run on the same machine.
// Prints a table and writes bench/results.json. Optional args: names to run (start kod kodtoken list enroll rss tuirss cli pg).
import fs from 'node:fs';
import path from 'node:path';
import {benchEnroll} from './enroll.js';
import {benchKod} from './kod.js';
import {benchKodToken} from './kod-token.js';
import {benchList, benchRss} from './list.js';
import {benchStart} from './start.js';
import {benchCli} from './cli.js';
import {benchPg} from './pg.js';
import {benchTuiRss} from './tui-rss.js';
import {ROOT, seedStore, tempDir, type BenchResult} from './lib.js';

const only = new Set(process.argv.slice(2));
const want = (name: string) => only.size === 0 || only.has(name);
const results: BenchResult[] = [];
const failures: string[] = [];

async function step(name: string, fn: () => Promise<BenchResult[]>): Promise<void> {
  if (!want(name)) return;
  const t0 = Date.now();
  process.stderr.write(`• ${name} …`);
  try {
    const rows = await fn();
    results.push(...rows);
    process.stderr.write(` ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  } catch (e) {
    failures.push(`${name}: ${(e as Error).message}`);
    process.stderr.write(` FAILED\n${(e as Error).stack}\n`);
  }
}

const t0 = Date.now();
const tmp = tempDir('run');
try {
  let dataDir: string | undefined;
  const seeded = async () => {
    if (!dataDir) {
      dataDir = path.join(tmp, 'data');
      await seedStore(dataDir, 10_000);
    }
    return dataDir;
  };
  await step('start', () => benchStart(7));
  await step('kod', () => benchKod(10_000));
  await step('kodtoken', () => benchKodToken(2_000));
  await step('list', async () => benchList(await seeded()));
  await step('enroll', () => benchEnroll(9));
  await step('rss', async () => benchRss(await seeded()));
  await step('tuirss', async () => benchTuiRss(await seeded()));
  await step('cli', () => benchCli(11));
  await step('pg', async () => benchPg(await seeded()));
} finally {
  fs.rmSync(tmp, {recursive: true, force: true});
}

const fmt = (x: number) => (Number.isFinite(x) ? (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(2)) : '—');
const table = [
  ['figure', 'value', 'unit', 'baseline', 'ratio', 'target', 'pass'],
  ...results.map((r) => [r.name, fmt(r.value), r.unit, fmt(r.baseline), `${fmt(r.ratio)}×`, r.target, r.pass ? 'tak' : 'NIE']),
];
const widths = table[0].map((_, c) => Math.max(...table.map((l) => l[c].length)));
for (const [i, l] of table.entries()) {
  console.log(l.map((cell, c) => (c === 0 || c === 2 || c === 5 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
console.log('');
for (const r of results) console.log(`${r.name}: baseline = ${r.baselineLabel}${r.note ? `; ${r.note}` : ''}`);
if (only.size === 0) fs.writeFileSync(path.join(ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\n${results.length} figures in ${((Date.now() - t0) / 1000).toFixed(0)} s${only.size ? '' : '; written to bench/results.json'}`);
if (failures.length) {
  console.error(`\nFailed: \n${failures.join('\n')}`);
  process.exit(1);
}
