// "P — podpisz kartą" on the authorisation screen: auth.xml signed (XAdES, the app's own signAuthTokenRequest) with a
// qualified certificate on the workstation's PKCS#11 token. The certificates are read without the PIN so the user
// sees whose certificate signs before typing it.
import {X509Certificate as NodeX509} from 'node:crypto';
import {parseCertificate, type CertInfo} from '../ksef/cert-info.js';
import {listTokens} from '../ksef/pkcs11/token.js';
import {TokenError} from '../ksef/pkcs11/errors.js';
import {signAuthTokenRequest} from '../ksef/xades.js';
import {openTokenFor, type TokenAccess} from './token-keys.js';

export {cardModule} from './card-module.js';

export interface CardCertificate {
  token: string;
  id: string;
  info: CertInfo;
}

/** The token's label: the configured one, else the only token the module sees. */
function tokenLabel(access: TokenAccess): string {
  if (access.label) return access.label;
  const tokens = listTokens(access.module);
  if (tokens.length === 0) throw new TokenError('tokenAbsent', {token: '?'});
  return tokens[0].label;
}

/** Certificates on the token that have their private key there too is unknowable before the PIN: all are listed. */
export async function cardCertificates(access: TokenAccess): Promise<CardCertificate[]> {
  const label = tokenLabel(access);
  const session = await openTokenFor(access, label, false, false);
  try {
    const certs = session.certificates().map((c) => ({token: label, id: c.id, info: parseCertificate(c.der)}));
    if (!certs.length) throw new TokenError('certNotFound', {token: label});
    return certs;
  } finally {
    session.close();
  }
}

/** Signs the AuthTokenRequest with the certificate's key on the token (PIN through `access.pin`). */
export async function signAuthXmlWithCard(access: TokenAccess, cert: CardCertificate, xml: string, now: Date = new Date()): Promise<Buffer> {
  const session = await openTokenFor(access, cert.token);
  try {
    const key = await session.findKeyForPublicKey(new NodeX509(cert.info.der).publicKey.export({type: 'spki', format: 'der'}));
    // A qualified certificate is not a KSeF one: its KeyUsage (non-repudiation) says nothing about the A/O types.
    return Buffer.from(await signAuthTokenRequest(xml, {certPem: cert.info.pem, key, type: 'A'}, now), 'utf8');
  } finally {
    session.close();
  }
}
