// [A-1-5-3] Import Certyfikatu dla Firmy: .crt + .key (+ password) → what was read → confirm (T/N) → stored.
// The company is the default owner; admins may switch to a branch or an operator, an ordinary operator imports
// only for themself. Every error returns to the form with all typed values kept (the password too, in memory).
// State in a reducer; the use cases through the bound services (services.imports).
import React, {useEffect, useMemo, useReducer} from 'react';
import {Box} from 'ink';
import {Text} from '../tui/text.js';
import type {CertificateRecord, CertTypeCode, EnvCode, Owner} from '../domain/index.js';
import {ENV_NAME, parseOwner} from '../domain/index.js';
import type {ImportPreview, ImportWarning} from '../flows/import.js';
import type {OwnerOption} from '../flows/services/imports.js';
import {userMessage} from '../flows/errors.js';
import {useAppContext, useLegend, withLegend} from './shell/context.js';
import {PRIORITY, useKeys} from '../tui/keys/KeyProvider.js';
import {matches} from '../tui/keys/keymap.js';
import type {FieldSpec, FormValues} from '../tui/form/index.js';
import type {MessageKey} from '../i18n/index.js';
import {theme} from '../tui/theme.js';
import type {ScreenProps} from './types.js';
import {LabelRow} from '../tui/components/LabelRow.js';
import {FormPage, formBack, initialFormPage, type FormPageState} from './form-page.js';
import {ownerForText} from './cert-texts.js';

type Ask = 'import' | 'expired' | 'env';

type Phase =
  | {kind: 'form'}
  | {kind: 'busy'; text: MessageKey}
  | {kind: 'preview'; preview: ImportPreview; ask: Ask}
  | {kind: 'done'; record: CertificateRecord; warnings: ImportWarning[]};

interface State {
  owners?: OwnerOption[];
  phase: Phase;
  form: FormPageState;
  /** The values of the last submit (absolute paths). */
  submitted: FormValues;
  /** Questions already answered yes for this submit. */
  confirmed: {expired: boolean; env: boolean};
}

type Event =
  | {type: 'owners'; owners: OwnerOption[]}
  | {type: 'typed'; values: FormValues}
  | {type: 'submit'; values: FormValues}
  | {type: 'busy'; text: MessageKey}
  | {type: 'ask'; preview: ImportPreview; ask: Ask}
  | {type: 'confirmed'; ask: Ask}
  | {type: 'done'; record: CertificateRecord; warnings: ImportWarning[]}
  | {type: 'back'; error?: string; focus?: string};

export function importReducer(s: State, e: Event): State {
  switch (e.type) {
    case 'owners': return {...s, owners: e.owners};
    case 'typed': return {...s, form: {...s.form, values: e.values}};
    case 'submit': return {...s, submitted: e.values, confirmed: {expired: false, env: false}, phase: {kind: 'busy', text: 'import.reading'}};
    case 'busy': return {...s, phase: {kind: 'busy', text: e.text}};
    case 'ask': return {...s, phase: {kind: 'preview', preview: e.preview, ask: e.ask}};
    case 'confirmed': return e.ask === 'import' ? s : {...s, confirmed: {...s.confirmed, [e.ask]: true}};
    case 'done': return {...s, phase: {kind: 'done', record: e.record, warnings: e.warnings}};
    case 'back': return {...s, phase: {kind: 'form'}, form: formBack(s.form, e.error, e.focus)};
  }
}

/** Which form field a failure belongs to (focus goes there when the form comes back). */
function fieldOf(code: string | number | undefined): string | undefined {
  switch (code) {
    case 'wrongPassword':
    case 'passwordRequired':
      return 'password';
    case 'corruptKey':
    case 'keyMismatch':
    case 'unsupportedKey':
    case 'pkcs12NotSupported':
      return 'key';
    case 'envRequired':
    case 'envConflict':
      return 'env';
    case 'typeRequired':
    case 'typeConflict':
      return 'type';
    case 'forbidden':
    case 'unknownOwner':
      return 'owner';
    case 'badName':
      return 'name';
    default:
      return 'crt';
  }
}

const day = (d: Date | string | undefined): string => (d ? new Date(d).toISOString().slice(0, 10) : '');

const commitOpts = (v: FormValues) => ({
  owner: parseOwner(v.owner) as Owner,
  env: (v.env || undefined) as EnvCode | undefined,
  type: (v.type || undefined) as CertTypeCode | undefined,
  name: v.name || undefined,
});

export function CertImportScreen({active, nav}: ScreenProps) {
  const {services, t} = useAppContext();
  const svc = services.imports;
  const [s, dispatch] = useReducer(importReducer, {phase: {kind: 'form'}, form: initialFormPage(), submitted: {}, confirmed: {expired: false, env: false}});
  const {owners, phase} = s;
  const legend = useLegend(phase.kind === 'form' ? undefined : phase.kind === 'busy' ? [] : ['help', 'back', 'quit'], active);

  useEffect(() => {
    let cancelled = false;
    svc.owners().then((o) => !cancelled && dispatch({type: 'owners', owners: o}), () => undefined);
    return () => {
      cancelled = true;
    };
  }, [svc]);

  const fields = useMemo<FieldSpec[] | undefined>(() => {
    if (!owners) return undefined;
    const envOptions: Record<string, string> = {D: t('certs.env.D'), P: t('certs.env.P'), T: t('certs.env.T')};
    const typeOptions: Record<string, string> = {A: t('import.type.A'), O: t('import.type.O')};
    return [
      {id: 'crt', kind: 'path', label: t('import.field.crt'), target: 'file', extensions: ['.crt', '.cer', '.pem', '.der'], mustExist: true, width: 48},
      {id: 'key', kind: 'path', label: t('import.field.key'), target: 'file', extensions: ['.key', '.pem', '.der', '.p8'], mustExist: true, width: 48},
      {id: 'password', kind: 'password', label: t('import.field.password'), required: false, hint: t('import.hint.password')},
      {id: 'owner', kind: 'select', label: t('import.field.owner'), options: owners, default: owners[0]?.value, width: 48},
      {id: 'env', kind: 'code', label: t('import.field.env'), options: envOptions, required: false, hint: t('import.hint.fromCert')},
      {id: 'type', kind: 'code', label: t('import.field.type'), options: typeOptions, required: false, hint: t('import.hint.fromCert')},
      {id: 'name', kind: 'text', label: t('import.field.name'), required: false, maxLength: 100, hint: t('import.hint.name')},
    ];
  }, [owners, t]);

  const fail = (e: unknown) => {
    const m = userMessage(e, t);
    dispatch({type: 'back', error: m.text, focus: fieldOf(m.code)});
  };

  const onSubmit = (v: FormValues) => {
    dispatch({type: 'submit', values: v});
    svc.read({crtPath: v.crt, keyPath: v.key, password: v.password}).then(
      (preview) => {
        try {
          // Rules that need an answer in the form (environment/type) are checked before asking to confirm.
          svc.check(preview, {...commitOpts(v), insistExpired: true, forceEnv: true});
          dispatch({type: 'ask', preview, ask: 'import'});
        } catch (e) {
          fail(e);
        }
      },
      fail,
    );
  };

  const envConflict = (p: ImportPreview) => !!s.submitted.env && !!p.env && s.submitted.env !== p.env;

  const accept = (p: ImportPreview, ask: Ask) => {
    dispatch({type: 'confirmed', ask});
    const confirmed = {expired: s.confirmed.expired || ask === 'expired', env: s.confirmed.env || ask === 'env'};
    if (p.problems.includes('expired') && !confirmed.expired) return dispatch({type: 'ask', preview: p, ask: 'expired'});
    if (envConflict(p) && !confirmed.env) return dispatch({type: 'ask', preview: p, ask: 'env'});
    dispatch({type: 'busy', text: 'import.saving'});
    svc.commit(p, {...commitOpts(s.submitted), insistExpired: confirmed.expired, forceEnv: confirmed.env})
      .then(({record, warnings}) => dispatch({type: 'done', record, warnings}), fail);
  };

  useKeys((key) => {
    if (phase.kind === 'preview') {
      if (matches(key, 'yes') || (matches(key, 'confirm') && phase.ask === 'import')) {
        accept(phase.preview, phase.ask);
        return true;
      }
      if (matches(key, 'no') || matches(key, 'back')) {
        dispatch({type: 'back', error: t('import.cancelled')});
        return true;
      }
      return !matches(key, 'help') && !matches(key, 'quit'); // the question is modal
    }
    if (phase.kind === 'done' && (matches(key, 'confirm') || matches(key, 'back'))) {
      nav.back();
      return true;
    }
    return phase.kind === 'busy';
  }, {active: active && phase.kind !== 'form', priority: PRIORITY.modal});

  if (!fields) return withLegend(legend, <Text color={theme.muted}>{t('import.loading')}</Text>);

  if (phase.kind === 'busy') return withLegend(legend, <Text color={theme.muted}>{t(phase.text)}</Text>);

  if (phase.kind === 'preview') return withLegend(legend, <PreviewView preview={phase.preview} ask={phase.ask} values={s.submitted} />);

  if (phase.kind === 'done') {
    const r = phase.record;
    return withLegend(legend, (
      <Box flexDirection="column" marginTop={1}>
        <Text color={theme.ok}>{t('import.done', {name: r.name, serial: r.serial ?? '', owner: ownerForText(t, r.owner), env: ENV_NAME[r.env]})}</Text>
        {phase.warnings.map((w) => <Text key={w} color={theme.warning}>{t(`import.warning.${w}` as MessageKey)}</Text>)}
        <Box marginTop={1}><Text color={theme.muted}>{t('import.doneKeys')}</Text></Box>
      </Box>
    ));
  }

  return withLegend(legend, <FormPage page={s.form} fields={fields} active={active} onChange={(v) => dispatch({type: 'typed', values: v})} onSubmit={onSubmit} onCancel={nav.back} />);
}

function PreviewView({preview, ask, values}: {preview: ImportPreview; ask: Ask; values: FormValues}) {
  const {t} = useAppContext();
  const {info} = preview;
  const id = info.subjectIdentifier;
  const env = (values.env || preview.env) as EnvCode | undefined;
  const type = (values.type || preview.type) as CertTypeCode | undefined;
  const warnings: string[] = [];
  if (preview.problems.includes('expired')) warnings.push(t('import.problem.expired', {date: day(info.notAfter)}));
  if (preview.problems.includes('notYetValid')) warnings.push(t('import.problem.notYetValid', {date: day(info.notBefore)}));
  if (values.env && preview.env && values.env !== preview.env) warnings.push(t('import.problem.envConflict', {issuer: ENV_NAME[preview.env]}));
  if (preview.problems.includes('envUnknown') && values.env) warnings.push(t('import.problem.envUnknown'));
  if (info.selfSigned) warnings.push(t('import.problem.selfSigned'));
  const question: MessageKey = ask === 'expired' ? 'import.ask.expired' : ask === 'env' ? 'import.ask.env' : 'import.ask.import';
  return (
    <Box flexDirection="column">
      <Text bold>{t('import.preview.title')}</Text>
      <Box flexDirection="column" marginTop={1}>
        <LabelRow label={t('import.preview.subject')} value={info.subject} />
        <LabelRow label={t('import.preview.identifier')} value={id ? `${id.type === 'Pesel' ? 'PESEL' : id.type === 'Nip' ? 'NIP' : id.type} ${id.value}` : '—'} />
        <LabelRow label={t('import.preview.type')} value={type ? `${type} — ${t(type === 'A' ? 'import.type.A' : 'import.type.O')}` : '—'} />
        <LabelRow label={t('import.preview.serial')} value={info.serial} />
        <LabelRow label={t('import.preview.validity')} value={`${day(info.notBefore)} – ${day(info.notAfter)}`} color={preview.problems.includes('expired') ? theme.error : undefined} />
        <LabelRow label={t('import.preview.env')} value={env ? `${env} — ${ENV_NAME[env]}${values.env ? ` (${t('import.preview.override')})` : ''}` : '—'} />
        <LabelRow label={t('import.preview.issuer')} value={info.issuer} />
        <LabelRow label={t('import.preview.keyAlgorithm')} value={preview.keyAlgorithm} />
      </Box>
      {warnings.length ? (
        <Box flexDirection="column" marginTop={1}>
          {warnings.map((w) => <Text key={w} color={theme.warning} wrap="wrap">{`! ${w}`}</Text>)}
        </Box>
      ) : null}
      <Box marginTop={1}><Text bold color={ask === 'import' ? undefined : theme.warning}>{t(question)}</Text></Box>
    </Box>
  );
}
