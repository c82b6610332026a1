// The F-key legend line of the frame, and the slot a screen draws its own legend into. A screen's legend depends on
// its state (a dialog, busy, a result); set from an effect it came one frame after the body. Drawn instead through a
// portal into the frame's legend row, it is part of the screen's own render: body and legend arrive in one commit,
// so in one frame (test/tui/legend-frame.test.tsx). The portal lies over the frame's default legend, padded to the
// full width.
import React, {createContext, useContext} from 'react';
import {Box, type DOMElement} from 'ink';
import {Text} from '../text.js';
import {theme} from '../theme.js';
import {useKit} from '../kit-context.js';
import {useTerminalSize} from '../use-terminal-size.js';
import {inkPortal} from './ink-portal.js';
import type {LegendItem} from './Shell.js';

/** The frame's legend row (Ink DOM node); undefined until the frame has been drawn once, or without a frame. */
export const LegendSlotContext = createContext<DOMElement | undefined>(undefined);

/** One legend line: keys highlighted, the e2e ready marker at the right when it fits. Pads to `width`. */
export function LegendLine({legend, width}: {legend: LegendItem[]; width: number}) {
  const {frame, t} = useKit();
  const marker = frame.e2e ? t('status.ready') : '';
  const text = legend.map(l => `${l.key} ${l.label}`).join('  ');
  const showMarker = !!marker && text.length + marker.length + 2 <= width;
  const pad = Math.max(0, width - text.length - (showMarker ? marker.length : 0));
  return (
    <Box width={width} flexShrink={0}>
      <Text wrap="truncate">
        {legend.map((l, i) => (
          <React.Fragment key={l.key + l.label}>
            {i > 0 ? '  ' : ''}
            <Text color={theme.key} bold>{l.key}</Text>
            <Text> {l.label}</Text>
          </React.Fragment>
        ))}
        {' '.repeat(pad)}
        {showMarker ? <Text color={theme.ok}>{marker}</Text> : null}
      </Text>
    </Box>
  );
}

/** Draws `legend` over the frame's legend row while mounted (nothing without a frame). */
export function LegendPortal({legend}: {legend: LegendItem[]}) {
  const slot = useContext(LegendSlotContext);
  const {columns} = useTerminalSize();
  if (!slot) return null;
  const width = Math.max(20, columns);
  return inkPortal(<Box position="absolute" width={width}><LegendLine legend={legend} width={width} /></Box>, slot);
}
