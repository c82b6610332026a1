// One place that turns any failure into the text a user sees (TUI message box, CLI stderr), in the session's language.
import {KsefApiError} from '../ksef/client/errors.js';
import {KsefCryptoError} from '../ksef/errors.js';
import {StoreError} from '../store/types.js';
import {TokenError} from '../ksef/pkcs11/errors.js';
import {ioMessage, isLocalized, makeT, msg, render, type Localized, type Message, type MessageKey, type Params, type Translate} from '../i18n/index.js';

/** Final statuses of GET /auth/{ref} with a catalogue text (Polish and English). */
const AUTH_STATUS_KEYS: Readonly<Record<number, MessageKey>> = {
  415: 'ksef.auth.415', 425: 'ksef.auth.425', 450: 'ksef.auth.450', 460: 'ksef.auth.460',
  470: 'ksef.auth.470', 480: 'ksef.auth.480', 500: 'ksef.auth.500', 550: 'ksef.auth.550',
};

/**
 * A refusal by a rule of ours (exit code 1 in the CLI). With `i18n` (a catalogue message) it renders in the session's
 * language and `message` is its Polish text; a bare `message` is a legacy Polish text shown as it is.
 */
export class FlowError extends Error implements Partial<Localized> {
  readonly msg?: Message;
  constructor(message: string, readonly code?: string, readonly i18n?: Message) {
    super(message);
    this.name = 'FlowError';
    this.msg = i18n;
  }
}

const plT = makeT('pl');

/** A FlowError whose text comes from the message catalogue (Polish message; userMessage(e, t) translates it). */
export const catalogueError = (key: MessageKey, params: Params | undefined, code: string): FlowError =>
  new FlowError(plT(key, params), code, {key, params});

/** A FlowError carrying a built message (see `msg`: its parameters are checked against the key's text). */
export const flowError = (m: Message, code: string): FlowError => new FlowError(render(plT, m), code, m);

export interface UserMessage {
  text: string;
  /** KSeF exception/status code or our own rule code. */
  code?: string | number;
  /** Seconds to wait before trying again (429). */
  retryAfterSec?: number;
}

/**
 * `t`: the UI language (Polish when omitted). Errors carrying a catalogue message render in it; final auth statuses
 * use their own catalogue texts only when `t` is given (without it, the KSeF explanation — behaviour kept).
 */
export function userMessage(err: unknown, tIn?: Translate): UserMessage {
  const t = tIn ?? plT;
  if (err instanceof TokenError) return {text: t(`pkcs11.err.${err.code}` as MessageKey, err.params), code: err.code};
  if (err instanceof KsefApiError && tIn && err.kind === 'status' && err.operation === 'GET /auth/{referenceNumber}' && err.code !== undefined && AUTH_STATUS_KEYS[err.code]) {
    // details[0] is KSeF's status description; the rest are its details (kept, nothing lost).
    const said = err.details.slice(1).join('; ') || err.details[0] || '—';
    return {text: t(AUTH_STATUS_KEYS[err.code], {details: said}), code: err.code};
  }
  if (err instanceof KsefApiError) return {text: render(t, err.msg), code: err.code ?? err.httpStatus, retryAfterSec: err.retryAfterSec};
  if (err instanceof KsefCryptoError || err instanceof StoreError || err instanceof FlowError) {
    return {text: isLocalized(err) ? render(t, err.msg) : err.message, code: err.code};
  }
  if (isLocalized(err)) return {text: render(t, err.msg)};
  if (err && typeof err === 'object' && 'code' in err) {
    const code = String((err as {code: unknown}).code);
    const text = ioMessage(code);
    if (text) {
      const path = (err as {path?: string}).path;
      return {text: render(t, path ? msg('err.io.withPath', {text, path}) : text), code};
    }
  }
  if (err instanceof Error && err.name === 'AbortError') return {text: t('err.aborted'), code: 'aborted'};
  const detail = err instanceof Error ? err.message : String(err);
  return {text: t('err.unexpected', {detail: detail.split('\n')[0].slice(0, 200)}), code: 'unexpected'};
}
