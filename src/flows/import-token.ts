// Import of a certificate whose key is already on a PKCS#11 token (e.g. issued to a card by MCU with a CSR made
// elsewhere): the certificate comes from a file or from the token itself, its key is found on the token by the
// public key, and the record keeps the key's URI. Nothing is stored until commitImport (import.ts).
import {X509Certificate as NodeX509} from 'node:crypto';
import {hasControlChars} from '../domain/index.js';
import {parseCertificate, validityProblem} from '../ksef/cert-info.js';
import {TokenError} from '../ksef/pkcs11/errors.js';
import {flowError} from './errors.js';
import {readBoundedFile} from './import-files.js';
import type {ImportPreview, ImportProblem} from './import.js';
import {openTokenFor, type TokenAccess} from './token-keys.js';
import {msg} from '../i18n/index.js';

// The CLI's `tokens` lists what the module sees: through this use-case module, not the PKCS#11 layer directly.
export {listTokens} from '../ksef/pkcs11/token.js';
export {TokenError} from '../ksef/pkcs11/errors.js';

export interface TokenImportSource {
  label: string;
  /** A .crt file (PEM/DER)… */
  crtPath?: string;
  /** …or the CKA_ID (hex) of a certificate object on the token. */
  certId?: string;
}

/** Certificate objects on a token with whether their key is there too (for choosing what to import). */
export async function listTokenCertificates(access: TokenAccess | undefined, label: string): Promise<{id: string; label: string; subject: string; serial: string; hasKey: boolean}[]> {
  const session = await openTokenFor(access, label);
  try {
    const out = [];
    for (const c of session.certificates()) {
      const info = parseCertificate(c.der);
      const hasKey = await session.findKeyForPublicKey(new NodeX509(c.der).publicKey.export({type: 'spki', format: 'der'})).then(() => true, () => false);
      out.push({id: c.id, label: c.label, subject: info.subject, serial: info.serial, hasKey});
    }
    return out;
  } finally {
    session.close();
  }
}

export async function readTokenImport(access: TokenAccess | undefined, src: TokenImportSource, now: Date = new Date()): Promise<ImportPreview> {
  const session = await openTokenFor(access, src.label);
  try {
    let der: Buffer;
    if (src.crtPath) {
      der = parseCertificate(await readBoundedFile(src.crtPath, 'crt')).der;
    } else {
      const found = session.certificates().find((c) => c.id === src.certId?.toLowerCase());
      if (!found) throw new TokenError('certNotFound', {token: src.label});
      der = found.der;
    }
    const info = parseCertificate(der);
    if (hasControlChars(info.subject) || hasControlChars(info.issuer)) {
      throw flowError(msg('flowErr.controlChars'), 'controlChars');
    }
    const key = await session.findKeyForPublicKey(new NodeX509(der).publicKey.export({type: 'spki', format: 'der'}));
    const problems: ImportProblem[] = [];
    const validity = validityProblem(info, now);
    if (validity) problems.push(validity);
    if (!info.envGuess) problems.push('envUnknown');
    if (!info.typeGuess) problems.push('typeUnknown');
    return {
      info, keyAlgorithm: key.algorithm, type: info.typeGuess, env: info.envGuess, problems, key: key.publicKey,
      tokenKey: {uri: key.uri, publicKeyPem: key.publicKey.export({type: 'spki', format: 'pem'}) as string},
      files: {crtPath: src.crtPath ?? `token ${src.label} id ${src.certId}`, keyPath: key.uri},
    };
  } finally {
    session.close();
  }
}
