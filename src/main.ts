#!/usr/bin/env node
// Bin `ksef-certs`. No reflect-metadata here: every module importing @peculiar/x509 / xadesjs imports it first itself,
// so `--help`, `--version` and `list` do not load it.
import './cli/no-color.js'; // before anything loads Ink
import {run} from './cli/run.js';
import {quietOnClosedPipe} from './cli/safe-io.js';
import {terminalSafe} from './domain/index.js';

quietOnClosedPipe(process.stdout);
quietOnClosedPipe(process.stderr);

run(process.argv.slice(2)).then(
  code => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`Błąd: ${terminalSafe(e instanceof Error ? e.message : String(e))}\n`);
    process.exitCode = 1;
  },
);
