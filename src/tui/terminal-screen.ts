// Paints Ink's frames at fixed rows of the (alternate) screen, so a frame may use every row of the window.
//
// Why: Ink redraws relative to the cursor. A frame shorter than the window ends with a newline (the last row stays
// empty — the footer cannot sit on it); a frame of every row makes Ink clear the whole terminal before each redraw
// (ink/build/ink.js: `lastOutputHeight >= stdout.rows` → clearTerminal), which flickers and sends every cell again.
// Instead Ink runs in debug mode against the sink below — then every write is one whole frame and Ink moves no
// cursor — and the painter puts line i of the frame on row i+1 with absolute cursor addressing, rewriting only the
// lines that changed. Autowrap is off while it runs, so even a line too wide is clipped, never wrapped or scrolled:
// the header stays on row 1 and the footer on the last row.
import {Writable} from 'node:stream';

/** The real terminal: a TTY write stream (columns/rows, 'resize'). */
export interface TerminalOut {
  write(data: string): unknown;
  columns?: number;
  rows?: number;
  on(event: 'resize', fn: () => void): unknown;
  off(event: 'resize', fn: () => void): unknown;
}

const ESC = '\x1b[';
const HIDE_CURSOR = `${ESC}?25l`;
const SHOW_CURSOR = `${ESC}?25h`;
const WRAP_OFF = `${ESC}?7l`;
const WRAP_ON = `${ESC}?7h`;
/** Synchronized update (terminals without it ignore the private mode). */
const SYNC_ON = `${ESC}?2026h`;
const SYNC_OFF = `${ESC}?2026l`;
const RESET = `${ESC}0m`;

export interface ScreenPainter {
  /** The stream to give Ink as `stdout` (with `debug: true`): reports the terminal's size, forwards 'resize'. */
  sink: NodeJS.WriteStream;
  /** Hides the cursor and turns autowrap off; call before the first frame. */
  start(): void;
  /** Drops a pending paint, turns autowrap and the cursor back on. Idempotent. */
  stop(): void;
  /** Paints the newest frame now (a pending paint otherwise runs on the next turn of the event loop). */
  flush(): void;
}

export interface PainterOptions {
  /** Runs a coalesced paint later; default setImmediate (several frames of one burst → one paint). The first frame
   * after start is painted at once. */
  schedule?: (paint: () => void) => void;
}

/** Escape sequence that turns `next` into the screen, given what is on it (`prev`; undefined = unknown, all rows). */
export function paintDiff(prev: readonly string[] | undefined, next: readonly string[], rows: number): string {
  let out = '';
  for (let i = 0; i < rows; i++) {
    const line = next[i] ?? '';
    if (prev && prev[i] === line) continue;
    // Erase first, then draw: with autowrap off a full-width line leaves nothing to erase after it.
    out += `${ESC}${i + 1};1H${RESET}${ESC}2K${line}${RESET}`;
  }
  return out;
}

export function createScreenPainter(out: TerminalOut, {schedule = fn => void setImmediate(fn)}: PainterOptions = {}): ScreenPainter {
  let shown: string[] | undefined; // what is on the screen; undefined after a resize (repaint every row)
  let latest: string | undefined;
  let pending = false;
  let running = false;
  let stopped = false;
  let everPainted = false;

  const paint = () => {
    pending = false;
    if (stopped || latest === undefined) return;
    const rows = Math.max(1, out.rows || 24);
    everPainted = true;
    const lines = latest.split('\n').slice(0, rows);
    const diff = paintDiff(shown, lines, rows);
    shown = Array.from({length: rows}, (_, i) => lines[i] ?? '');
    if (diff) out.write(SYNC_ON + diff + SYNC_OFF);
  };

  class Sink extends Writable {
    isTTY = true;
    get columns(): number {
      return out.columns || 80;
    }
    get rows(): number {
      return out.rows || 24;
    }
    override _write(chunk: Buffer | string, _enc: BufferEncoding, done: (e?: Error | null) => void): void {
      const frame = chunk.toString();
      // Ink writes '' as a barrier at unmount and after erasing nothing; only real frames count.
      if (frame !== '' && !stopped) {
        latest = frame;
        if (running && !everPainted) {
          // The first frame at once: nothing is on the screen to coalesce with, and what runs before the next turn
          // of the event loop (effects, a second render) would only keep the window blank longer.
          paint();
        } else if (running && !pending) {
          pending = true;
          schedule(paint);
        }
      }
      done();
    }
  }
  const sink = new Sink({decodeStrings: false});

  const onResize = () => {
    shown = undefined; // the terminal may have reflowed or cleared: every row again (each row is erased first)
    sink.emit('resize'); // Ink lays out again and writes a frame at once
    if (running && !pending) {
      pending = true;
      schedule(paint);
    }
  };

  return {
    sink: sink as unknown as NodeJS.WriteStream,
    start() {
      if (running || stopped) return;
      running = true;
      out.on('resize', onResize);
      out.write(HIDE_CURSOR + WRAP_OFF + `${ESC}2J`);
      if (latest !== undefined) paint();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      out.off('resize', onResize);
      if (running) out.write(RESET + WRAP_ON + SHOW_CURSOR);
      running = false;
    },
    flush() {
      if (running) paint();
    },
  };
}
