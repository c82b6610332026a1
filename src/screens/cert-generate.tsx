// [A-1-5-4] Generowanie nowego Certyfikatu KSeF — dla operatora / oddziału / firmy (F2000 flow):
// form → authorisation (a type-A certificate of the same owner signs by itself; otherwise auth.xml in the sign
// folder, 10-minute countdown, "kontynuuj" / "kontynuuj bez uruchamiania", folder watched) → progress of every step
// → result (serial, validity, .crt/.key backup) or the Polish error with its KSeF code. Esc cancels at any point.
import React, {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {Box} from 'ink';
import {Text} from '../tui/text.js';
import type {Branch, CertificateRecord, CertTypeCode, ContextIdentifier, EnvCode, ModeCode, Operator, Owner} from '../domain/index.js';
import {ENV_NAME, ownerKey, warsawDateTime} from '../domain/index.js';
import {canManage} from '../domain/rights.js';
import {branchCodeFor, chooseAuthorization, type AuthorizationPlan} from '../flows/authorize.js';
import {contextFor} from '../flows/context-id.js';
import {userMessage, type UserMessage} from '../flows/errors.js';
import {
  defaultStartDate, describeFollows, enrollCertificate, GENERATE_STEP_PL, GENERATE_STEPS, NAME_PORTABLE_HINT_PL, dateError, nameError,
  planGenerate, type GenerateRequest, type GenerateResult, type GenerateStep,
} from '../flows/generate.js';
import {ownerLabelPl} from '../flows/import.js';
import {checkCertificateName} from '../domain/index.js';
import {useAppContext, useOperator} from './shell/context.js';
import {PRIORITY, useKeys} from '../tui/keys/KeyProvider.js';
import {Form, type FieldSpec, type FormValues} from '../tui/form/index.js';
import {StepProgress, type Step} from '../tui/components/StepProgress.js';
import {theme} from '../tui/theme.js';
import type {KsefSession} from '../ksef/client/index.js';
import {useStepRun} from './step-run.js';
import {AUTH_STEPS, ExternalSignatureStep, openAuthSession} from './auth-step.js';
import type {ScreenProps} from './types.js';
import {FormError} from '../tui/components/FormError.js';
import {cardModule} from '../flows/card-sign.js';
import type {TokenAccess} from '../flows/token-keys.js';

export type GenerateOwnerKind = Owner['kind'];

interface Setup {
  operators: Operator[];
  branches: Branch[];
  records: CertificateRecord[];
  companyName: string;
  companyNip: string;
  /** The workstation's PKCS#11 module [A-1-5-2]: offers "klucz na tokenie". */
  card?: {module: string; label?: string};
}

type Phase =
  | {kind: 'form'; error?: string}
  | {kind: 'auth'; context: ContextIdentifier; note?: string}
  | {kind: 'progress'}
  | {kind: 'done'; result: GenerateResult}
  | {kind: 'failed'; message: UserMessage; pendingLeft: boolean}
  | {kind: 'cancelled'; pendingName?: string};

const initialSteps = (): Step[] => [
  ...AUTH_STEPS.map((s) => ({...s, state: 'pending' as const})),
  ...GENERATE_STEPS.map((id) => ({id, label: GENERATE_STEP_PL[id], state: 'pending' as const})),
];

const ownerFromValue = (kind: GenerateOwnerKind, value: string | undefined): Owner =>
  kind === 'company' ? {kind: 'company'} : {kind, code: value ?? ''};

export function CertGenerateScreen({active, nav, params, kind}: ScreenProps & {kind: GenerateOwnerKind}) {
  const {store, gateway, workstation, clock, env: defaultEnv, t} = useAppContext();
  const operator = useOperator();
  const [setup, setSetup] = useState<Setup | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [phase, setPhase] = useState<Phase>({kind: 'form'});
  const {steps, mounted, begin, abort, markStep, failActive} = useStepRun(initialSteps);
  const [formKey, setFormKey] = useState(0);
  const typed = useRef<FormValues>({});
  const request = useRef<GenerateRequest | undefined>(undefined);
  const plan = useRef<AuthorizationPlan | undefined>(undefined);
  /** The workstation's token with the PIN typed in the form (this run only). */
  const tokenAccess = useRef<TokenAccess | undefined>(undefined);
  const safeSet = (p: Phase) => mounted.current && setPhase(p);

  useEffect(() => {
    let cancelled = false;
    Promise.all([store.listOperators(), store.listBranches(), store.listCertificates(), store.company(), store.workstation(workstation)]).then(
      ([operators, branches, records, company, ws]) =>
        !cancelled && setSetup({operators, branches, records, companyName: company.name, companyNip: company.nip, card: cardModule(ws)}),
      (e) => !cancelled && setLoadError(userMessage(e).text),
    );
    return () => {
      cancelled = true;
    };
  }, [store]);

  const ownerOptions = useMemo(() => {
    if (!setup) return [];
    if (kind === 'operator') return setup.operators.filter((o) => !o.disabled && canManage(operator, {kind: 'operator', code: o.code})).map((o) => ({value: o.code, label: o.name}));
    if (kind === 'branch') return setup.branches.filter((b) => canManage(operator, {kind: 'branch', code: b.code})).map((b) => ({value: b.code, label: b.name}));
    return [];
  }, [setup, kind, operator]);

  const preset = params as {mode?: ModeCode; owner?: Owner; env?: EnvCode; type?: CertTypeCode; predecessorId?: string} | undefined;

  // Opened by `g` on a certificate's details: that certificate is followed while the form still names its owner,
  // type and environment (otherwise the current one of what the form names).
  const followedId = useCallback((owner: Owner, type: CertTypeCode, env: EnvCode): string | undefined => {
    const p = preset;
    return p?.predecessorId && p.owner && ownerKey(p.owner) === ownerKey(owner) && p.type === type && p.env === env ? p.predecessorId : undefined;
  }, [preset]);

  const endOf = (p: CertificateRecord | undefined) => (p?.validTo ? new Date(p.validTo) : undefined);

  const fields = useMemo<FieldSpec[] | undefined>(() => {
    if (!setup) return undefined;
    const now = clock();
    const start = (v: FormValues) => {
      const owner = ownerFromValue(kind, v.owner);
      const type = (v.type || 'A') as CertTypeCode;
      const env = (v.env || 'D') as EnvCode;
      return defaultStartDate(setup.records, owner, type, env, (v.mode || 'B') as ModeCode, now, followedId(owner, type, env));
    };
    const authOnToken = (v: FormValues): boolean => {
      const owner = ownerFromValue(kind, v.owner);
      const p = chooseAuthorization(setup.records, owner, (v.env || 'D') as EnvCode, 'esignature', now);
      return p.kind === 'certificate' && !!p.via.keyUri;
    };
    const list: FieldSpec[] = [];
    if (kind === 'company') list.push({id: 'owner', kind: 'readonly', label: 'Właściciel', text: `firma — ${setup.companyName || setup.companyNip}`, required: false});
    else list.push({id: 'owner', kind: 'select', label: kind === 'operator' ? 'Operator' : 'Oddział', options: ownerOptions, default: preset?.owner && preset.owner.kind !== 'company' ? preset.owner.code : kind === 'operator' ? operator.code : ownerOptions[0]?.value, width: 40});
    list.push(
      {id: 'env', kind: 'code', label: 'Środowisko KSeF', options: {D: 'demo', P: 'produkcja', T: 'test'}, default: preset?.env ?? defaultEnv},
      {
        id: 'name', kind: 'text', label: 'Nazwa certyfikatu', maxLength: 100, width: 40,
        validate: (v) => nameError(v),
        hint: (v) => (v && !nameError(v) && checkCertificateName(v).notPortable ? NAME_PORTABLE_HINT_PL : v ? undefined : '5–100 znaków: litery, cyfry, spacja, - _'),
      },
      {id: 'type', kind: 'code', label: 'Typ certyfikatu', options: {A: 'autoryzacja', O: 'offline'}, default: preset?.type ?? 'A'},
      {id: 'mode', kind: 'code', label: 'Tryb', options: {B: 'do pracy bieżącej', Z: 'po wygaśnięciu bieżącego'}, default: preset?.mode ?? 'B',
        validate: (v, all) => (v === 'Z' && !start(all).predecessor ? 'Brak bieżącego certyfikatu tego typu i środowiska — tryb Z niemożliwy, wybierz B.' : undefined)},
      {id: 'follows', kind: 'readonly', label: '', required: false, hidden: (v) => v.mode !== 'Z',
        text: (v) => {
          const p = start(v).predecessor;
          return p ? describeFollows(p) : 'Brak bieżącego certyfikatu, po którym nowy miałby zacząć działać.';
        }},
      {id: 'validFrom', kind: 'date', label: 'Data uruchomienia', default: start({owner: preset?.owner && preset.owner.kind !== 'company' ? preset.owner.code : kind === 'operator' ? operator.code : ownerOptions[0]?.value ?? '', env: preset?.env ?? defaultEnv, type: preset?.type ?? 'A', mode: preset?.mode ?? 'B'}).date,
        validate: (v, all) => dateError(v, clock(), all.mode === 'Z' ? endOf(start(all).predecessor) : undefined)},
    );
    if (setup.card) {
      list.push(
        {id: 'keyWhere', kind: 'code', label: t('pkcs11.field.keyWhere'), default: 'M',
          options: {M: t('pkcs11.keyWhere.M'), T: t('pkcs11.keyWhere.T', {token: setup.card.label ?? '?'})}},
        // The PIN is also needed when the owner's type-A certificate that signs the KSeF login has its key on the token.
        {id: 'pin', kind: 'password', label: t('pkcs11.card.pin'), maxLength: 64, hidden: (v) => v.keyWhere !== 'T' && !authOnToken(v)},
      );
    }
    list.push(
      {id: 'password', kind: 'password', label: 'Hasło klucza (.key)', policy: true, hidden: (v) => v.keyWhere === 'T'},
      {id: 'password2', kind: 'password', label: 'Powtórz hasło', confirmOf: 'password', hidden: (v) => v.keyWhere === 'T'},
    );
    return list;
  }, [setup, kind, ownerOptions, clock, defaultEnv, operator.code, preset, followedId, t]);

  const derive = useMemo(() => (values: FormValues, changed: string) => {
    if (!setup || !['mode', 'type', 'env', 'owner'].includes(changed)) return undefined;
    const owner = ownerFromValue(kind, values.owner);
    const type = (values.type || 'A') as CertTypeCode;
    const env = (values.env || 'D') as EnvCode;
    const d = defaultStartDate(setup.records, owner, type, env, (values.mode || 'B') as ModeCode, clock(), followedId(owner, type, env));
    return {validFrom: d.date};
  }, [setup, kind, clock, followedId]);

  const branchOf = (owner: Owner): Branch | undefined => setup?.branches.find((b) => b.code === branchCodeFor(owner, setup.operators, operator));

  /** Auth (already signed bytes or our own login) → enrollment, with every step shown. */
  const run = async (signed: Buffer | undefined) => {
    const req = request.current!;
    const branch = branchOf(req.owner);
    const ac = begin();
    safeSet({kind: 'progress'});
    let session: KsefSession | undefined;
    try {
      session = await openAuthSession({store, gateway, operator: operator.code, workstation, now: clock, token: tokenAccess.current}, {
        env: req.env, apiUrl: req.apiUrl, signed, plan: plan.current, signal: ac.signal, markStep,
        context: async () => contextFor(await store.company(), req.owner.kind === 'company' ? undefined : branch?.config),
      });
      const result = await enrollCertificate({store, gateway, operator, workstation, now: clock, t}, session, req, {
        signal: ac.signal,
        onStep: (e) => markStep(e.step, e.phase === 'start' ? 'active' : 'done', e.detail),
      });
      safeSet({kind: 'done', result});
    } catch (e) {
      const m = userMessage(e, t);
      if (m.code === 'aborted') return; // Esc already switched the phase
      failActive(`[${m.code ?? 'błąd'}] ${m.text}`);
      const left = (await store.listCertificates().catch(() => [])).find((r) => r.name === req.name && (r.state === 'pending' || r.state === 'failed') && r.createdBy === operator.code);
      // An unconfirmed request says itself that KSeF may have it; "was filed" would claim more than we know.
      safeSet({kind: 'failed', message: m, pendingLeft: left?.state === 'pending' && m.code !== 'enrollUnconfirmed'});
    } finally {
      void session?.logout().catch(() => undefined);
    }
  };

  /** The external-signature step (auth.xml, countdown, folder watch) for the request's owner. */
  const startSignature = async () => {
    const req = request.current!;
    const branch = branchOf(req.owner);
    try {
      const company = await store.company();
      const note = plan.current?.kind === 'signature' ? plan.current.notePl : undefined;
      safeSet({kind: 'auth', context: contextFor(company, req.owner.kind === 'company' ? undefined : branch?.config), note});
    } catch (e) {
      safeSet({kind: 'form', error: `${formatCode(userMessage(e))}`});
      setFormKey((k) => k + 1);
    }
  };

  const onSubmit = (v: FormValues) => {
    if (!setup) return;
    const owner = ownerFromValue(kind, v.owner);
    const branch = branchOf(owner);
    const req: GenerateRequest = {
      owner, env: v.env as EnvCode, name: v.name, type: v.type as CertTypeCode, mode: v.mode as ModeCode, validFrom: v.validFrom,
      keyPassword: v.password, apiUrl: branch?.config.apiUrl,
      // "Klucz na tokenie": the PIN typed in the form is used for this run only, never stored.
      ...(v.keyWhere === 'T' && setup.card
        ? {keyPassword: '', keyOnToken: {access: {module: setup.card.module, label: setup.card.label, pin: () => v.pin}, label: setup.card.label ?? ''}}
        : {}),
      ...(v.mode === 'Z' && followedId(owner, v.type as CertTypeCode, v.env as EnvCode) ? {predecessorId: followedId(owner, v.type as CertTypeCode, v.env as EnvCode)} : {}),
    };
    void store.listCertificates().then((records) => {
      const parties = {companyNip: setup.companyNip, operators: setup.operators};
      const chosen = chooseAuthorization(records, owner, req.env, branch?.config.authMethod ?? 'esignature', clock(), parties);
      // Automatic authorisation: the certificate that logs in is checked by the flow like --auth-cert.
      if (chosen.kind === 'certificate') req.authCertId = chosen.via.id;
      try {
        planGenerate(records, operator, req, clock(), parties);
      } catch (e) {
        safeSet({kind: 'form', error: userMessage(e, t).text});
        setFormKey((k) => k + 1);
        return;
      }
      request.current = req;
      tokenAccess.current = setup.card ? {module: setup.card.module, label: setup.card.label, pin: () => v.pin ?? ''} : undefined;
      plan.current = chosen;
      if (plan.current.kind === 'certificate') void run(undefined);
      else void startSignature();
    });
  };

  const cancelFlow = async () => {
    abort();
    const req = request.current;
    const left = req ? (await store.listCertificates()).find((r) => r.state === 'pending' && r.name === req.name && r.createdBy === operator.code) : undefined;
    safeSet({kind: 'cancelled', pendingName: left ? `${left.name} (wniosek ${left.enrollment?.referenceNumber ?? t('enroll.noReference')})` : undefined});
  };

  useKeys((key) => {
    if (phase.kind === 'progress' && key.name === 'escape') {
      void cancelFlow();
      return true;
    }
    if (phase.kind === 'failed') {
      if (key.name === 'enter') {
        safeSet({kind: 'form', error: formatCode(phase.message)});
        setFormKey((k) => k + 1);
        return true;
      }
      if (key.name === 'escape') {
        nav.back();
        return true;
      }
      return true;
    }
    if ((phase.kind === 'done' || phase.kind === 'cancelled') && (key.name === 'enter' || key.name === 'escape')) {
      nav.back();
      return true;
    }
    return phase.kind === 'progress';
  }, {active: active && phase.kind !== 'form' && phase.kind !== 'auth', priority: PRIORITY.modal});

  if (loadError) return <Text color={theme.error}>{loadError}</Text>;
  // Rights at once, not after the form is filled (the flow refuses the request anyway).
  if (kind !== 'operator' && !canManage(operator, {kind: 'company'})) return <Text color={theme.error} wrap="wrap">{t('rights.generateAdminOnly', {code: operator.code})}</Text>;
  if (!fields) return <Text color={theme.muted}>Wczytywanie…</Text>;
  if (kind !== 'company' && ownerOptions.length === 0) {
    return <Text color={theme.error}>{`Brak ${kind === 'operator' ? 'operatorów' : 'oddziałów'}, dla których możesz generować certyfikaty (Esc — powrót).`}</Text>;
  }

  if (phase.kind === 'auth') {
    const req = request.current!;
    return (
      <ExternalSignatureStep
        active={active}
        env={req.env}
        context={phase.context}
        apiUrl={req.apiUrl}
        notePl={phase.note}
        signAs={req.owner.kind === 'operator' ? req.owner.code : undefined}
        cancelLabel="powrót do formularza"
        onSigned={(bytes) => void run(bytes)}
        onCancel={() => {
          safeSet({kind: 'form', error: 'Autoryzację przerwano — dane formularza zachowano.'});
          setFormKey((k) => k + 1);
        }}
        onError={(m) => {
          safeSet({kind: 'form', error: formatCode(m)});
          setFormKey((k) => k + 1);
        }}
      />
    );
  }

  if (phase.kind === 'progress' || phase.kind === 'failed') {
    return (
      <Box flexDirection="column">
        <Text bold>{`Generowanie certyfikatu „${request.current?.name}” dla ${request.current ? ownerLabelPl(request.current.owner) : ''}`}</Text>
        <Box marginTop={1}><StepProgress steps={steps} /></Box>
        {phase.kind === 'progress' ? <Box marginTop={1}><Text color={theme.muted}>Esc — przerwij</Text></Box> : (
          <Box marginTop={1} flexDirection="column">
            <Text color={theme.error} wrap="wrap">{`✗ ${formatCode(phase.message)}`}</Text>
            {phase.pendingLeft ? <Text color={theme.warning} wrap="wrap">Wniosek został złożony — zapisano go jako oczekujący (widoczny na liście [A-1-5-7]); klucz jest zachowany w bazie.</Text> : null}
            <Text color={theme.muted}>Enter — powrót do formularza, Esc — wyjście</Text>
          </Box>
        )}
      </Box>
    );
  }

  if (phase.kind === 'cancelled') {
    return (
      <Box flexDirection="column">
        <Text color={theme.warning}>Przerwano generowanie certyfikatu.</Text>
        {phase.pendingName ? <Text wrap="wrap">{`Wniosek ${phase.pendingName} został już złożony w KSeF — zapisano go jako oczekujący (lista [A-1-5-7]); klucz prywatny jest zachowany w bazie i wniosek można dokończyć później.`}</Text> : <Text>Nic nie zapisano.</Text>}
        <Text color={theme.muted}>Enter lub Esc — powrót</Text>
      </Box>
    );
  }

  if (phase.kind === 'done') {
    const {record: r, backup, backupError, warnings, tokenBackup} = phase.result;
    return (
      <Box flexDirection="column">
        <Text color={theme.ok} bold>{`Wygenerowano certyfikat KSeF „${r.name}” dla ${ownerLabelPl(r.owner)}.`}</Text>
        <Box marginTop={1} flexDirection="column">
          <Text>{`Numer seryjny:   ${r.serial}`}</Text>
          <Text>{`Typ / tryb:      ${r.type === 'A' ? 'A — autoryzacja' : 'O — offline'}, ${r.mode}, środowisko ${ENV_NAME[r.env]}`}</Text>
          <Text>{`Ważny:           ${warsawDateTime(new Date(r.validFrom!))} – ${warsawDateTime(new Date(r.validTo!))}`}</Text>
          <Text wrap="truncate">{`Podmiot:         ${r.subject ?? ''}`}</Text>
        </Box>
        {backup ? (
          <Box marginTop={1} flexDirection="column">
            <Text>Kopia certyfikatu i klucza (jak z MCU / Aplikacji Podatnika; klucz zaszyfrowany podanym hasłem):</Text>
            <Text color={theme.crumb}>{`  ${backup.certPath}`}</Text>
            <Text color={theme.crumb}>{`  ${backup.keyPath}`}</Text>
          </Box>
        ) : null}
        {backupError ? <Text color={theme.warning} wrap="wrap">{backupError}</Text> : null}
        {tokenBackup ? <Box marginTop={1}><Text wrap="wrap">{tokenBackup.note}</Text></Box> : null}
        {warnings.map((w) => <Text key={w} color={theme.warning} wrap="wrap">{w}</Text>)}
        <Box marginTop={1}><Text color={theme.muted}>Certyfikat jest na liście [A-1-5-7]. Enter lub Esc — powrót</Text></Box>
      </Box>
    );
  }

  return (
    <Box flexDirection="column">
      <FormError message={phase.error} />
      <Form
        key={formKey}
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
      <Text color={theme.muted} wrap="wrap">Po akceptacji (F2): autoryzacja, wniosek do KSeF i kopia .crt + .key w folderze eksportu stanowiska.</Text>
    </Box>
  );
}

const formatCode = (m: UserMessage): string => (m.code !== undefined && m.code !== 'unexpected' ? `[${m.code}] ${m.text}` : m.text);

export const CertGenerateOperatorScreen = (p: ScreenProps) => <CertGenerateScreen {...p} kind="operator" />;
export const CertGenerateBranchScreen = (p: ScreenProps) => <CertGenerateScreen {...p} kind="branch" />;
export const CertGenerateCompanyScreen = (p: ScreenProps) => <CertGenerateScreen {...p} kind="company" />;

