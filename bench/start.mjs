#!/usr/bin/env node
// Cold start to first frame: ksef-certs (built, dist/) vs a bare Ink hello-world, each started in a fresh tmux
// pane (real pty, CI=false) and timed from `new-session` until the pane shows the ready marker "GOTOWY".
// Runs alternate between the two to spread machine noise; prints medians and the ratio as JSON.
//   npm run build && node bench/start.mjs [runs=7]
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAIN = path.join(ROOT, 'dist/bin/main.js');
const HELLO = path.join(ROOT, 'bench/hello-ink.mjs');
const RUNS = Number(process.argv[2] ?? 7);
const SOCKET = `ksef-bench-${process.pid}`;

if (!fs.existsSync(MAIN)) {
  console.error('Build first: npm run build');
  process.exit(2);
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ksef-bench-'));
const data = path.join(tmp, 'data');
const tmux = (...a) => execFileSync('tmux', ['-L', SOCKET, ...a], {encoding: 'utf8'});

/** ms from session start until the marker is on screen. */
function timeToMarker(command, marker = 'GOTOWY', timeoutMs = 20_000) {
  const name = `s${Math.random().toString(36).slice(2, 8)}`;
  const t0 = process.hrtime.bigint();
  tmux('new-session', '-d', '-s', name, '-x', '100', '-y', '30', '-e', 'CI=false', '-e', 'KSEF_CERTS_E2E=1', command);
  try {
    for (;;) {
      const screen = tmux('capture-pane', '-p', '-t', name);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (screen.includes(marker)) return ms;
      if (ms > timeoutMs) throw new Error(`no "${marker}" after ${timeoutMs} ms:\n${screen}`);
    }
  } finally {
    tmux('kill-session', '-t', name);
  }
}

const median = xs => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

try {
  tmux('new-session', '-d', '-s', 'keep', 'sleep 600'); // server stays up between runs
  const app = `node '${MAIN}' --demo --data '${data}'`;
  const hello = `node '${HELLO}'`;
  timeToMarker(app); // creates the demo store and warms the OS file cache; not counted
  timeToMarker(hello);
  const a = [];
  const h = [];
  for (let i = 0; i < RUNS; i++) {
    h.push(timeToMarker(hello));
    a.push(timeToMarker(app));
  }
  const result = {
    name: 'start',
    runs: RUNS,
    appMs: a.map(x => Math.round(x)),
    helloMs: h.map(x => Math.round(x)),
    appMedianMs: Math.round(median(a)),
    helloMedianMs: Math.round(median(h)),
    ratio: Number((median(a) / median(h)).toFixed(2)),
    node: process.version,
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  try {
    tmux('kill-server');
  } catch {}
  fs.rmSync(tmp, {recursive: true, force: true});
}
