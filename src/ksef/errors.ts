// Errors of the local crypto/file layer. `msg` is the catalogue message shown to the user (rendered in the session's
// language; `message` is its Polish text); the underlying library/OpenSSL error is kept only in `cause` (never printed).
import {renderPl, type Localized, type Message} from '../i18n/index.js';

export type KsefCryptoErrorCode =
  | 'wrongPassword'
  | 'passwordRequired'
  | 'corruptKey'
  | 'corruptCertificate'
  | 'keyMismatch'
  | 'pkcs12NotSupported'
  | 'unsupportedKey'
  | 'offlineCannotAuthenticate'
  | 'authCannotSignQr'
  | 'certificateExpired'
  | 'certificateNotYetValid'
  | 'invalidXml'
  | 'invalidInput'
  | 'csrMismatch'
  | 'writeFailed';

/** An error of the local crypto/file layer; `msg` defaults to the code's catalogue text (`crypto.<code>`). */
export class KsefCryptoError extends Error implements Localized {
  readonly code: KsefCryptoErrorCode;
  readonly msg: Message;

  constructor(code: KsefCryptoErrorCode, message: Message = {key: `crypto.${code}`}, options?: {cause?: unknown}) {
    super(renderPl(message), options);
    this.name = 'KsefCryptoError';
    this.code = code;
    this.msg = message;
  }
}
