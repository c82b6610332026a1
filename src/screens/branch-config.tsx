// [A-1-5-1] Konfiguracja oddziału. An admin picks any branch (the form follows the choice) and saves with F2 or
// Enter on the last field; an ordinary operator sees their own branch's configuration read-only.
import React, {useEffect, useMemo, useReducer} from 'react';
import {Box} from 'ink';
import {Text} from '../tui/text.js';
import type {Branch, BranchConfig, EnvCode} from '../domain/index.js';
import {
  AUTH_METHOD_CODES, CONTEXT_TYPE_CODES, authMethodCode, checkApiUrl, contextTypeCode, internalIdProblem,
} from '../flows/config.js';
import {userMessage} from '../flows/errors.js';
import {conflictText} from './conflict.js';
import {useAppContext, useLegend, useOperator, withLegend} from './shell/context.js';
import {Form, type FieldSpec, type FormValues} from '../tui/form/index.js';
import type {MessageKey, Translate} from '../i18n/index.js';
import {theme} from '../tui/theme.js';
import type {ScreenProps} from './types.js';
import {configReducer, initialConfig, type ConfigMsg, type ConfigState} from './config-reducer.js';

const valuesOf = (b: Branch): FormValues => ({
  branch: b.code,
  env: b.config.defaultEnv,
  auth: authMethodCode(b.config.authMethod),
  ctxType: contextTypeCode(b.config.contextType),
  ctxValue: b.config.contextValue ?? '',
  apiUrl: b.config.apiUrl ?? '',
});

const options = (t: Translate, prefix: string, codes: readonly string[]): Record<string, string> =>
  Object.fromEntries(codes.map(c => [c, t(`${prefix}.${c}` as MessageKey)]));

interface Loaded {
  branches: Branch[];
  companyNip: string;
}

export function BranchConfigScreen({active, nav}: ScreenProps) {
  const {services, t} = useAppContext();
  const operator = useOperator();
  const isAdmin = operator.role === 'admin' && !operator.disabled;
  const [s, dispatch] = useReducer(
    configReducer as (s: ConfigState<Loaded>, m: ConfigMsg<Loaded>) => ConfigState<Loaded>,
    undefined, () => initialConfig<Loaded>(),
  );
  const data = s.saved;
  // An ordinary operator sees the configuration read-only: F2 does nothing there, so the footer does not offer it.
  const legend = useLegend(isAdmin ? undefined : ['help', 'back', 'quit'], active);
  const status = s.status;
  const busy = s.busy;

  useEffect(() => {
    services.config.branches().then(saved => dispatch({type: 'loaded', saved}), e => dispatch({type: 'failed', text: userMessage(e, t).text}));
  }, [services, t]);

  const branches = data?.branches;
  const fields = useMemo<FieldSpec[] | undefined>(() => {
    if (!data) return undefined;
    const example = `${data.companyNip || '1111111111'}-00001`;
    return [
      {id: 'branch', kind: 'select', label: t('branchCfg.field.branch'),
        options: data.branches.map(b => ({value: b.code, label: b.name}))},
      {id: 'env', kind: 'code', label: t('branchCfg.field.env'), options: options(t, 'branchCfg.env', ['D', 'P', 'T'])},
      {id: 'auth', kind: 'code', label: t('branchCfg.field.auth'), options: options(t, 'branchCfg.auth', Object.keys(AUTH_METHOD_CODES))},
      {id: 'pzNote', kind: 'readonly', label: t('branchCfg.note'), text: t('branchCfg.pzNote'), hidden: v => v.auth !== 'Z'},
      {id: 'ctxType', kind: 'code', label: t('branchCfg.field.ctxType'), options: options(t, 'branchCfg.ctx', Object.keys(CONTEXT_TYPE_CODES))},
      {id: 'ctxValue', kind: 'text', label: t('branchCfg.field.ctxValue'), maxLength: 16, hidden: v => v.ctxType !== 'W',
        hint: t('branchCfg.ctxValueHint', {example}), validate: v => internalIdProblem(v, data.companyNip)},
      {id: 'apiUrl', kind: 'text', label: t('branchCfg.field.apiUrl'), required: false, maxLength: 300, width: 44,
        hint: v => checkApiUrl(v).warning ?? (v ? undefined : t('branchCfg.apiUrlHint')), validate: v => checkApiUrl(v).error},
    ];
  }, [data, t]);

  // Choosing another branch loads its configuration into the form.
  const derive = useMemo(() => (v: FormValues, changed: string): Partial<FormValues> | undefined => {
    if (changed !== 'branch') return undefined;
    const b = branches?.find(x => x.code === v.branch);
    return b ? valuesOf(b) : undefined;
  }, [branches]);

  if (!data || !fields) {
    return withLegend(legend, <Text color={status ? theme.error : theme.muted}>{status?.lines[0] ?? t('config.loading')}</Text>);
  }
  if (data.branches.length === 0) return withLegend(legend, <Text color={theme.warning}>{t('branchCfg.noBranches')}</Text>);

  if (!isAdmin) {
    const own = data.branches.find(b => b.code === operator.branch);
    return withLegend(legend, <ReadOnlyView branch={own} t={t} />);
  }

  const onSubmit = (v: FormValues) => {
    if (busy) return;
    dispatch({type: 'saving', text: t('config.saving')});
    const config: Partial<BranchConfig> & {contextValue?: string} = {
      defaultEnv: v.env as EnvCode,
      authMethod: AUTH_METHOD_CODES[v.auth],
      contextType: CONTEXT_TYPE_CODES[v.ctxType],
      contextValue: v.ctxValue,
      apiUrl: v.apiUrl,
    };
    // The configuration as this form loaded it: a different one in the store means someone else saved meanwhile.
    const expected = data.branches.find(b => b.code === v.branch)?.config;
    const fresh = async (lines: string[], tone: 'ok' | 'error' | 'warning') => {
      const loaded = await services.config.branches();
      const b = loaded.branches.find(x => x.code === v.branch);
      dispatch({type: 'reloaded', saved: loaded, values: b ? valuesOf(b) : v, lines, tone});
    };
    services.config.saveBranch(v.branch, config as Required<typeof config>, expected)
      .then(({warning}) => fresh([`${t('branchCfg.saved', {code: v.branch})}${warning ? ` ${warning}` : ''}`], warning ? 'warning' : 'ok'))
      .catch(async e => {
        const conflict = conflictText(e, t);
        if (conflict) await fresh([conflict], 'error').catch(() => dispatch({type: 'refused', text: conflict}));
        else dispatch({type: 'refused', text: userMessage(e, t).text});
      });
  };

  const first = data.branches.find(b => b.code === operator.branch) ?? data.branches[0];
  return withLegend(legend, (
    <Box flexDirection="column">
      <Form
        key={s.formKey}
        fields={fields}
        initialValues={s.typed ?? valuesOf(first)}
        active={active && !busy}
        derive={derive}
        onChange={values => dispatch({type: 'typed', values})}
        onSubmit={onSubmit}
        onCancel={nav.back}
        labelWidth={28}
      />
      {status ? (
        <Box marginTop={1}>
          <Text color={status.tone === 'ok' ? theme.ok : status.tone === 'error' ? theme.error : theme.warning} wrap="wrap">
            {status.tone === 'error' ? `✗ ${status.lines.join(' ')}` : status.lines.join(' ')}
          </Text>
        </Box>
      ) : null}
    </Box>
  ));
}

function ReadOnlyView({branch, t}: {branch: Branch | undefined; t: Translate}) {
  if (!branch) return <Text color={theme.warning}>{t('branchCfg.noBranches')}</Text>;
  const c = branch.config;
  const auth = authMethodCode(c.authMethod);
  const ctx = contextTypeCode(c.contextType);
  const row = (label: MessageKey, value: string) => (
    <Box key={label}>
      <Box width={28} flexShrink={0}><Text>{`  ${t(label)}`}</Text></Box>
      <Text wrap="wrap">{value}</Text>
    </Box>
  );
  return (
    <Box flexDirection="column">
      <Box marginBottom={1}><Text color={theme.warning} wrap="wrap">{t('branchCfg.readOnly')}</Text></Box>
      {row('branchCfg.field.branch', `${branch.code} — ${branch.name}`)}
      {row('branchCfg.field.env', `${c.defaultEnv}  ${t(`branchCfg.env.${c.defaultEnv}` as MessageKey)}`)}
      {row('branchCfg.field.auth', `${auth}  ${t(`branchCfg.auth.${auth}` as MessageKey)}`)}
      {auth === 'Z' ? row('branchCfg.note', t('branchCfg.pzNote')) : null}
      {row('branchCfg.field.ctxType', `${ctx}  ${t(`branchCfg.ctx.${ctx}` as MessageKey)}${c.contextValue ? `: ${c.contextValue}` : ''}`)}
      {row('branchCfg.field.apiUrl', c.apiUrl ?? t('branchCfg.default'))}
    </Box>
  );
}
