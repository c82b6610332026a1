// Starts the full-screen TUI: alternate screen on, Ink render (Ctrl+C handled by the app), restore on any exit.
import os from 'node:os';
import React from 'react';
import {render} from 'ink';
import type {GlobalOptions} from './args.js';
import {App} from '../screens/shell/App.js';
import {loadLang, makeT} from '../i18n/index.js';
import {CliError, EXIT} from './registry.js';
import {openStoreFor, storeTarget, type CliIo} from './context.js';
import {startDemo, type DemoStart} from './demo.js';
import {createGateway} from './gateway.js';
import {createScreenPainter} from '../tui/terminal-screen.js';

const ALT_ON = '\x1b[?1049h';
const ALT_OFF = '\x1b[?1049l';

export async function runTui(options: GlobalOptions, io: CliIo = process): Promise<number> {
  const t = makeT(options.lang);
  const stdout = io.stdout as NodeJS.WriteStream;
  const stdin = io.stdin as NodeJS.ReadStream;
  if (!stdin.isTTY || !stdout.isTTY) throw new CliError(t('cli.notTty'), EXIT.usage);
  let demo: DemoStart | undefined;
  const where = storeTarget(options);
  if (options.demo) demo = await startDemo(where.target, where.opts);
  const store = await openStoreFor({...options, demo: false});
  // Without --lang the workstation's saved language applies [A-1-5-2].
  const lang = options.langGiven ? options.lang : (await store.workstation(os.hostname())).lang ?? options.lang;
  await loadLang(lang);
  const gateway = createGateway(options);

  // Frames are painted at fixed rows (header on the first, footer on the last row; see terminal-screen.ts).
  const painter = createScreenPainter(stdout);
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    painter.stop();
    stdout.write(ALT_OFF);
  };
  stdout.write(ALT_ON);
  painter.start();
  process.once('exit', restore);

  let exitCode: number = EXIT.ok;
  const instance = render(
    <App
      store={store}
      dataDir={store.info.dir}
      lang={lang}
      demo={options.demo}
      demoCredentials={demo?.credentials}
      e2e={io.env.KSEF_CERTS_E2E === '1'}
      gateway={gateway}
      onExit={reason => {
        if (reason === 'locked') exitCode = EXIT.refused;
      }}
    />,
    // debug: every write to the painter's sink is one whole frame (Ink moves no cursor, never clears).
    {exitOnCtrlC: false, stdin, stdout: painter.sink, stderr: io.stderr as NodeJS.WriteStream, debug: true},
  );
  // The demo kit (sample invoices for the QR screen, the demo operator's PESEL) goes into the store once the first
  // frame is painted; a failure is reported when the TUI ends (the app itself works without the kit).
  let kitError: unknown;
  const kit = demo ? new Promise<void>((resolve) => {
    setTimeout(() => {
      demo!.installKit(store, where.opts.dataDir ?? store.info.dir).then(() => resolve(), (e: unknown) => {
        kitError = e;
        resolve();
      });
    }, 0);
  }) : undefined;
  const onSignal = (sig: NodeJS.Signals) => {
    instance.unmount();
    restore();
    void demo?.stop();
    process.exit(sig === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await instance.waitUntilExit();
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    restore();
    await kit;
    await demo?.stop();
    await gateway.close();
  }
  if (kitError) io.stderr.write(`${t('cli.error', {message: kitError instanceof Error ? kitError.message : String(kitError)})}\n`);
  if (exitCode === EXIT.refused) io.stderr.write(`${t('login.locked')}\n`);
  return exitCode;
}
