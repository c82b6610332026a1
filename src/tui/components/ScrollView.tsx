// A region that never grows past its room: long content scrolls inside it with ↑↓ PgUp PgDn Home End (through the
// keymap), a position marker (`▲ 12–31/54 ▼`) on its last row says where the reader is. `follow` keeps the tail in
// view as lines are added (progress), until the user scrolls up; `reveal` keeps one line (the current step) in view.
// Its height is given or measured: without `height` it takes the room its parent leaves (the parent's height must
// be bounded — the Shell body is), first drawing only what can fit.
import React, {useLayoutEffect, useRef, useState} from 'react';
import {Box, measureElement, type DOMElement} from 'ink';
import {Text} from '../text.js';
import {theme} from '../theme.js';
import {PRIORITY, useKeys} from '../keys/KeyProvider.js';
import {useTerminalSize} from '../use-terminal-size.js';
import {initialScroll, scrollActionOf, scrollMarker, scrollReducer, type ScrollGeometry, type ScrollState} from '../scroll.js';

export interface ScrollViewProps {
  /** One terminal row each: strings are drawn truncated, nodes are clipped to one row. */
  lines: readonly React.ReactNode[];
  /** Rows of the region, marker included; default: measured. */
  height?: number;
  /** Keep the newest lines in view until the user scrolls up (progress, logs). */
  follow?: boolean;
  /** Index of a line to keep in view (e.g. the current step). */
  reveal?: number;
  /** Scroll keys are taken while active (and only when the content does not fit). Default true. */
  active?: boolean;
  /** Key priority; default screen (a field or a modal above sees keys first). */
  priority?: number;
}

export function ScrollView({lines, height, follow = false, reveal, active = true, priority = PRIORITY.screen}: ScrollViewProps) {
  const terminal = useTerminalSize();
  const ref = useRef<DOMElement>(null);
  const [measured, setMeasured] = useState<number | undefined>();
  const rows = Math.max(1, height ?? measured ?? terminal.rows);
  const overflows = lines.length > rows;
  // One row for the marker when the content does not fit.
  const g: ScrollGeometry = {total: lines.length, height: overflows ? Math.max(1, rows - 1) : rows};
  const [state, setState] = useState<ScrollState>(() => initialScroll(follow));
  const view = scrollReducer(state, {type: 'fit', reveal}, g, follow);
  const geometry = useRef(g);
  geometry.current = g;
  const fit = useRef({reveal, follow});
  fit.current = {reveal, follow};

  useLayoutEffect(() => {
    if (view !== state) setState(view);
    if (height === undefined && ref.current) {
      const h = measureElement(ref.current).height;
      if (h > 0 && h !== measured) setMeasured(h);
    }
  });

  useKeys(key => {
    const action = scrollActionOf(key);
    const now = geometry.current;
    if (!action || now.total <= now.height) return false;
    const {reveal: r, follow: f} = fit.current;
    setState(s => scrollReducer(scrollReducer(s, {type: 'fit', reveal: r}, now, f), action, now, f));
    return true;
  }, {active, priority});

  const shown = lines.slice(view.top, view.top + g.height);
  const marker = scrollMarker(view, g);
  return (
    <Box ref={ref} flexDirection="column" flexGrow={height === undefined ? 1 : 0} flexShrink={1} height={height} overflow="hidden">
      {shown.map((line, i) => (
        <Box key={view.top + i} height={1} overflow="hidden" flexShrink={0}>
          {typeof line === 'string' ? <Text wrap="truncate">{line === '' ? ' ' : line}</Text> : line}
        </Box>
      ))}
      {marker ? (
        <Box justifyContent="flex-end" flexShrink={0}>
          <Text color={theme.muted}>{marker}</Text>
        </Box>
      ) : null}
    </Box>
  );
}
