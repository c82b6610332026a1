// A dialog taller than its room (F1 help at 80×24) is clipped inside its border: title, footer and both borders stay,
// the visible lines are the first ones in order — before, Ink squeezed the text nodes and lines overlapped.
import React from 'react';
import {describe, expect, it} from 'vitest';
import {Box, Text} from 'ink';
import {render} from 'ink-testing-library';
import {Dialog} from '../../src/tui/components/Dialog.js';

describe('Dialog in too little room', () => {
  it('keeps title, footer and borders whole and clips the content without overlapping lines', () => {
    const r = render(
      <Box flexDirection="column" height={12}>
        <Dialog title="Help — screen" footer="Esc — close">
          {Array.from({length: 20}, (_, i) => <Text key={i}>{`line ${i + 1} of the help text`}</Text>)}
        </Dialog>
      </Box>,
    );
    const l = (r.lastFrame() ?? '').split('\n');
    expect(l).toHaveLength(12);
    expect(l[0]).toMatch(/^╔═+╗$/);
    expect(l[1]).toContain('Help — screen');
    expect(l[3]).toContain('line 1 of the help text');
    expect(l[7]).toContain('line 5 of the help text');
    expect(l[10]).toContain('Esc — close');
    expect(l[11]).toMatch(/^╚═+╝$/);
    const shown = l.slice(3, 9).map((x) => /line (\d+)/.exec(x)?.[1]).filter(Boolean).map(Number);
    expect(shown).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
