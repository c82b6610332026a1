// State of the external-signature step (auth-step.tsx): preparing auth.xml, then waiting for the signed file with
// the sub-views (pick a file, the card, the challenge expired), what was launched or skipped, the T/N confirmation of
// a configured signing command, and the F1 help. Pure: the container runs the effects and dispatches their results.
import type {PreparedAuthRequest} from '../flows/authorize.js';

export type AuthSub = 'waiting' | 'pickFile' | 'expired' | 'card';

/** The configured sign command awaiting T/N, shown verbatim with who set it and when. */
export interface PendingCommand {
  command: string;
  by?: string;
  at?: string;
}

interface Common {
  help: boolean;
  card?: {module: string; label?: string};
}

export type AuthState = Common & (
  | {kind: 'preparing'}
  | {kind: 'auth'; req: PreparedAuthRequest; sub: AuthSub; launched?: string; rejected: string[]; pickError?: string; confirm?: PendingCommand}
);

export type AuthAction =
  | {type: 'preparing'}
  | {type: 'prepared'; req: PreparedAuthRequest}
  | {type: 'card'; card?: {module: string; label?: string}}
  | {type: 'sub'; sub: AuthSub}
  | {type: 'rejected'; text: string}
  | {type: 'launched'; text?: string; confirm?: undefined}
  | {type: 'askConfirm'; confirm: PendingCommand}
  | {type: 'confirm'}
  | {type: 'pickError'; text: string}
  | {type: 'help'; open: boolean};

export const INITIAL_AUTH: AuthState = {kind: 'preparing', help: false};

/** Skipped files kept on screen (the newest). */
export const MAX_REJECTED = 2;

export function authReducer(s: AuthState, a: AuthAction): AuthState {
  switch (a.type) {
    case 'preparing': return {kind: 'preparing', help: s.help, card: s.card};
    case 'prepared': return {kind: 'auth', help: s.help, card: s.card, req: a.req, sub: 'waiting', rejected: []};
    case 'card': return {...s, card: a.card};
    case 'help': return {...s, help: a.open};
  }
  if (s.kind !== 'auth') return s;
  switch (a.type) {
    case 'sub': return {...s, sub: a.sub, ...(a.sub === 'waiting' ? {pickError: undefined} : {})};
    case 'rejected': return {...s, rejected: [...s.rejected, a.text].slice(-MAX_REJECTED)};
    case 'launched': return {...s, launched: a.text, confirm: undefined};
    case 'askConfirm': return {...s, confirm: a.confirm};
    case 'confirm': return {...s, confirm: undefined};
    case 'pickError': return {...s, pickError: a.text};
  }
}
