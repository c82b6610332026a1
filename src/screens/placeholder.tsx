// Shown for menu leaves whose screen is not built yet.
import React from 'react';
import {Box} from 'ink';
import {Text} from '../tui/text.js';
import {useT} from './shell/app-context.js';
import {theme} from '../tui/theme.js';
import type {ScreenProps} from './types.js';

export function PlaceholderScreen(_props: ScreenProps) {
  const t = useT();
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text color={theme.warning}>{t('placeholder.text')}</Text>
      <Text color={theme.muted}>{t('placeholder.hint')}</Text>
    </Box>
  );
}
