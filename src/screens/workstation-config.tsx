// [A-1-5-2] Konfiguracja stanowiska, keyed by the host name (shown above the form). Missing folders are created on
// save; a folder that cannot be created keeps the form with a Polish message and nothing is saved.
import React, {useEffect, useMemo, useReducer} from 'react';
import {Box} from 'ink';
import {Text} from '../tui/text.js';
import type {WorkstationConfig} from '../domain/index.js';
import {SIGN_COMMAND_EXAMPLE, maySetSignCommand, signCommandProblem} from '../flows/config.js';
import {warsawDateTime} from '../domain/index.js';
import {userMessage} from '../flows/errors.js';
import {conflictText} from './conflict.js';
import {useAppContext, useOperator} from './shell/context.js';
import {Form, type FieldSpec, type FormValues} from '../tui/form/index.js';
import {theme} from '../tui/theme.js';
import type {ScreenProps} from './types.js';
import {useTerminalSize} from '../tui/use-terminal-size.js';
import {bodySize} from '../tui/layout.js';
import {configReducer, initialConfig, type ConfigState, type ConfigMsg} from './config-reducer.js';

const LANG_CODE: Record<WorkstationConfig['lang'], string> = {pl: 'P', en: 'E'};
const LANG_OF: Record<string, WorkstationConfig['lang']> = {P: 'pl', E: 'en'};

const valuesOf = (ws: WorkstationConfig): FormValues => ({
  signFolder: ws.signFolder, signCommand: ws.signCommand, exportFolder: ws.exportFolder, lang: LANG_CODE[ws.lang] ?? 'P',
  pkcs11Module: ws.pkcs11Module ?? '', pkcs11Token: ws.pkcs11Token ?? '',
});

export function WorkstationConfigScreen({active, nav}: ScreenProps) {
  const {services, t, workstation} = useAppContext();
  const operator = useOperator();
  const size = useTerminalSize();
  const [s, dispatch] = useReducer(
    configReducer as (s: ConfigState<WorkstationConfig>, m: ConfigMsg<WorkstationConfig>) => ConfigState<WorkstationConfig>,
    undefined, () => initialConfig<WorkstationConfig>(),
  );
  const {saved, status, busy} = s;

  useEffect(() => {
    services.config.workstation().then(ws => dispatch({type: 'loaded', saved: ws}), e => dispatch({type: 'failed', text: userMessage(e, t).text}));
  }, [services, t]);

  // Operators see the command greyed (the flow refuses a change anyway): it runs for everyone who presses K.
  const admin = maySetSignCommand(operator);
  const fields = useMemo<FieldSpec[]>(() => [
    {id: 'signFolder', kind: 'path', label: t('wsCfg.field.signFolder'), target: 'dir', width: 48},
    {id: 'signCommand', kind: 'text', label: t('wsCfg.field.signCommand'), required: false, maxLength: 400, width: 48,
      hint: admin ? t('wsCfg.commandHint', {file: '{file}', dir: '{dir}'}) : t('wsCfg.commandAdminOnly'), validate: v => signCommandProblem(v), disabled: () => !admin},
    {id: 'exportFolder', kind: 'path', label: t('wsCfg.field.exportFolder'), target: 'dir', width: 48},
    // The language choice is the kit's select (ink-select-input): ↑↓ and Enter, or the letter.
    {id: 'lang', kind: 'select', list: true, label: t('wsCfg.field.lang'),
      options: [{value: 'P', label: t('wsCfg.lang.P')}, {value: 'E', label: t('wsCfg.lang.E')}]},
    {id: 'pkcs11Module', kind: 'path', label: t('pkcs11.field.module'), target: 'file', extensions: ['.so', '.dylib', '.dll'], required: false, width: 48,
      hint: admin ? t('pkcs11.field.moduleHint') : t('pkcs11.moduleAdminOnly'), disabled: () => !admin},
    {id: 'pkcs11Token', kind: 'text', label: t('pkcs11.field.token'), required: false, maxLength: 32, width: 32},
  ], [t, admin]);

  if (!saved) return <Text color={status ? theme.error : theme.muted}>{status?.lines[0] ?? t('config.loading')}</Text>;

  const onSubmit = (v: FormValues) => {
    if (busy) return;
    dispatch({type: 'saving', text: t('config.saving')});
    const ws: WorkstationConfig = {
      host: workstation, signFolder: v.signFolder, signCommand: v.signCommand, exportFolder: v.exportFolder, lang: LANG_OF[v.lang] ?? 'pl',
      pkcs11Module: v.pkcs11Module, pkcs11Token: v.pkcs11Token,
    };
    // `saved` is what this form loaded: a save made elsewhere since then is refused instead of reverted.
    services.config.saveWorkstation(ws, saved)
      .then(({config, created}) => {
        const lines = [t('wsCfg.saved', {host: workstation}), ...created.map(p => t('wsCfg.created', {path: p}))];
        // The app's language is fixed for the session (App takes it as a prop), so a change applies at next start.
        if (config.lang !== saved.lang) lines.push(t('wsCfg.langNextStart'));
        dispatch({type: 'reloaded', saved: config, values: valuesOf(config), lines, tone: 'ok'});
      })
      .catch(async e => {
        const conflict = conflictText(e, t);
        if (!conflict) {
          dispatch({type: 'refused', text: userMessage(e, t).text});
          return;
        }
        const fresh = await services.config.workstation().catch(() => saved);
        dispatch({type: 'reloaded', saved: fresh, values: valuesOf(fresh), lines: [conflict], tone: 'error'});
      });
  };

  // At 80×24 the form, its notes, the example and the status must fit the body: the key legend of the form (also
  // in F1) and the spacing go first.
  const roomy = bodySize(size).rows >= 24;
  return (
    <Box flexDirection="column">
      <Box marginBottom={roomy ? 1 : 0}><Text bold>{t('wsCfg.host', {host: workstation})}</Text></Box>
      <Form
        key={s.formKey}
        fields={fields}
        initialValues={s.typed ?? valuesOf(saved)}
        active={active && !busy}
        onChange={values => dispatch({type: 'typed', values})}
        onSubmit={onSubmit}
        onCancel={nav.back}
        labelWidth={30}
        showKeys={roomy}
      />
      {admin ? null : <Text color={theme.muted} wrap="wrap">{t('rights.signCommandAdminOnly')}</Text>}
      {saved.signCommandSetBy ? <Text color={theme.muted} wrap="wrap">{t('wsCfg.commandSetBy', {by: saved.signCommandSetBy, at: saved.signCommandSetAt ? warsawDateTime(new Date(saved.signCommandSetAt)) : '—'})}</Text> : null}
      <Box marginTop={roomy ? 1 : 0}><Text color={theme.muted} wrap="wrap">{t('wsCfg.example', {example: SIGN_COMMAND_EXAMPLE})}</Text></Box>
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
