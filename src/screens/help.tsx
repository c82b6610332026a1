// F1 overlay: help text of the current screen plus the key summary. Closed by Esc/Enter/F1 (navigator reducer).
// It never grows past the body: a long text scrolls inside the dialog with ↑↓ PgUp PgDn (kit ScrollView, above the
// navigator's modal keys so the arrows reach it; they are not consumed when everything fits).
import React from 'react';
import {Text} from '../tui/text.js';
import {Dialog} from '../tui/components/Dialog.js';
import {ScrollView} from '../tui/components/ScrollView.js';
import {PRIORITY} from '../tui/keys/KeyProvider.js';
import {bodySize} from '../tui/layout.js';
import {useTerminalSize} from '../tui/use-terminal-size.js';
import {useT} from './shell/app-context.js';
import {wrapLines} from '../tui/format.js';
import type {MessageKey} from '../i18n/index.js';

/** Rows of the dialog around its text: borders (2), title, the gap under it, the gap and footer. */
const DIALOG_ROWS = 6;
/** Columns of the dialog around its text: borders and padding. */
const DIALOG_COLUMNS = 4;

export function HelpOverlay({title, help}: {title: string; help: MessageKey}) {
  const t = useT();
  const body = bodySize(useTerminalSize());
  const width = Math.max(20, body.columns - DIALOG_COLUMNS);
  const lines = [...wrapLines(t(help), width), '', ...wrapLines(t('help.keys'), width)];
  const height = Math.max(3, body.rows - DIALOG_ROWS);
  return (
    <Dialog title={t('help.title', {screen: title})} footer={t('help.close')}>
      {lines.length > height
        ? <ScrollView lines={lines} height={height} priority={PRIORITY.modal + 1} />
        : lines.map((l, i) => <Text key={i}>{l === '' ? ' ' : l}</Text>)}
    </Dialog>
  );
}
