// [A-1-5-5] Operatorzy. An admin sees every operator in the windowed table: Enter edits, F3/Insert adds. An
// ordinary operator sees only their own entry, and Enter opens the own-password form (current password required).
// Store refusals (last admin, password policy) come back as Polish text above the form, typed values kept.
import React, {useEffect, useMemo, useReducer} from 'react';
import {Box} from 'ink';
import {Text} from '../tui/text.js';
import type {Operator} from '../domain/index.js';
import {userMessage} from '../flows/errors.js';
import {conflictText} from './conflict.js';
import {useAppContext, useLegend, useOperator, withLegend} from './shell/context.js';
import {PRIORITY, useKeys} from '../tui/keys/KeyProvider.js';
import {matches} from '../tui/keys/keymap.js';
import {Form, type FieldSpec, type FormValues} from '../tui/form/index.js';
import {Table, type Column} from '../tui/table/index.js';
import type {Translate} from '../i18n/index.js';
import {theme} from '../tui/theme.js';
import type {ScreenProps} from './types.js';
import {initialOperators, operatorsReducer, type OperatorsMode} from './operators-reducer.js';


/** Form field a refusal belongs to (focus goes there when the form comes back). */
const FIELD_OF: Record<string, string> = {oldPassword: 'old', password: 'password', code: 'code', pesel: 'pesel'};

function columnsOf(t: Translate): Column<Operator>[] {
  return [
    {id: 'code', header: t('ops.col.code'), width: 16, render: o => o.code},
    {id: 'name', header: t('ops.col.name'), width: 28, render: o => o.name},
    {id: 'role', header: t('ops.col.role'), width: 14, render: o => t(o.role === 'admin' ? 'ops.role.admin' : 'ops.role.operator')},
    {id: 'branch', header: t('ops.col.branch'), width: 12, render: o => o.branch},
    {id: 'disabled', header: t('ops.col.disabled'), width: 8, render: o => (o.disabled ? t('ops.yes') : t('ops.no')),
      color: o => (o.disabled ? theme.muted : undefined)},
  ];
}

export function OperatorsScreen({active, nav}: ScreenProps) {
  const {services, t} = useAppContext();
  const me = useOperator();
  const isAdmin = me.role === 'admin' && !me.disabled;
  const [s, dispatch] = useReducer(operatorsReducer, initialOperators);
  const {mode, status, busy} = s;
  const columns = useMemo(() => columnsOf(t), [t]);
  // The footer names the keys that work: F3 on the list (admins), F2 in a form.
  const listMode = mode.kind === 'list';
  const legend = useLegend(listMode ? (isAdmin ? undefined : ['help', 'back', 'quit']) : ['save', 'help', 'back', 'quit'], active);

  const reload = () => services.operators.list().then(({operators, branches}) => dispatch({type: 'loaded', ops: operators, branches}));
  useEffect(() => {
    reload().catch(e => dispatch({type: 'failed', text: userMessage(e, t).text}));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [services]);

  const open = (m: OperatorsMode) => dispatch({type: 'open', mode: m});
  const select = (op: Operator) => {
    if (isAdmin) open({kind: 'edit', op});
    else if (op.code === me.code) open({kind: 'password'});
    else dispatch({type: 'failed', text: t('ops.forbidden')});
  };

  useKeys(key => {
    if (!matches(key, 'add')) return false;
    if (isAdmin) open({kind: 'new'});
    else dispatch({type: 'failed', text: t('ops.forbidden')});
    return true;
  }, {active: active && mode.kind === 'list', priority: PRIORITY.screen});

  const fields = useMemo<FieldSpec[]>(() => {
    if (mode.kind === 'password') {
      const list: FieldSpec[] = [
        {id: 'old', kind: 'password', label: t('ops.field.oldPassword')},
        {id: 'password', kind: 'password', label: t('ops.field.password'), policy: true},
        {id: 'repeat', kind: 'password', label: t('ops.field.repeat'), confirmOf: 'password'},
      ];
      return list;
    }
    const isNew = mode.kind === 'new';
    const list: FieldSpec[] = [
      isNew
        ? {id: 'code', kind: 'text', label: t('ops.field.code'), maxLength: 16, upperCase: true, hint: t('ops.codeHint')}
        : {id: 'code', kind: 'readonly', label: t('ops.field.code')},
      {id: 'name', kind: 'text', label: t('ops.field.name'), maxLength: 100},
      {id: 'role', kind: 'code', label: t('ops.field.role'), options: {A: t('ops.roleCode.A'), O: t('ops.roleCode.O')}},
      {id: 'branch', kind: 'select', label: t('ops.field.branch'), options: s.branches.map(b => ({value: b.code, label: b.name}))},
      {id: 'disabled', kind: 'code', label: t('ops.field.disabled'), options: {T: t('ops.disabledCode.T'), N: t('ops.disabledCode.N')}},
      {id: 'pwNote', kind: 'readonly', label: '', text: t('ops.passwordHint'), hidden: () => isNew},
      {id: 'password', kind: 'password', label: t('ops.field.password'), policy: true, required: isNew},
      {id: 'repeat', kind: 'password', label: t('ops.field.repeat'), confirmOf: 'password', required: isNew},
      {id: 'pesel', kind: 'text', label: t('ops.field.pesel'), required: false, maxLength: 11},
    ];
    return list;
  }, [mode, s.branches, t]);

  const initial = (): Partial<FormValues> => {
    if (s.typed) return s.typed;
    if (mode.kind === 'edit') {
      const o = mode.op;
      return {code: o.code, name: o.name, role: o.role === 'admin' ? 'A' : 'O', branch: o.branch, disabled: o.disabled ? 'T' : 'N', pesel: o.pesel ?? ''};
    }
    if (mode.kind === 'new') return {role: 'O', disabled: 'N', branch: me.branch};
    return {};
  };

  const onSubmit = (v: FormValues) => {
    if (busy) return;
    dispatch({type: 'saving'});
    const finish = (text: string) => {
      reload().catch(() => undefined);
      dispatch({type: 'saved', text});
    };
    const refused = async (e: unknown) => {
      const conflict = conflictText(e, t);
      if (conflict) {
        // Changed elsewhere since the form opened: show the current record instead of the stale one.
        const fresh = mode.kind === 'edit' ? await services.operators.one(mode.op.code).catch(() => undefined) : undefined;
        dispatch({type: 'conflict', text: conflict, fresh});
        return;
      }
      const m = userMessage(e, t);
      dispatch({type: 'refused', text: m.text, focus: FIELD_OF[String(m.code)]});
    };
    const code = (mode.kind === 'edit' ? mode.op.code : v.code ?? '').toUpperCase();
    const job = mode.kind === 'password'
      ? services.operators.changeOwnPassword(v.old, v.password, v.repeat).then(() => finish(t('ops.passwordChangedFull', {code: me.code})))
      : services.operators.save({
          code, name: v.name, role: v.role === 'A' ? 'admin' : 'operator', branch: v.branch, disabled: v.disabled === 'T',
          password: v.password, repeat: v.repeat, pesel: v.pesel ?? '',
        }, mode.kind === 'new', mode.kind === 'edit' ? mode.op : undefined).then(() => finish(t('ops.saved', {code})));
    job.catch(refused);
  };

  if (!s.ops) return withLegend(legend, <Text color={status ? theme.error : theme.muted}>{status?.text ?? t('config.loading')}</Text>);

  if (mode.kind !== 'list') {
    const title = mode.kind === 'edit' ? t('ops.editTitle', {code: mode.op.code})
      : mode.kind === 'new' ? t('ops.newTitle') : t('ops.passwordTitle', {code: me.code});
    return withLegend(legend, (
      <Box flexDirection="column">
        <Box marginBottom={1}><Text bold>{title}</Text></Box>
        {status?.tone === 'error' ? <Box marginBottom={1}><Text color={theme.error} wrap="wrap">{`✗ ${status.text}`}</Text></Box> : null}
        <Form
          key={`${mode.kind}:${s.formKey}`}
          fields={fields}
          initialValues={initial()}
          initialFocus={s.focus}
          active={active && !busy}
          onChange={values => dispatch({type: 'typed', values})}
          onSubmit={onSubmit}
          onCancel={() => dispatch({type: 'close'})}
          labelWidth={20}
        />
      </Box>
    ));
  }

  return withLegend(legend, (
    <Box flexDirection="column">
      <Text color={theme.muted}>{isAdmin ? t('ops.adminKeys') : t('ops.ownOnly')}</Text>
      <Table rows={s.ops} columns={columns} active={active} onSelect={select} rowKey={o => o.code} />
      {status ? (
        <Box marginTop={1}>
          <Text color={status.tone === 'ok' ? theme.ok : theme.error} wrap="wrap">{status.tone === 'error' ? `✗ ${status.text}` : status.text}</Text>
        </Box>
      ) : null}
    </Box>
  ));
}
