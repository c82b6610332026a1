// Trust and subject rules for the certificate that signed an AuthTokenRequest. As in real KSeF, trust problems of a
// well-formed certificate (another environment's KSeF certificate, revoked, expired, untrusted chain, self-signed
// with verifyCertificateChain=true) do not refuse the submission: it is accepted (202) and the status poll ends in
// 460 with the official detail text. Synchronous refusals: 21115 (unreadable/incomplete subject, self-signed on
// DEMO/PROD as observed, an Offline KSeF certificate) and 21406 (certificateSubject without NIP/PESEL).
import * as x509 from '@peculiar/x509';
import {isValidNip, isValidPesel} from '../domain/index.js';
import {KsefError} from './errors.js';
import type {AuthMethodName, EnrollmentData, EnvState, Identity, KeyPairPem, SimEnv} from './model.js';
import {certStatus} from './cert-status.js';
import {allAttrs, firstAttr, nameAttributes, normaliseSerialNumber, OID, sha256Hex} from './pki.js';

/** Detail texts of status 460 (open-api.json, AuthenticationOperationStatusResponse.status). */
export const CERT_460 = {
  invalid: 'Nieważny certyfikat',
  chainError: 'Błąd weryfikacji łańcucha certyfikatów',
  untrusted: 'Niezaufany łańcuch certyfikatów',
  revoked: 'Certyfikat odwołany',
  suspended: 'Certyfikat zawieszony',
  incorrect: 'Niepoprawny certyfikat',
} as const;

export interface AuthSubject {
  identity: Identity;
  method: AuthMethodName;
  methodCode: string;
  displayName: string;
  enrollmentData: EnrollmentData | null;
  /** Serial of the KSeF certificate used to log in, if any. */
  ksefSerial: string | null;
  /** Set when the operation must end in 460 (one of CERT_460). */
  certFailure?: string;
}

const failed = (fingerprint: string, method: AuthMethodName, certFailure: string): AuthSubject => ({
  identity: {type: 'Fingerprint', value: fingerprint},
  method,
  methodCode: method === 'InternalCertificate' ? 'xades.internal-certificate' : 'xades.qualified-signature',
  displayName: method === 'InternalCertificate' ? 'Certyfikat KSeF' : 'Podpis kwalifikowany',
  enrollmentData: null,
  ksefSerial: null,
  certFailure,
});

async function signedBy(cert: x509.X509Certificate, issuerPem: string): Promise<boolean> {
  const issuer = new x509.X509Certificate(issuerPem);
  if (cert.issuer !== issuer.subject) return false;
  try {
    return await cert.verify({publicKey: issuer.publicKey, signatureOnly: true});
  } catch {
    return false;
  }
}

function subjectData(cert: x509.X509Certificate, fingerprintMode: boolean): {data: EnrollmentData; identity?: Identity; seal: boolean} {
  const attrs = nameAttributes(cert.subjectName);
  const cn = firstAttr(attrs, OID.commonName);
  const c = firstAttr(attrs, OID.countryName);
  const given = allAttrs(attrs, OID.givenName);
  const surname = firstAttr(attrs, OID.surname);
  const sn = firstAttr(attrs, OID.serialNumber);
  const o = firstAttr(attrs, OID.organizationName);
  const orgId = firstAttr(attrs, OID.organizationIdentifier);
  const problems: string[] = [];
  if (!cn) problems.push('Brak atrybutu commonName (2.5.4.3) w certyfikacie.');
  if (!c) problems.push('Brak atrybutu countryName (2.5.4.6) w certyfikacie.');
  const seal = !!orgId;
  let identity: Identity | undefined;
  if (seal) {
    if (!o) problems.push('Certyfikat pieczęci nie zawiera organizationName (2.5.4.10).');
    if (given.length || surname) problems.push('Certyfikat pieczęci nie może zawierać givenName ani surname.');
    const m = /(VATPL).*?(\d{10})/.exec(orgId);
    if (m && isValidNip(m[2])) identity = {type: 'Nip', value: m[2]};
    else if (!fingerprintMode && !problems.length) throw new KsefError(21406, ['Certyfikat pieczęci nie zawiera numeru VATPL-NIP: użyj SubjectIdentifierType certificateFingerprint.']);
  } else {
    if (!fingerprintMode) {
      if (!given.length) problems.push('Brak atrybutu givenName (2.5.4.42) w certyfikacie.');
      if (!surname) problems.push('Brak atrybutu surname (2.5.4.4) w certyfikacie.');
    }
    const pesel = sn && /(PNOPL|PESEL).*?(\d{11})/.exec(sn);
    const nip = sn && /(TINPL|NIP).*?(\d{10})/.exec(sn);
    if (pesel && isValidPesel(pesel[2])) identity = {type: 'Pesel', value: pesel[2]};
    else if (nip && isValidNip(nip[2])) identity = {type: 'Nip', value: nip[2]};
    else if (!fingerprintMode && !problems.length) throw new KsefError(21406, ['Certyfikat nie zawiera numeru PESEL (PNOPL) ani NIP (TINPL): użyj SubjectIdentifierType certificateFingerprint.']);
  }
  if (problems.length) throw new KsefError(21115, problems);
  const data: EnrollmentData = {
    commonName: cn!,
    countryName: c!,
    givenNames: seal ? [] : given,
    surname: seal ? null : surname ?? null,
    serialNumber: seal || !sn ? null : normaliseSerialNumber(sn),
    uniqueIdentifier: firstAttr(attrs, OID.uniqueIdentifier) ?? null,
    organizationName: seal ? o ?? null : null,
    organizationIdentifier: seal ? orgId ?? null : null,
  };
  return {data, identity, seal};
}

export interface AuthCertInput {
  env: SimEnv;
  cert: x509.X509Certificate;
  subjectIdentifierType: 'certificateSubject' | 'certificateFingerprint';
  verifyCertificateChain: boolean;
  issuingCa: Record<SimEnv, KeyPairPem>;
  qualifiedCa: KeyPairPem;
  envState: EnvState;
  now: Date;
}

export async function evaluateAuthCertificate(p: AuthCertInput): Promise<AuthSubject> {
  const {cert, now} = p;
  const fingerprint = sha256Hex(cert.rawData);
  const fingerprintMode = p.subjectIdentifierType === 'certificateFingerprint';
  const nowMs = now.getTime();

  // A KSeF certificate of this environment: only an Active Authentication one may log in.
  if (await signedBy(cert, p.issuingCa[p.env].certPem)) {
    const serial = cert.serialNumber.toUpperCase().padStart(16, '0');
    const rec = p.envState.certificates[serial];
    if (!rec || rec.derB64 !== Buffer.from(cert.rawData).toString('base64')) return failed(fingerprint, 'InternalCertificate', CERT_460.incorrect);
    if (rec.type !== 'Authentication') throw new KsefError(21115, ['Certyfikat KSeF typu Offline nie służy do uwierzytelniania.']);
    const status = certStatus(rec, nowMs);
    if (status === 'Revoked') return failed(fingerprint, 'InternalCertificate', CERT_460.revoked);
    if (status === 'Blocked') return failed(fingerprint, 'InternalCertificate', CERT_460.suspended);
    if (status === 'Expired' || nowMs < rec.validFromMs) return failed(fingerprint, 'InternalCertificate', CERT_460.invalid);
    const identity = fingerprintMode ? {type: 'Fingerprint' as const, value: fingerprint} : rec.identity;
    return {identity, method: 'InternalCertificate', methodCode: 'xades.internal-certificate', displayName: 'Certyfikat KSeF', enrollmentData: rec.enrollmentData, ksefSerial: serial};
  }
  // Another environment's KSeF certificate: its chain is not trusted here.
  for (const other of Object.keys(p.issuingCa) as SimEnv[]) {
    if (other !== p.env && (await signedBy(cert, p.issuingCa[other].certPem))) return failed(fingerprint, 'InternalCertificate', CERT_460.untrusted);
  }

  const qualified = await signedBy(cert, p.qualifiedCa.certPem);
  const selfSigned = !qualified && cert.issuer === cert.subject && (await cert.verify({signatureOnly: true}).catch(() => false));
  if (selfSigned && p.env !== 'TEST') throw new KsefError(21115, ['Certyfikaty samopodpisane są akceptowane wyłącznie w środowisku TEST.']);
  const {data, identity, seal} = subjectData(cert, fingerprintMode);
  const method: AuthMethodName = seal ? 'QualifiedSeal' : 'QualifiedSignature';
  if (!qualified && !selfSigned) return failed(fingerprint, method, CERT_460.untrusted);
  if (selfSigned && p.verifyCertificateChain) return failed(fingerprint, method, CERT_460.chainError);
  if (cert.notBefore > now || cert.notAfter < now) return failed(fingerprint, method, CERT_460.invalid);

  const subjectIdentity: Identity = fingerprintMode || !identity ? {type: 'Fingerprint', value: fingerprint} : identity;
  return seal
    ? {identity: subjectIdentity, method, methodCode: 'xades.qualified-seal', displayName: 'Pieczęć kwalifikowana', enrollmentData: data, ksefSerial: null}
    : {identity: subjectIdentity, method, methodCode: 'xades.qualified-signature', displayName: 'Podpis kwalifikowany', enrollmentData: data, ksefSerial: null};
}
