// I/O for running `ksef-certs` in-process (`run(argv, io)`): PassThrough streams whose output is collected as text.
import {PassThrough} from 'node:stream';

export type TtyStream = PassThrough & {isTTY?: boolean};

export function captureIo(env: NodeJS.ProcessEnv = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough() as TtyStream;
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const stdin = new PassThrough() as TtyStream;
  return {env, stdin, stdout, stderr, out: () => out, err: () => err};
}
