// Cold start to the first login frame: reuses bench/start.mjs (tmux pane = real pty, CI=false, ready marker) which
// alternates ksef-certs and a bare Ink hello-world started the same way.
import path from 'node:path';
import {lastJson, ROOT, row, runNode, type BenchResult} from './lib.js';

interface StartJson {
  runs: number;
  appMs: number[];
  helloMs: number[];
  appMedianMs: number;
  helloMedianMs: number;
  ratio: number;
}

export async function benchStart(runs = 7): Promise<BenchResult[]> {
  const r = lastJson<StartJson>(await runNode([path.join(ROOT, 'bench/start.mjs'), String(runs)], {timeoutMs: 120_000}));
  const ratio = r.appMedianMs / r.helloMedianMs;
  return [
    row({
      name: 'cold-start-first-frame',
      value: r.appMedianMs,
      unit: 'ms (median)',
      baseline: r.helloMedianMs,
      baselineLabel: 'bare Ink hello-world, same tmux pty',
      target: '≤ 1.15×',
      pass: ratio <= 1.15,
      note: `${r.runs} runs each; app ${r.appMs.join('/')} ms, hello ${r.helloMs.join('/')} ms`,
    }),
  ];
}
