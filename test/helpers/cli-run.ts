// Runs `ksef-certs` in-process against a CertWorld store (real files, real simulator over loopback).
import {run} from '../../src/cli/run.js';
import {DEMO_CREDENTIALS} from '../../src/store/index.js';
import type {CertWorld} from './revoke-world.js';
import {captureIo} from './cli-io.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function cli(w: CertWorld, args: string[], o: {as?: 'admin' | 'operator'; env?: NodeJS.ProcessEnv; stdinTty?: boolean; input?: string} = {}): Promise<CliRun> {
  const who = o.as === 'operator' ? DEMO_CREDENTIALS.operator : DEMO_CREDENTIALS.admin;
  const x = captureIo({KSEF_CERTS_OPERATOR: who.code, KSEF_CERTS_OPERATOR_PASSWORD: who.password, ...o.env});
  if (o.stdinTty) x.stdin.isTTY = true;
  if (o.input !== undefined) x.stdin.end(o.input);
  const code = await run(['--data', w.dataDir, '--api', w.sim.apiBase('DEMO'), ...args], x);
  return {code, out: x.out(), err: x.err()};
}
