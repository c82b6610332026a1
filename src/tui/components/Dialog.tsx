// A bordered box drawn in place of the body (modal content: help, confirmations).
import React from 'react';
import {Box} from 'ink';
import {Text} from '../text.js';
import {theme} from '../theme.js';

export function Dialog({title, children, footer}: {title: string; children?: React.ReactNode; footer?: string}) {
  return (
    <Box flexDirection="column" borderStyle="double" borderColor={theme.border} paddingX={1}>
      <Text bold>{title}</Text>
      <Box flexDirection="column" marginTop={1}>{children}</Box>
      {footer ? <Box marginTop={1}><Text color={theme.muted}>{footer}</Text></Box> : null}
    </Box>
  );
}
