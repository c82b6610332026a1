// One place that turns any failure into the Polish text a user sees (TUI message box, CLI stderr).
import {KsefApiError} from '../ksef/client/errors.js';
import {KsefCryptoError} from '../ksef/errors.js';
import {StoreError} from '../store/types.js';
import {TokenError} from '../ksef/pkcs11/errors.js';
import {makeT, type MessageKey, type Params, type Translate} from '../i18n/index.js';

/** Final statuses of GET /auth/{ref} with a catalogue text (Polish and English). */
const AUTH_STATUS_KEYS: Readonly<Record<number, MessageKey>> = {
  415: 'ksef.auth.415', 425: 'ksef.auth.425', 450: 'ksef.auth.450', 460: 'ksef.auth.460',
  470: 'ksef.auth.470', 480: 'ksef.auth.480', 500: 'ksef.auth.500', 550: 'ksef.auth.550',
};

/** A refusal by a rule of ours (exit code 1 in the CLI), with a Polish message. */
export class FlowError extends Error {
  constructor(message: string, readonly code?: string, readonly i18n?: {key: MessageKey; params?: Params}) {
    super(message);
    this.name = 'FlowError';
  }
}

const plT = makeT('pl');

/** A FlowError whose text comes from the message catalogue (Polish message; userMessage(e, t) translates it). */
export const catalogueError = (key: MessageKey, params: Params | undefined, code: string): FlowError =>
  new FlowError(plT(key, params), code, {key, params});

export interface UserMessage {
  text: string;
  /** KSeF exception/status code or our own rule code. */
  code?: string | number;
  /** Seconds to wait before trying again (429). */
  retryAfterSec?: number;
}

/** `t`: the UI language, for errors that carry a catalogue key and final auth statuses (others stay Polish). */
export function userMessage(err: unknown, t?: Translate): UserMessage {
  if (err instanceof TokenError) return {text: (t ?? makeT('pl'))(`pkcs11.err.${err.code}` as MessageKey, err.params), code: err.code};
  if (err instanceof FlowError && err.i18n && t) return {text: t(err.i18n.key, err.i18n.params), code: err.code};
  if (err instanceof KsefApiError && t && err.kind === 'status' && err.operation === 'GET /auth/{referenceNumber}' && err.code !== undefined && AUTH_STATUS_KEYS[err.code]) {
    // details[0] is KSeF's status description; the rest are its details (kept, nothing lost).
    const said = err.details.slice(1).join('; ') || err.details[0] || '—';
    return {text: t(AUTH_STATUS_KEYS[err.code], {details: said}), code: err.code};
  }
  if (err instanceof KsefApiError) {
    return {text: err.messagePl, code: err.code ?? err.httpStatus, retryAfterSec: err.retryAfterSec};
  }
  if (err instanceof KsefCryptoError || err instanceof StoreError || err instanceof FlowError) {
    return {text: err.message, code: err.code};
  }
  if (err && typeof err === 'object' && 'code' in err) {
    const code = String((err as {code: unknown}).code);
    const io: Record<string, string> = {
      ENOENT: 'Nie znaleziono pliku lub katalogu.',
      EACCES: 'Brak uprawnień do pliku lub katalogu.',
      EPERM: 'Operacja niedozwolona przez system plików.',
      EROFS: 'Katalog jest tylko do odczytu.',
      ENOSPC: 'Brak miejsca na dysku.',
      EISDIR: 'Wskazano katalog zamiast pliku.',
      ENOTDIR: 'Ścieżka nie jest katalogiem.',
      EFBIG: 'Plik jest zbyt duży.',
    };
    if (io[code]) {
      const path = (err as {path?: string}).path;
      return {text: path ? `${io[code]} (${path})` : io[code], code};
    }
  }
  if (err instanceof Error && err.name === 'AbortError') return {text: 'Operację przerwano.', code: 'aborted'};
  const detail = err instanceof Error ? err.message : String(err);
  return {text: `Nieoczekiwany błąd: ${detail.split('\n')[0].slice(0, 200)}`, code: 'unexpected'};
}
