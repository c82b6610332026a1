#!/usr/bin/env node
// Bin `ksef-certs`. Loads only the option parser and the catalogue; a command, the TUI or the certificate stack
// (src/ksef/x509.ts, with its Reflect polyfill) loads when it is used.
import './cli/no-color.js'; // before anything loads Ink
import {run} from './cli/run.js';
import {quietOnClosedPipe} from './cli/safe-io.js';
import {terminalSafe} from './domain/index.js';
import {loadLang, makeT} from './i18n/index.js';

quietOnClosedPipe(process.stdout);
quietOnClosedPipe(process.stderr);

run(process.argv.slice(2)).then(
  code => {
    process.exitCode = code;
  },
  async (e: unknown) => {
    const argv = process.argv.slice(2);
    const lang = argv.some((a, i) => a === '--lang=en' || (a === '--lang' && argv[i + 1] === 'en')) ? 'en' : 'pl';
    process.exitCode = 1;
    await loadLang(lang).catch(() => {});
    process.stderr.write(`${makeT(lang)('cli.error', {message: terminalSafe(e instanceof Error ? e.message : String(e))})}\n`);
  },
);
