// One place that turns any failure into the Polish text a user sees (TUI message box, CLI stderr).
import {KsefApiError} from '../ksef/client/index.js';
import {KsefCryptoError} from '../ksef/errors.js';
import {StoreError} from '../store/types.js';
import {TokenError} from '../ksef/pkcs11/errors.js';
import {makeT, type Lang, type MessageKey} from '../tui/i18n/index.js';

/** A refusal by a rule of ours (exit code 1 in the CLI), with a Polish message. */
export class FlowError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
    this.name = 'FlowError';
  }
}

export interface UserMessage {
  text: string;
  /** KSeF exception/status code or our own rule code. */
  code?: string | number;
  /** Seconds to wait before trying again (429). */
  retryAfterSec?: number;
}

export function userMessage(err: unknown, lang: Lang = 'pl'): UserMessage {
  if (err instanceof TokenError) return {text: makeT(lang)(`pkcs11.err.${err.code}` as MessageKey, err.params), code: err.code};
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

export const formatUserMessage = (m: UserMessage): string => (m.code !== undefined ? `[${m.code}] ${m.text}` : m.text);
