// Where a record's private key lives, for the list and the details. Apart from token-keys.ts so that `list` and the
// list screen do not load the PKCS#11 bindings (graphene-pk11, node-webcrypto-p11) just to mark token keys.
import type {CertificateRecord} from '../domain/index.js';
import {parsePkcs11Uri} from '../ksef/pkcs11/uri.js';
import {makeT, type Lang} from '../i18n/index.js';

export const keyOnToken = (rec: Pick<CertificateRecord, 'keyUri'>): boolean => !!rec.keyUri;

/** Token label of a record's key, or undefined when the key is in the store. */
export const keyTokenLabel = (rec: Pick<CertificateRecord, 'keyUri'>): string | undefined =>
  rec.keyUri ? parsePkcs11Uri(rec.keyUri)?.token : undefined;

/** `token „LABEL”` (key on a PKCS#11 token, never in the store) or `magazyn (zaszyfrowany)`. */
export function keyLocationText(rec: Pick<CertificateRecord, 'keyUri'>, lang: Lang = 'pl'): string {
  const t = makeT(lang);
  const token = keyTokenLabel(rec);
  return token === undefined ? t('pkcs11.keyStore') : t('pkcs11.keyToken', {token});
}
