// "P — podpisz kartą" inside the authorisation step: the certificates on the workstation's PKCS#11 token (read
// without the PIN, so the user sees whose certificate signs), then the PIN (masked, never stored) and auth.xml
// signed on the card with the app's XAdES code (services.generate.signing). Hands the signed bytes to onSigned;
// Esc goes back.
import React, {useEffect, useReducer, useRef} from 'react';
import {Box} from 'ink';
import {Text} from '../tui/text.js';
import {warsawDate} from '../domain/index.js';
import type {CardCertificate} from '../flows/card-sign.js';
import {userMessage} from '../flows/errors.js';
import {useAppContext} from './shell/context.js';
import {Form, type FieldSpec} from '../tui/form/index.js';
import {Spinner} from '../tui/components/Spinner.js';
import {PRIORITY, useKeys} from '../tui/keys/KeyProvider.js';
import {matches} from '../tui/keys/keymap.js';
import {theme} from '../tui/theme.js';

/** Text from a certificate is hostile on a terminal: control characters become `?`. */
const clean = (s: string): string => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');

export interface CardSignPanelProps {
  active: boolean;
  module: string;
  label?: string;
  /** The unsigned auth.xml written for the current challenge. */
  file: string;
  onSigned(bytes: Buffer): void;
  onCancel(): void;
}

type State = {kind: 'loading'} | {kind: 'ready'; certs: CardCertificate[]; error?: string; signing?: boolean} | {kind: 'failed'; error: string};

type Action =
  | {type: 'loaded'; certs: CardCertificate[]}
  | {type: 'loadFailed'; error: string}
  | {type: 'signing'}
  | {type: 'signFailed'; error: string};

/** The panel's state: the certificates read (or why not), signing under way, the last signing error. */
export function cardReducer(s: State, a: Action): State {
  switch (a.type) {
    case 'loaded': return {kind: 'ready', certs: a.certs};
    case 'loadFailed': return {kind: 'failed', error: a.error};
    case 'signing': return s.kind === 'ready' ? {...s, signing: true, error: undefined} : s;
    case 'signFailed': return s.kind === 'ready' ? {...s, signing: false, error: a.error} : s;
  }
}

export function CardSignPanel({active, module, label, file, onSigned, onCancel}: CardSignPanelProps) {
  const {t, services} = useAppContext();
  const signing = services.generate.signing;
  const [state, dispatch] = useReducer(cardReducer, {kind: 'loading'});
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    signing.cardCertificates({module, label, pin: () => ''}).then(
      (certs) => mounted.current && dispatch({type: 'loaded', certs}),
      (e) => mounted.current && dispatch({type: 'loadFailed', error: userMessage(e, t).text}),
    );
    return () => {
      mounted.current = false;
    };
  }, [module, label, t]);

  // Esc goes back from any state; a failure also goes back with Enter (the form handles Esc while it is shown).
  useKeys((key) => {
    if (matches(key, 'back') || (state.kind === 'failed' && matches(key, 'confirm'))) {
      onCancel();
      return true;
    }
    return state.kind !== 'ready';
  }, {active: active && state.kind !== 'ready', priority: PRIORITY.modal});

  if (state.kind === 'loading') return <Spinner label={t('pkcs11.card.loading')} />;
  if (state.kind === 'failed') {
    return (
      <Box flexDirection="column">
        <Text color={theme.error} wrap="wrap">{`✗ ${state.error}`}</Text>
        <Text color={theme.muted}>{t('pkcs11.card.back')}</Text>
      </Box>
    );
  }
  const {certs} = state;
  const choices = Object.fromEntries(certs.map((c, i) => [String(i + 1), clean(c.info.subjectAttrs.CN?.[0] ?? c.info.subject).slice(0, 40)]));
  const fields: FieldSpec[] = [
    ...(certs.length > 1 ? [{id: 'cert', kind: 'code', label: t('pkcs11.card.which'), options: choices, default: '1'} as FieldSpec] : []),
    {id: 'pin', kind: 'password', label: t('pkcs11.card.pin'), maxLength: 64},
  ];
  return (
    <Box flexDirection="column">
      <Text bold>{t('pkcs11.card.title', {token: clean(certs[0].token)})}</Text>
      {certs.map((c, i) => (
        <Box key={c.id + i} flexDirection="column" marginTop={1}>
          <Text wrap="truncate">{`${certs.length > 1 ? `${i + 1}. ` : ''}${t('pkcs11.card.subject')}: ${clean(c.info.subject)}`}</Text>
          <Text color={theme.muted} wrap="truncate">{`${t('pkcs11.card.issuer')}: ${clean(c.info.issuer)}; ${t('pkcs11.card.valid')} ${warsawDate(c.info.notBefore)} – ${warsawDate(c.info.notAfter)}; ${t('pkcs11.card.serial', {serial: c.info.serial})}`}</Text>
        </Box>
      ))}
      {state.error ? <Text color={theme.error} wrap="wrap">{`✗ ${state.error}`}</Text> : null}
      {state.signing ? <Spinner label={t('pkcs11.card.signing')} /> : (
        <Box marginTop={1}>
          <Form
            fields={fields}
            active={active}
            labelWidth={18}
            onCancel={onCancel}
            onSubmit={(v) => {
              const cert = certs[Number(v.cert ?? '1') - 1] ?? certs[0];
              const pin = v.pin;
              dispatch({type: 'signing'});
              signing.signWithCard({module, label: cert.token, pin: () => pin}, cert, file)
                .then(
                  (bytes) => mounted.current && onSigned(bytes),
                  (e) => mounted.current && dispatch({type: 'signFailed', error: userMessage(e, t).text}),
                );
            }}
          />
        </Box>
      )}
      <Text color={theme.muted}>{t('pkcs11.card.keys')}</Text>
    </Box>
  );
}
