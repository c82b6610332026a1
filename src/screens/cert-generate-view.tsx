// What the generate and resume screens show while and after a run: the steps (in the kit's scroll region, so the
// current step, the error and the keys stay in view at 80×24), the error with its KSeF code, the cancellation, the result.
import React, {useEffect, useState} from 'react';
import {Box} from 'ink';
import {Text} from '../tui/text.js';
import {ENV_NAME, warsawDateTime} from '../domain/index.js';
import type {UserMessage} from '../flows/errors.js';
import type {GenerateResult} from '../flows/generate.js';
import type {Translate} from '../i18n/index.js';
import {formatElapsed, type Step} from '../tui/components/StepProgress.js';
import {ScrollView} from '../tui/components/ScrollView.js';
import {Spinner} from '../tui/components/Spinner.js';
import {wrappedLines} from '../tui/layout.js';
import {wrapText} from '../tui/scroll.js';
import {theme} from '../tui/theme.js';

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

const ICON: Record<Step['state'], {ch: string; color?: string}> = {
  pending: {ch: '·', color: theme.muted}, active: {ch: ''}, done: {ch: '✓', color: theme.ok}, failed: {ch: '✗', color: theme.error},
};

/** One terminal row per step and per line of its detail; `current`: the row of the step under way (or failed). */
export function stepRows(steps: readonly Step[], width: number, now: number): {rows: React.ReactNode[]; current: number} {
  const rows: React.ReactNode[] = [];
  let current = 0;
  for (const s of steps) {
    if (s.state === 'active' || s.state === 'failed' || s.state === 'done') current = rows.length;
    const elapsed = s.state !== 'pending' && s.startedAt !== undefined ? ` (${formatElapsed((s.endedAt ?? now) - s.startedAt)})` : '';
    const icon = ICON[s.state];
    rows.push(
      <Text key={s.id} wrap="truncate">
        {s.state === 'active' ? <Spinner /> : <Text color={icon.color}>{icon.ch}</Text>}
        <Text bold={s.state === 'active'} color={s.state === 'pending' ? theme.muted : s.state === 'failed' ? theme.error : undefined}>{` ${s.label}`}</Text>
        <Text color={theme.muted}>{elapsed}</Text>
      </Text>,
    );
    if (s.detail && s.state !== 'pending') {
      for (const line of wrapText(s.detail, Math.max(8, width - 2))) {
        rows.push(<Text key={`${s.id}:${rows.length}`} color={s.state === 'failed' ? theme.error : theme.muted} wrap="truncate">{`  ${line}`}</Text>);
      }
    }
  }
  return {rows, current};
}

/**
 * Title lines, the steps in a scroll region of the kit (follows the step under way; ↑↓ PgUp PgDn to look back),
 * then the Esc hint (always visible) or the error and its keys — the whole within the body.
 */
export function RunView({t, size, heading, steps, running, escHint, error, extra = [], keys}: RunViewProps) {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!running) return;
    const h = setInterval(() => setTick((x) => x + 1), 1000); // elapsed time of the step under way
    return () => clearInterval(h);
  }, [running]);
  const tail = running ? [escHint] : [`✗ ${error ? formatCode(error) : ''}`, ...extra, keys ?? ''];
  const tailRows = tail.reduce((n, l) => n + wrappedLines(l, size.columns), 0);
  // heading + margin + steps + margin + tail
  const height = Math.max(2, size.rows - heading.length - 2 - tailRows);
  const {rows, current} = stepRows(steps, size.columns, Date.now());
  return (
    <Box flexDirection="column">
      {heading.map((h, i) => <Text key={i} bold={i === 0} wrap="truncate">{h}</Text>)}
      <Box marginTop={1} flexDirection="column">
        <ScrollView lines={rows} height={Math.min(height, rows.length)} follow={running} reveal={current} />
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
