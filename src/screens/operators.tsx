// [A-1-5-5] Operatorzy. An admin sees every operator in the windowed table: Enter edits, F3/Insert adds. An
// ordinary operator sees only their own entry, and Enter opens the own-password form (current password required).
// Store refusals (last admin, password policy) come back as Polish text above the form, typed values kept.
import React, {useEffect, useMemo, useRef, useState} from 'react';
import {Box} from 'ink';
import {Text} from '../tui/text.js';
import type {Branch, Operator} from '../domain/index.js';
import {changeOwnPassword, saveOperator, visibleOperators} from '../flows/config.js';
import {userMessage} from '../flows/errors.js';
import {conflictText} from './conflict.js';
import {useAppContext, useOperator} from './shell/context.js';
import {PRIORITY, useKeys} from '../tui/keys/KeyProvider.js';
import {matches} from '../tui/keys/keymap.js';
import {Form, type FieldSpec, type FormValues} from '../tui/form/index.js';
import {Table, type Column} from '../tui/table/index.js';
import type {Translate} from '../i18n/index.js';
import {theme} from '../tui/theme.js';
import type {ScreenProps} from './types.js';

type Mode = {kind: 'list'} | {kind: 'edit'; op: Operator} | {kind: 'new'} | {kind: 'password'};
type Status = {text: string; tone: 'ok' | 'error'} | undefined;

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
  const {store, t, workstation} = useAppContext();
  const me = useOperator();
  const isAdmin = me.role === 'admin' && !me.disabled;
  const [ops, setOps] = useState<Operator[] | undefined>();
  const [branches, setBranches] = useState<Branch[]>([]);
  const [mode, setMode] = useState<Mode>({kind: 'list'});
  const [status, setStatus] = useState<Status>();
  const [busy, setBusy] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const typed = useRef<FormValues | undefined>(undefined);
  const [focus, setFocus] = useState<string | undefined>();
  const columns = useMemo(() => columnsOf(t), [t]);

  const reload = () =>
    Promise.all([visibleOperators({store, operator: me}), store.listBranches()]).then(([o, b]) => {
      setOps(o);
      setBranches(b);
    });
  useEffect(() => {
    reload().catch(e => setStatus({text: userMessage(e).text, tone: 'error'}));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store]);

  const open = (m: Mode) => {
    typed.current = undefined;
    setFocus(undefined);
    setStatus(undefined);
    setFormKey(k => k + 1);
    setMode(m);
  };
  const select = (op: Operator) => {
    if (isAdmin) open({kind: 'edit', op});
    else if (op.code === me.code) open({kind: 'password'});
    else setStatus({text: t('ops.forbidden'), tone: 'error'});
  };

  useKeys(key => {
    if (!matches(key, 'add')) return false;
    if (isAdmin) open({kind: 'new'});
    else setStatus({text: t('ops.forbidden'), tone: 'error'});
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
      {id: 'branch', kind: 'select', label: t('ops.field.branch'), options: branches.map(b => ({value: b.code, label: b.name}))},
      {id: 'disabled', kind: 'code', label: t('ops.field.disabled'), options: {T: t('ops.disabledCode.T'), N: t('ops.disabledCode.N')}},
      {id: 'pwNote', kind: 'readonly', label: '', text: t('ops.passwordHint'), hidden: () => isNew},
      {id: 'password', kind: 'password', label: t('ops.field.password'), policy: true, required: isNew},
      {id: 'repeat', kind: 'password', label: t('ops.field.repeat'), confirmOf: 'password', required: isNew},
      {id: 'pesel', kind: 'text', label: t('ops.field.pesel'), required: false, maxLength: 11},
    ];
    return list;
  }, [mode, branches, t]);

  const initial = (): Partial<FormValues> => {
    if (typed.current) return typed.current;
    if (mode.kind === 'edit') {
      const o = mode.op;
      return {code: o.code, name: o.name, role: o.role === 'admin' ? 'A' : 'O', branch: o.branch, disabled: o.disabled ? 'T' : 'N', pesel: o.pesel ?? ''};
    }
    if (mode.kind === 'new') return {role: 'O', disabled: 'N', branch: me.branch};
    return {};
  };

  const finish = (text: string) => {
    reload().catch(() => undefined);
    setMode({kind: 'list'});
    setStatus({text, tone: 'ok'});
  };

  const onSubmit = (v: FormValues) => {
    if (busy) return;
    setBusy(true);
    setStatus(undefined);
    const keepForm = async (e: unknown) => {
      const conflict = conflictText(e, t);
      if (conflict && mode.kind === 'edit') {
        // Changed elsewhere since the form opened: show the current record instead of the stale one.
        const fresh = (await store.listOperators().catch(() => [])).find(o => o.code === mode.op.code);
        if (fresh) {
          typed.current = undefined;
          setMode({kind: 'edit', op: fresh});
        }
        setStatus({text: conflict, tone: 'error'});
        setFormKey(k => k + 1);
        return;
      }
      const m = userMessage(e, t);
      setStatus({text: m.text, tone: 'error'});
      setFocus(FIELD_OF[String(m.code)]);
      setFormKey(k => k + 1); // remount with typed values so the error is shown above a fresh form
    };
    const job = mode.kind === 'password'
      ? changeOwnPassword({store, operator: me, workstation}, v.old, v.password, v.repeat).then(() => finish(`${t('config.saved')} ${t('ops.passwordChanged')}`))
      : saveOperator({store, operator: me, workstation}, {
          code: mode.kind === 'edit' ? mode.op.code : v.code,
          name: v.name, role: v.role === 'A' ? 'admin' : 'operator', branch: v.branch, disabled: v.disabled === 'T',
          password: v.password, repeat: v.repeat, pesel: v.pesel ?? '',
        }, mode.kind === 'new', mode.kind === 'edit' ? {expected: mode.op} : {}).then(() => finish(`${t('config.saved')} ${t('ops.saved', {code: (mode.kind === 'edit' ? mode.op.code : v.code).toUpperCase()})}`));
    job.catch(keepForm).finally(() => setBusy(false));
  };

  const statusLine = status ? (
    <Box marginTop={1}>
      <Text color={status.tone === 'ok' ? theme.ok : theme.error} wrap="wrap">{status.tone === 'error' ? `✗ ${status.text}` : status.text}</Text>
    </Box>
  ) : null;

  if (!ops) return <Text color={status ? theme.error : theme.muted}>{status?.text ?? t('config.loading')}</Text>;

  if (mode.kind !== 'list') {
    const title = mode.kind === 'edit' ? t('ops.editTitle', {code: mode.op.code})
      : mode.kind === 'new' ? t('ops.newTitle') : t('ops.passwordTitle', {code: me.code});
    return (
      <Box flexDirection="column">
        <Box marginBottom={1}><Text bold>{title}</Text></Box>
        {status?.tone === 'error' ? <Box marginBottom={1}><Text color={theme.error} wrap="wrap">{`✗ ${status.text}`}</Text></Box> : null}
        <Form
          key={`${mode.kind}:${formKey}`}
          fields={fields}
          initialValues={initial()}
          initialFocus={focus}
          active={active && !busy}
          onChange={v => (typed.current = v)}
          onSubmit={onSubmit}
          onCancel={() => {
            setStatus(undefined);
            setMode({kind: 'list'});
          }}
          labelWidth={20}
        />
      </Box>
    );
  }

  return (
    <Box flexDirection="column">
      <Text color={theme.muted}>{isAdmin ? t('ops.adminKeys') : t('ops.ownOnly')}</Text>
      <Table rows={ops} columns={columns} active={active} onSelect={select} rowKey={o => o.code} />
      {statusLine}
    </Box>
  );
}
