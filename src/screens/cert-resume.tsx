// `W` "Wznów wydawanie" on a pending enrollment (details of a record "w trakcie wydawania"): a KSeF session of the
// same owner — its active type-A certificate signs by itself, otherwise the external-signature step — then poll →
// retrieve → store → audit with every step shown, and the result or the error with its KSeF code. Esc while
// waiting leaves the record pending (resumable again). The hook owns the state (a reducer) and the effects
// (services.generate); the details screen renders `overlay`.
import React, {useReducer} from 'react';
import {Box} from 'ink';
import {Text} from '../tui/text.js';
import type {CertificateView} from '../domain/index.js';
import {userMessage, type UserMessage} from '../flows/errors.js';
import type {GenerateResult, GenerateStep} from '../flows/generate.js';
import {ownerLabel} from '../flows/owner-label.js';
import type {SessionAuth} from '../flows/open-session.js';
import type {PreparedResume} from '../flows/services/generate.js';
import {useAppContext, useOperator} from './shell/context.js';
import {PRIORITY, useKeys} from '../tui/keys/KeyProvider.js';
import {matches} from '../tui/keys/keymap.js';
import {bodySize} from '../tui/layout.js';
import {useTerminalSize} from '../tui/use-terminal-size.js';
import {Spinner} from '../tui/components/Spinner.js';
import type {Step} from '../tui/components/StepProgress.js';
import {theme} from '../tui/theme.js';
import {eventMark, failActive, initialSteps, isScrollKey, markStep, useRunControl} from './step-run.js';
import {ExternalSignatureStep} from './auth-step.js';
import {formatCode, ResultView, RunView} from './cert-generate-view.js';

const RESUME_STEPS: readonly GenerateStep[] = ['pollEnrollment', 'retrieve', 'store', 'audit'];

type Phase =
  | {kind: 'checking'}
  | {kind: 'auth'}
  | {kind: 'progress'}
  | {kind: 'done'; result: GenerateResult}
  | {kind: 'failed'; message: UserMessage}
  | {kind: 'cancelled'}
  | {kind: 'abandoned'; text: string};

interface State {
  phase?: Phase;
  rec?: CertificateView;
  prepared?: PreparedResume;
  steps: Step[];
}

type Action =
  | {type: 'open'; rec: CertificateView; phase: Phase; steps: Step[]}
  | {type: 'prepared'; prepared: PreparedResume}
  | {type: 'phase'; phase: Phase | undefined}
  | {type: 'start'; steps: Step[]}
  | {type: 'mark'; id: string; state: Step['state']; detail?: string}
  | {type: 'failActive'; detail: string};

function reducer(s: State, a: Action): State {
  switch (a.type) {
    case 'open': return {rec: a.rec, phase: a.phase, steps: a.steps};
    case 'prepared': return {...s, prepared: a.prepared, phase: {kind: a.prepared.auth.kind === 'certificate' ? 'progress' : 'auth'}};
    // A result arriving after Esc does not undo the cancellation.
    case 'phase': return s.phase?.kind === 'cancelled' && a.phase && a.phase.kind !== 'cancelled' ? s : {...s, phase: a.phase};
    case 'start': return {...s, steps: a.steps, phase: {kind: 'progress'}};
    case 'mark': return {...s, steps: markStep(s.steps, a.id, a.state, a.detail)};
    case 'failActive': return {...s, steps: failActive(s.steps, a.detail)};
  }
}

export interface ResumeAction {
  overlay: React.ReactNode;
  open: boolean;
  start(rec: CertificateView): void;
}

export function useResumeEnrollment(active: boolean, onChanged: () => void): ResumeAction {
  const {services, t} = useAppContext();
  const gen = services.generate;
  useOperator();
  const size = bodySize(useTerminalSize());
  const [state, dispatch] = useReducer(reducer, {steps: []});
  const run = useRunControl();
  const send: typeof dispatch = (a) => run.mounted.current && dispatch(a);
  const {phase, rec: r} = state;

  /** Login (signed bytes, or the owner's own type-A certificate) → resume, every step shown. */
  const go = async (p: PreparedResume, auth: SessionAuth | undefined) => {
    const ac = run.begin();
    send({type: 'start', steps: initialSteps(t, RESUME_STEPS)});
    const mark = (e: Parameters<typeof eventMark>[0]) => send({type: 'mark', ...eventMark(e)});
    const out = await gen.resume(p, {auth, signal: ac.signal, onSession: mark, onStep: mark});
    if (out.ok) return send({type: 'phase', phase: {kind: 'done', result: out.result}});
    const m = userMessage(out.error, t);
    if (m.code === 'aborted' || ac.signal.aborted) return; // Esc already switched the phase
    send({type: 'failActive', detail: formatCode(m)});
    send({type: 'phase', phase: {kind: 'failed', message: m}});
  };

  const start = (rec: CertificateView) => {
    send({type: 'open', rec, phase: {kind: 'checking'}, steps: initialSteps(t, RESUME_STEPS)});
    gen.prepareResume(rec, {auto: true}).then((p) => {
      send({type: 'prepared', prepared: p});
      if (p.auth.kind === 'certificate') void go(p, undefined);
    }, (e) => send({type: 'phase', phase: {kind: 'failed', message: userMessage(e, t)}}));
  };

  const close = () => {
    send({type: 'phase', phase: undefined});
    onChanged();
  };

  useKeys((key) => {
    if (!phase) return false;
    if (phase.kind === 'checking') return true;
    if ((phase.kind === 'progress' || phase.kind === 'failed') && isScrollKey(key)) return false; // the steps' scroll region
    if (phase.kind === 'progress') {
      if (matches(key, 'back')) {
        run.abort();
        send({type: 'phase', phase: {kind: 'cancelled'}});
      }
      return true;
    }
    if ((phase.kind === 'done' || phase.kind === 'failed' || phase.kind === 'cancelled' || phase.kind === 'abandoned') && (matches(key, 'confirm') || matches(key, 'back'))) close();
    // KSeF has no certificate for the key: the user may decide the request never reached KSeF.
    if (phase.kind === 'failed' && phase.message.code === 'notInKsef' && matches(key, 'abandon') && r) {
      void gen.abandon(r.id).then(
        (out) => send({type: 'phase', phase: {kind: 'abandoned', text: t('enroll.abandoned', {name: out.name})}}),
        (e) => send({type: 'phase', phase: {kind: 'failed', message: userMessage(e, t)}}),
      );
    }
    return true;
  }, {active: active && !!phase && phase.kind !== 'auth', priority: PRIORITY.modal});

  const heading = r ? [t('resume.title', {name: r.name, owner: ownerLabel(r.owner, t)}), t('resume.reference', {ref: r.enrollment?.referenceNumber ?? t('enroll.noReference')})] : [];
  let overlay: React.ReactNode;
  if (phase?.kind === 'checking') overlay = <Spinner label={t('resume.checking')} />;
  else if (phase?.kind === 'auth' && r && state.prepared) {
    const p = state.prepared;
    overlay = (
      <Box flexDirection="column">
        {heading.map((h) => <Text key={h} bold wrap="truncate">{h}</Text>)}
        <ExternalSignatureStep
          active={active}
          env={r.env}
          context={p.target.context}
          apiUrl={p.target.apiUrl}
          note={p.auth.kind === 'signature' ? p.auth.note : undefined}
          cancelLabel={t('gen.auth.cancelToDetails')}
          onSigned={(bytes) => void go(p, {kind: 'signed', bytes})}
          onCancel={() => send({type: 'phase', phase: undefined})}
          onError={(m) => send({type: 'phase', phase: {kind: 'failed', message: m}})}
        />
      </Box>
    );
  } else if (phase?.kind === 'progress' || phase?.kind === 'failed') {
    overlay = (
      <RunView
        t={t} size={size} heading={heading} steps={state.steps} running={phase.kind === 'progress'} escHint={t('resume.esc')}
        error={phase.kind === 'failed' ? phase.message : undefined}
        extra={phase.kind === 'failed' && phase.message.code === 'notInKsef' ? [t('enroll.abandonKey')] : []}
        keys={t('gen.back')}
      />
    );
  } else if (phase?.kind === 'abandoned' || phase?.kind === 'cancelled') {
    overlay = (
      <Box flexDirection="column">
        <Text color={theme.warning} wrap="wrap">{phase.kind === 'abandoned' ? phase.text : t('resume.cancelled')}</Text>
        <Text color={theme.muted}>{t('gen.back')}</Text>
      </Box>
    );
  } else if (phase?.kind === 'done') {
    const c = phase.result.record;
    // The backup is written only by `resume --key-password-file`; here F4 saves it.
    overlay = <ResultView t={t} result={{...phase.result, backup: undefined}} title={t('resume.done.title', {name: c.name, owner: ownerLabel(c.owner, t)})} keys={t('resume.done.keys')} />;
  }
  return {overlay, open: !!phase, start};
}
