// A numbered F2000 menu: `A. Label`, highlighted cursor, greyed items of other modules.
import React from 'react';
import {Box} from 'ink';
import {Text} from '../text.js';
import type {MessageKey} from '../../i18n/index.js';
import {useTranslate} from '../form/use-translate.js';
import {theme} from '../theme.js';

/** One numbered item (the app's menu nodes fit this shape). */
export interface MenuListItem {
  code: string;
  label: MessageKey;
  /** Belongs to another module: greyed. */
  outside?: boolean;
  /** Shown with "(planowane)". */
  planned?: boolean;
  /** Greyed with the reason when the viewer is not an admin. */
  adminOnly?: boolean;
}

/** `admin`: whether adminOnly items are open to the viewer (greyed with the reason otherwise). */
export function MenuList({items, cursor, admin = true}: {items: readonly MenuListItem[]; cursor: number; admin?: boolean}) {
  const t = useTranslate();
  return (
    <Box flexDirection="column">
      {items.map((item, i) => {
        const selected = i === cursor;
        const denied = !!item.adminOnly && !admin;
        const grey = item.outside || denied;
        const text = `${item.code}. ${t(item.label)}${item.planned ? ` ${t('menu.planned')}` : ''}${denied ? ` ${t('menu.adminOnlySuffix')}` : ''}`;
        return (
          <Text
            key={item.code}
            color={selected ? theme.highlightFg : grey ? theme.muted : undefined}
            backgroundColor={selected ? theme.highlightBg : undefined}
            dimColor={grey && !selected}
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
