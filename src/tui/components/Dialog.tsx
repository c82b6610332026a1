// A bordered box drawn in place of the body (modal content: help, confirmations). Taller content than the body is
// clipped inside the box — the title, the footer and the border stay whole and lines never overlap (children keep
// their own height in an inner box that does not shrink); for content meant to be read whole, pass a ScrollView.
import React from 'react';
import {Box} from 'ink';
import {Text} from '../text.js';
import {theme} from '../theme.js';

export function Dialog({title, children, footer}: {title: string; children?: React.ReactNode; footer?: string}) {
  return (
    <Box flexDirection="column" borderStyle="double" borderColor={theme.border} paddingX={1} flexShrink={1} overflow="hidden">
      <Box flexShrink={0}><Text bold>{title}</Text></Box>
      <Box flexDirection="column" marginTop={1} flexShrink={1} overflow="hidden">
        <Box flexDirection="column" flexShrink={0}>{children}</Box>
      </Box>
      {footer ? <Box marginTop={1} flexShrink={0}><Text color={theme.muted}>{footer}</Text></Box> : null}
    </Box>
  );
}
