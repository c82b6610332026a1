// The CLI's output writer: everything a command writes to stdout/stderr passes terminalSafe (keeping the line
// breaks the program composes), so a hostile file name, subject or KSeF message cannot drive the terminal.
// JSON output is already inert (terminalSafeJson) and passes unchanged.
import type {Writable} from 'node:stream';
import {terminalSafe} from '../domain/index.js';

const RAW = Symbol('rawStream');

/** `target` whose write() escapes terminal controls in text; other members are the target's own. */
export function safeStream<W extends Writable>(target: W): W {
  if ((target as {[RAW]?: W})[RAW]) return target;
  return new Proxy(target, {
    get(t, prop) {
      if (prop === RAW) return t;
      if (prop === 'write' || prop === 'end') {
        const method = prop;
        return (chunk: unknown, ...rest: unknown[]) => {
          const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : chunk;
          const safe = typeof text === 'string' ? terminalSafe(text, {keepNewlines: true}) : text;
          return (t[method] as (...a: unknown[]) => unknown).call(t, safe, ...rest);
        };
      }
      const v = Reflect.get(t, prop, t) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
    },
  });
}

/** The unfiltered stream behind safeStream — only for the program's own control output (a `\r` progress bar). */
export function rawStream<W extends Writable>(s: W): W {
  return (s as {[RAW]?: W})[RAW] ?? s;
}

/** A reader that went away (`list | head -1`) is not an error: later writes are dropped, the command finishes
 *  what it was doing (an enrollment must not be cut short) and exits with its own code, without a stack trace. */
export function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return;
    throw e;
  });
}
