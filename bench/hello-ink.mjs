// Baseline for bench/start.mjs: the smallest Ink app (one Text), started the same way as ksef-certs.
import React from 'react';
import {render, Text} from 'ink';

render(React.createElement(Text, null, 'Hello GOTOWY'), {exitOnCtrlC: true});
process.stdin.resume(); // stay alive like the real app until the bench kills the pane
