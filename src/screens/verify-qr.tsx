// [A-1-5-8] → F6: checks a KOD I / KOD II link pasted from an invoice (src/ksef/qr-verify.ts): each check with its
// result, a reason for each failure. Certificate from a file, the store, or KSeF's (simulator's) QR page.
import React, {useMemo, useReducer} from 'react';
import {Box} from 'ink';
import {Text} from '../tui/text.js';
import {userMessage} from '../flows/errors.js';
import {describeVerification} from '../flows/verify-qr.js';
import {useAppContext, useLegend, withLegend} from './shell/context.js';
import {PRIORITY, useKeys} from '../tui/keys/KeyProvider.js';
import {matches} from '../tui/keys/keymap.js';
import type {FieldSpec, FormValues} from '../tui/form/index.js';
import {theme} from '../tui/theme.js';
import {FormPage, formBack, initialFormPage, type FormPageState} from './form-page.js';
import type {ScreenProps} from './types.js';

type Phase = {kind: 'form'} | {kind: 'busy'} | {kind: 'result'; headline: string; valid: boolean; lines: Array<{ok: boolean | null; text: string}>};
interface State {
  phase: Phase;
  form: FormPageState;
}
type Event =
  | {type: 'typed'; values: FormValues}
  | {type: 'busy'}
  | {type: 'result'; headline: string; valid: boolean; lines: Array<{ok: boolean | null; text: string}>}
  | {type: 'back'; error?: string};

export function verifyReducer(s: State, e: Event): State {
  switch (e.type) {
    case 'typed': return {...s, form: {...s.form, values: e.values}};
    case 'busy': return {...s, phase: {kind: 'busy'}};
    case 'result': return {...s, phase: {kind: 'result', headline: e.headline, valid: e.valid, lines: e.lines}};
    case 'back': return {phase: {kind: 'form'}, form: formBack(s.form, e.error)};
  }
}

/** Text from outside (the link's parts) is drawn: no control characters. */
const clean = (s: string): string => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');

export function VerifyQrScreen({active, nav}: ScreenProps) {
  const {services, t} = useAppContext();
  const [s, dispatch] = useReducer(verifyReducer, {phase: {kind: 'form'}, form: initialFormPage()});
  const {phase} = s;
  const legend = useLegend(phase.kind === 'form' ? undefined : phase.kind === 'busy' ? [] : ['help', 'back', 'quit'], active);

  const fields = useMemo<FieldSpec[]>(() => [
    {id: 'link', kind: 'text', label: t('verify.field.link'), maxLength: 2000, width: 48},
    {id: 'invoice', kind: 'path', label: t('verify.field.invoice'), target: 'file', extensions: ['.xml'], mustExist: true, required: false, hint: t('verify.hint.optional'), width: 48},
    {id: 'cert', kind: 'path', label: t('verify.field.cert'), target: 'file', extensions: ['.crt', '.cer', '.pem', '.der'], mustExist: true, required: false, hint: t('verify.hint.optional'), width: 48},
  ], [t]);

  const onSubmit = (v: FormValues) => {
    dispatch({type: 'busy'});
    services.qr.verify({link: v.link, invoicePath: v.invoice || undefined, certPath: v.cert || undefined}).then(
      (r) => dispatch({type: 'result', valid: r.valid, ...describeVerification(r, t)}),
      (e) => dispatch({type: 'back', error: userMessage(e, t).text}),
    );
  };

  useKeys((key) => {
    if (phase.kind === 'busy') return true;
    if (phase.kind !== 'result') return false;
    if (matches(key, 'back') || matches(key, 'confirm')) {
      dispatch({type: 'back'});
      return true;
    }
    return false;
  }, {active: active && phase.kind !== 'form', priority: PRIORITY.modal});

  if (phase.kind === 'busy') return withLegend(legend, <Text color={theme.muted}>{t('verify.busy')}</Text>);
  if (phase.kind === 'result') {
    return withLegend(legend, (
      <Box flexDirection="column">
        <Text bold color={phase.valid ? theme.ok : theme.error}>{phase.headline}</Text>
        {phase.lines.map((l, i) => (
          <Text key={i} wrap="wrap" color={l.ok === false ? theme.error : l.ok === true ? undefined : theme.muted}>
            {`${l.ok === true ? '✓' : l.ok === false ? '✗' : '·'} ${clean(l.text)}`}
          </Text>
        ))}
        <Box marginTop={1}><Text color={theme.muted}>{t('verify.keys.result')}</Text></Box>
      </Box>
    ));
  }
  return withLegend(legend, <FormPage page={s.form} fields={fields} active={active} onChange={(v) => dispatch({type: 'typed', values: v})} onSubmit={onSubmit} onCancel={nav.back} valueWidth={48} />);
}
