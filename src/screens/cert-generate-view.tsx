// What the generate and resume screens show while and after a run: the steps (windowed to the body so the current
// step, the error and the keys stay in view at 80×24), the error with its KSeF code, the cancellation, the result.
import React from 'react';
import {Box} from 'ink';
import {Text} from '../tui/text.js';
import {ENV_NAME, warsawDateTime} from '../domain/index.js';
import type {UserMessage} from '../flows/errors.js';
import type {GenerateResult} from '../flows/generate.js';
import type {Translate} from '../i18n/index.js';
import {StepProgress, type Step} from '../tui/components/StepProgress.js';
import {wrappedLines} from '../tui/layout.js';
import {theme} from '../tui/theme.js';
import {stepWindow} from './step-run.js';

export const formatCode = (m: UserMessage): string => (m.code !== undefined && m.code !== 'unexpected' ? `[${m.code}] ${m.text}` : m.text);

export interface RunViewProps {
  t: Translate;
  /** The body region (rows × columns) the view must fit. */
  size: {rows: number; columns: number};
  heading: string[];
  steps: readonly Step[];
  /** While running: the Esc hint; after a failure: the error lines and the keys. */
  running: boolean;
  escHint: string;
  error?: UserMessage;
  extra?: string[];
  keys?: string;
}

/** Title lines, the window of steps, then the Esc hint (always visible) or the error and its keys. */
export function RunView({t, size, heading, steps, running, escHint, error, extra = [], keys}: RunViewProps) {
  const tail = running ? [escHint] : [`✗ ${error ? formatCode(error) : ''}`, ...extra, keys ?? ''];
  const tailRows = tail.reduce((n, l) => n + wrappedLines(l, size.columns), 0);
  // heading + margin + steps + margin + tail
  const rows = Math.max(2, size.rows - heading.length - 2 - tailRows);
  const win = stepWindow(steps, rows, size.columns);
  return (
    <Box flexDirection="column">
      {heading.map((h, i) => <Text key={i} bold={i === 0} wrap="truncate">{h}</Text>)}
      <Box marginTop={1} flexDirection="column">
        {win.hidden ? <Text color={theme.muted} wrap="truncate">{t('gen.progress.earlier', {n: win.hidden})}</Text> : null}
        <StepProgress steps={win.steps} />
      </Box>
      {running ? <Box marginTop={1}><Text color={theme.muted}>{escHint}</Text></Box> : (
        <Box marginTop={1} flexDirection="column">
          <Text color={theme.error} wrap="wrap">{tail[0]}</Text>
          {extra.map((l) => <Text key={l} color={theme.warning} wrap="wrap">{l}</Text>)}
          <Text color={theme.muted}>{keys}</Text>
        </Box>
      )}
    </Box>
  );
}

export function CancelledView({t, pendingName}: {t: Translate; pendingName?: string}) {
  return (
    <Box flexDirection="column">
      <Text color={theme.warning}>{t('gen.cancelled')}</Text>
      {pendingName ? <Text wrap="wrap">{t('gen.cancelled.pending', {name: pendingName})}</Text> : <Text>{t('gen.cancelled.nothing')}</Text>}
      <Text color={theme.muted}>{t('gen.back')}</Text>
    </Box>
  );
}

/** The issued certificate: serial, type and mode, validity, subject, the backup written, warnings. */
export function ResultView({t, result, title, keys}: {t: Translate; result: GenerateResult; title: string; keys: string}) {
  const {record: r, backup, backupError, warnings, tokenBackup} = result;
  return (
    <Box flexDirection="column">
      <Text color={theme.ok} bold wrap="wrap">{title}</Text>
      <Box marginTop={1} flexDirection="column">
        <Text>{t('gen.done.serial', {serial: r.serial ?? ''})}</Text>
        <Text>{t('gen.done.type', {type: t(r.type === 'A' ? 'gen.done.typeA' : 'gen.done.typeO'), mode: r.mode, env: ENV_NAME[r.env]})}</Text>
        <Text>{t('gen.done.valid', {from: warsawDateTime(new Date(r.validFrom!)), to: warsawDateTime(new Date(r.validTo!))})}</Text>
        <Text wrap="truncate">{t('gen.done.subject', {subject: r.subject ?? ''})}</Text>
      </Box>
      {backup ? (
        <Box marginTop={1} flexDirection="column">
          <Text wrap="wrap">{t('gen.done.backup')}</Text>
          <Text color={theme.crumb} wrap="truncate-middle">{`  ${backup.certPath}`}</Text>
          <Text color={theme.crumb} wrap="truncate-middle">{`  ${backup.keyPath}`}</Text>
        </Box>
      ) : null}
      {backupError ? <Text color={theme.warning} wrap="wrap">{backupError}</Text> : null}
      {tokenBackup ? <Box marginTop={1}><Text wrap="wrap">{tokenBackup.note}</Text></Box> : null}
      {warnings.map((w) => <Text key={w} color={theme.warning} wrap="wrap">{w}</Text>)}
      <Box marginTop={1}><Text color={theme.muted}>{keys}</Text></Box>
    </Box>
  );
}
