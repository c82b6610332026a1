// One "label  value" line of a read-only summary: a 22-column muted label, the value wrapping beside it.
import React from 'react';
import {Box} from 'ink';
import {Text} from '../text.js';
import {theme} from '../theme.js';

export function LabelRow({label, value, color}: {label: string; value: string; color?: string}) {
  return (
    <Box>
      <Box width={22} flexShrink={0}><Text color={theme.muted}>{label}</Text></Box>
      <Box flexShrink={1}><Text color={color} wrap="wrap">{value}</Text></Box>
    </Box>
  );
}
