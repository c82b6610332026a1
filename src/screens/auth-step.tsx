// The external-signature authorisation step (e-podpis / Profil Zaufany) shared by generate [A-1-5-4] and the resume
// of a pending enrollment: auth.xml for a fresh challenge in the sign folder, the 10-minute countdown, K "kontynuuj"
// (launch the signing command), B "kontynuuj bez uruchamiania" (point at the signed file), the folder watched for
// the signed file, N a new challenge after expiry, Esc cancels. Hands the signed bytes (checked against OUR
// challenge) to `onSigned`; the caller submits them to KSeF.
import React, {useEffect, useRef, useState} from 'react';
import {Box} from 'ink';
import {Text} from '../tui/text.js';
import type {ContextIdentifier, EnvCode} from '../domain/index.js';
import {warsawDateTime} from '../domain/index.js';
import {cleanupAuthFiles, launchSignCommand, prepareAuthRequest, readSignedFile, submitSignedFile, watchForSignedFile, type AuthorizationPlan, type PreparedAuthRequest} from '../flows/authorize.js';
import {userMessage, type UserMessage} from '../flows/errors.js';
import {demoSignCommand} from '../flows/generate-demo.js';
import {loginWithCertificate, type LoginDeps} from '../flows/login.js';
import type {KsefSession} from '../ksef/client/index.js';
import {useAppContext} from './shell/context.js';
import {PRIORITY, useKeys} from '../tui/keys/KeyProvider.js';
import {Form} from '../tui/form/index.js';
import {Countdown} from '../tui/components/Countdown.js';
import {Spinner} from '../tui/components/Spinner.js';
import type {StepState} from '../tui/components/StepProgress.js';
import {theme} from '../tui/theme.js';
import {cardModule} from '../flows/card-sign.js';
import {CardSignPanel} from './card-sign.js';

/** The KSeF login steps shown before the operation's own steps (StepProgress ids). */
export const AUTH_STEPS = [
  {id: 'sign', label: 'Podpis żądania autoryzacyjnego'},
  {id: 'submit', label: 'Wysłanie podpisu do KSeF'},
  {id: 'authStatus', label: 'Weryfikacja podpisu w KSeF'},
  {id: 'redeem', label: 'Pobranie tokenów dostępu'},
] as const;

/** Marks AUTH_STEPS from the login's progress events (loginWithCertificate / submitSignedFile onStep). */
export function markAuthStep(mark: (id: string, state: StepState, detail?: string) => void, s: string): void {
  if (s === 'challenge') mark('sign', 'active');
  if (s === 'signed') mark('sign', 'done', 'podpisano certyfikatem KSeF typu A');
  if (s === 'submitted') {
    mark('submit', 'done');
    mark('authStatus', 'active');
  }
  if (s === 'redeemed') {
    mark('authStatus', 'done');
    mark('redeem', 'done');
  }
}

type MarkStep = (id: string, state: StepState, detail?: string) => void;

/**
 * The KSeF session an enrollment runs in, marking AUTH_STEPS: bytes signed outside the program are submitted as
 * they are; otherwise the plan's stored type-A certificate logs in to `context()` (resolved only on that path).
 */
export async function openAuthSession(
  deps: LoginDeps,
  o: {env: EnvCode; apiUrl: string | undefined; signed: Buffer | undefined; plan: AuthorizationPlan | undefined; context: () => Promise<ContextIdentifier>; signal: AbortSignal; markStep: MarkStep},
): Promise<KsefSession> {
  const {markStep} = o;
  const authStep = (s: string) => markAuthStep(markStep, s);
  if (o.signed) {
    markStep('sign', 'done', 'plik podpisany poza programem');
    markStep('submit', 'active');
    return submitSignedFile(await deps.gateway.client(o.env, {apiUrl: o.apiUrl}), o.signed, {onStep: authStep, signal: o.signal});
  }
  const via = (o.plan as Extract<AuthorizationPlan, {kind: 'certificate'}>).via;
  markStep('sign', 'active', `certyfikat „${via.name}” (${via.serial})`);
  const context = await o.context();
  return loginWithCertificate(deps, via, {context, apiUrl: o.apiUrl, signal: o.signal, onStep: (s) => {
    if (s === 'signed') markStep('submit', 'active');
    authStep(s);
  }});
}

export interface ExternalSignatureStepProps {
  active: boolean;
  env: EnvCode;
  context: ContextIdentifier;
  /** Branch API override [A-1-5-1]. */
  apiUrl?: string;
  /** Extra warning (e.g. the Profil Zaufany deadline). */
  notePl?: string;
  /** Demo signer only: the certificate is for this operator (signed with his TEST person identity). */
  signAs?: string;
  /** What Esc leads back to, for the hint after expiry (e.g. "powrót do formularza"). */
  cancelLabel?: string;
  onSigned(bytes: Buffer): void;
  onCancel(): void;
  /** auth.xml could not be prepared (no challenge from KSeF, sign folder not writable). */
  onError(m: UserMessage): void;
}

type Sub = {kind: 'waiting'} | {kind: 'pickFile'} | {kind: 'expired'} | {kind: 'card'};

/** The configured sign command awaiting T/N, shown verbatim with who set it and when. */
interface PendingCommand {
  command: string;
  by?: string;
  at?: string;
}

type State =
  | {kind: 'preparing'}
  | {kind: 'auth'; req: PreparedAuthRequest; sub: Sub; launched?: string; rejected: string[]; pickError?: string; confirm?: PendingCommand};

export function ExternalSignatureStep({active, env, context, apiUrl, notePl, signAs, cancelLabel = 'przerwij', onSigned, onCancel, onError}: ExternalSignatureStepProps) {
  const {store, gateway, workstation, clock, demo, dataDir, t} = useAppContext();
  const [state, setState] = useState<State>({kind: 'preparing'});
  // "P — podpisz kartą" is offered when the workstation has a PKCS#11 module [A-1-5-2].
  const [card, setCard] = useState<{module: string; label?: string} | undefined>();
  useEffect(() => {
    store.workstation(workstation).then((ws) => mounted.current && setCard(cardModule(ws)), () => undefined);
  }, [store, workstation]);
  const abort = useRef<AbortController | undefined>(undefined);
  const mounted = useRef(true);
  // The auth.xml written last: removed (with the signed file found in the sign folder) on success, Esc or unmount.
  const written = useRef<PreparedAuthRequest | undefined>(undefined);
  const signedWith = (req: PreparedAuthRequest, file: string, bytes: Buffer) =>
    void cleanupAuthFiles(req, file).finally(() => mounted.current && cb.current.onSigned(bytes));
  // The latest callbacks: the watcher resolves long after the render that started it.
  const cb = useRef({onSigned, onError});
  cb.current = {onSigned, onError};
  const patch = (f: (s: Extract<State, {kind: 'auth'}>) => Partial<Extract<State, {kind: 'auth'}>>) =>
    mounted.current && setState((s) => (s.kind === 'auth' ? {...s, ...f(s)} : s));

  const start = async () => {
    abort.current?.abort();
    const ac = new AbortController();
    abort.current = ac;
    setState({kind: 'preparing'});
    try {
      const req = await prepareAuthRequest({store, gateway, workstation, now: clock}, {env, context, apiUrl, signal: ac.signal});
      written.current = req;
      if (ac.signal.aborted || !mounted.current) return void cleanupAuthFiles(req);
      setState({kind: 'auth', req, sub: {kind: 'waiting'}, rejected: []});
      watchForSignedFile(req.dir, {
        challenge: req.challenge, since: req.writtenAt, signal: ac.signal, pollMs: 500,
        onRejected: (file, reason) => patch((s) => ({rejected: [...s.rejected, `${file.split('/').pop()}: ${reason}`].slice(-3)})),
      }).then((found) => mounted.current && signedWith(req, found.file, found.bytes), () => undefined);
    } catch (e) {
      if (ac.signal.aborted || !mounted.current) return;
      cb.current.onError(userMessage(e));
    }
  };

  useEffect(() => {
    mounted.current = true;
    void start();
    return () => {
      mounted.current = false;
      abort.current?.abort();
      if (written.current) void cleanupAuthFiles(written.current);
    };
    // Started once per mount; the caller remounts (key) for another request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  /** The workstation's command (needs T/N: anyone with the right could have set it) or the bundled demo signer. */
  const signCommand = async (): Promise<{command: string; configured?: PendingCommand}> => {
    const ws = await store.workstation(workstation);
    if (ws.signCommand.trim()) return {command: ws.signCommand, configured: {command: ws.signCommand, by: ws.signCommandSetBy, at: ws.signCommandSetAt}};
    return {command: demo ? demoSignCommand(dataDir, undefined, undefined, signAs) ?? '' : ''};
  };

  const launch = (req: PreparedAuthRequest, cmd: string) =>
    launchSignCommand(cmd, {file: req.file, dir: req.dir, onExit: (m) => m && patch(() => ({launched: m}))}).then((r) =>
      patch(() => ({launched: r.launched ? 'Uruchomiono program do podpisu — czekam na podpisany plik…' : r.error})),
    );

  useKeys((key) => {
    const ch = key.name === 'char' ? key.ch?.toLowerCase() : undefined;
    if (state.kind === 'auth' && state.confirm) {
      const pending = state.confirm;
      if (key.name === 'char' && t('quit.yesKeys').includes(key.ch ?? '')) {
        patch(() => ({confirm: undefined}));
        void launch(state.req, pending.command);
      } else if ((key.name === 'char' && t('quit.noKeys').includes(key.ch ?? '')) || key.name === 'escape') {
        patch(() => ({confirm: undefined, launched: t('auth.confirmSign.declined')}));
      }
      return true;
    }
    if (key.name === 'escape') {
      abort.current?.abort();
      onCancel();
      return true;
    }
    if (state.kind !== 'auth') return true;
    if (ch === 'n' && state.sub.kind === 'expired') {
      void start();
      return true;
    }
    if (ch === 'k' && state.sub.kind === 'waiting') {
      const req = state.req;
      void signCommand().then(({command, configured}) => {
        if (!command) return patch(() => ({launched: 'Brak polecenia podpisu w konfiguracji stanowiska [A-1-5-2] — podpisz plik auth.xml samodzielnie i zapisz podpisany plik w tym folderze.'}));
        if (configured) return patch(() => ({confirm: configured}));
        return launch(req, command);
      });
      return true;
    }
    if (ch === 'p' && state.sub.kind === 'waiting' && card) {
      setState({...state, sub: {kind: 'card'}});
      return true;
    }
    if (ch === 'b' && state.sub.kind === 'waiting') {
      setState({...state, sub: {kind: 'pickFile'}});
      return true;
    }
    return true;
  }, {active: active && !(state.kind === 'auth' && (state.sub.kind === 'pickFile' || state.sub.kind === 'card')), priority: PRIORITY.modal});

  if (state.kind === 'preparing') return <Spinner label="Pobieranie wyzwania z KSeF i zapis pliku auth.xml…" />;

  const p = state;
  return (
    <Box flexDirection="column">
      <Text bold>Autoryzacja podpisem zewnętrznym (e-podpis / Profil Zaufany)</Text>
      <Box marginTop={1} flexDirection="column">
        <Text>{'Plik do podpisania: '}<Text color={theme.crumb}>{p.req.file}</Text></Text>
        <Text>{`Wyzwanie: ${p.req.challenge}  `}
          {p.sub.kind === 'expired' ? <Text color={theme.error} bold>Czas minął</Text> : (
            <Countdown deadline={p.req.expiresAt} clock={() => clock().getTime()} onExpire={() => {
              abort.current?.abort();
              mounted.current && setState((x) => (x.kind === 'auth' ? {...x, sub: {kind: 'expired'}} : x));
            }} />
          )}
        </Text>
      </Box>
      {p.sub.kind === 'expired' ? (
        <Box marginTop={1} flexDirection="column">
          <Text color={theme.error} wrap="wrap">Wyzwanie wygasło (10 minut) — KSeF nie przyjmie już podpisu tego pliku.</Text>
          <Text>{`N — nowe wyzwanie (nowy plik auth.xml), Esc — ${cancelLabel}`}</Text>
        </Box>
      ) : (
        <Box marginTop={1} flexDirection="column">
          <Text wrap="wrap">{`Co zrobić: podpisz plik auth.xml podpisem kwalifikowanym, pieczęcią kwalifikowaną lub Profilem Zaufanym (podpis XAdES otaczany, nie zewnętrzny) i zapisz podpisany plik (.xml lub .xades) w folderze ${p.req.dir}. Program sam go wykryje.`}</Text>
          {notePl ? <Text color={theme.warning} wrap="wrap">{notePl}</Text> : null}
          <Box marginTop={1}><Spinner label="Czekam na podpisany plik w folderze…" /></Box>
          {p.launched ? <Text color={theme.muted} wrap="wrap">{p.launched}</Text> : null}
          {p.rejected.map((r, i) => <Text key={i} color={theme.warning} wrap="wrap">{`Pominięto ${r}`}</Text>)}
          {p.sub.kind === 'card' && card ? (
            <Box marginTop={1}>
              <CardSignPanel
                active={active}
                module={card.module}
                label={card.label}
                file={p.req.file}
                onSigned={(bytes) => {
                  abort.current?.abort();
                  if (mounted.current) cb.current.onSigned(bytes);
                }}
                onCancel={() => patch(() => ({sub: {kind: 'waiting'}}))}
              />
            </Box>
          ) : p.sub.kind === 'pickFile' ? (
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
                      if (mounted.current) signedWith(p.req, f.file, f.bytes);
                    },
                    (e) => patch(() => ({pickError: userMessage(e).text})),
                  );
                }}
                onCancel={() => patch(() => ({sub: {kind: 'waiting'}, pickError: undefined}))}
              />
            </Box>
          ) : p.confirm ? (
            <Box marginTop={1} flexDirection="column" borderStyle="single" paddingX={1}>
              <Text bold wrap="wrap">{t('auth.confirmSign.title')}</Text>
              <Text wrap="wrap">{t('auth.confirmSign.command', {command: p.confirm.command})}</Text>
              <Text color={theme.muted} wrap="wrap">{p.confirm.by ? t('auth.confirmSign.setBy', {by: p.confirm.by, at: p.confirm.at ? warsawDateTime(new Date(p.confirm.at)) : '—'}) : t('auth.confirmSign.setUnknown')}</Text>
              <Text>{t('auth.confirmSign.question')}</Text>
            </Box>
          ) : (
            <Box marginTop={1}><Text>{`K — kontynuuj (uruchom program do podpisu i czekaj), B — kontynuuj bez uruchamiania (wskaż podpisany plik), ${card ? `${t('pkcs11.card.offer')}, ` : ''}Esc — przerwij`}</Text></Box>
          )}
        </Box>
      )}
    </Box>
  );
}
