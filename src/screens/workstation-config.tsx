// [A-1-5-2] Konfiguracja stanowiska, keyed by the host name (shown above the form). Missing folders are created on
// save; a folder that cannot be created keeps the form with a Polish message and nothing is saved.
import React, {useEffect, useMemo, useRef, useState} from 'react';
import {Box} from 'ink';
import {Text} from '../tui/text.js';
import type {WorkstationConfig} from '../domain/index.js';
import {SIGN_COMMAND_EXAMPLE, maySetSignCommand, saveWorkstationConfiguration, signCommandProblem} from '../flows/config.js';
import {warsawDateTime} from '../domain/index.js';
import {userMessage} from '../flows/errors.js';
import {conflictText} from './conflict.js';
import {useAppContext, useOperator} from './shell/context.js';
import {Form, type FieldSpec, type FormValues} from '../tui/form/index.js';
import {theme} from '../tui/theme.js';
import type {ScreenProps} from './types.js';

const LANG_CODE: Record<WorkstationConfig['lang'], string> = {pl: 'P', en: 'E'};
const LANG_OF: Record<string, WorkstationConfig['lang']> = {P: 'pl', E: 'en'};

const valuesOf = (ws: WorkstationConfig): FormValues => ({
  signFolder: ws.signFolder, signCommand: ws.signCommand, exportFolder: ws.exportFolder, lang: LANG_CODE[ws.lang] ?? 'P',
  pkcs11Module: ws.pkcs11Module ?? '', pkcs11Token: ws.pkcs11Token ?? '',
});

type Status = {lines: string[]; tone: 'ok' | 'error' | 'muted'} | undefined;

export function WorkstationConfigScreen({active, nav}: ScreenProps) {
  const {store, t, workstation} = useAppContext();
  const operator = useOperator();
  const [saved, setSaved] = useState<WorkstationConfig | undefined>();
  const [status, setStatus] = useState<Status>();
  const [busy, setBusy] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const typed = useRef<FormValues | undefined>(undefined);

  useEffect(() => {
    store.workstation(workstation).then(setSaved, e => setStatus({lines: [userMessage(e).text], tone: 'error'}));
  }, [store, workstation]);

  // Operators see the command greyed (the flow refuses a change anyway): it runs for everyone who presses K.
  const admin = maySetSignCommand(operator);
  const fields = useMemo<FieldSpec[]>(() => [
    {id: 'signFolder', kind: 'path', label: t('wsCfg.field.signFolder'), target: 'dir', width: 48},
    {id: 'signCommand', kind: 'text', label: t('wsCfg.field.signCommand'), required: false, maxLength: 400, width: 48,
      hint: admin ? t('wsCfg.commandHint', {file: '{file}', dir: '{dir}'}) : t('wsCfg.commandAdminOnly'), validate: v => signCommandProblem(v), disabled: () => !admin},
    {id: 'exportFolder', kind: 'path', label: t('wsCfg.field.exportFolder'), target: 'dir', width: 48},
    {id: 'lang', kind: 'code', label: t('wsCfg.field.lang'), options: {P: t('wsCfg.lang.P'), E: t('wsCfg.lang.E')}},
    {id: 'pkcs11Module', kind: 'path', label: t('pkcs11.field.module'), target: 'file', extensions: ['.so', '.dylib', '.dll'], required: false, width: 48,
      hint: admin ? t('pkcs11.field.moduleHint') : t('pkcs11.moduleAdminOnly'), disabled: () => !admin},
    {id: 'pkcs11Token', kind: 'text', label: t('pkcs11.field.token'), required: false, maxLength: 32, width: 32},
  ], [t, admin]);

  if (!saved) return <Text color={status ? theme.error : theme.muted}>{status?.lines[0] ?? t('config.loading')}</Text>;

  const onSubmit = (v: FormValues) => {
    if (busy) return;
    setBusy(true);
    setStatus({lines: [t('config.saving')], tone: 'muted'});
    const ws: WorkstationConfig = {
      host: workstation, signFolder: v.signFolder, signCommand: v.signCommand, exportFolder: v.exportFolder, lang: LANG_OF[v.lang] ?? 'pl',
      pkcs11Module: v.pkcs11Module, pkcs11Token: v.pkcs11Token,
    };
    // `saved` is what this form loaded: a save made elsewhere since then is refused instead of reverted.
    saveWorkstationConfiguration({store, operator, workstation}, ws, {expected: saved})
      .then(({config, created}) => {
        const lines = [`${t('config.saved')} ${t('wsCfg.saved', {host: workstation})}`, ...created.map(p => t('wsCfg.created', {path: p}))];
        // The app's language is fixed for the session (App takes it as a prop), so a change applies at next start.
        if (config.lang !== saved.lang) lines.push(t('wsCfg.langNextStart'));
        setSaved(config);
        typed.current = valuesOf(config);
        setFormKey(k => k + 1);
        setStatus({lines, tone: 'ok'});
      })
      .catch(async e => {
        const conflict = conflictText(e, t);
        if (conflict) {
          const fresh = await store.workstation(workstation).catch(() => saved);
          setSaved(fresh);
          typed.current = valuesOf(fresh);
          setFormKey(k => k + 1);
        }
        setStatus({lines: [conflict ?? userMessage(e, t).text], tone: 'error'});
      })
      .finally(() => setBusy(false));
  };

  return (
    <Box flexDirection="column">
      <Box marginBottom={1}><Text bold>{t('wsCfg.host', {host: workstation})}</Text></Box>
      <Form
        key={formKey}
        fields={fields}
        initialValues={typed.current ?? valuesOf(saved)}
        active={active && !busy}
        onChange={v => (typed.current = v)}
        onSubmit={onSubmit}
        onCancel={nav.back}
        labelWidth={30}
      />
      {admin ? null : <Text color={theme.muted} wrap="wrap">{t('rights.signCommandAdminOnly')}</Text>}
      {saved.signCommandSetBy ? <Text color={theme.muted} wrap="wrap">{t('wsCfg.commandSetBy', {by: saved.signCommandSetBy, at: saved.signCommandSetAt ? warsawDateTime(new Date(saved.signCommandSetAt)) : '—'})}</Text> : null}
      <Box marginTop={1}><Text color={theme.muted} wrap="wrap">{t('wsCfg.example', {example: SIGN_COMMAND_EXAMPLE})}</Text></Box>
      {status ? (
        <Box flexDirection="column">
          {status.lines.map((l, i) => (
            <Text key={i} wrap="wrap" color={status.tone === 'ok' ? theme.ok : status.tone === 'error' ? theme.error : theme.muted}>
              {status.tone === 'error' ? `✗ ${l}` : l}
            </Text>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}
