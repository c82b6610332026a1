// [A-1-5-4] Generowanie nowego Certyfikatu KSeF — dla operatora / oddziału / firmy (F2000 flow):
// form → authorisation (a type-A certificate of the same owner signs by itself; otherwise auth.xml in the sign
// folder, 10-minute countdown, "kontynuuj" / "kontynuuj bez uruchamiania", folder watched) → progress of every step
// → result (serial, validity, .crt/.key backup) or the Polish error with its KSeF code. Esc cancels at any point.
import React, {useEffect, useMemo, useRef, useState} from 'react';
import {Box, Text} from 'ink';
import type {Branch, CertificateRecord, CertTypeCode, EnvCode, ModeCode, Operator, Owner} from '../domain/index.js';
import {ENV_NAME, warsawDateTime} from '../domain/index.js';
import {canManage} from '../domain/rights.js';
import {
  branchCodeFor, chooseAuthorization, launchSignCommand, prepareAuthRequest, readSignedFile, submitSignedFile, watchForSignedFile,
  type AuthorizationPlan, type PreparedAuthRequest,
} from '../flows/authorize.js';
import {contextFor} from '../flows/context-id.js';
import {userMessage, type UserMessage} from '../flows/errors.js';
import {
  defaultStartDate, describeFollows, enrollCertificate, GENERATE_STEP_PL, GENERATE_STEPS, NAME_PORTABLE_HINT_PL, dateError, nameError,
  planGenerate, type GenerateRequest, type GenerateResult, type GenerateStep,
} from '../flows/generate.js';
import {demoSignCommand} from '../flows/generate-demo.js';
import {ownerLabelPl} from '../flows/import.js';
import {loginWithCertificate} from '../flows/login.js';
import {checkCertificateName} from '../domain/index.js';
import {useAppContext, useOperator} from '../tui/context.js';
import {PRIORITY, useKeys} from '../tui/keys/KeyProvider.js';
import {Form, type FieldSpec, type FormValues} from '../tui/form/index.js';
import {Countdown} from '../tui/components/Countdown.js';
import {StepProgress, type Step} from '../tui/components/StepProgress.js';
import {Spinner} from '../tui/components/Spinner.js';
import {theme} from '../tui/theme.js';
import type {KsefSession} from '../ksef/client/index.js';
import type {ScreenProps} from './types.js';

export type GenerateOwnerKind = Owner['kind'];

interface Setup {
  operators: Operator[];
  branches: Branch[];
  records: CertificateRecord[];
  companyName: string;
  companyNip: string;
}

type AuthSub = {kind: 'waiting'} | {kind: 'pickFile'} | {kind: 'expired'};

type Phase =
  | {kind: 'form'; error?: string}
  | {kind: 'preparing'}
  | {kind: 'auth'; req: PreparedAuthRequest; sub: AuthSub; note?: string; launched?: string; rejected: string[]; pickError?: string}
  | {kind: 'progress'}
  | {kind: 'done'; result: GenerateResult}
  | {kind: 'failed'; message: UserMessage; pendingLeft: boolean}
  | {kind: 'cancelled'; pendingName?: string};

const AUTH_STEPS = [
  {id: 'sign', label: 'Podpis żądania autoryzacyjnego'},
  {id: 'submit', label: 'Wysłanie podpisu do KSeF'},
  {id: 'authStatus', label: 'Weryfikacja podpisu w KSeF'},
  {id: 'redeem', label: 'Pobranie tokenów dostępu'},
] as const;

const initialSteps = (): Step[] => [
  ...AUTH_STEPS.map((s) => ({...s, state: 'pending' as const})),
  ...GENERATE_STEPS.map((id) => ({id, label: GENERATE_STEP_PL[id], state: 'pending' as const})),
];

const ownerFromValue = (kind: GenerateOwnerKind, value: string | undefined): Owner =>
  kind === 'company' ? {kind: 'company'} : {kind, code: value ?? ''};

export function CertGenerateScreen({active, nav, params, kind}: ScreenProps & {kind: GenerateOwnerKind}) {
  const {store, gateway, workstation, clock, env: defaultEnv, demo, dataDir} = useAppContext();
  const operator = useOperator();
  const [setup, setSetup] = useState<Setup | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [phase, setPhase] = useState<Phase>({kind: 'form'});
  const [steps, setSteps] = useState<Step[]>(initialSteps);
  const [formKey, setFormKey] = useState(0);
  const typed = useRef<FormValues>({});
  const request = useRef<GenerateRequest | undefined>(undefined);
  const plan = useRef<AuthorizationPlan | undefined>(undefined);
  const abort = useRef<AbortController | undefined>(undefined);
  const mounted = useRef(true);
  useEffect(() => () => {
    mounted.current = false;
    abort.current?.abort();
  }, []);
  const safeSet = (p: Phase) => mounted.current && setPhase(p);

  useEffect(() => {
    let cancelled = false;
    Promise.all([store.listOperators(), store.listBranches(), store.listCertificates(), store.company()]).then(
      ([operators, branches, records, company]) => !cancelled && setSetup({operators, branches, records, companyName: company.name, companyNip: company.nip}),
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

  const fields = useMemo<FieldSpec[] | undefined>(() => {
    if (!setup) return undefined;
    const now = clock();
    const start = (v: FormValues) =>
      defaultStartDate(setup.records, ownerFromValue(kind, v.owner), (v.type || 'A') as CertTypeCode, (v.env || 'D') as EnvCode, (v.mode || 'B') as ModeCode, now);
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
      {id: 'validFrom', kind: 'date', label: 'Data uruchomienia', default: start({owner: '', env: preset?.env ?? defaultEnv, type: preset?.type ?? 'A', mode: preset?.mode ?? 'B'}).date,
        validate: (v) => dateError(v, clock())},
      {id: 'password', kind: 'password', label: 'Hasło klucza (.key)', policy: true},
      {id: 'password2', kind: 'password', label: 'Powtórz hasło', confirmOf: 'password'},
    );
    return list;
  }, [setup, kind, ownerOptions, clock, defaultEnv, operator.code, preset]);

  const derive = useMemo(() => (values: FormValues, changed: string) => {
    if (!setup || !['mode', 'type', 'env', 'owner'].includes(changed)) return undefined;
    const d = defaultStartDate(setup.records, ownerFromValue(kind, values.owner), (values.type || 'A') as CertTypeCode, (values.env || 'D') as EnvCode, (values.mode || 'B') as ModeCode, clock());
    return {validFrom: d.date};
  }, [setup, kind, clock]);

  const branchOf = (owner: Owner): Branch | undefined => setup?.branches.find((b) => b.code === branchCodeFor(owner, setup.operators, operator));

  const markStep = (id: string, state: Step['state'], detail?: string) =>
    mounted.current && setSteps((list) => list.map((s) => (s.id === id ? {...s, state, ...(detail !== undefined ? {detail} : {})} : s)));

  const failActive = (m: UserMessage) =>
    mounted.current && setSteps((list) => list.map((s) => (s.state === 'active' ? {...s, state: 'failed', detail: `[${m.code ?? 'błąd'}] ${m.text}`} : s)));

  /** Auth (already signed bytes or our own login) → enrollment, with every step shown. */
  const run = async (signed: Buffer | undefined) => {
    const req = request.current!;
    const branch = branchOf(req.owner);
    const ac = new AbortController();
    abort.current = ac;
    setSteps(initialSteps());
    safeSet({kind: 'progress'});
    let session: KsefSession | undefined;
    const authStep = (s: string) => {
      if (s === 'challenge') markStep('sign', 'active');
      if (s === 'signed') markStep('sign', 'done', 'podpisano certyfikatem KSeF typu A');
      if (s === 'submitted') {
        markStep('submit', 'done');
        markStep('authStatus', 'active');
      }
      if (s === 'redeemed') {
        markStep('authStatus', 'done');
        markStep('redeem', 'done');
      }
    };
    try {
      if (signed) {
        markStep('sign', 'done', 'plik podpisany poza programem');
        markStep('submit', 'active');
        session = await submitSignedFile(await gateway.client(req.env, {apiUrl: req.apiUrl}), signed, {onStep: authStep, signal: ac.signal});
      } else {
        const via = (plan.current as Extract<AuthorizationPlan, {kind: 'certificate'}>).via;
        markStep('sign', 'active', `certyfikat „${via.name}” (${via.serial})`);
        const company = await store.company();
        session = await loginWithCertificate(
          {store, gateway, operator: operator.code, workstation, now: clock},
          via,
          {context: contextFor(company, req.owner.kind === 'company' ? undefined : branch?.config), apiUrl: req.apiUrl, signal: ac.signal, onStep: (s) => {
            if (s === 'signed') markStep('submit', 'active');
            authStep(s);
          }},
        );
      }
      const result = await enrollCertificate({store, gateway, operator, workstation, now: clock}, session, req, {
        signal: ac.signal,
        onStep: (e) => markStep(e.step, e.phase === 'start' ? 'active' : 'done', e.detail),
      });
      safeSet({kind: 'done', result});
    } catch (e) {
      const m = userMessage(e);
      if (m.code === 'aborted') return; // Esc already switched the phase
      failActive(m);
      const left = (await store.listCertificates().catch(() => [])).find((r) => r.name === req.name && (r.state === 'pending' || r.state === 'failed') && r.createdBy === operator.code);
      safeSet({kind: 'failed', message: m, pendingLeft: left?.state === 'pending'});
    } finally {
      void session?.logout().catch(() => undefined);
    }
  };

  /** auth.xml for a fresh challenge + watching the sign folder. */
  const startSignature = async () => {
    const req = request.current!;
    const branch = branchOf(req.owner);
    abort.current?.abort();
    const ac = new AbortController();
    abort.current = ac;
    safeSet({kind: 'preparing'});
    try {
      const company = await store.company();
      const prepared = await prepareAuthRequest(
        {store, gateway, workstation, now: clock},
        {env: req.env, context: contextFor(company, req.owner.kind === 'company' ? undefined : branch?.config), apiUrl: req.apiUrl, signal: ac.signal},
      );
      if (ac.signal.aborted) return;
      const note = plan.current?.kind === 'signature' ? plan.current.notePl : undefined;
      safeSet({kind: 'auth', req: prepared, sub: {kind: 'waiting'}, note, rejected: []});
      watchForSignedFile(prepared.dir, {
        challenge: prepared.challenge, since: prepared.writtenAt, signal: ac.signal, pollMs: 500,
        onRejected: (file, reason) => mounted.current && setPhase((p) => (p.kind === 'auth' ? {...p, rejected: [...p.rejected, `${file.split('/').pop()}: ${reason}`].slice(-3)} : p)),
      }).then((found) => void run(found.bytes), () => undefined);
    } catch (e) {
      if (ac.signal.aborted) return;
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
      ...(preset?.predecessorId && v.mode === 'Z' && preset.type === v.type && preset.env === v.env ? {predecessorId: preset.predecessorId} : {}),
    };
    void store.listCertificates().then((records) => {
      try {
        planGenerate(records, operator, req, clock());
      } catch (e) {
        safeSet({kind: 'form', error: userMessage(e).text});
        setFormKey((k) => k + 1);
        return;
      }
      request.current = req;
      plan.current = chooseAuthorization(records, owner, req.env, branch?.config.authMethod ?? 'esignature', clock());
      if (plan.current.kind === 'certificate') void run(undefined);
      else void startSignature();
    });
  };

  const cancelFlow = async () => {
    abort.current?.abort();
    const req = request.current;
    const left = req ? (await store.listCertificates()).find((r) => r.state === 'pending' && r.name === req.name && r.createdBy === operator.code) : undefined;
    safeSet({kind: 'cancelled', pendingName: left ? `${left.name} (wniosek ${left.enrollment?.referenceNumber})` : undefined});
  };

  const signCommand = async (): Promise<string> => {
    const ws = await store.workstation(workstation);
    if (ws.signCommand.trim()) return ws.signCommand;
    return demo ? demoSignCommand(dataDir) ?? '' : '';
  };

  useKeys((key) => {
    const ch = key.name === 'char' ? key.ch?.toLowerCase() : undefined;
    if (phase.kind === 'auth' && phase.sub.kind !== 'pickFile') {
      if (key.name === 'escape') {
        abort.current?.abort();
        safeSet({kind: 'form', error: 'Autoryzację przerwano — dane formularza zachowano.'});
        setFormKey((k) => k + 1);
        return true;
      }
      if (ch === 'n' && phase.sub.kind === 'expired') {
        void startSignature();
        return true;
      }
      if (ch === 'k' && phase.sub.kind === 'waiting') {
        const req = phase.req;
        void signCommand().then((cmd) => {
          if (!cmd) return mounted.current && setPhase((p) => (p.kind === 'auth' ? {...p, launched: 'Brak polecenia podpisu w konfiguracji stanowiska [A-1-5-2] — podpisz plik auth.xml samodzielnie i zapisz podpisany plik w tym folderze.'} : p));
          return launchSignCommand(cmd, {file: req.file, dir: req.dir, onExit: (m) => m && mounted.current && setPhase((p) => (p.kind === 'auth' ? {...p, launched: m} : p))}).then((r) =>
            mounted.current && setPhase((p) => (p.kind === 'auth' ? {...p, launched: r.launched ? 'Uruchomiono program do podpisu — czekam na podpisany plik…' : r.error} : p)),
          );
        });
        return true;
      }
      if (ch === 'b' && phase.sub.kind === 'waiting') {
        setPhase({...phase, sub: {kind: 'pickFile'}});
        return true;
      }
      return true;
    }
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
    return phase.kind === 'preparing' || phase.kind === 'progress';
  }, {active: active && phase.kind !== 'form', priority: PRIORITY.modal});

  if (loadError) return <Text color={theme.error}>{loadError}</Text>;
  if (!fields) return <Text color={theme.muted}>Wczytywanie…</Text>;
  if (kind !== 'company' && ownerOptions.length === 0) {
    return <Text color={theme.error}>{`Brak ${kind === 'operator' ? 'operatorów' : 'oddziałów'}, dla których możesz generować certyfikaty (Esc — powrót).`}</Text>;
  }

  if (phase.kind === 'preparing') return <Spinner label="Pobieranie wyzwania z KSeF i zapis pliku auth.xml…" />;

  if (phase.kind === 'auth') {
    const p = phase;
    return (
      <Box flexDirection="column">
        <Text bold>Autoryzacja podpisem zewnętrznym (e-podpis / Profil Zaufany)</Text>
        <Box marginTop={1} flexDirection="column">
          <Text>{'Plik do podpisania: '}<Text color={theme.crumb}>{p.req.file}</Text></Text>
          <Text>{`Wyzwanie: ${p.req.challenge}  `}
            {p.sub.kind === 'expired' ? <Text color={theme.error} bold>Czas minął</Text> : (
              <Countdown deadline={p.req.expiresAt} clock={() => clock().getTime()} onExpire={() => {
                abort.current?.abort();
                mounted.current && setPhase((x) => (x.kind === 'auth' ? {...x, sub: {kind: 'expired'}} : x));
              }} />
            )}
          </Text>
        </Box>
        {p.sub.kind === 'expired' ? (
          <Box marginTop={1} flexDirection="column">
            <Text color={theme.error} wrap="wrap">Wyzwanie wygasło (10 minut) — KSeF nie przyjmie już podpisu tego pliku.</Text>
            <Text>N — nowe wyzwanie (nowy plik auth.xml), Esc — powrót do formularza</Text>
          </Box>
        ) : (
          <Box marginTop={1} flexDirection="column">
            <Text wrap="wrap">{`Co zrobić: podpisz plik auth.xml podpisem kwalifikowanym, pieczęcią kwalifikowaną lub Profilem Zaufanym (podpis XAdES otaczany, nie zewnętrzny) i zapisz podpisany plik (.xml lub .xades) w folderze ${p.req.dir}. Program sam go wykryje.`}</Text>
            {p.note ? <Text color={theme.warning} wrap="wrap">{p.note}</Text> : null}
            <Box marginTop={1}><Spinner label="Czekam na podpisany plik w folderze…" /></Box>
            {p.launched ? <Text color={theme.muted} wrap="wrap">{p.launched}</Text> : null}
            {p.rejected.map((r, i) => <Text key={i} color={theme.warning} wrap="wrap">{`Pominięto ${r}`}</Text>)}
            {p.sub.kind === 'pickFile' ? (
              <Box marginTop={1} flexDirection="column">
                {p.pickError ? <Text color={theme.error} wrap="wrap">{`✗ ${p.pickError}`}</Text> : null}
                <Form
                  fields={[{id: 'file', kind: 'path', label: 'Podpisany plik', target: 'file', extensions: ['.xml', '.xades'], mustExist: true, default: `${p.req.dir}/`, width: 50}]}
                  active={active}
                  labelWidth={18}
                  onSubmit={(v) => {
                    readSignedFile(v.file, p.req.challenge).then(
                      (f) => {
                        abort.current?.abort();
                        void run(f.bytes);
                      },
                      (e) => mounted.current && setPhase((x) => (x.kind === 'auth' ? {...x, pickError: userMessage(e).text} : x)),
                    );
                  }}
                  onCancel={() => setPhase((x) => (x.kind === 'auth' ? {...x, sub: {kind: 'waiting'}, pickError: undefined} : x))}
                />
              </Box>
            ) : (
              <Box marginTop={1}><Text>K — kontynuuj (uruchom program do podpisu i czekaj), B — kontynuuj bez uruchamiania (wskaż podpisany plik), Esc — przerwij</Text></Box>
            )}
          </Box>
        )}
      </Box>
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
    const {record: r, backup, backupError, warnings} = phase.result;
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
        {warnings.map((w) => <Text key={w} color={theme.warning} wrap="wrap">{w}</Text>)}
        <Box marginTop={1}><Text color={theme.muted}>Certyfikat jest na liście [A-1-5-7]. Enter lub Esc — powrót</Text></Box>
      </Box>
    );
  }

  return (
    <Box flexDirection="column">
      {phase.error ? <Box marginBottom={1}><Text color={theme.error} wrap="wrap">{`✗ ${phase.error}`}</Text></Box> : null}
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

