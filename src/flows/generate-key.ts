// The key of a new certificate and its CSR [A-1-5-4]: a key pair in memory (sealed into the record) or, with
// "klucz na tokenie", a never-extractable pair generated on a PKCS#11 token (the record keeps its URI and public key).
import {createPublicKey, X509Certificate as NodeX509} from 'node:crypto';
import {createCsr, generateKeyPair, type CsrKeyAlgorithm, type EnrollmentData} from '../ksef/csr.js';
import type {Store} from '../store/types.js';
import type {CertificateRecord} from '../domain/index.js';
import {makeT, type Translate} from '../i18n/index.js';
import {userMessage} from './errors.js';
import {writeTokenCertificateCopy} from './export.js';
import {keyTokenLabel, openTokenFor, type TokenAccess} from './token-keys.js';

/**
 * The key pair (in memory, sealed into the record; or generated on the token, the record keeping its URI and
 * public key) and the CSR signed with it. A token key is made before anything is sent: a refusal stores nothing.
 */
export async function keyAndCsr(deps: {store: Store}, req: {type: string; name: string; keyOnToken?: {access: TokenAccess; label: string}}, alg: CsrKeyAlgorithm, data: EnrollmentData) {
  if (!req.keyOnToken) {
    const keys = generateKeyPair(alg);
    const csr = await createCsr(data, keys);
    return {keys, keyFields: {keyPem: await deps.store.sealKey(keys.privateKey)}, ...csr};
  }
  const session = await openTokenFor(req.keyOnToken.access, req.keyOnToken.label, true);
  try {
    const key = await session.generateKeyPair(`KSeF ${req.type} ${req.name}`.slice(0, 64));
    const csr = await createCsr(data, key);
    const publicKeyPem = key.publicKey.export({type: 'spki', format: 'pem'}) as string;
    return {keys: undefined, keyFields: {keyPem: '', keyUri: key.uri, publicKeyPem}, ...csr};
  } finally {
    session.close();
  }
}

/** True when the certificate carries the record's public key (token keys: checked without the token). */
export function certMatchesPublicKey(publicKeyPem: string, certDer: Buffer): boolean {
  const mine = createPublicKey(publicKeyPem).export({type: 'spki', format: 'der'});
  return mine.equals(new NodeX509(certDer).publicKey.export({type: 'spki', format: 'der'}));
}
/** The generate "backup" of a token certificate: the .crt only, with the note that no .key exists. */
export async function tokenCertificateCopy(
  deps: {store: Store; workstation: string; t?: Translate}, record: CertificateRecord,
): Promise<{tokenBackup?: {certPath: string; note: string}; backupError?: string}> {
  const t = deps.t ?? makeT('pl');
  try {
    const ws = await deps.store.workstation(deps.workstation);
    const certPath = await writeTokenCertificateCopy(record, ws.exportFolder);
    return {tokenBackup: {certPath, note: t('pkcs11.noBackup', {token: keyTokenLabel(record) ?? '?', crt: certPath})}};
  } catch (e) {
    return {backupError: t('enroll.tokenCopyLater', {error: userMessage(e, t).text})};
  }
}
