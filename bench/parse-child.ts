// Baseline child of list-load-10k: a cold process reads and parses the one-document (schema v1) store.json of the
// same certificates, the way the store read it before the slim layout. Prints {parseMs} as the last line.
import fs from 'node:fs';
import {nowMs} from './lib.js';

const t0 = nowMs();
JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
console.log(JSON.stringify({parseMs: nowMs() - t0}));
