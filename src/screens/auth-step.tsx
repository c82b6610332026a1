// The external-signature authorisation step (e-podpis / Profil Zaufany) shared by generate [A-1-5-4] and the resume
// of a pending enrollment: auth.xml for a fresh challenge in the sign folder, the 10-minute countdown, K "kontynuuj"
// (launch the signing command), B "kontynuuj bez uruchamiania" (point at the signed file), P the card, the folder
// watched for the signed file, N a new challenge after expiry, F1 help, Esc cancels. Hands the signed bytes (checked
// against OUR challenge) to `onSigned`; the caller submits them to KSeF. State in a reducer, effects here.
import React, {useEffect, useReducer, useRef} from 'react';
import {Box} from 'ink';
import {Text} from '../tui/text.js';
import type {ContextIdentifier, EnvCode} from '../domain/index.js';
import type {MessageKey} from '../i18n/index.js';
import type {PreparedAuthRequest} from '../flows/authorize.js';
import {userMessage, type UserMessage} from '../flows/errors.js';
import {useAppContext} from './shell/context.js';
import {PRIORITY, useKeys} from '../tui/keys/KeyProvider.js';
import {matches} from '../tui/keys/keymap.js';
import {Form} from '../tui/form/index.js';
import {Countdown} from '../tui/components/Countdown.js';
import {Spinner} from '../tui/components/Spinner.js';
import {theme} from '../tui/theme.js';
import {CardSignPanel} from './card-sign.js';
import {authReducer, INITIAL_AUTH} from './auth-step-state.js';
import {AuthStepView} from './auth-step-view.js';

export interface ExternalSignatureStepProps {
  active: boolean;
  env: EnvCode;
  /** Where the request goes (resolveOwnerTarget): the context and the branch API override [A-1-5-1]. */
  context: ContextIdentifier;
  apiUrl?: string;
  /** Extra warning (e.g. the Profil Zaufany deadline), a catalogue key. */
  note?: MessageKey;
  /** Demo signer only: the certificate is for this operator (signed with his TEST person identity). */
  signAs?: string;
  /** What Esc leads back to, for the hints (e.g. "powrót do formularza"). */
  cancelLabel?: string;
  onSigned(bytes: Buffer): void;
  onCancel(): void;
  /** auth.xml could not be prepared (no challenge from KSeF, sign folder not writable). */
  onError(m: UserMessage): void;
}

export function ExternalSignatureStep({active, env, context, apiUrl, note, signAs, cancelLabel, onSigned, onCancel, onError}: ExternalSignatureStepProps) {
  const {services, clock, demo, t} = useAppContext();
  const signing = services.generate.signing;
  const [state, dispatch] = useReducer(authReducer, INITIAL_AUTH);
  const abort = useRef<AbortController | undefined>(undefined);
  const mounted = useRef(true);
  // The auth.xml written last: removed (with the signed file found in the sign folder) on success, Esc or unmount.
  const written = useRef<PreparedAuthRequest | undefined>(undefined);
  // The latest callbacks: the watcher resolves long after the render that started it.
  const cb = useRef({onSigned, onError});
  cb.current = {onSigned, onError};
  const send: typeof dispatch = (a) => mounted.current && dispatch(a);
  const signedWith = (req: PreparedAuthRequest, file: string | undefined, bytes: Buffer) => {
    abort.current?.abort();
    void signing.cleanup(req, file).finally(() => mounted.current && cb.current.onSigned(bytes));
  };

  useEffect(() => {
    // "P — podpisz kartą" is offered when the workstation has a PKCS#11 module [A-1-5-2].
    signing.card().then((card) => send({type: 'card', card}), () => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const start = async () => {
    abort.current?.abort();
    const ac = new AbortController();
    abort.current = ac;
    send({type: 'preparing'});
    try {
      const req = await signing.prepare({env, target: {context, apiUrl}, signal: ac.signal});
      written.current = req;
      if (ac.signal.aborted || !mounted.current) return void signing.cleanup(req);
      send({type: 'prepared', req});
      signing.watch(req.dir, {
        challenge: req.challenge, since: req.writtenAt, signal: ac.signal, pollMs: 500,
        onRejected: (file, reason) => send({type: 'rejected', text: `${file.split('/').pop()}: ${reason}`}),
      }).then((found) => mounted.current && signedWith(req, found.file, found.bytes), () => undefined);
    } catch (e) {
      if (ac.signal.aborted || !mounted.current) return;
      cb.current.onError(userMessage(e, t));
    }
  };

  useEffect(() => {
    mounted.current = true;
    void start();
    return () => {
      mounted.current = false;
      abort.current?.abort();
      if (written.current) void signing.cleanup(written.current);
    };
    // Started once per mount; the caller remounts (key) for another request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const launch = (req: PreparedAuthRequest, cmd: string) =>
    signing.launch(cmd, {file: req.file, dir: req.dir, onExit: (m) => m && send({type: 'launched', text: m})}).then((r) =>
      send({type: 'launched', text: r.launched ? t('gen.auth.launched') : r.error}),
    );

  useKeys((key) => {
    if (matches(key, 'quit')) return false; // F10 goes on to the Shell, as the footer says
    if (state.help) {
      if (matches(key, 'help') || matches(key, 'back') || matches(key, 'confirm')) send({type: 'help', open: false});
      return true;
    }
    if (matches(key, 'help')) {
      send({type: 'help', open: true});
      return true;
    }
    if (state.kind === 'auth' && state.confirm) {
      const pending = state.confirm;
      if (matches(key, 'yes')) {
        send({type: 'confirm'});
        void launch(state.req, pending.command);
      } else if (matches(key, 'no') || matches(key, 'back')) {
        send({type: 'launched', text: t('auth.confirmSign.declined'), confirm: undefined});
      }
      return true;
    }
    if (matches(key, 'back')) {
      abort.current?.abort();
      onCancel();
      return true;
    }
    if (state.kind !== 'auth') return true;
    if (state.sub === 'expired' && matches(key, 'newChallenge')) {
      void start();
      return true;
    }
    if (state.sub !== 'waiting') return true;
    if (matches(key, 'continue')) {
      const req = state.req;
      void signing.command(demo, signAs).then(({command, configured}) => {
        if (!command) return send({type: 'launched', text: t('gen.auth.noCommand')});
        if (configured) return send({type: 'askConfirm', confirm: configured});
        return launch(req, command);
      });
    } else if (matches(key, 'cardSign') && state.card) send({type: 'sub', sub: 'card'});
    else if (matches(key, 'pickFile')) send({type: 'sub', sub: 'pickFile'});
    return true;
  }, {active: active && !(state.kind === 'auth' && !state.help && (state.sub === 'pickFile' || state.sub === 'card')), priority: PRIORITY.modal});

  if (state.kind === 'preparing') return <Spinner label={t('gen.auth.preparing')} />;
  const req = state.req;
  const countdown = state.sub === 'expired' ? <Text color={theme.error} bold>{t('gen.auth.expiredShort')}</Text> : (
    <Countdown deadline={req.expiresAt} clock={() => clock().getTime()} onExpire={() => {
      abort.current?.abort();
      send({type: 'sub', sub: 'expired'});
    }} />
  );
  let panel: React.ReactNode;
  if (state.sub === 'card' && state.card) {
    panel = (
      <CardSignPanel
        active={active && !state.help}
        module={state.card.module}
        label={state.card.label}
        file={req.file}
        onSigned={(bytes) => signedWith(req, undefined, bytes)}
        onCancel={() => send({type: 'sub', sub: 'waiting'})}
      />
    );
  } else if (state.sub === 'pickFile') {
    panel = (
      <Box flexDirection="column">
        {state.pickError ? <Text color={theme.error} wrap="wrap">{`✗ ${state.pickError}`}</Text> : null}
        <Form
          fields={[{id: 'file', kind: 'path', label: t('gen.auth.pickLabel'), target: 'file', extensions: ['.xml', '.xades'], mustExist: true, default: `${req.dir}/`, width: 50}]}
          active={active && !state.help}
          labelWidth={18}
          onSubmit={(v) => {
            signing.readSignedFile(v.file, req.challenge).then(
              (f) => mounted.current && signedWith(req, f.file, f.bytes),
              (e) => send({type: 'pickError', text: userMessage(e, t).text}),
            );
          }}
          onCancel={() => send({type: 'sub', sub: 'waiting'})}
        />
      </Box>
    );
  }
  return <AuthStepView state={state} countdown={countdown} panel={panel} note={note} cancelLabel={cancelLabel ?? t('gen.auth.cancel')} />;
}
