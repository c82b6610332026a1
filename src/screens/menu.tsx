// Menu screen: the items of the current node. Keys are handled by the navigator reducer, not here.
import React from 'react';
import {Box} from 'ink';
import {Text} from '../tui/text.js';
import {MenuList} from '../tui/components/MenuList.js';
import {useAppContext} from './shell/app-context.js';
import {theme} from '../tui/theme.js';
import type {MenuNode} from './menu/tree.js';

export function MenuScreen({node, cursor}: {node: MenuNode; cursor: number}) {
  const {t, operator} = useAppContext();
  return (
    <Box flexDirection="column">
      <Text bold>{t(node.label)}</Text>
      <Box marginTop={1} flexDirection="column">
        <MenuList items={node.children ?? []} cursor={cursor} admin={operator?.role === 'admin' && !operator.disabled} />
      </Box>
      <Box marginTop={1}>
        <Text color={theme.muted}>{t('menu.hint')}</Text>
      </Box>
    </Box>
  );
}
