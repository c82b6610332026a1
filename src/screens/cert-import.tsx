// [A-1-5-3] Import Certyfikatu dla Firmy: .crt + .key (+ password) → what was read → confirm (T/N) → stored.
// The company is the default owner; admins may switch to a branch or an operator, an ordinary operator imports
// only for themself. Every error returns to the form with all typed values kept (the password too, in memory).
import React, {useEffect, useMemo, useRef, useState} from 'react';
import {Box} from 'ink';
import {Text} from '../tui/text.js';
import type {CertificateRecord, CertTypeCode, EnvCode, Owner} from '../domain/index.js';
import {ENV_NAME, parseOwner} from '../domain/index.js';
import {canManage} from '../domain/rights.js';
import {commitImport, ownerLabelPl, readImportFiles, resolveImport, type ImportPreview, type ImportWarning} from '../flows/import.js';
import {userMessage} from '../flows/errors.js';
import {useAppContext, useOperator} from './shell/context.js';
import {PRIORITY, useKeys} from '../tui/keys/KeyProvider.js';
import {Form, type FieldSpec, type FormValues} from '../tui/form/index.js';
import type {MessageKey} from '../i18n/index.js';
import {theme} from '../tui/theme.js';
import type {ScreenProps} from './types.js';
import {FormError} from '../tui/components/FormError.js';
import {LabelRow} from '../tui/components/LabelRow.js';

type Ask = 'import' | 'expired' | 'env';

type Phase =
  | {kind: 'form'; error?: string; focus?: string}
  | {kind: 'busy'; text: MessageKey}
  | {kind: 'preview'; preview: ImportPreview; ask: Ask}
  | {kind: 'done'; record: CertificateRecord; warnings: ImportWarning[]};

interface OwnerOption {
  value: string;
  label: string;
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

export function CertImportScreen({active, nav}: ScreenProps) {
  const {store, t, workstation, clock} = useAppContext();
  const operator = useOperator();
  const [owners, setOwners] = useState<OwnerOption[] | undefined>();
  const [phase, setPhase] = useState<Phase>({kind: 'form'});
  const [formKey, setFormKey] = useState(0);
  // Values as typed (paths not yet made absolute): the form is remounted with them after every detour.
  const typed = useRef<FormValues>({});
  const submitted = useRef<FormValues>({});
  const confirmed = useRef({expired: false, env: false});

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const [company, branches, operators] = await Promise.all([store.company(), store.listBranches(), store.listOperators()]);
      // Values in the Polish CLI syntax parseOwner reads (firma / oddział:KOD / operator:KOD); labels are names.
      const all: OwnerOption[] = [
        {value: 'firma', label: company.name || company.nip || 'firma'},
        ...branches.map((b) => ({value: `oddział:${b.code}`, label: b.name})),
        ...operators.filter((o) => !o.disabled).map((o) => ({value: `operator:${o.code}`, label: o.name})),
      ];
      if (!cancelled) setOwners(all.filter((o) => canManage(operator, parseOwner(o.value)!)));
    })();
    return () => {
      cancelled = true;
    };
  }, [store, operator, t]);

  const fields = useMemo<FieldSpec[] | undefined>(() => {
    if (!owners) return undefined;
    const envOptions: Record<string, string> = {D: 'demo', P: 'produkcja', T: 'test'};
    const typeOptions: Record<string, string> = {A: t('import.type.A'), O: t('import.type.O')};
    const list: FieldSpec[] = [
      {id: 'crt', kind: 'path', label: t('import.field.crt'), target: 'file', extensions: ['.crt', '.cer', '.pem', '.der'], mustExist: true, width: 48},
      {id: 'key', kind: 'path', label: t('import.field.key'), target: 'file', extensions: ['.key', '.pem', '.der', '.p8'], mustExist: true, width: 48},
      {id: 'password', kind: 'password', label: t('import.field.password'), required: false, hint: t('import.hint.password')},
      {id: 'owner', kind: 'select', label: t('import.field.owner'), options: owners, default: owners[0]?.value, width: 48},
      {id: 'env', kind: 'code', label: t('import.field.env'), options: envOptions, required: false, hint: t('import.hint.fromCert')},
      {id: 'type', kind: 'code', label: t('import.field.type'), options: typeOptions, required: false, hint: t('import.hint.fromCert')},
      {id: 'name', kind: 'text', label: t('import.field.name'), required: false, maxLength: 100, hint: t('import.hint.name')},
    ];
    return list;
  }, [owners, t]);

  const backToForm = (error?: string, focus?: string) => {
    setPhase({kind: 'form', error, focus});
    setFormKey((k) => k + 1);
  };

  const fail = (e: unknown) => {
    const m = userMessage(e);
    backToForm(m.text, fieldOf(m.code));
  };

  const commitOpts = (v: FormValues) => ({
    owner: parseOwner(v.owner) as Owner,
    env: (v.env || undefined) as EnvCode | undefined,
    type: (v.type || undefined) as CertTypeCode | undefined,
    name: v.name || undefined,
  });

  const onSubmit = (v: FormValues) => {
    submitted.current = v;
    confirmed.current = {expired: false, env: false};
    setPhase({kind: 'busy', text: 'import.reading'});
    readImportFiles({crtPath: v.crt, keyPath: v.key, password: v.password}, {store, operator: operator.code, workstation}, clock()).then(
      (preview) => {
        try {
          // Rules that need an answer in the form (environment/type) are checked before asking to confirm.
          resolveImport(preview, {...commitOpts(v), insistExpired: true, forceEnv: true});
          setPhase({kind: 'preview', preview, ask: 'import'});
        } catch (e) {
          fail(e);
        }
      },
      fail,
    );
  };

  const envConflict = (p: ImportPreview) => !!submitted.current.env && !!p.env && submitted.current.env !== p.env;

  const accept = (p: ImportPreview, ask: Ask) => {
    if (ask === 'expired') confirmed.current.expired = true;
    if (ask === 'env') confirmed.current.env = true;
    if (p.problems.includes('expired') && !confirmed.current.expired) return setPhase({kind: 'preview', preview: p, ask: 'expired'});
    if (envConflict(p) && !confirmed.current.env) return setPhase({kind: 'preview', preview: p, ask: 'env'});
    setPhase({kind: 'busy', text: 'import.saving'});
    commitImport({store, operator, workstation, now: clock}, p, {
      ...commitOpts(submitted.current), insistExpired: confirmed.current.expired, forceEnv: confirmed.current.env,
    }).then(({record, warnings}) => setPhase({kind: 'done', record, warnings}), fail);
  };

  useKeys((key) => {
    if (phase.kind === 'preview') {
      const ch = key.name === 'char' ? key.ch?.toLowerCase() : undefined;
      if (ch === 't' || ch === 'y' || (key.name === 'enter' && phase.ask === 'import')) {
        accept(phase.preview, phase.ask);
        return true;
      }
      if (ch === 'n' || key.name === 'escape') {
        backToForm(t('import.cancelled'));
        return true;
      }
      return true; // the question is modal
    }
    if (phase.kind === 'done' && (key.name === 'enter' || key.name === 'escape')) {
      nav.back();
      return true;
    }
    return phase.kind === 'busy';
  }, {active: active && phase.kind !== 'form', priority: PRIORITY.modal});

  if (!fields) return <Text color={theme.muted}>{t('import.loading')}</Text>;

  if (phase.kind === 'busy') return <Text color={theme.muted}>{t(phase.text)}</Text>;

  if (phase.kind === 'preview') return <PreviewView preview={phase.preview} ask={phase.ask} values={submitted.current} />;

  if (phase.kind === 'done') {
    const r = phase.record;
    return (
      <Box flexDirection="column" marginTop={1}>
        <Text color={theme.ok}>{t('import.done', {name: r.name, serial: r.serial ?? '', owner: ownerLabelPl(r.owner), env: ENV_NAME[r.env]})}</Text>
        {phase.warnings.map((w) => <Text key={w} color={theme.warning}>{t(`import.warning.${w}` as MessageKey)}</Text>)}
        <Box marginTop={1}><Text color={theme.muted}>{t('import.doneKeys')}</Text></Box>
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
        initialFocus={phase.focus}
        active={active}
        onChange={(v) => (typed.current = v)}
        onSubmit={onSubmit}
        onCancel={nav.back}
        labelWidth={26}
        valueWidth={30}
      />
    </Box>
  );
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
