// Failures of a PKCS#11 token. The user sees the catalogue text `pkcs11.err.<code>` (src/i18n), filled with
// `params`; `message` is a short English note for developers. The library's own error stays in `cause` only.

export type TokenErrorCode =
  | 'noModule'
  | 'moduleMissing'
  | 'notPkcs11'
  | 'moduleInitFailed'
  | 'tokenAbsent'
  | 'pinRequired'
  | 'pinWrong'
  | 'pinWrongCountLow'
  | 'pinWrongFinalTry'
  | 'pinLocked'
  | 'keyNotFound'
  | 'certNotFound'
  | 'unsupportedKey'
  | 'tokenFailed';

export class TokenError extends Error {
  constructor(readonly code: TokenErrorCode, readonly params: Record<string, string> = {}, options?: {cause?: unknown}) {
    super(`PKCS#11: ${code}`, options);
    this.name = 'TokenError';
  }
}

export const isTokenError = (e: unknown, code?: TokenErrorCode): e is TokenError =>
  e instanceof TokenError && (code === undefined || e.code === code);
