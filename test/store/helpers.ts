// Shared helpers of the store tests: temp folders, child-process workers.
import {spawn} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll} from 'vitest';
import {WORKER} from './build.js';

const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((d) => rm(d, {recursive: true, force: true})));
});

/** A fresh temp folder removed after the file's tests; `sub` is a not-yet-existing data folder inside it. */
export async function tempDir(): Promise<{root: string; sub: string}> {
  const root = await mkdtemp(path.join(tmpdir(), 'ksef-store-'));
  made.push(root);
  return {root, sub: path.join(root, 'dane')};
}

export interface WorkerRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Complete `ack ...` lines, split into fields. */
  acks: string[][];
}

export function parseAcks(stdout: string): string[][] {
  // Only complete lines count: a line cut by a kill was not acknowledged.
  const lines = stdout.split('\n');
  lines.pop();
  return lines.filter((l) => l.startsWith('ack ')).map((l) => l.split(' ').slice(1));
}

/** When to SIGKILL the worker: ms after spawning, or ms after it printed `ready` (store opened, loop starting). */
export type KillAt = {afterSpawnMs: number} | {afterReadyMs: number};

/** Runs test/store/worker.mjs, optionally killing it with SIGKILL. */
export function runWorker(entry: string, args: Record<string, unknown>, kill?: KillAt): Promise<WorkerRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER, entry, JSON.stringify(args)], {stdio: ['ignore', 'pipe', 'pipe']});
    let stdout = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const killIn = (ms: number) => (timer = setTimeout(() => child.kill('SIGKILL'), ms));
    if (kill && 'afterSpawnMs' in kill) killIn(kill.afterSpawnMs);
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      const wasReady = stdout.startsWith('ready\n');
      stdout += c;
      if (kill && 'afterReadyMs' in kill && !wasReady && stdout.startsWith('ready\n')) killIn(kill.afterReadyMs);
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({code, signal, stdout, stderr, acks: parseAcks(stdout)});
    });
  });
}
