// Baseline child of the RSS benchmark: only React + Ink + ink-testing-library, rendering one Text (the same harness
// bench/ui-child.ts uses for the list), reports its peak RSS on the last line.
import React from 'react';
import {Text} from 'ink';
import {render} from 'ink-testing-library';

let peak = process.memoryUsage().rss;
const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
const r = render(React.createElement(Text, null, 'Hello GOTOWY'));
while (!(r.lastFrame() ?? '').includes('GOTOWY')) await new Promise((res) => setTimeout(res, 5));
sample();
r.unmount();
sample();
process.stdout.write(`\n${JSON.stringify({peakRss: peak})}\n`);
process.exit(0);
