// Application shell: KeyProvider → login → navigator (menu tree + registered screens) inside the F2000 frame.
import React, {Suspense, lazy, useCallback, useEffect, useMemo, useReducer, useRef, useState} from 'react';
import {Box, useApp} from 'ink';
import {Text} from '../../tui/text.js';
import type {Branch, EnvCode, Operator} from '../../domain/index.js';
import type {Store} from '../../store/types.js';
import {KeyHoldWhileMounted, KeyProvider, PRIORITY, useKeys} from '../../tui/keys/KeyProvider.js';
import type {Timer} from '../../tui/keys/esc-fallback.js';
import {AppContextProvider, contextBase, type AppContextValue, type ContextBase} from './app-context.js';
import type {Services} from '../../flows/services/index.js';
import {makeT, type Lang, type MessageKey} from '../../i18n/index.js';
import {Shell, legendItems} from '../../tui/components/Shell.js';
import {FullScreenHost} from '../../tui/full-screen.js';
import {useTerminalSize} from '../../tui/use-terminal-size.js';
import {fullSize} from '../../tui/layout.js';
import {MENU_TREE, breadcrumb, nodeAt, nodesAlong, type MenuNode} from '../menu/tree.js';
import {initialNav, navReducer, topFrame, ROOT_FRAME, type Frame} from '../menu/navigator.js';
import {SCREENS, preloadScreens, screenDef} from '../registry.js';
import type {NavApi, ScreenDef} from '../types.js';
import {MenuScreen} from '../menu.js';
import {HelpOverlay} from '../help.js';
import {QuitConfirm} from '../quit-confirm.js';
import {LoginScreen} from '../login.js';
import type {KsefGateway} from '../../flows/gateway.js';
import {watchKsefWarnings} from '../../flows/ksef-warnings.js';
import {isDisrupted, watchKsefStatus, type KsefStatusView} from '../../flows/ksef-status.js';
import {ENV_NAME} from '../../domain/index.js';

export interface AppProps {
  store: Store;
  dataDir: string;
  lang?: Lang;
  demo?: boolean;
  /** Shown on the login screen in demo mode. */
  demoCredentials?: {code: string; password: string};
  workstation?: string;
  clock?: () => Date;
  e2e?: boolean;
  /** Esc-digit fallback window (ms); 0 = Esc at once, no fallback. */
  escTimeoutMs?: number;
  timer?: Timer;
  /** Skip the login (tests of later screens): already logged-in operator. */
  operator?: Operator;
  /** Start at this menu path after login, e.g. ['A','1','5','7']. */
  initialPath?: string[];
  tree?: MenuNode;
  screens?: Record<string, ScreenDef>;
  onExit?: (reason: 'quit' | 'locked') => void;
  /** KSeF access (the CLI passes the one built from --ksef/--api; tests pass one bound to an in-process simulator). */
  gateway?: KsefGateway;
}

// Loaded after login only: it reads certificates (x509), which must not delay the first frame.
const StartupBanner = lazy(() => import('../startup-banner.js').then(m => ({default: m.StartupBanner})));

/** Screens whose use case talks to KSeF (generate, its resume). */
const KSEF_FLOW_SCREENS = new Set(['cert-generate-operator', 'cert-generate-branch', 'cert-generate-company']);

const LOGIN_FRAME: Frame = {kind: 'screen', path: [], screen: 'login'};

// The bound use cases (and the flows behind them) load while the login frame is shown, not before it: the first
// frame needs none of them (test/cli/fast-start.test.ts). The session starts only once they are loaded (enter).
type ServicesModule = typeof import('../../flows/services/index.js');
let servicesModule: Promise<ServicesModule> | undefined;
const loadServices = (): Promise<ServicesModule> => (servicesModule ??= import('../../flows/services/index.js'));

/** Until then the login screen is the only screen, and its one call (operators.login) waits for them. */
function loginPhaseServices(base: ContextBase): Services {
  const operators: Pick<Services['operators'], 'login'> = {
    login: async (code, password) => (await loadServices()).makeServices(base).operators.login(code, password),
  };
  return {operators} as Services;
}

interface Session {
  operator: Operator;
  branch?: Branch;
  env: EnvCode;
}

export function App(props: AppProps) {
  return (
    <KeyProvider escTimeoutMs={props.escTimeoutMs} timer={props.timer}>
      <AppInner {...props} />
    </KeyProvider>
  );
}

async function sessionFor(store: Store, operator: Operator): Promise<Session> {
  const branches = await store.listBranches().catch(() => [] as Branch[]);
  const branch = branches.find(b => b.code === operator.branch);
  return {operator, branch, env: branch?.config.defaultEnv ?? 'D'};
}

function AppInner(props: AppProps) {
  const {exit} = useApp();
  const lang = props.lang ?? 'pl';
  const t = useMemo(() => makeT(lang), [lang]);
  const tree = props.tree ?? MENU_TREE;
  const screens = props.screens ?? SCREENS;
  const [session, setSession] = useState<Session | undefined>();
  const [nav, dispatch] = useReducer(
    navReducer,
    undefined,
    () => initialNav(tree, [props.operator ? ROOT_FRAME : LOGIN_FRAME], t('quit.yesKeys'), t('quit.noKeys')),
  );
  const [exitReason, setExitReason] = useState<'quit' | 'locked' | undefined>();
  // A screen's full-screen view (e.g. a QR code) replaces the frame; the Shell stays mounted, hidden.
  const [fullScreen, setFullScreen] = useState<React.ReactNode | undefined>();
  const {rows: termRows} = useTerminalSize();

  // The use cases start loading once the first frame is painted (a timer: the effect runs before the terminal
  // painter's paint, and reading ~30 modules in between would delay it); a session starts with them bound.
  const [makeServices, setMakeServices] = useState<ServicesModule['makeServices'] | undefined>();
  useEffect(() => {
    let live = true;
    const warm = setTimeout(() => {
      void loadServices().then(m => {
        if (live) setMakeServices(() => m.makeServices);
      });
    }, 0);
    return () => {
      live = false;
      clearTimeout(warm);
    };
  }, []);

  const enter = useCallback(async (operator: Operator) => {
    const services = await loadServices();
    setMakeServices(() => services.makeServices);
    setSession(await sessionFor(props.store, operator));
    dispatch({type: 'role', admin: operator.role === 'admin' && !operator.disabled});
    dispatch({type: 'reset', stack: [ROOT_FRAME]});
    if (props.initialPath?.length) dispatch({type: 'open', path: props.initialPath});
    // Screens load lazily (fast first frame); warm them up while the operator reads the menu.
    setTimeout(() => void preloadScreens(), 200).unref?.();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.store]);

  useEffect(() => {
    if (props.operator) void enter(props.operator);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const reason = exitReason ?? (nav.quit ? 'quit' : undefined);
    if (!reason) return;
    props.onExit?.(reason);
    exit();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [nav.quit, exitReason]);

  // Navigator keys: lowest priority, so screens and fields see keys first. Overlays consume everything.
  useKeys(key => {
    dispatch({type: 'key', key});
    return true;
  }, {priority: PRIORITY.global});
  useKeys(key => {
    dispatch({type: 'key', key});
    return true;
  }, {priority: PRIORITY.modal, active: !!nav.overlay});

  const navApi = useMemo<NavApi>(() => ({
    back: () => dispatch({type: 'back'}),
    push: frame => dispatch({type: 'push', frame}),
    open: path => dispatch({type: 'open', path}),
    quit: () => dispatch({type: 'quit'}),
    help: key => setScreenHelp(key),
  }), []);

  const ctx: AppContextValue = useMemo(() => {
    const base = contextBase({
      store: props.store,
      dataDir: props.dataDir,
      lang,
      t,
      demo: !!props.demo,
      e2e: !!props.e2e,
      ...(props.workstation ? {workstation: props.workstation} : {}),
      ...(props.clock ? {clock: props.clock} : {}),
      operator: session?.operator,
      branch: session?.branch,
      env: session?.env ?? 'D',
      ...(props.gateway ? {gateway: props.gateway} : {}),
    });
    return {...base, services: makeServices ? makeServices(base) : loginPhaseServices(base)};
  }, [makeServices, props.store, props.dataDir, lang, t, props.demo, props.e2e, props.workstation, props.clock, session, props.gateway]);

  // KSeF's X-System-Warning: on the message line until the next screen, and in the audit log.
  const [ksefWarning, setKsefWarning] = useState<string | undefined>();
  // F1 text a screen asked for (its detail or dialog), until the frame changes.
  const [screenHelp, setScreenHelp] = useState<MessageKey | undefined>();
  const ctxRef = useRef(ctx);
  ctxRef.current = ctx;
  useEffect(() => {
    const c = ctxRef.current;
    const watch = watchKsefWarnings(c.gateway, setKsefWarning, () => {
      const now = ctxRef.current;
      return now.operator ? {store: now.store, operator: now.operator.code, workstation: now.workstation} : undefined;
    });
    return () => watch.stop();
  }, [ctx.gateway]);

  // KSeF availability (Latarnia) of the session's environment, refreshed in the background; never blocks a frame.
  const [ksefStatus, setKsefStatus] = useState<KsefStatusView | undefined>();
  useEffect(() => {
    // Only with the app's own gateway (the CLI always passes one); the first check waits a moment so the menu's
    // first frame and the embedded simulator's start do not compete.
    if (!session || !props.gateway) return;
    setKsefStatus(undefined);
    return watchKsefStatus(props.gateway, session.env, setKsefStatus, {firstDelayMs: 800});
  }, [props.gateway, session]);
  const ksefPart = session && props.gateway ? `${t('latarnia.label')}: ${ksefStatus ? t(`latarnia.${ksefStatus.state}` as MessageKey) : t('latarnia.checking')}` : undefined;

  const top = topFrame(nav);
  const frameKey = `${nav.stack.length}:${top.kind === 'screen' ? top.screen : top.path.join('-')}`;
  useEffect(() => setKsefWarning(undefined), [frameKey]);
  useEffect(() => setScreenHelp(undefined), [frameKey]);
  const active = !nav.overlay;
  const trailNodes = nodesAlong(tree, top.path);
  const trail = trailNodes.map(n => t(n.label));

  let title: string;
  let help: MessageKey;
  let body: React.ReactNode;
  let legendCommands: ScreenDef['legend'] = [];
  if (top.kind === 'menu') {
    const node = nodeAt(tree, top.path) ?? tree;
    title = t(node.label);
    help = 'help.menu';
    // Start-up banner (expiring certificates, owners without one) on the main menu only.
    body = <>{top.path.length === 0 && session ? <Suspense fallback={null}><StartupBanner /></Suspense> : null}<MenuScreen node={node} cursor={top.cursor} /></>;
  } else if (top.screen === 'login') {
    title = t('login.title');
    help = 'help.login';
    body = (
      <LoginScreen
        active={active}
        demoCredentials={props.demo ? props.demoCredentials : undefined}
        onLoggedIn={op => void enter(op)}
        onLocked={() => setExitReason('locked')}
      />
    );
  } else {
    const def = screenDef(top.screen, screens);
    const leaf = trailNodes[trailNodes.length - 1];
    title = def.title ? t(def.title) : leaf ? t(leaf.label) : top.screen;
    help = screenHelp ?? def.help ?? 'help.placeholder';
    legendCommands = def.legend ?? []; // a screen's phase draws its own over it (useLegend)
    const Screen = def.component;
    // key = frame identity: a screen pushed twice gets fresh state.
    body = (
      // While the screen's module loads, keys typed ahead wait for it (they would reach only the navigator).
      <Suspense fallback={<KeyHoldWhileMounted><Text dimColor>{t('app.loading')}</Text></KeyHoldWhileMounted>}>
        <Screen key={`${nav.stack.length}:${top.screen}`} active={active} path={top.path} params={top.params} nav={navApi} />
      </Suspense>
    );
  }

  // A KSeF flow opened while KSeF reports maintenance or a failure warns first (before the form is filled).
  const flowWarning = top.kind === 'screen' && KSEF_FLOW_SCREENS.has(top.screen) && ksefStatus && isDisrupted(ksefStatus.state)
    ? t('latarnia.flowWarning', {
      env: ENV_NAME[ksefStatus.env], state: t(`latarnia.${ksefStatus.state}` as MessageKey),
      title: ksefStatus.messages[0]?.title ? ` — ${ksefStatus.messages[0].title.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')}` : '',
    })
    : undefined;

  const legend = legendItems([...legendCommands, 'help', 'back', 'quit'], t);
  const overlay = nav.overlay?.kind === 'help'
    ? <HelpOverlay title={title} help={help} />
    : nav.overlay?.kind === 'quit' ? <QuitConfirm /> : null;

  return (
    <AppContextProvider value={ctx}>
      <FullScreenHost set={setFullScreen}>
      {fullScreen && !overlay ? <Box flexDirection="column" height={fullSize({columns: 0, rows: termRows}).rows} overflow="hidden">{fullScreen}</Box> : null}
      <Box flexDirection="column" display={fullScreen && !overlay ? 'none' : 'flex'}>
      <Shell
        crumb={breadcrumb(top.path)}
        trail={top.kind === 'screen' && top.screen === 'login' ? [title] : trail}
        legend={legend}
        message={ksefWarning ? {text: t('ksef.warning', {warning: ksefWarning}), tone: 'warning'} : flowWarning ? {text: flowWarning, tone: 'warning'} : nav.message ? {text: t(nav.message), tone: 'warning'} : undefined}
        extraStatus={ksefPart}
      >
        {overlay}
        {/* The screen stays mounted under an overlay (display none) so F1 does not lose its state. */}
        <Box flexDirection="column" flexGrow={1} display={overlay ? 'none' : 'flex'}>{body}</Box>
      </Shell>
      </Box>
      </FullScreenHost>
    </AppContextProvider>
  );
}
