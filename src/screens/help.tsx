// F1 overlay: help text of the current screen plus the key summary. Closed by Esc/Enter/F1 (navigator reducer).
import React from 'react';
import {Text} from '../tui/text.js';
import {Dialog} from '../tui/components/Dialog.js';
import {useT} from './shell/context.js';
import type {MessageKey} from '../i18n/index.js';

export function HelpOverlay({title, help}: {title: string; help: MessageKey}) {
  const t = useT();
  return (
    <Dialog title={t('help.title', {screen: title})} footer={t('help.close')}>
      <Text>{t(help)}</Text>
      <Text> </Text>
      <Text>{t('help.keys')}</Text>
    </Dialog>
  );
}
