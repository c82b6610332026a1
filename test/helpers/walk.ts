// A walk through every screen of the module [A-1-5] in the BUILT app in tmux, driven only by keys, waiting on
// language-neutral markers (breadcrumb codes, serial numbers, the ▶ focus marker, dialog borders) so the same walk
// runs in Polish and in English. Every frame it waits on is checked whole: the title bar on line 1, the F-key
// legend on the last line, no line wider than the window — also every frame polled while a certificate is generated
// (the header and footer never move during progress). Returns the capture of each screen by id.
import fs from 'node:fs';
import path from 'node:path';
import {expect} from 'vitest';
import type {TmuxApp} from './tmux.js';
import {captureLines} from './frame.js';

export type ScreenId =
  | 'login' | 'module-menu' | 'help' | 'generate-menu' | 'generate-form' | 'generate-help' | 'auth' | 'progress'
  | 'result' | 'list' | 'details' | 'export' | 'revoke' | 'qr-form' | 'qr-links' | 'qr-codes' | 'audit'
  | 'audit-detail' | 'branch-config' | 'workstation-config' | 'operators' | 'import';

export const ADMIN = {code: 'ADMIN', password: 'Demo2026!ksef'};
export const KEY_PASSWORD = 'Haslo!2026demo';

/** The frame is whole: title bar on line 1, F-key legend on the last line, nothing wider than the window. */
export function checkFrame(s: string, cols: number, rows: number, what: string): void {
  const l = captureLines(s);
  expect(l, `${what}: ${rows} lines\n${s}`).toHaveLength(rows);
  expect(l[0], `${what}: title bar on line 1\n${s}`).toMatch(/^ ksef-certs/);
  expect(l[rows - 1], `${what}: legend on line ${rows}\n${s}`).toMatch(/^F\d+ .*F10 /);
  for (const x of l) expect([...x].length, `${what}: line wider than ${cols}\n${s}`).toBeLessThanOrEqual(cols);
}

/**
 * Waits for a screen and checks it whole. It is taken once its legend is drawn too: a screen sets its phase's legend
 * one render after its body shows. A legend that never comes still fails, with checkFrame's message.
 */
export async function wholeFrame(app: TmuxApp, ok: (s: string) => boolean, what: string, cols: number, rows: number): Promise<string> {
  const legendDrawn = (x: string) => /^F\d+ .*F10 /.test(captureLines(x)[rows - 1] ?? '');
  const s = await app.waitUntil((x) => ok(x) && legendDrawn(x), what).catch(() => app.waitUntil(ok, what));
  checkFrame(s, cols, rows, what);
  return s;
}

export const crumbOf = (s: string): string => captureLines(s)[1] ?? '';
const focusIndex = (s: string): number => captureLines(s).findIndex((l) => /^ (?:║ )?▶ /.test(l));
const focusLine = (s: string): string => captureLines(s)[focusIndex(s)] ?? '';

export interface Walker {
  frames: Partial<Record<ScreenId, string>>;
  /** Frames polled during the generation of each certificate. */
  progress: string[];
  /** Screens of the walk that did not open (not built yet). */
  missing: ScreenId[];
}

export interface WalkOptions {
  app: TmuxApp;
  cols: number;
  rows: number;
  dataDir: string;
  /** 'GOTOWY' / 'READY': the e2e marker of the language the app runs in. */
  ready: string;
}

/** Logs in as ADMIN and walks the module; fails with the screen on the first frame that is not whole. */
export async function walkModule(o: WalkOptions): Promise<Walker> {
  const {app, cols, rows} = o;
  const w: Walker = {frames: {}, progress: [], missing: []};
  const frame = async (id: ScreenId, ok: (s: string) => boolean): Promise<string> => {
    const s = await wholeFrame(app, ok, id, cols, rows);
    w.frames[id] = s;
    return s;
  };
  const atCrumb = (code: string) => (s: string) => crumbOf(s).startsWith(`[${code}] `);
  /** Esc until the breadcrumb is `code` (each Esc waits for the screen to change). */
  const backTo = async (code: string) => {
    for (let i = 0; i < 5; i++) {
      const before = app.screen();
      if (atCrumb(code)(before) && !/[╔║]/.test(before)) return;
      app.keys('Escape');
      await app.waitUntil((s) => s !== before, `Esc towards [${code}]`);
    }
    await app.waitUntil(atCrumb(code), `[${code}]`);
  };
  /** Tab to the next field: waits until the ▶ marker moved. */
  const tab = async () => {
    const at = focusIndex(app.screen());
    app.keys('Tab');
    await app.waitUntil((s) => focusIndex(s) !== at && focusIndex(s) >= 0, 'focus moved');
  };
  /**
   * Opens a menu item of A-1-5. A key typed in the instant the menu comes back after Esc can go unheard (the menu
   * re-subscribes one render later — noticed here, open); the walk presses it once more after 8 s without a change.
   */
  const openItem = async (key: string) => {
    app.keys(key);
    const opened = atCrumb(`A-1-5-${key}`);
    try {
      await app.waitUntil(opened, `A-1-5-${key}`, 8000);
    } catch {
      app.keys(key);
    }
  };
  const type = async (text: string, shown = text) => {
    app.literal(text);
    await app.waitUntil((s) => focusLine(s).includes(shown), `typed ${shown}`);
  };

  await frame('login', (s) => s.includes(o.ready) && s.includes('▏'));
  app.literal(ADMIN.code);
  await app.waitUntil((s) => s.includes(`${ADMIN.code}▏`), 'operator code');
  app.keys('Enter');
  app.literal(ADMIN.password);
  await app.waitUntil((s) => s.includes(`${'*'.repeat(ADMIN.password.length)}▏`), 'password');
  app.keys('Enter');
  await app.waitUntil((s) => s.includes('Operator: ADMIN'), 'logged in');
  for (const k of ['a', '1', '5']) app.keys(k);
  await frame('module-menu', atCrumb('A-1-5'));
  app.keys('F1');
  await frame('help', (s) => s.includes('╔'));
  await backTo('A-1-5');

  const generate = async (certType: 'A' | 'O', name: string) => {
    await openItem('4');
    await frame('generate-menu', atCrumb('A-1-5-4'));
    app.keys('3');
    await frame('generate-form', (s) => atCrumb('A-1-5-4-3')(s) && focusIndex(s) >= 0);
    if (certType === 'A') {
      app.keys('F1');
      await frame('generate-help', (s) => s.includes('╔'));
      app.keys('Escape');
      await app.waitUntil((s) => !s.includes('╔') && focusIndex(s) >= 0, 'help closed');
    }
    await tab(); // name
    await type(name);
    await tab(); // type
    if (certType === 'O') {
      // A choice by its letter moves on to the next field (mode) by itself.
      const at = focusIndex(app.screen());
      app.literal('o');
      await app.waitUntil((s) => focusIndex(s) === at + 1 && /\sO\s/.test(captureLines(s)[at] ?? ''), 'type O');
    } else {
      await tab(); // mode
    }
    await tab(); // start date
    await tab(); // key password
    await type(KEY_PASSWORD, '*'.repeat(KEY_PASSWORD.length));
    await tab(); // repeat
    await type(KEY_PASSWORD, '*'.repeat(KEY_PASSWORD.length));
    app.keys('F2');
    // Without a type-A certificate of the owner: auth.xml to sign (K runs the demo signer); with one (the second
    // certificate), the program logs in with it by itself.
    const done = (s: string) => /_[0-9A-F]{16}\.key\s*$/m.test(s) && !/ · /.test(s); // the export copy of the result
    const auth = (s: string) => s.includes(path.join(o.dataDir, 'podpis')) && s.includes('auth.xml');
    const first = await app.waitUntil((s) => auth(s) || done(s) || /✓/.test(s) || / · /.test(s), 'authorisation or progress');
    if (auth(first)) {
      await frame('auth', auth);
      app.keys('k');
    }
    // Every frame until the result is whole; one with done and pending steps is the progress capture.
    for (;;) {
      const s = app.screen();
      if (done(s)) break;
      if (/✓/.test(s) && / · /.test(s)) {
        checkFrame(s, cols, rows, 'progress');
        w.progress.push(s);
      }
      await new Promise((r) => setTimeout(r, 40));
      if (w.progress.length > 2000) throw new Error(`no result:\n${s}`);
    }
    await frame('result', done);
    if (w.progress.length) w.frames.progress = w.progress.find((s) => /✓/.test(s) && / · /.test(s));
    // After a result: Esc twice to the module menu (README walkthrough).
    app.keys('Escape');
    await app.waitUntil(atCrumb('A-1-5-4'), '[A-1-5-4] after the result');
    app.keys('Escape');
    await app.waitUntil(atCrumb('A-1-5'), '[A-1-5]');
  };
  await app.waitUntil(atCrumb('A-1-5'), '[A-1-5]');
  await generate('A', 'Firma A demo');
  await generate('O', 'Firma O demo');

  await openItem('7');
  // Names may be cut to the column (`Firma A…` at 80 columns in English).
  await frame('list', (s) => atCrumb('A-1-5-7')(s) && s.includes('Firma A') && s.includes('Firma O'));
  app.keys('Enter');
  await frame('details', (s) => /SHA-256/.test(s) && /\b[0-9A-F]{16}\b/.test(s));
  app.keys('Escape');
  await app.waitUntil((s) => atCrumb('A-1-5-7')(s) && !/SHA-256/.test(s), 'list again');
  app.keys('F4');
  await frame('export', (s) => s.includes('╔') && s.includes(path.join(o.dataDir, 'eksport')));
  app.keys('Escape');
  await app.waitUntil((s) => !s.includes('╔'), 'export closed');
  app.keys('F8');
  await frame('revoke', (s) => s.includes('╔') && !s.includes(path.join(o.dataDir, 'eksport')));
  app.keys('Escape');
  await app.waitUntil((s) => !s.includes('╔'), 'revoke closed');
  await backTo('A-1-5');

  await openItem('8');
  await frame('qr-form', (s) => atCrumb('A-1-5-8')(s) && focusIndex(s) >= 0 && s.includes('faktury-demo'));
  const invoice = path.join(o.dataDir, 'faktury-demo', 'FV-0001.xml');
  const p1 = /<P_1>([^<]+)</.exec(fs.readFileSync(invoice, 'utf8'))![1]; // the demo kit dates it today
  app.literal(invoice);
  await app.waitUntil((s) => s.includes(p1) && (s.match(/1111111111/g) ?? []).length >= 2, 'invoice facts'); // context + seller
  app.keys('F2');
  await frame('qr-links', (s) => s.includes('KOD II') && s.includes('https://'));
  app.keys('Enter');
  await frame('qr-codes', (s) => /KOD I\b/.test(s) && !s.includes('https://'));
  await backTo('A-1-5');

  await openItem('6');
  await frame('audit', (s) => atCrumb('A-1-5-6')(s) && (s.match(/ADMIN/g) ?? []).length >= 3);
  const auditList = app.screen();
  app.keys('Enter');
  // The audit detail (Enter on an entry) is being built elsewhere: walked when it opens, otherwise reported missing.
  try {
    await app.waitUntil((s) => s !== auditList && atCrumb('A-1-5-6')(s), 'audit detail', 5000);
    await frame('audit-detail', (s) => s !== auditList && atCrumb('A-1-5-6')(s));
  } catch {
    w.missing.push('audit-detail');
  }
  await backTo('A-1-5');

  for (const [key, id] of [['1', 'branch-config'], ['2', 'workstation-config'], ['5', 'operators'], ['3', 'import']] as const) {
    await openItem(key);
    await frame(id, (s) => atCrumb(`A-1-5-${key}`)(s) && focusIndex(s) >= 0);
    await backTo('A-1-5');
  }
  return w;
}
