// The authorisation screen as the user sees it (state from auth-step-state.ts): the file, the challenge and its
// countdown, what to do, what was launched or skipped, and the keys that work now — or the F1 help. Kept within
// the body at 80×24: skipped files are one line each, the newest two.
import React from 'react';
import {Box} from 'ink';
import {Text} from '../tui/text.js';
import {warsawDateTime} from '../domain/index.js';
import type {MessageKey} from '../i18n/index.js';
import {useAppContext} from './shell/context.js';
import {Spinner} from '../tui/components/Spinner.js';
import {theme} from '../tui/theme.js';
import type {AuthState} from './auth-step-state.js';

export function AuthStepView({state, countdown, panel, note, cancelLabel}: {
  state: Extract<AuthState, {kind: 'auth'}>; countdown: React.ReactNode; panel: React.ReactNode; note?: MessageKey; cancelLabel: string;
}) {
  const {t} = useAppContext();
  const p = state;
  if (p.help) {
    return (
      <Box flexDirection="column">
        <Text bold>{t('gen.auth.helpTitle')}</Text>
        <Text wrap="wrap">{t('help.authStep')}</Text>
        <Text color={theme.muted}>{t('help.close')}</Text>
      </Box>
    );
  }
  const head = (
    <>
      <Text bold wrap="truncate">{t('gen.auth.title')}</Text>
      <Text wrap="truncate-middle">{t('gen.auth.file')}<Text color={theme.crumb}>{p.req.file}</Text></Text>
      <Text wrap="truncate">{`${t('gen.auth.challenge', {challenge: p.req.challenge})}  `}{countdown}</Text>
    </>
  );
  if (p.sub === 'expired') {
    return (
      <Box flexDirection="column">
        {head}
        <Box marginTop={1} flexDirection="column">
          <Text color={theme.error} wrap="wrap">{t('gen.auth.expired')}</Text>
          <Text>{t('gen.auth.expiredKeys', {cancel: cancelLabel})}</Text>
        </Box>
      </Box>
    );
  }
  let keys: React.ReactNode;
  if (panel) keys = <Box marginTop={1}>{panel}</Box>;
  else if (p.confirm) {
    keys = (
      <Box flexDirection="column" borderStyle="single" paddingX={1}>
        <Text bold wrap="wrap">{t('auth.confirmSign.title')}</Text>
        <Text wrap="wrap">{t('auth.confirmSign.command', {command: p.confirm.command})}</Text>
        <Text color={theme.muted} wrap="wrap">{p.confirm.by ? t('auth.confirmSign.setBy', {by: p.confirm.by, at: p.confirm.at ? warsawDateTime(new Date(p.confirm.at)) : '—'}) : t('auth.confirmSign.setUnknown')}</Text>
        <Text>{t('auth.confirmSign.question')}</Text>
      </Box>
    );
  } else {
    keys = <Text wrap="wrap">{t('gen.auth.keys', {card: p.card ? `${t('pkcs11.card.offer')}, ` : ''})}</Text>;
  }
  return (
    <Box flexDirection="column">
      {head}
      <Box marginTop={1} flexDirection="column">
        <Text wrap="wrap">{t('gen.auth.todo', {dir: p.req.dir})}</Text>
        {note ? <Text color={theme.warning} wrap="wrap">{t(note)}</Text> : null}
        <Spinner label={t('gen.auth.waiting')} />
        {p.launched ? <Text color={theme.muted} wrap="wrap">{p.launched}</Text> : null}
        {p.rejected.map((r, i) => <Text key={i} color={theme.warning} wrap="truncate">{t('gen.auth.skipped', {what: r})}</Text>)}
        {keys}
      </Box>
    </Box>
  );
}
