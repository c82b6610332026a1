// Login at start: operator code + masked password, checked by the bound login service (the store audits every
// attempt). Both fields are the kit's text input (ink-text-input fed key by key).
import React, {useEffect, useReducer, useRef} from 'react';
import {Box} from 'ink';
import {Text} from '../tui/text.js';
import type {Operator} from '../domain/index.js';
import {warsawDateTime} from '../domain/index.js';
import {useAppContext} from './shell/app-context.js';
import {userMessage} from '../flows/errors.js';
import {useKeys, PRIORITY} from '../tui/keys/KeyProvider.js';
import {TextField} from '../tui/components/TextField.js';
import {theme} from '../tui/theme.js';
import {initialLogin, loginConsumes, loginReducer} from './login-reducer.js';

export interface LoginScreenProps {
  active: boolean;
  onLoggedIn(operator: Operator): void;
  /** Called after too many failed attempts. */
  onLocked(): void;
  demoCredentials?: {code: string; password: string};
  initialCode?: string;
}

export function LoginScreen({active, onLoggedIn, onLocked, demoCredentials, initialCode}: LoginScreenProps) {
  const {t, services} = useAppContext();
  const [s, dispatch] = useReducer(loginReducer, initialCode, initialLogin);
  const latest = useRef(s);
  latest.current = s;

  useKeys(key => {
    if (!loginConsumes(key)) return false;
    dispatch({type: 'key', key});
    return true;
  }, {active, priority: PRIORITY.screen});

  const typing = active && !s.checking && !s.locked;
  const onInput = (value: string) => dispatch({type: 'input', value});

  useEffect(() => {
    if (s.pending === 0) return;
    let cancelled = false;
    const {code, password} = latest.current;
    services.operators.login(code, password).then(
      r => {
        if (cancelled) return;
        if (r.kind === 'lockedOut') {
          dispatch({type: 'lockedOut', code: r.code, failures: r.failures, until: warsawDateTime(new Date(r.until))});
          return;
        }
        dispatch({type: 'result', ok: r.kind === 'ok'});
        if (r.kind === 'ok') onLoggedIn(r.operator);
      },
      (err: unknown) => {
        if (cancelled) return;
        dispatch({type: 'error', message: userMessage(err, t).text});
      },
    );
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [s.pending]);

  useEffect(() => {
    if (!s.locked) return;
    const h = setTimeout(onLocked, 1500);
    return () => clearTimeout(h);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [s.locked]);

  return (
    <Box flexDirection="column">
      <Text bold>{t('login.title')}</Text>
      <Box flexDirection="column" marginTop={1}>
        <TextField label={t('login.code')} value={s.code} focused={s.field === 'code'} width={20} active={typing} onChange={onInput} />
        <TextField label={t('login.password')} value={s.password} focused={s.field === 'password'} mask="*" width={20} active={typing} onChange={onInput} />
      </Box>
      <Box marginTop={1}>
        {s.message
          ? <Text color={s.message.tone === 'error' ? theme.error : undefined}>{t(s.message.key, s.message.params)}</Text>
          : <Text color={theme.muted}>{t('login.hint')}</Text>}
      </Box>
      {demoCredentials ? (
        <Box marginTop={1}>
          <Text color={theme.demo}>{t('login.demo', {code: demoCredentials.code, password: demoCredentials.password})}</Text>
        </Box>
      ) : null}
    </Box>
  );
}
