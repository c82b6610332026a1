// A numbered F2000 menu: `A. Label`, highlighted cursor, greyed items of other modules.
import React from 'react';
import {Box} from 'ink';
import {Text} from '../text.js';
import type {MenuNode} from '../../menu/tree.js';
import {useT} from '../context.js';
import {theme} from '../theme.js';

export function MenuList({items, cursor}: {items: readonly MenuNode[]; cursor: number}) {
  const t = useT();
  return (
    <Box flexDirection="column">
      {items.map((item, i) => {
        const selected = i === cursor;
        const text = `${item.code}. ${t(item.label)}${item.planned ? ` ${t('menu.planned')}` : ''}`;
        return (
          <Text
            key={item.code}
            color={selected ? theme.highlightFg : item.outside ? theme.muted : undefined}
            backgroundColor={selected ? theme.highlightBg : undefined}
            dimColor={item.outside && !selected}
            wrap="truncate"
          >
            {selected ? '▶ ' : '  '}
            {text}
          </Text>
        );
      })}
    </Box>
  );
}
