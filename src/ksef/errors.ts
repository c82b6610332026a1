// Errors of the local crypto/file layer. `message` is the Polish text shown to the user; the underlying
// library/OpenSSL error is kept only in `cause` (never printed).

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

export const CRYPTO_MESSAGES_PL: Record<KsefCryptoErrorCode, string> = {
  wrongPassword: 'Nieprawidłowe hasło do klucza prywatnego',
  passwordRequired: 'Klucz prywatny jest zaszyfrowany — podaj hasło',
  corruptKey: 'Uszkodzony lub nieobsługiwany plik klucza prywatnego (oczekiwano PEM lub DER)',
  corruptCertificate: 'Uszkodzony plik certyfikatu (oczekiwano PEM lub DER)',
  keyMismatch: 'Klucz prywatny nie pasuje do certyfikatu',
  pkcs12NotSupported:
    'To jest plik PKCS#12 (.p12/.pfx), a nie klucz prywatny. Wyodrębnij klucz poleceniem: ' +
    'openssl pkcs12 -in plik.p12 -nocerts -out klucz.key (certyfikat: openssl pkcs12 -in plik.p12 -clcerts -nokeys -out cert.crt)',
  unsupportedKey: 'Nieobsługiwany typ klucza — KSeF przyjmuje klucze RSA 2048 lub EC P-256',
  offlineCannotAuthenticate: 'Certyfikat typu O (offline) nie służy do uwierzytelniania w KSeF — wybierz certyfikat typu A.',
  authCannotSignQr: 'Certyfikat typu A (uwierzytelnianie) nie może podpisywać KODU II — wybierz certyfikat typu O (offline).',
  certificateExpired: 'Certyfikat wygasł',
  certificateNotYetValid: 'Certyfikat nie jest jeszcze ważny',
  invalidXml: 'Nieprawidłowy dokument XML',
  invalidInput: 'Nieprawidłowe dane wejściowe',
  csrMismatch: 'Dane wniosku (CSR) nie zgadzają się z danymi zwróconymi przez KSeF',
  writeFailed: 'Nie udało się zapisać pliku',
};

export class KsefCryptoError extends Error {
  readonly code: KsefCryptoErrorCode;
  readonly messagePl: string;

  constructor(code: KsefCryptoErrorCode, messagePl: string = CRYPTO_MESSAGES_PL[code], options?: {cause?: unknown}) {
    super(messagePl, options);
    this.name = 'KsefCryptoError';
    this.code = code;
    this.messagePl = messagePl;
  }
}
