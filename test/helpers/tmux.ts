// Drives the BUILT app (dist/) in a private tmux server: send-keys in, capture-pane out. Used by the e2e tests.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const MAIN = path.join(ROOT, 'dist/bin/main.js');

export interface TmuxApp {
  session: string;
  tmux(...args: string[]): string;
  screen(): string;
  keys(...k: string[]): string;
  literal(text: string): string;
  /** Polls the pane until `ok(screen)`; fails with the screen content (no fixed sleeps as assertions). */
  waitUntil(ok: (s: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
  /** Waits until all texts are on screen in one capture (a capture can catch a frame half-drawn). */
  waitFor(...texts: string[]): Promise<string>;
  /** Ends the tmux server (and the app with it). */
  kill(): void;
}

/** A tmux server on its own socket; `waitMs` is the default wait for a screen. */
export function tmuxApp(socketPrefix: string, waitMs: number): TmuxApp {
  const socket = `${socketPrefix}-${process.pid}-${Date.now()}`;
  const session = 'app';
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], {encoding: 'utf8'});
  const screen = () => tmux('capture-pane', '-p', '-t', session);
  const waitUntil = async (ok: (s: string) => boolean, what: string, timeoutMs = waitMs): Promise<string> => {
    const until = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < until) {
      last = screen();
      if (ok(last)) return last;
      await new Promise(r => setTimeout(r, 50));
    }
    throw new Error(`${what} did not appear. Screen:\n${last}`);
  };
  return {
    session,
    tmux,
    screen,
    keys: (...k) => tmux('send-keys', '-t', session, ...k),
    literal: (text) => tmux('send-keys', '-t', session, '-l', text),
    waitUntil,
    waitFor: (...texts) => waitUntil(s => texts.every(t => s.includes(t)), texts.map(t => `"${t}"`).join(' + ')),
    kill() {
      try {
        tmux('kill-server');
      } catch {
        // already gone
      }
    },
  };
}

/**
 * Starts `node dist/bin/main.js --demo --data DIR` (built first if dist/ is missing) in a `cols`×`rows` pane with
 * CI=false. The pane's shell prints the exit code and stays, so a test can see that the app ended and how.
 */
export function startBuiltApp(app: TmuxApp, dataDir: string, cols: number, rows: number, o: {args?: string[]; delayMs?: number} = {}): void {
  if (!fs.existsSync(MAIN)) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], {cwd: ROOT, stdio: 'inherit'});
  // delayMs: time for the caller to attach `pipe-pane` before the app writes its first byte.
  const wait = o.delayMs ? `sleep ${o.delayMs / 1000}; ` : '';
  const cmd = `${wait}node '${MAIN}' --demo --data '${dataDir}'${(o.args ?? []).map((a) => ` '${a}'`).join('')}; echo "EXIT_CODE=$?"; sleep 120`;
  app.tmux('new-session', '-d', '-s', app.session, '-x', String(cols), '-y', String(rows), '-e', 'CI=false', '-e', 'KSEF_CERTS_E2E=1', cmd);
}

/** The login screen: types the code and the password, waits for the main menu under that operator, then types `menu`. */
export async function loginAndOpen(app: TmuxApp, code: string, password: string, menu: readonly string[]): Promise<void> {
  await app.waitFor('GOTOWY', 'Logowanie operatora');
  app.literal(code);
  app.keys('Enter');
  app.literal(password);
  app.keys('Enter');
  await app.waitFor('Menu główne', `Operator: ${code}`);
  for (const k of menu) app.keys(k);
}

/**
 * From [A-1-5-4]: the company form [A-1-5-4-3] (`formTexts` must show with it), then environment D, `name`, type A,
 * mode B and Tab past the start date — the head of the form every generate walk fills the same way.
 */
export async function fillCompanyFormHead(app: TmuxApp, name: string, formTexts: readonly string[] = []): Promise<void> {
  await app.waitFor('[A-1-5-4] ');
  app.keys('3');
  await app.waitFor('[A-1-5-4-3] ', ...formTexts, '▶ Środowisko KSeF');
  app.literal('D');
  await app.waitFor('▶ Nazwa certyfikatu');
  app.literal(name);
  app.keys('Tab');
  await app.waitFor('▶ Typ certyfikatu');
  app.literal('A');
  await app.waitFor('▶ Tryb');
  app.literal('B');
  await app.waitFor('▶ Data uruchomienia');
  app.keys('Tab');
}
