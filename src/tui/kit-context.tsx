// What the widget kit needs from whoever hosts it: the translation and the facts the frame's status line shows.
// The app shell provides it; without a provider (tests, previews) widgets render in Polish with an empty status.
import React, {createContext, useContext} from 'react';
import type {EnvCode} from '../domain/index.js';
import {makeT, type Translate} from '../i18n/index.js';

/** The status line of the frame, as plain facts (the kit knows nothing of operators or stores). */
export interface FrameStatus {
  /** Logged-in operator code; undefined before login. */
  operator?: string;
  /** Branch code shown after the operator; undefined hides the part. */
  branch?: string;
  env: EnvCode;
  demo: boolean;
  /** Data folder shown (shortened) at the end of the status line. */
  dataDir: string;
  /** Shows the ready marker for the tmux e2e tests. */
  e2e: boolean;
}

export interface KitContextValue {
  t: Translate;
  frame: FrameStatus;
}

const polish = makeT('pl');
const FALLBACK: KitContextValue = {t: polish, frame: {env: 'D', demo: false, dataDir: '', e2e: false}};
const KitContext = createContext<KitContextValue>(FALLBACK);

export function KitProvider({value, children}: {value: KitContextValue; children?: React.ReactNode}) {
  return <KitContext.Provider value={value}>{children}</KitContext.Provider>;
}

export const useKit = (): KitContextValue => useContext(KitContext);
