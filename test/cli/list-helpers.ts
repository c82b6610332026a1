// Runs `ksef-certs` in-process against a CertWorld store (real files, real simulator over loopback).
import {PassThrough} from 'node:stream';
import {run} from '../../src/cli/run.js';
import {DEMO_CREDENTIALS} from '../../src/store/index.js';
import type {CertWorld} from '../flows/revoke-world.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function cli(w: CertWorld, args: string[], o: {as?: 'admin' | 'operator'; env?: NodeJS.ProcessEnv; stdinTty?: boolean; input?: string} = {}): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const stdin = new PassThrough() as PassThrough & {isTTY?: boolean};
  if (o.stdinTty) stdin.isTTY = true;
  if (o.input !== undefined) stdin.end(o.input);
  const who = o.as === 'operator' ? DEMO_CREDENTIALS.operator : DEMO_CREDENTIALS.admin;
  const env = {KSEF_CERTS_OPERATOR: who.code, KSEF_CERTS_OPERATOR_PASSWORD: who.password, ...o.env};
  const code = await run(['--data', w.dataDir, '--api', w.sim.apiBase('DEMO'), ...args], {env, stdin, stdout, stderr});
  return {code, out, err};
}
