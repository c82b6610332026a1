// The painter between Ink and the terminal: real Ink (debug mode) renders into its sink; what the painter writes is
// replayed on a small terminal model (absolute cursor moves, erase line/screen, autowrap off, any newline is an
// error — it would scroll). The frame takes every row: the footer lands on the last row, nothing is cleared after
// the start, and an unchanged line is not sent again.
import React from 'react';
import {EventEmitter} from 'node:events';
import {describe, expect, it} from 'vitest';
import {Box, Text, render} from 'ink';
import {createScreenPainter, paintDiff} from '../../src/tui/terminal-screen.js';

/** A terminal of `columns`×`rows` that understands what the painter sends. */
class FakeTerminal extends EventEmitter {
  written = '';
  screen: string[][] = [];
  constructor(public columns: number, public rows: number) {
    super();
    this.clear();
  }
  clear() {
    this.screen = Array.from({length: this.rows}, () => Array<string>(this.columns).fill(' '));
  }
  write(data: string): boolean {
    this.written += data;
    let row = 0;
    let col = 0;
    // eslint-disable-next-line no-control-regex
    const re = /\x1b\[([?0-9;]*)([A-Za-z])|([^\x1b])/gu;
    for (const m of data.matchAll(re)) {
      if (m[3] !== undefined) {
        if (m[3] === '\n' || m[3] === '\r') throw new Error('the painter must never send a newline');
        if (col < this.columns) this.screen[row]![col] = m[3];
        col = Math.min(this.columns, col + 1); // autowrap off: the last column is overwritten, never wrapped
        continue;
      }
      const [params, cmd] = [m[1] ?? '', m[2]];
      if (cmd === 'H') {
        const [r, c] = params.split(';').map(Number);
        row = (r || 1) - 1;
        col = (c || 1) - 1;
      } else if (cmd === 'K' && params === '2') this.screen[row]!.fill(' ');
      else if (cmd === 'J' && params === '2') this.clear();
    }
    return true;
  }
  text(): string[] {
    return this.screen.map((r) => r.join('').trimEnd());
  }
  resize(columns: number, rows: number) {
    this.columns = columns;
    this.rows = rows;
    this.clear();
    this.emit('resize');
  }
}

function Frame({rows, title, body}: {rows: number; title: string; body: string[]}) {
  return (
    <Box flexDirection="column" height={rows}>
      <Text>{title}</Text>
      <Box flexDirection="column" flexGrow={1} overflow="hidden">
        {body.map((l, i) => <Text key={i}>{l}</Text>)}
      </Box>
      <Text>F1 Help  F10 Quit</Text>
    </Box>
  );
}

function setup(columns = 40, rows = 8) {
  const term = new FakeTerminal(columns, rows);
  const queue: Array<() => void> = [];
  const painter = createScreenPainter(term, {schedule: (fn) => void queue.push(fn)});
  const run = () => {
    while (queue.length) queue.shift()!();
  };
  painter.start();
  return {term, painter, run};
}

describe('screen painter (Ink debug frames → fixed rows)', () => {
  it('draws a frame of every row with the footer on the last row; later frames send only changed lines, never a clear', () => {
    const {term, painter, run} = setup();
    const ink = render(<Frame rows={8} title="Title" body={['one', 'two']} />, {stdout: painter.sink, debug: true, patchConsole: false});
    run();
    const first = term.text();
    expect(first[0]).toBe('Title');
    expect(first[1]).toBe('one');
    expect(first[7]).toBe('F1 Help  F10 Quit');
    const before = term.written.length;
    ink.rerender(<Frame rows={8} title="Title" body={['one', 'TWO']} />);
    run();
    const sent = term.written.slice(before);
    expect(term.text()[2]).toBe('TWO');
    expect(term.text()[7]).toBe('F1 Help  F10 Quit');
    expect(sent.match(/\x1b\[\d+;1H/g)).toEqual(['\x1b[3;1H']); // one line changed → one line sent
    expect(sent).not.toContain('\x1b[2J');
    ink.unmount();
    painter.stop();
  });

  it('paints the first frame at once (cold start: no wait for the next turn), later ones coalesced', () => {
    const {term, painter, run} = setup(20, 4);
    painter.sink.write('first\nframe');
    expect(term.text().slice(0, 2)).toEqual(['first', 'frame']); // the queue has not run
    painter.sink.write('second\nframe');
    painter.sink.write('third\nframe');
    expect(term.text()[0]).toBe('first');
    run();
    expect(term.text().slice(0, 2)).toEqual(['third', 'frame']);
    painter.stop();
  });

  it('clips a frame taller or wider than the window (autowrap off) instead of scrolling', () => {
    const {term, painter, run} = setup(20, 4);
    painter.sink.write(['Title', 'x'.repeat(30), 'b', 'c', 'd', 'e'].join('\n')); // as if a layout went wrong
    run();
    expect(term.written).toContain('\x1b[?7l');
    expect(term.text()).toEqual(['Title', 'x'.repeat(20), 'b', 'c']);
    expect(term.written).not.toMatch(/\x1b\[5;1H/);
    painter.stop();
  });

  it('follows a resize: Ink hears it through the sink, every row is painted again at the new size', () => {
    const {term, painter, run} = setup(40, 8);
    let heard = 0;
    painter.sink.on('resize', () => heard++);
    function Sized() {
      const rows = painter.sink.rows;
      return <Frame rows={rows} title={`${painter.sink.columns}x${rows}`} body={[]} />;
    }
    const ink = render(<Sized />, {stdout: painter.sink, debug: true, patchConsole: false});
    run();
    term.resize(30, 5);
    ink.rerender(<Sized />);
    run();
    expect(heard).toBe(1);
    expect(term.text()).toEqual(['30x5', '', '', '', 'F1 Help  F10 Quit']);
    ink.unmount();
    painter.stop();
  });

  it('stop drops a pending paint and gives the terminal its cursor and autowrap back', () => {
    const {term, painter, run} = setup();
    const ink = render(<Frame rows={8} title="late" body={[]} />, {stdout: painter.sink, debug: true, patchConsole: false});
    painter.stop();
    const at = term.written.length;
    run();
    expect(term.written.slice(at)).toBe('');
    expect(term.written).toMatch(/\x1b\[\?7h\x1b\[\?25h$/);
    ink.unmount();
  });

  it('paintDiff: unknown screen → every row; known → only rows that differ', () => {
    expect(paintDiff(undefined, ['a'], 2)).toBe('\x1b[1;1H\x1b[0m\x1b[2Ka\x1b[0m\x1b[2;1H\x1b[0m\x1b[2K\x1b[0m');
    expect(paintDiff(['a', 'b'], ['a', 'c'], 2)).toBe('\x1b[2;1H\x1b[0m\x1b[2Kc\x1b[0m');
    expect(paintDiff(['a', 'b'], ['a', 'b'], 2)).toBe('');
  });
});
