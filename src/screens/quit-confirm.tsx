// Esc at the root menu: "Zakończyć pracę programu? (T/N)". Keys handled by the navigator reducer.
import React from 'react';
import {Text} from '../tui/text.js';
import {Dialog} from '../tui/components/Dialog.js';
import {useT} from './shell/app-context.js';
import {theme} from '../tui/theme.js';

export function QuitConfirm() {
  const t = useT();
  return (
    <Dialog title={t('legend.quit')}>
      <Text color={theme.warning} bold>{t('quit.confirm')}</Text>
    </Dialog>
  );
}
