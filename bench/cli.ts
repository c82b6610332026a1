// `ksef-certs --help` and `ksef-certs list --json` (logged in, demo store) as cold processes, alternated with a bare
// `node -e 0` in the same run: the medians' ratio is what the command costs on top of starting Node.
import {execFileSync} from 'node:child_process';
import path from 'node:path';
import {DIST, median, nowMs, row, tempDir, type BenchResult} from './lib.js';
import {DEMO_CREDENTIALS} from '../src/store/index.js';

const MAIN = path.join(DIST, 'bin/main.js');

function wallMs(args: string[], env: NodeJS.ProcessEnv): number {
  const t0 = nowMs();
  execFileSync(process.execPath, args, {env: {...process.env, ...env}, stdio: ['ignore', 'ignore', 'pipe']});
  return nowMs() - t0;
}

export async function benchCli(runs = 11): Promise<BenchResult[]> {
  const dir = path.join(tempDir('cli'), 'data');
  const env = {KSEF_CERTS_OPERATOR: DEMO_CREDENTIALS.admin.code, KSEF_CERTS_OPERATOR_PASSWORD: DEMO_CREDENTIALS.admin.password};
  execFileSync(process.execPath, [MAIN, '--demo', '--data', dir, 'list', '--json'], {env: {...process.env, ...env}, stdio: 'ignore'});
  const bare: number[] = [];
  const help: number[] = [];
  const list: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const b = wallMs(['-e', '0'], {});
    const h = wallMs([MAIN, '--help'], {});
    const l = wallMs([MAIN, '--data', dir, 'list', '--json'], env);
    if (i === 0) continue; // page cache
    bare.push(b);
    help.push(h);
    list.push(l);
  }
  const base = median(bare);
  const note = (xs: number[]) => `${runs} runs alternated with node -e 0 (${bare.map((x) => x.toFixed(0)).join('/')} ms): ${xs.map((x) => x.toFixed(0)).join('/')} ms`;
  return [
    row({
      name: 'cli-help', value: median(help), unit: 'ms (median)', baseline: base, baselineLabel: 'bare node -e 0, same run',
      target: '≤ 2.0×', pass: median(help) / base <= 2.0, note: note(help),
    }),
    row({
      name: 'cli-list-json', value: median(list), unit: 'ms (median)', baseline: base, baselineLabel: 'bare node -e 0, same run',
      target: '≤ 3.0×', pass: median(list) / base <= 3.0,
      note: `demo store, operator login (scrypt N=16384 ≈ one hash) included; ${note(list)}`,
    }),
  ];
}
