// `W` "Wznów wydawanie" on a pending enrollment (details of a record "w trakcie wydawania"): a KSeF session of the
// same owner — its active type-A certificate signs by itself, otherwise the external-signature step — then poll →
// retrieve → store → audit with every step shown, and the result or the Polish error with its KSeF code. Esc while
// waiting leaves the record pending (resumable again). The hook owns the state; the screen renders `overlay`.
import React, {useEffect, useRef, useState} from 'react';
import {Box} from 'ink';
import {Text} from '../tui/text.js';
import type {CertificateView, ContextIdentifier} from '../domain/index.js';
import {ENV_NAME, warsawDateTime} from '../domain/index.js';
import {canManage} from '../domain/rights.js';
import {branchCodeFor, chooseAuthorization, type AuthorizationPlan} from '../flows/authorize.js';
import {authCandidate, wholeWhere} from '../flows/whole-records.js';
import {contextFor} from '../flows/context-id.js';
import {FlowError, userMessage, type UserMessage} from '../flows/errors.js';
import {abandonEnrollment, GENERATE_STEP_PL, resumeEnrollment, type GenerateResult, type GenerateStep} from '../flows/generate.js';
import {ownerLabelPl} from '../flows/import.js';
import type {KsefSession} from '../ksef/client/index.js';
import {useAppContext, useOperator} from './shell/context.js';
import {PRIORITY, useKeys} from '../tui/keys/KeyProvider.js';
import {isText} from '../tui/keys/key.js';
import {Spinner} from '../tui/components/Spinner.js';
import {StepProgress, type Step} from '../tui/components/StepProgress.js';
import {theme} from '../tui/theme.js';
import {useStepRun} from './step-run.js';
import {AUTH_STEPS, ExternalSignatureStep, openAuthSession} from './auth-step.js';

const RESUME_STEPS: readonly GenerateStep[] = ['pollEnrollment', 'retrieve', 'store', 'audit'];

const initialSteps = (): Step[] => [
  ...AUTH_STEPS.map((s) => ({...s, state: 'pending' as const})),
  ...RESUME_STEPS.map((id) => ({id, label: GENERATE_STEP_PL[id], state: 'pending' as const})),
];

type Phase =
  | {kind: 'checking'}
  | {kind: 'auth'; context: ContextIdentifier; note?: string}
  | {kind: 'progress'}
  | {kind: 'done'; result: GenerateResult}
  | {kind: 'failed'; message: UserMessage}
  | {kind: 'cancelled'}
  | {kind: 'abandoned'; text: string};

export interface ResumeAction {
  overlay: React.ReactNode;
  open: boolean;
  start(rec: CertificateView): void;
}

const formatCode = (m: UserMessage): string => (m.code !== undefined && m.code !== 'unexpected' ? `[${m.code}] ${m.text}` : m.text);

export function useResumeEnrollment(active: boolean, onChanged: () => void): ResumeAction {
  const {store, gateway, workstation, clock, t} = useAppContext();
  const operator = useOperator();
  const [phase, setPhase] = useState<Phase | undefined>();
  const {steps, mounted, reset, begin, abort, markStep, failActive} = useStepRun(initialSteps);
  const rec = useRef<CertificateView | undefined>(undefined);
  const apiUrl = useRef<string | undefined>(undefined);
  const plan = useRef<AuthorizationPlan | undefined>(undefined);
  const safeSet = (p: Phase | undefined) => mounted.current && setPhase(p);

  /** Login (signed bytes, or our own type-A certificate) → resumeEnrollment. */
  const run = async (signed: Buffer | undefined) => {
    const r = rec.current!;
    const ac = begin();
    safeSet({kind: 'progress'});
    let session: KsefSession | undefined;
    try {
      session = await openAuthSession({store, gateway, operator: operator.code, workstation, now: clock}, {
        env: r.env, apiUrl: apiUrl.current, signed, plan: plan.current, signal: ac.signal, markStep,
        context: async () => {
          const [company, branches, operators] = await Promise.all([store.company(), store.listBranches(), store.listOperators()]);
          const branch = branches.find((b) => b.code === branchCodeFor(r.owner, operators, operator));
          return contextFor(company, r.owner.kind === 'company' ? undefined : branch?.config);
        },
      });
      const result = await resumeEnrollment({store, gateway, operator, workstation, now: clock, t}, r.id, session, {
        signal: ac.signal, apiUrl: apiUrl.current,
        onStep: (e) => markStep(e.step, e.phase === 'start' ? 'active' : 'done', e.detail),
      });
      safeSet({kind: 'done', result});
    } catch (e) {
      const m = userMessage(e, t);
      if (m.code === 'aborted') return; // Esc already switched the phase
      failActive(formatCode(m));
      safeSet({kind: 'failed', message: m});
    } finally {
      void session?.logout().catch(() => undefined);
    }
  };

  const start = (r: CertificateView) => {
    rec.current = r;
    if (r.state !== 'pending' || !r.enrollment) {
      safeSet({kind: 'failed', message: {text: `Certyfikat „${r.name}” nie czeka na wydanie — wznowić można tylko wniosek w trakcie wydawania.`, code: 'notPending'}});
      return;
    }
    if (!canManage(operator, r.owner)) {
      safeSet({kind: 'failed', message: {text: `Brak uprawnień: operator ${operator.code} nie może dokończyć wniosku „${r.name}” (${ownerLabelPl(r.owner)}).`, code: 'forbidden'}});
      return;
    }
    reset();
    safeSet({kind: 'checking'});
    void (async () => {
      try {
        const [summaries, branches, operators, company] = await Promise.all([store.listCertificates(), store.listBranches(), store.listOperators(), store.company()]);
        const records = await wholeWhere(store, summaries, authCandidate);
        const branch = branches.find((b) => b.code === branchCodeFor(r.owner, operators, operator));
        apiUrl.current = branch?.config.apiUrl;
        // KSeF shows an enrollment only to the identity that requested it: the same owner signs.
        plan.current = chooseAuthorization(records, r.owner, r.env, branch?.config.authMethod ?? 'esignature', clock(), {companyNip: company.nip, operators});
        if (plan.current.kind === 'certificate') void run(undefined);
        else safeSet({kind: 'auth', context: contextFor(company, r.owner.kind === 'company' ? undefined : branch?.config), note: plan.current.notePl});
      } catch (e) {
        safeSet({kind: 'failed', message: userMessage(e instanceof Error ? e : new FlowError(String(e)))});
      }
    })();
  };

  const close = () => {
    safeSet(undefined);
    onChanged();
  };

  useKeys((key) => {
    if (!phase) return false;
    if (phase.kind === 'checking') return true;
    if (phase.kind === 'progress') {
      if (key.name === 'escape') {
        abort();
        safeSet({kind: 'cancelled'});
      }
      return true;
    }
    if ((phase.kind === 'done' || phase.kind === 'failed' || phase.kind === 'cancelled' || phase.kind === 'abandoned') && (key.name === 'enter' || key.name === 'escape')) close();
    // KSeF has no certificate for the key: the user may decide the request never reached KSeF.
    if (phase.kind === 'failed' && phase.message.code === 'notInKsef' && isText(key) && key.ch.toLowerCase() === 'x' && rec.current) {
      void abandonEnrollment({store, gateway, operator, workstation, now: clock, t}, rec.current.id).then(
        (out) => safeSet({kind: 'abandoned', text: t('enroll.abandoned', {name: out.name})}),
        (e) => safeSet({kind: 'failed', message: userMessage(e)}),
      );
    }
    return true;
  }, {active: active && !!phase && phase.kind !== 'auth', priority: PRIORITY.modal});

  const r = rec.current;
  let overlay: React.ReactNode;
  const heading = r ? (
    <>
      <Text bold wrap="truncate">{`Wznowienie wydawania certyfikatu „${r.name}” (${ownerLabelPl(r.owner)})`}</Text>
      <Text wrap="truncate">{`Wniosek KSeF: ${r.enrollment?.referenceNumber ?? t('enroll.noReference')}`}</Text>
    </>
  ) : null;
  if (phase?.kind === 'checking') overlay = <Spinner label="Sprawdzanie, jak zalogować się do KSeF…" />;
  else if (phase?.kind === 'auth' && r) {
    overlay = (
      <Box flexDirection="column">
        {heading}
        <ExternalSignatureStep
          active={active}
          env={r.env}
          context={phase.context}
          apiUrl={apiUrl.current}
          notePl={phase.note}
          cancelLabel="powrót do szczegółów"
          onSigned={(bytes) => void run(bytes)}
          onCancel={() => safeSet(undefined)}
          onError={(m) => safeSet({kind: 'failed', message: m})}
        />
      </Box>
    );
  } else if (phase?.kind === 'progress' || phase?.kind === 'failed') {
    overlay = (
      <Box flexDirection="column">
        {heading}
        <Box marginTop={1}><StepProgress steps={steps} /></Box>
        {phase.kind === 'progress' ? <Box marginTop={1}><Text color={theme.muted}>Esc — przerwij (wniosek pozostanie w trakcie wydawania)</Text></Box> : (
          <Box marginTop={1} flexDirection="column">
            <Text color={theme.error} wrap="wrap">{`✗ ${formatCode(phase.message)}`}</Text>
            {phase.message.code === 'notInKsef' ? <Text color={theme.warning}>{t('enroll.abandonKey')}</Text> : null}
            <Text color={theme.muted}>Enter lub Esc — powrót</Text>
          </Box>
        )}
      </Box>
    );
  } else if (phase?.kind === 'abandoned') {
    overlay = (
      <Box flexDirection="column">
        <Text color={theme.warning} wrap="wrap">{phase.text}</Text>
        <Text color={theme.muted}>Enter lub Esc — powrót</Text>
      </Box>
    );
  } else if (phase?.kind === 'cancelled') {
    overlay = (
      <Box flexDirection="column">
        <Text color={theme.warning}>Przerwano wznawianie — wniosek nadal czeka na wydanie (klucz prywatny zachowany w bazie); W — spróbuj ponownie później.</Text>
        <Text color={theme.muted}>Enter lub Esc — powrót</Text>
      </Box>
    );
  } else if (phase?.kind === 'done') {
    const {record: c, warnings} = phase.result;
    overlay = (
      <Box flexDirection="column">
        <Text color={theme.ok} bold>{`Wydano certyfikat KSeF „${c.name}” dla ${ownerLabelPl(c.owner)}.`}</Text>
        <Box marginTop={1} flexDirection="column">
          <Text>{`Numer seryjny:   ${c.serial}`}</Text>
          <Text>{`Typ / tryb:      ${c.type === 'A' ? 'A — autoryzacja' : 'O — offline'}, ${c.mode}, środowisko ${ENV_NAME[c.env]}`}</Text>
          <Text>{`Ważny:           ${warsawDateTime(new Date(c.validFrom!))} – ${warsawDateTime(new Date(c.validTo!))}`}</Text>
          <Text wrap="truncate">{`Podmiot:         ${c.subject ?? ''}`}</Text>
        </Box>
        {warnings.map((w) => <Text key={w} color={theme.warning} wrap="wrap">{w}</Text>)}
        <Box marginTop={1}><Text color={theme.muted}>Kopię .crt i .key zapiszesz klawiszem F4. Enter lub Esc — powrót</Text></Box>
      </Box>
    );
  }
  return {overlay, open: !!phase, start};
}
