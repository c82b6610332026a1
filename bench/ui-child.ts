// Child process of the list and RSS benchmarks (a fresh process per figure: cold load, own heap). Modes:
//   list DATA   store load (openStore + listCertificates) vs JSON.parse of the same file; the whole app rendered by
//               ink-testing-library at the list [A-1-5-7], key-to-frame for ↓, PgDn and filter typing vs a bare Ink
//               component re-rendering a 1-line change on each key
//   rss DATA    peak RSS while opening the store and rendering/navigating the list
// (baselines: bench/hello-child.ts, and a bare `node -e`)
// Prints one JSON object on the last line.
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import {applyTuiHeapPolicy} from '../src/tui/heap-policy.js';
import {baselineFile, median, nowMs, p95} from './lib.js';

const [mode, dataDir, heap] = process.argv.slice(2);
// As `run` (src/cli/run.ts) does before it loads the TUI; `v8-defaults` measures the same child without it.
if (heap !== 'v8-defaults') applyTuiHeapPolicy();
const {default: React, useState} = await import('react');
const {Text, useInput} = await import('ink');
const {render} = await import('ink-testing-library');
const {openStore} = await import('../src/store/index.js');
const {App} = await import('../src/screens/shell/App.js');
const {SCREENS} = await import('../src/screens/registry.js');

/** Typed into the list filter: a name fragment of the seeded records ("…nr 0012…"). */
const FILTER_TEXT = 'nr 0012';

export const KEYS = {down: '\x1b[B', pageDown: '\x1b[6~', up: '\x1b[A', home: '\x1b[H'} as const;

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
const samplePeak = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

type Rendered = ReturnType<typeof render>;

/** Resolves with the ms from now until Ink writes the next frame (a key that changes nothing → undefined after 250 ms). */
function nextFrame(r: Rendered): {wait: Promise<number | undefined>} {
  const out = r.stdout as unknown as {write: (f: string) => void};
  const original = out.write;
  const t0 = nowMs();
  const wait = new Promise<number | undefined>((resolve) => {
    const timer = setTimeout(() => {
      out.write = original;
      resolve(undefined);
    }, 250);
    out.write = (f: string) => {
      original(f);
      out.write = original;
      clearTimeout(timer);
      resolve(nowMs() - t0);
    };
  });
  return {wait};
}

async function waitFor(r: Rendered, test: (frame: string) => boolean, timeoutMs = 15_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const f = r.lastFrame() ?? '';
    if (test(f)) return f;
    if (Date.now() > end) throw new Error(`frame not reached:\n${f}`);
    await new Promise((res) => setTimeout(res, 5));
  }
}

const settle = () => new Promise<void>((r) => setTimeout(r, 0)).then(() => new Promise<void>((r) => setImmediate(r)));

/** Presses `key` `n` times, each after the previous frame settled; returns the key-to-frame times. */
async function press(r: Rendered, key: string, n: number): Promise<{times: number[]; missed: number}> {
  const times: number[] = [];
  let missed = 0;
  for (let i = 0; i < n; i++) {
    const {wait} = nextFrame(r);
    r.stdin.write(key);
    const ms = await wait;
    if (ms === undefined) missed++;
    else times.push(ms);
    samplePeak();
    await settle();
  }
  return {times, missed};
}

const stats = (xs: number[]) => ({median: median(xs), p95: p95(xs), n: xs.length});

const isListScreen = () => Boolean(SCREENS['cert-list']);

async function openList(dataDir: string) {
  const store = await openStore(dataDir);
  const certificates = await store.listCertificates();
  const admin = (await store.listOperators()).find((o) => o.code === 'ADMIN')!;
  const r = render(React.createElement(App, {store, dataDir, operator: admin, initialPath: ['A', '1', '5', '7'], escTimeoutMs: 0}));
  // The list is drawn when its position line counts every certificate of the store ("1 z 10000"; the serial column
  // may give way to whole names at this width).
  const count = new RegExp(`\\b\\d+ (z|of) ${certificates.length}\\b`);
  const first = await waitFor(r, (f) => (f.includes('[A-1-5-7]') && count.test(f)) || (!isListScreen() && f.includes('A-1-5-7')));
  return {store, r, first};
}

async function listMode(dataDir: string) {
  const file = path.join(dataDir, 'store.json');
  // Baseline: today's one-document store.json of the same data (bench/lib.ts seedStore), parsed whole.
  const baseline = baselineFile(dataDir);
  const tParse0 = nowMs();
  JSON.parse(fs.readFileSync(baseline, 'utf8'));
  const parseMs = nowMs() - tParse0;
  const tLoad0 = nowMs();
  const store = await openStore(dataDir);
  const n = (await store.listCertificates()).length;
  const loadMs = nowMs() - tLoad0;

  const {r} = await openList(dataDir);
  await settle();
  await press(r, KEYS.down, 5); // warm-up
  const down = await press(r, KEYS.down, 60);
  const pgdn = await press(r, KEYS.pageDown, 30);
  // Filter typing: '/' opens the list's search field (if it has one), then a serial-like text is typed key by key.
  r.stdin.write('/');
  await settle();
  await settle();
  const typing = {times: [] as number[], missed: 0};
  for (const ch of FILTER_TEXT) {
    const one = await press(r, ch, 1);
    typing.times.push(...one.times);
    typing.missed += one.missed;
  }
  const filteredFrame = r.lastFrame() ?? '';
  r.unmount();

  // Baseline: a bare Ink component whose only line changes on every key.
  const Counter = () => {
    const [i, setI] = useState(0);
    useInput(() => setI((x) => x + 1));
    return React.createElement(Text, null, `klawisz ${i}`);
  };
  const b = render(React.createElement(Counter));
  await settle();
  await press(b, KEYS.down, 5);
  const bare = await press(b, KEYS.down, 60);
  b.unmount();

  return {
    certificates: n, fileBytes: fs.statSync(file).size, baselineBytes: fs.statSync(baseline).size, parseMs, loadMs, listScreen: isListScreen(),
    down: {...stats(down.times), missed: down.missed}, pageDown: {...stats(pgdn.times), missed: pgdn.missed},
    typing: {...stats(typing.times), missed: typing.missed}, bare: stats(bare.times),
    filteredFrameHead: filteredFrame.split('\n').slice(0, 8).join('\n'),
  };
}

async function rssMode(dataDir: string) {
  const {r} = await openList(dataDir);
  await press(r, KEYS.down, 30);
  await press(r, KEYS.pageDown, 30);
  await press(r, KEYS.home, 1);
  r.unmount();
  samplePeak();
  return {peakRss, listScreen: isListScreen()};
}

const result =
  mode === 'list' ? await listMode(dataDir)
  : mode === 'rss' ? await rssMode(dataDir)
  : undefined;
clearInterval(sampler);
if (!result) {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
process.stdout.write(`\n${JSON.stringify(result)}\n`);
process.exit(0);
