// The scroll region of the kit: long content scrolls inside its rows with ↑↓ PgUp PgDn Home End (keymap), the
// position marker says where; follow mode keeps the tail in view until the user scrolls up; a measured region
// takes exactly the room its parent leaves; keys pass through when everything fits.
import React, {useState} from 'react';
import {describe, expect, it} from 'vitest';
import {Box, Text} from 'ink';
import {render} from 'ink-testing-library';
import {KeyProvider, useKeys} from '../../src/tui/keys/KeyProvider.js';
import {ScrollView} from '../../src/tui/components/ScrollView.js';
import {initialScroll, scrollMarker, scrollReducer, wrapText} from '../../src/tui/scroll.js';
import {KEYS, waitForFrame} from '../helpers/ink.js';

const numbered = (n: number, from = 1) => Array.from({length: n}, (_, i) => `line ${i + from}`);
const frameLines = (f: string | undefined) => (f ?? '').split('\n');

describe('scrollReducer', () => {
  const g = {total: 50, height: 10};
  it('clamps, pages with one line of overlap, follows the tail and re-attaches at the end', () => {
    let s = initialScroll();
    s = scrollReducer(s, {type: 'by', lines: -3}, g);
    expect(s.top).toBe(0);
    s = scrollReducer(s, {type: 'page', pages: 1}, g);
    expect(s.top).toBe(9);
    s = scrollReducer(s, {type: 'end'}, g);
    expect(s.top).toBe(40);
    s = scrollReducer(s, {type: 'by', lines: 5}, g);
    expect(s.top).toBe(40);

    let f = initialScroll(true);
    f = scrollReducer(f, {type: 'fit'}, g, true);
    expect(f).toEqual({top: 40, follow: true});
    f = scrollReducer(f, {type: 'fit'}, {total: 60, height: 10}, true); // a line added: still at the tail
    expect(f.top).toBe(50);
    f = scrollReducer(f, {type: 'by', lines: -1}, {total: 60, height: 10}, true); // user scrolls up: detached
    expect(f).toEqual({top: 49, follow: false});
    f = scrollReducer(f, {type: 'fit'}, {total: 70, height: 10}, true);
    expect(f.top).toBe(49);
    f = scrollReducer(f, {type: 'end'}, {total: 70, height: 10}, true); // back at the end: follows again
    expect(f).toEqual({top: 60, follow: true});
  });

  it('fit keeps a revealed line in view with the least movement', () => {
    const s = scrollReducer(initialScroll(), {type: 'fit', reveal: 25}, g);
    expect(s.top).toBe(16);
    expect(scrollReducer(s, {type: 'fit', reveal: 20}, g)).toBe(s);
    expect(scrollReducer(s, {type: 'fit', reveal: 3}, g).top).toBe(3);
  });

  it('marker: range and arrows only where more lines are; nothing when all fits', () => {
    expect(scrollMarker({top: 0, follow: false}, g)).toBe('  1–10/50 ▼');
    expect(scrollMarker({top: 40, follow: false}, g)).toBe('▲ 41–50/50  ');
    expect(scrollMarker({top: 0, follow: false}, {total: 5, height: 10})).toBe('');
  });

  it('wrapText wraps words at the width, cuts longer words, keeps empty paragraphs and indents', () => {
    expect(wrapText('ala ma kota a kot ma ale', 10)).toEqual(['ala ma', 'kota a kot', 'ma ale']);
    expect(wrapText('abcdefghijkl xy', 5)).toEqual(['abcde', 'fghij', 'kl xy']);
    expect(wrapText('a\n\n  b c', 10)).toEqual(['a', '', '  b c']);
  });
});

function Region(props: React.ComponentProps<typeof ScrollView>) {
  return <KeyProvider escTimeoutMs={0}><ScrollView {...props} /></KeyProvider>;
}

describe('ScrollView', () => {
  it('shows height rows (marker on the last), scrolls with ↓ PgDn End ↑ PgUp Home', async () => {
    const r = render(<Region lines={numbered(50)} height={10} />);
    await waitForFrame(r.lastFrame, '1–9/50');
    expect(frameLines(r.lastFrame())).toHaveLength(10);
    expect(frameLines(r.lastFrame())[0]).toBe('line 1');
    r.stdin.write(KEYS.down);
    await waitForFrame(r.lastFrame, '2–10/50');
    expect(frameLines(r.lastFrame())[0]).toBe('line 2');
    r.stdin.write(KEYS.pageDown);
    await waitForFrame(r.lastFrame, '10–18/50');
    r.stdin.write(KEYS.end);
    await waitForFrame(r.lastFrame, '▲ 42–50/50');
    expect(frameLines(r.lastFrame())[8]).toBe('line 50');
    r.stdin.write(KEYS.pageUp);
    await waitForFrame(r.lastFrame, '34–42/50');
    r.stdin.write(KEYS.home);
    await waitForFrame(r.lastFrame, '1–9/50 ▼');
    r.stdin.write(KEYS.up);
    expect(frameLines(r.lastFrame())[0]).toBe('line 1');
  });

  it('follow: the newest line stays in view as lines arrive; after ↑ the view stays put', async () => {
    let add: () => void = () => {};
    function Log() {
      const [n, setN] = useState(12);
      add = () => setN((x) => x + 1);
      return <ScrollView lines={numbered(n)} height={6} follow />;
    }
    const r = render(<KeyProvider escTimeoutMs={0}><Log /></KeyProvider>);
    await waitForFrame(r.lastFrame, '8–12/12');
    add();
    await waitForFrame(r.lastFrame, '9–13/13');
    expect(frameLines(r.lastFrame())[4]).toBe('line 13');
    r.stdin.write(KEYS.up);
    await waitForFrame(r.lastFrame, '8–12/13');
    add();
    await waitForFrame(r.lastFrame, '8–12/14');
  });

  it('without height: measures the room its parent leaves', async () => {
    const r = render(
      <KeyProvider escTimeoutMs={0}>
        <Box flexDirection="column" height={8}>
          <Text>header</Text>
          <ScrollView lines={numbered(30)} />
          <Text>footer</Text>
        </Box>
      </KeyProvider>,
    );
    await waitForFrame(r.lastFrame, '1–5/30');
    const l = frameLines(r.lastFrame());
    expect(l).toHaveLength(8);
    expect(l[0]).toBe('header');
    expect(l[1]).toBe('line 1');
    expect(l[5]).not.toContain('line 6');
    expect(l[7]).toBe('footer');
  });

  it('lets the keys through when everything fits (a form below still gets ↓)', async () => {
    let below = 0;
    function Below() {
      useKeys(() => {
        below++;
        return true;
      }, {priority: 0});
      return null;
    }
    const r = render(<KeyProvider escTimeoutMs={0}><ScrollView lines={numbered(3)} height={5} /><Below /></KeyProvider>);
    await waitForFrame(r.lastFrame, 'line 3');
    r.stdin.write(KEYS.down);
    await new Promise((res) => setTimeout(res, 20));
    expect(below).toBe(1);
    expect(r.lastFrame()).not.toContain('/3');
  });
});
