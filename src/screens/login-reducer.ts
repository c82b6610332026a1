// Login form state. Pure: the screen runs the authentication when `pending` changes and dispatches the result.
import type {Key} from '../tui/keys/key.js';
import {editText} from '../tui/components/TextField.js';
import type {MessageKey, Params} from '../i18n/index.js';

export const MAX_LOGIN_ATTEMPTS = 5;

export type LoginField = 'code' | 'password';

export interface LoginState {
  field: LoginField;
  code: string;
  password: string;
  /** Failed attempts so far. */
  attempts: number;
  /** Incremented to request an authentication of (code, password). */
  pending: number;
  checking: boolean;
  locked: boolean;
  message?: {key: MessageKey; params?: Params; tone: 'error' | 'info'};
}

export type LoginAction =
  | {type: 'key'; key: Key}
  /** The focused field's new text from the text input. */
  | {type: 'input'; value: string}
  | {type: 'result'; ok: boolean}
  | {type: 'error'; message: string}
  /** The store refused without checking the password (back-off after failed logins). */
  | {type: 'lockedOut'; code: string; failures: number; until: string};

export const initialLogin = (code = ''): LoginState => ({
  field: code ? 'password' : 'code', code, password: '', attempts: 0, pending: 0, checking: false, locked: false,
});

/** Keys the login screen consumes (the rest — Esc, F-keys — go to the navigator). */
export const loginConsumes = (key: Key): boolean =>
  ['char', 'backspace', 'enter', 'tab', 'backtab', 'up', 'down'].includes(key.name) && !(key.name === 'char' && key.ctrl && key.ch === 'c');

const typed = (s: LoginState, value: string): LoginState =>
  s.field === 'code' ? {...s, code: value.toUpperCase()} : {...s, password: value};

export function loginReducer(s: LoginState, a: LoginAction): LoginState {
  switch (a.type) {
    case 'key': {
      if (s.checking || s.locked) return s;
      const {key} = a;
      if (key.name === 'tab' || key.name === 'backtab' || key.name === 'up' || key.name === 'down') {
        return {...s, field: s.field === 'code' ? 'password' : 'code'};
      }
      if (key.name === 'enter') {
        if (s.field === 'code') {
          if (!s.code.trim()) return {...s, message: {key: 'login.emptyCode', tone: 'error'}};
          return {...s, field: 'password', message: undefined};
        }
        if (!s.code.trim()) return {...s, field: 'code', message: {key: 'login.emptyCode', tone: 'error'}};
        return {...s, checking: true, pending: s.pending + 1, message: {key: 'login.checking', tone: 'info'}};
      }
      const value = s.field === 'code' ? s.code : s.password;
      const next = editText(value, key, s.field === 'code' ? 32 : 128);
      if (next === undefined) return s;
      return typed(s, next);
    }
    case 'input':
      if (s.checking || s.locked) return s;
      return typed(s, [...a.value].slice(0, s.field === 'code' ? 32 : 128).join(''));
    case 'result': {
      if (a.ok) return {...s, checking: false, message: undefined};
      const attempts = s.attempts + 1;
      const locked = attempts >= MAX_LOGIN_ATTEMPTS;
      return {
        ...s, checking: false, attempts, locked, password: '', field: 'password',
        message: locked
          ? {key: 'login.locked', tone: 'error'}
          : {key: 'login.failed', params: {n: attempts, max: MAX_LOGIN_ATTEMPTS}, tone: 'error'},
      };
    }
    case 'error':
      return {...s, checking: false, message: {key: 'login.storeError', params: {message: a.message}, tone: 'error'}};
    case 'lockedOut': {
      const attempts = s.attempts + 1;
      return {
        ...s, checking: false, attempts, locked: attempts >= MAX_LOGIN_ATTEMPTS, password: '', field: 'password',
        message: {key: 'login.lockedOut', params: {code: a.code, n: a.failures, until: a.until}, tone: 'error'},
      };
    }
  }
}
