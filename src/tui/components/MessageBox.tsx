// Modal message (info / warning / error) with a Polish title; any key closes it (consumed at PRIORITY.modal).
import React from 'react';
import {Box} from 'ink';
import {Text} from '../text.js';
import {PRIORITY, useKeys} from '../keys/KeyProvider.js';
import {theme} from '../theme.js';
import {useTranslate} from '../form/use-translate.js';

export type MessageKind = 'info' | 'warning' | 'error';

export interface MessageBoxProps {
  kind?: MessageKind;
  /** Default by kind: Informacja / Ostrzeżenie / Błąd. */
  title?: string;
  message: string | readonly string[];
  onClose(): void;
  /** Default true. */
  active?: boolean;
}

const COLOR: Record<MessageKind, string> = {info: theme.border, warning: theme.warning, error: theme.error};

export function MessageBox({kind = 'info', title, message, onClose, active = true}: MessageBoxProps) {
  const t = useTranslate();
  useKeys(() => {
    onClose();
    return true;
  }, {active, priority: PRIORITY.modal});
  const lines = typeof message === 'string' ? [message] : message;
  return (
    <Box flexDirection="column" borderStyle="double" borderColor={COLOR[kind]} paddingX={1}>
      <Text bold color={kind === 'info' ? undefined : COLOR[kind]}>{title ?? t(`widget.${kind}`)}</Text>
      <Box flexDirection="column" marginTop={1}>
        {lines.map((l, i) => <Text key={i} wrap="wrap">{l}</Text>)}
      </Box>
      <Box marginTop={1}><Text color={theme.muted}>{t('widget.anyKey')}</Text></Box>
    </Box>
  );
}
