// [A-1-5-4] Generowanie nowego Certyfikatu KSeF — dla operatora / oddziału / firmy (F2000 flow):
// form → authorisation (a type-A certificate of the same owner signs by itself; otherwise auth.xml in the sign
// folder, 10-minute countdown, "kontynuuj" / "kontynuuj bez uruchamiania", folder watched) → progress of every step
// → result (serial, validity, .crt/.key backup) or the error with its KSeF code. Esc cancels at any point.
// The container: state in generateReducer (cert-generate-state.ts), the views in cert-generate-view.tsx, the use
// cases through services.generate (rules once per submit, one openSession, the record a failed run left by its id).
import React, {useCallback, useEffect, useMemo, useReducer, useRef} from 'react';
import {Box} from 'ink';
import {Text} from '../tui/text.js';
import type {CertTypeCode, EnvCode, ModeCode, Owner} from '../domain/index.js';
import {ownerKey} from '../domain/index.js';
import {canManage} from '../domain/rights.js';
import {userMessage} from '../flows/errors.js';
import {GENERATE_STEPS, type GenerateRequest} from '../flows/generate.js';
import {ownerLabel} from '../flows/owner-label.js';
import type {SessionAuth} from '../flows/open-session.js';
import type {PreparedGenerate} from '../flows/services/generate.js';
import {useAppContext, useLegend, useOperator, withLegend} from './shell/context.js';
import {PRIORITY, useKeys} from '../tui/keys/KeyProvider.js';
import {matches} from '../tui/keys/keymap.js';
import {Form, type FormValues} from '../tui/form/index.js';
import {bodySize} from '../tui/layout.js';
import {useTerminalSize} from '../tui/use-terminal-size.js';
import {theme} from '../tui/theme.js';
import {FormError} from '../tui/components/FormError.js';
import {eventMark, initialSteps, isScrollKey, useRunControl} from './step-run.js';
import {ExternalSignatureStep} from './auth-step.js';
import {generateReducer, initialGenerate} from './cert-generate-state.js';
import {generateFields, ownerFromValue, startFor, type GenerateOwnerKind} from './cert-generate-fields.js';
import {CancelledView, formatCode, ResultView, RunView} from './cert-generate-view.js';
import type {ScreenProps} from './types.js';

export type {GenerateOwnerKind} from './cert-generate-fields.js';

/** How long Esc waits for the run to stop (and name what it left) before showing "cancelled" anyway. */
const CANCEL_FALLBACK_MS = 2000;

type Preset = {mode?: ModeCode; owner?: Owner; env?: EnvCode; type?: CertTypeCode; predecessorId?: string};

export function CertGenerateScreen({active, nav, params, kind}: ScreenProps & {kind: GenerateOwnerKind}) {
  const {services, clock, env: defaultEnv, t} = useAppContext();
  const gen = services.generate;
  const operator = useOperator();
  const size = bodySize(useTerminalSize());
  const [state, dispatch] = useReducer(generateReducer, undefined, initialGenerate);
  const run = useRunControl();
  const send: typeof dispatch = (a) => run.mounted.current && dispatch(a);
  const typed = useRef<FormValues>({});
  // The request of this submit, for the run that starts when the signed file arrives.
  const preparedRef = useRef<PreparedGenerate | undefined>(undefined);
  const cancelTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(cancelTimer.current), []);
  const {setup, phase, prepared} = state;

  useEffect(() => {
    gen.setup().then((s) => send({type: 'loaded', setup: s}), (e) => send({type: 'loadFailed', error: userMessage(e, t).text}));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // F2 accepts the form only; elsewhere the footer offers just F1, Esc and F10 (the phase's own keys are on screen).
  const legend = useLegend(phase.kind === 'form' ? ['save', 'help', 'back', 'quit'] : ['help', 'back', 'quit'], active);

  const ownerOptions = useMemo(() => {
    if (!setup) return [];
    if (kind === 'operator') return setup.operators.filter((o) => !o.disabled && canManage(operator, {kind: 'operator', code: o.code})).map((o) => ({value: o.code, label: o.name}));
    if (kind === 'branch') return setup.branches.filter((b) => canManage(operator, {kind: 'branch', code: b.code})).map((b) => ({value: b.code, label: b.name}));
    return [];
  }, [setup, kind, operator]);

  const preset = params as Preset | undefined;
  // Opened by `g` on a certificate's details: that certificate is followed while the form still names its owner,
  // type and environment (otherwise the current one of what the form names).
  const followedId = useCallback((owner: Owner, type: CertTypeCode, env: EnvCode): string | undefined => {
    const p = preset;
    return p?.predecessorId && p.owner && ownerKey(p.owner) === ownerKey(owner) && p.type === type && p.env === env ? p.predecessorId : undefined;
  }, [preset]);

  const input = useMemo(() => (setup ? {setup, kind, ownerOptions, clock, defaultEnv, operator, preset, followedId, t} : undefined),
    [setup, kind, ownerOptions, clock, defaultEnv, operator, preset, followedId, t]);
  const fields = useMemo(() => (input ? generateFields(input) : undefined), [input]);
  const derive = useMemo(() => (values: FormValues, changed: string) =>
    input && ['mode', 'type', 'env', 'owner'].includes(changed) ? {validFrom: startFor(input, values).date} : undefined, [input]);

  /** Authorisation (signed bytes or the stored certificate) → enrollment, every step shown; the record left named by id. */
  const start = async (auth: SessionAuth | undefined, token = tokenOf(typed.current)) => {
    const p = preparedRef.current!;
    const ac = run.begin();
    send({type: 'start', steps: initialSteps(t, GENERATE_STEPS)});
    const mark = (e: Parameters<typeof eventMark>[0]) => send({type: 'mark', ...eventMark(e)});
    const out = await gen.generate(p, {auth, token, signal: ac.signal, onSession: mark, onStep: mark});
    if (out.ok) return send({type: 'done', result: out.result});
    const left = out.record;
    const m = userMessage(out.error, t);
    if (m.code === 'aborted' || ac.signal.aborted) {
      // Esc: the run names the request KSeF already has (the fallback timer shows "cancelled" if it is slow to stop).
      clearTimeout(cancelTimer.current);
      const pendingName = left?.state === 'pending' ? t('gen.cancelled.pendingName', {name: left.name, ref: left.enrollment?.referenceNumber ?? t('enroll.noReference')}) : undefined;
      return send({type: 'cancelled', pendingName});
    }
    send({type: 'failActive', detail: formatCode(m)});
    // An unconfirmed request says itself that KSeF may have it; "was filed" would claim more than we know.
    send({type: 'failed', message: m, pendingLeft: left?.state === 'pending' && m.code !== 'enrollUnconfirmed'});
  };

  /** The workstation's token with the PIN typed in the form (this run only, never stored). */
  const tokenOf = (v: FormValues) => (setup?.card ? {module: setup.card.module, label: setup.card.label, pin: () => v.pin ?? ''} : undefined);

  const onSubmit = (v: FormValues) => {
    if (!setup) return;
    const owner = ownerFromValue(kind, v.owner);
    const followed = v.mode === 'Z' ? followedId(owner, v.type as CertTypeCode, v.env as EnvCode) : undefined;
    const req: GenerateRequest = {
      owner, env: v.env as EnvCode, name: v.name, type: v.type as CertTypeCode, mode: v.mode as ModeCode, validFrom: v.validFrom,
      keyPassword: v.password,
      // "Klucz na tokenie": the PIN typed in the form is used for this run only, never stored.
      ...(v.keyWhere === 'T' && setup.card
        ? {keyPassword: '', keyOnToken: {access: {module: setup.card.module, label: setup.card.label, pin: () => v.pin}, label: setup.card.label ?? ''}}
        : {}),
      ...(followed ? {predecessorId: followed} : {}),
    };
    gen.prepare(req, {auto: true}).then((p) => {
      preparedRef.current = p;
      send({type: 'prepared', prepared: p});
      if (p.auth.kind === 'certificate') void start(undefined, tokenOf(v));
    }, (e) => send({type: 'toForm', error: userMessage(e, t).text}));
  };

  // The keys of this phase; F1 (help) and F10 (quit) go on to the Shell, as the footer says.
  useKeys((key) => {
    const shell = matches(key, 'help') || matches(key, 'quit') || ((phase.kind === 'progress' || phase.kind === 'failed') && isScrollKey(key));
    if (phase.kind === 'progress') {
      if (matches(key, 'back')) {
        run.abort();
        cancelTimer.current = setTimeout(() => send({type: 'cancelled'}), CANCEL_FALLBACK_MS);
      }
      return !shell;
    }
    if (phase.kind === 'failed') {
      if (matches(key, 'confirm')) send({type: 'toForm', error: formatCode(phase.message)});
      else if (matches(key, 'back')) nav.back();
      return !shell;
    }
    if ((phase.kind === 'done' || phase.kind === 'cancelled') && (matches(key, 'confirm') || matches(key, 'back'))) nav.back();
    return !shell;
  }, {active: active && phase.kind !== 'form' && phase.kind !== 'auth', priority: PRIORITY.modal});

  if (state.loadError) return withLegend(legend, <Text color={theme.error}>{state.loadError}</Text>);
  // Rights at once, not after the form is filled (the flow refuses the request anyway).
  if (kind !== 'operator' && !canManage(operator, {kind: 'company'})) return withLegend(legend, <Text color={theme.error} wrap="wrap">{t('rights.generateAdminOnly', {code: operator.code})}</Text>);
  if (!fields) return withLegend(legend, <Text color={theme.muted}>{t('gen.form.loading')}</Text>);
  if (kind !== 'company' && ownerOptions.length === 0) return withLegend(legend, <Text color={theme.error}>{t(kind === 'operator' ? 'gen.form.noOperators' : 'gen.form.noBranches')}</Text>);

  const req = prepared?.req;
  if (phase.kind === 'auth' && prepared) {
    return withLegend(legend, (
      <ExternalSignatureStep
        active={active}
        env={prepared.req.env}
        context={prepared.target.context}
        apiUrl={prepared.target.apiUrl}
        note={prepared.auth.kind === 'signature' ? prepared.auth.note : undefined}
        signAs={prepared.req.owner.kind === 'operator' ? prepared.req.owner.code : undefined}
        cancelLabel={t('gen.auth.cancelToForm')}
        onSigned={(bytes) => void start({kind: 'signed', bytes})}
        onCancel={() => send({type: 'toForm', error: t('gen.form.authCancelled')})}
        onError={(m) => send({type: 'toForm', error: formatCode(m)})}
      />
    ));
  }
  if (phase.kind === 'progress' || phase.kind === 'failed') {
    return withLegend(legend, (
      <RunView
        t={t} size={size} steps={state.steps} running={phase.kind === 'progress'} escHint={t('gen.progress.esc')}
        heading={[t('gen.progress.title', {name: req?.name ?? '', owner: req ? ownerLabel(req.owner, t) : ''})]}
        error={phase.kind === 'failed' ? phase.message : undefined}
        extra={phase.kind === 'failed' && phase.pendingLeft ? [t('gen.failed.pendingLeft')] : []}
        keys={t('gen.failed.keys')}
      />
    ));
  }
  if (phase.kind === 'cancelled') return withLegend(legend, <CancelledView t={t} pendingName={phase.pendingName} />);
  if (phase.kind === 'done') {
    const r = phase.result.record;
    return withLegend(legend, <ResultView t={t} result={phase.result} title={t('gen.done.title', {name: r.name, owner: ownerLabel(r.owner, t)})} keys={t('gen.done.keys')} />);
  }
  return withLegend(legend, (
    <Box flexDirection="column">
      <FormError message={phase.kind === 'form' ? phase.error : undefined} />
      <Form
        key={state.formKey}
        fields={fields}
        initialValues={{...typed.current}}
        active={active && phase.kind === 'form'}
        derive={derive}
        onChange={(v) => (typed.current = v)}
        onSubmit={onSubmit}
        onCancel={nav.back}
        labelWidth={22}
        valueWidth={30}
      />
      <Text color={theme.muted} wrap="wrap">{t('gen.form.after')}</Text>
    </Box>
  ));
}

export const CertGenerateOperatorScreen = (p: ScreenProps) => <CertGenerateScreen {...p} kind="operator" />;
export const CertGenerateBranchScreen = (p: ScreenProps) => <CertGenerateScreen {...p} kind="branch" />;
export const CertGenerateCompanyScreen = (p: ScreenProps) => <CertGenerateScreen {...p} kind="company" />;
