// What every screen may need, provided once by the app shell: the value, its provider and the hooks. This module
// does not load the bound use cases (src/flows/services): the app shell loads them while the login frame is shown
// (cold start, test/cli/fast-start.test.ts); ./context.tsx adds `defaultContext`, which builds them at once.
import React, {createContext, useContext} from 'react';
import os from 'node:os';
import type {Branch, EnvCode, Operator} from '../../domain/index.js';
import type {Store} from '../../store/types.js';
import {makeT, type Lang, type Translate} from '../../i18n/index.js';
import {KsefGateway} from '../../flows/gateway.js';
import type {Services} from '../../flows/services/index.js';
import type {Command} from '../../tui/keys/keymap.js';
import {KitProvider, type KitContextValue} from '../../tui/kit-context.js';
import {legendItems} from '../../tui/components/Shell.js';
import {LegendPortal} from '../../tui/components/legend-slot.js';

export interface AppContextValue {
  store: Store;
  /** Logged-in operator; undefined only on the login screen. */
  operator?: Operator;
  /** The operator's branch (from the store). */
  branch?: Branch;
  /** Host name; key of the workstation configuration [A-1-5-2]. */
  workstation: string;
  lang: Lang;
  t: Translate;
  /** Default KSeF environment of the operator's branch (D before login). */
  env: EnvCode;
  demo: boolean;
  /** Absolute data folder (store location). */
  dataDir: string;
  clock: () => Date;
  /** True when started with KSEF_CERTS_E2E=1 (status line shows the ready marker). */
  e2e: boolean;
  /** Where KSeF calls go (embedded simulator or real KSeF, per --ksef/--api and the branch config). */
  gateway: KsefGateway;
  /** Use cases bound to the fields above; screens call these instead of reaching the store. */
  services: Services;
}

const AppContext = createContext<AppContextValue | undefined>(undefined);

export function AppContextProvider({value, children}: {value: AppContextValue; children?: React.ReactNode}) {
  // The widget kit gets only the translation and the status-line facts (it knows nothing of the app).
  const {operator, branch, t, env, demo, dataDir, e2e} = value;
  const kit = React.useMemo<KitContextValue>(() => ({
    t,
    frame: {
      operator: operator?.code, branch: branch || operator ? (branch?.code ?? operator?.branch ?? '—') : undefined,
      env, demo, dataDir, e2e,
    },
  }), [operator, branch, t, env, demo, dataDir, e2e]);
  return <AppContext.Provider value={value}><KitProvider value={kit}>{children}</KitProvider></AppContext.Provider>;
}

export function useAppContext(): AppContextValue {
  const v = useContext(AppContext);
  if (!v) throw new Error('useAppContext outside <AppContextProvider>');
  return v;
}

/**
 * The legend while this screen is in a phase whose keys differ from the registry's (a dialog, a question, busy):
 * render the returned node with the body (`withLegend`). It is drawn over the frame's legend row in the same commit
 * as the body, so no frame shows the new body under the old legend; undefined (or inactive: under F1 help) = the
 * registry's legend.
 */
export function useLegend(commands: readonly Command[] | undefined, active = true): React.ReactNode {
  const {t} = useAppContext();
  return commands && active ? <LegendPortal legend={legendItems(commands, t)} /> : null;
}

/** A screen's output with its legend (from useLegend); the same shape whether or not there is one (no remount). */
export const withLegend = (legend: React.ReactNode, body: React.ReactNode): React.ReactElement => <>{legend}{body}</>;

export const useT = (): Translate => useAppContext().t;

/** The logged-in operator (screens behind the login only). */
export function useOperator(): Operator {
  const op = useAppContext().operator;
  if (!op) throw new Error('useOperator before login');
  return op;
}

/** Everything but the bound use cases; `services` are built from it (./context.tsx, or the app shell once loaded). */
export type ContextBase = Omit<AppContextValue, 'services'>;

export function contextBase(p: Partial<ContextBase> & {store: Store; dataDir: string}): ContextBase {
  const lang = p.lang ?? 'pl';
  return {
    workstation: os.hostname(),
    env: 'D' as EnvCode,
    demo: false,
    clock: () => new Date(),
    e2e: false,
    ...p,
    gateway: p.gateway ?? new KsefGateway({target: 'ksef'}),
    lang,
    t: p.t ?? makeT(lang),
  };
}
