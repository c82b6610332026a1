#!/usr/bin/env node
// Bin `ksef-certs`. reflect-metadata first: @peculiar/x509 (used by later commands) needs it before import.
import 'reflect-metadata';
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
