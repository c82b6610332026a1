// [A-1-5-8] → F6: checks a KOD I / KOD II link pasted from an invoice (src/ksef/qr-verify.ts): each check with its
// result, a reason for each failure. Certificate from a file, the store, or KSeF's (simulator's) QR page.
import React, {useMemo, useRef, useState} from 'react';
import {readFileSync} from 'node:fs';
import {Box} from 'ink';
import {Text} from '../tui/text.js';
import {userMessage} from '../flows/errors.js';
import {describeVerification, verifyQr} from '../flows/verify-qr.js';
import {useAppContext} from './shell/context.js';
import {PRIORITY, useKeys} from '../tui/keys/KeyProvider.js';
import {Form, type FieldSpec, type FormValues} from '../tui/form/index.js';
import {theme} from '../tui/theme.js';
import {FormError} from '../tui/components/FormError.js';
import type {ScreenProps} from './types.js';

type Phase = {kind: 'form'; error?: string} | {kind: 'busy'} | {kind: 'result'; headline: string; valid: boolean; lines: Array<{ok: boolean | null; text: string}>};

/** Text from outside (the link's parts) is drawn: no control characters. */
const clean = (s: string): string => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');

export function VerifyQrScreen({active, nav}: ScreenProps) {
  const {store, gateway, t} = useAppContext();
  const [phase, setPhase] = useState<Phase>({kind: 'form'});
  const [formKey, setFormKey] = useState(0);
  const typed = useRef<FormValues>({});

  const fields = useMemo<FieldSpec[]>(() => [
    {id: 'link', kind: 'text', label: t('verify.field.link'), maxLength: 2000, width: 48},
    {id: 'invoice', kind: 'path', label: t('verify.field.invoice'), target: 'file', extensions: ['.xml'], mustExist: true, required: false, hint: t('verify.hint.optional'), width: 48},
    {id: 'cert', kind: 'path', label: t('verify.field.cert'), target: 'file', extensions: ['.crt', '.cer', '.pem', '.der'], mustExist: true, required: false, hint: t('verify.hint.optional'), width: 48},
  ], [t]);

  const onSubmit = (v: FormValues) => {
    setPhase({kind: 'busy'});
    void (async () => {
      try {
        const r = await verifyQr({store, gateway}, {
          link: v.link, invoice: v.invoice ? readFileSync(v.invoice) : undefined, certificate: v.cert ? readFileSync(v.cert) : undefined,
        });
        const d = describeVerification(r, t);
        setPhase({kind: 'result', valid: r.valid, headline: d.headline, lines: d.lines});
      } catch (e) {
        setPhase({kind: 'form', error: userMessage(e, t).text});
        setFormKey((k) => k + 1);
      }
    })();
  };

  useKeys((key) => {
    if (phase.kind === 'busy') return true;
    if (phase.kind !== 'result') return false;
    if (key.name === 'escape' || key.name === 'enter') {
      setPhase({kind: 'form'});
      setFormKey((k) => k + 1);
      return true;
    }
    return false;
  }, {active: active && phase.kind !== 'form', priority: PRIORITY.modal});

  if (phase.kind === 'busy') return <Text color={theme.muted}>{t('verify.busy')}</Text>;
  if (phase.kind === 'result') {
    return (
      <Box flexDirection="column">
        <Text bold color={phase.valid ? theme.ok : theme.error}>{phase.headline}</Text>
        {phase.lines.map((l, i) => (
          <Text key={i} wrap="wrap" color={l.ok === false ? theme.error : l.ok === true ? undefined : theme.muted}>
            {`${l.ok === true ? '✓' : l.ok === false ? '✗' : '·'} ${clean(l.text)}`}
          </Text>
        ))}
        <Box marginTop={1}><Text color={theme.muted}>{t('verify.keys.result')}</Text></Box>
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <FormError message={phase.error} />
      <Form
        key={formKey}
        fields={fields}
        initialValues={typed.current}
        active={active}
        onChange={(v) => (typed.current = v)}
        onSubmit={onSubmit}
        onCancel={nav.back}
        labelWidth={26}
        valueWidth={48}
      />
    </Box>
  );
}
