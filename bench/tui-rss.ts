// Peak RSS of the real TUI process (`node dist/bin/main.js --data DIR`, no harness) in a tmux pane at 80×24 (real
// pty, CI=false): log in as the seeded ADMIN, open the list [A-1-5-7] of the 10,000-certificate store, 30 × ↓ and
// 30 × PgDn. The kernel's high-water mark (VmHWM in /proc/<pid>/status) after each phase; the same run again with
// KSEF_CERTS_TUI_HEAP=v8 (V8's default heap sizing) for comparison. Linux only (procfs).
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {DEMO_CREDENTIALS} from '../src/store/index.js';
import {ROOT, row, type BenchResult} from './lib.js';

const MAIN = path.join(ROOT, 'dist/bin/main.js');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Phases {
  login: number;
  menu: number;
  list: number;
  keys: number;
}

/** VmHWM of `pid` in MiB. */
function hwm(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error('no VmHWM in /proc');
  return Number(m[1]) / 1024;
}

async function onePass(dataDir: string, env: Record<string, string>): Promise<Phases> {
  const socket = `ksef-bench-rss-${process.pid}`;
  const tmux = (...a: string[]) => execFileSync('tmux', ['-L', socket, ...a], {encoding: 'utf8'});
  const screen = () => tmux('capture-pane', '-p', '-t', 'a');
  const until = async (what: string, ok: (s: string) => boolean) => {
    const end = Date.now() + 60_000;
    while (!ok(screen())) {
      if (Date.now() > end) throw new Error(`tui-rss: no ${what}:\n${screen()}`);
      await sleep(50);
    }
  };
  const envArgs = Object.entries({CI: 'false', ...env}).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  tmux('new-session', '-d', '-s', 'a', '-x', '80', '-y', '24', ...envArgs, `exec node '${MAIN}' --data '${dataDir}'`);
  try {
    const pid = Number(tmux('display', '-p', '-t', 'a', '#{pane_pid}').trim());
    const {code, password} = DEMO_CREDENTIALS.admin;
    await until('login form', (s) => s.includes('▏'));
    const login = hwm(pid);
    tmux('send-keys', '-t', 'a', '-l', code);
    tmux('send-keys', '-t', 'a', 'Enter');
    tmux('send-keys', '-t', 'a', '-l', password);
    tmux('send-keys', '-t', 'a', 'Enter');
    await until('main menu', (s) => s.includes(`Operator: ${code}`));
    await sleep(1000); // the start-up checks after the first menu frame
    const menu = hwm(pid);
    for (const k of ['a', '1', '5']) tmux('send-keys', '-t', 'a', k);
    await until('A-1-5', (s) => s.includes('[A-1-5]'));
    tmux('send-keys', '-t', 'a', '7');
    await until('the list', (s) => s.includes('[A-1-5-7]') && /\b\d+ (z|of) \d+\b/.test(s));
    const list = hwm(pid);
    for (const key of [...Array(30).fill('Down'), ...Array(30).fill('PageDown')]) {
      tmux('send-keys', '-t', 'a', key);
      await sleep(30);
    }
    await sleep(500);
    return {login, menu, list, keys: hwm(pid)};
  } finally {
    tmux('kill-server');
  }
}

export async function benchTuiRss(dataDir: string): Promise<BenchResult[]> {
  if (!fs.existsSync('/proc/self/status')) return [];
  const policy = await onePass(dataDir, {});
  const defaults = await onePass(dataDir, {KSEF_CERTS_TUI_HEAP: 'v8'});
  const f = (p: Phases) => `login form ${p.login.toFixed(0)}, menu after login ${p.menu.toFixed(0)}, list ${p.list.toFixed(0)}, after 60 keys ${p.keys.toFixed(0)} MiB`;
  return [
    row({
      name: 'rss-peak-10k-tui', value: policy.keys, unit: 'MB', baseline: defaults.keys, baselineLabel: 'the same app and steps with V8 default heap sizing (KSEF_CERTS_TUI_HEAP=v8)',
      target: 'report', pass: true,
      note: `real process in tmux 80×24, VmHWM (MiB) after each phase: ${f(policy)}; V8 defaults: ${f(defaults)}`,
    }),
  ];
}
