// Hidden password prompt on a TTY: raw mode, nothing echoed, Backspace edits, Ctrl+C / Ctrl+D abort.
import type {Readable, Writable} from 'node:stream';

type TtyIn = Readable & {isTTY?: boolean; setRawMode?: (on: boolean) => unknown};

export class PromptAborted extends Error {
  constructor() {
    super('aborted');
    this.name = 'PromptAborted';
  }
}

export function promptHidden(question: string, stdin: TtyIn, stdout: Writable): Promise<string> {
  return new Promise((resolve, reject) => {
    const raw = !!stdin.isTTY && typeof stdin.setRawMode === 'function';
    let value = '';
    stdout.write(question);
    const done = (err?: Error) => {
      stdin.removeListener('data', onData);
      if (raw) stdin.setRawMode!(false);
      stdin.pause();
      stdout.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (buf: Buffer | string) => {
      for (const ch of String(buf)) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\x03' || ch === '\x04') return done(new PromptAborted());
        if (ch === '\x7f' || ch === '\b') value = value.slice(0, -1);
        else if (ch === '\x15') value = '';
        else if (ch >= ' ') value += ch;
      }
    };
    if (raw) stdin.setRawMode!(true);
    stdin.setEncoding?.('utf8');
    stdin.on('data', onData);
    stdin.resume();
  });
}
