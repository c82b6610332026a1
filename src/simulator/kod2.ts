// KOD II verification, mirroring what the public QR page checks when an offline-invoice certificate link is opened:
// GET /{env}/certificate/{ctxType}/{ctxValue}/{sellerNip}/{serial}/{hash}/{signature}. Not a KSeF API endpoint.
import * as x509 from '@peculiar/x509';
import {constants, createPublicKey, verify as cryptoVerify} from 'node:crypto';
import {isValidInternalId, isValidNip} from '../domain/index.js';
import {hasPermission} from './auth-routes.js';
import {certStatus} from './cert-routes.js';
import {QR_HOST, type EnvState, type SimEnv} from './model.js';

export interface Kod2Result {
  valid: boolean;
  checks: {certificateExists: boolean; offlineType: boolean; active: boolean; signatureValid: boolean; contextValid: boolean; permission: boolean};
  message: string;
  /** The certificate (base64 DER) when it exists — it is public, and the page shows it. */
  certificate?: string;
}

export function verifyKod2(env: SimEnv, state: EnvState, segments: string[], nowMs: number): Kod2Result {
  const [ctxType, ctxValue, sellerNip, serial, hash, signature] = segments.map((s) => decodeURIComponent(s));
  const checks = {certificateExists: false, offlineType: false, active: false, signatureValid: false, contextValid: false, permission: false};
  const ctxOk = ctxType === 'Nip' ? isValidNip(ctxValue) : ctxType === 'InternalId' ? isValidInternalId(ctxValue) : ctxType === 'NipVatUe' ? isValidNip(ctxValue.split('-')[0]) : ctxType === 'PeppolId' ? /^P[A-Z]{2}\d{6}$/.test(ctxValue) : false;
  checks.contextValid = ctxOk && isValidNip(sellerNip) && /^[A-Za-z0-9_-]{43}$/.test(hash);
  const cert = state.certificates[serial];
  if (cert) {
    checks.certificateExists = true;
    checks.offlineType = cert.type === 'Offline';
    checks.active = certStatus(cert, nowMs) === 'Active' && nowMs >= cert.validFromMs;
    checks.permission = hasPermission(state, {type: ctxType, value: ctxValue}, cert.identity);
    const signed = Buffer.from(`${QR_HOST[env]}/certificate/${segments.slice(0, 5).join('/')}`, 'utf8');
    const sig = Buffer.from(signature, 'base64url');
    const key = createPublicKey({key: Buffer.from(new x509.X509Certificate(Buffer.from(cert.derB64, 'base64')).publicKey.rawData), format: 'der', type: 'spki'});
    try {
      checks.signatureValid =
        key.asymmetricKeyType === 'rsa'
          ? cryptoVerify('sha256', signed, {key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32}, sig)
          : cryptoVerify('sha256', signed, {key, dsaEncoding: sig.length === 64 ? 'ieee-p1363' : 'der'}, sig);
    } catch {
      checks.signatureValid = false;
    }
  }
  const valid = Object.values(checks).every(Boolean);
  const message = valid
    ? 'Certyfikat wystawcy jest prawidłowy, a podpis linku zweryfikowano pozytywnie.'
    : !checks.certificateExists
      ? 'Certyfikat o podanym numerze seryjnym nie istnieje.'
      : !checks.offlineType
        ? 'Certyfikat nie jest certyfikatem typu Offline.'
        : !checks.active
          ? 'Certyfikat nie jest aktywny (unieważniony, zablokowany lub wygasły).'
          : !checks.signatureValid
            ? 'Podpis linku weryfikacyjnego jest nieprawidłowy.'
            : !checks.contextValid
              ? 'Nieprawidłowy identyfikator kontekstu, NIP sprzedawcy lub skrót faktury.'
              : 'Podmiot certyfikatu nie ma uprawnień w tym kontekście.';
  return {valid, checks, message, ...(cert ? {certificate: cert.derB64} : {})};
}
