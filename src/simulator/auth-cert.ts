// Trust and subject rules for the certificate that signed an AuthTokenRequest (all failures: 21115).
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import {isValidNip, isValidPesel} from '../domain/index.js';
import {KsefError} from './errors.js';
import type {AuthMethodName, EnrollmentData, EnvState, Identity, KeyPairPem, SimEnv} from './model.js';
import {allAttrs, firstAttr, ISSUING_CA_CN, nameAttributes, normaliseSerialNumber, OID, sha256Hex} from './pki.js';

export interface AuthSubject {
  identity: Identity;
  method: AuthMethodName;
  methodCode: string;
  displayName: string;
  enrollmentData: EnrollmentData;
  /** Serial of the KSeF certificate used to log in, if any. */
  ksefSerial: string | null;
}

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
    else if (!fingerprintMode) problems.push('organizationIdentifier nie zawiera poprawnego numeru VATPL-NIP.');
  } else {
    if (!fingerprintMode) {
      if (!given.length) problems.push('Brak atrybutu givenName (2.5.4.42) w certyfikacie.');
      if (!surname) problems.push('Brak atrybutu surname (2.5.4.4) w certyfikacie.');
    }
    const pesel = sn && /(PNOPL|PESEL).*?(\d{11})/.exec(sn);
    const nip = sn && /(TINPL|NIP).*?(\d{10})/.exec(sn);
    if (pesel && isValidPesel(pesel[2])) identity = {type: 'Pesel', value: pesel[2]};
    else if (nip && isValidNip(nip[2])) identity = {type: 'Nip', value: nip[2]};
    else if (!fingerprintMode) problems.push('serialNumber (2.5.4.5) nie zawiera poprawnego numeru PESEL (PNOPL) ani NIP (TINPL).');
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
  if (cert.notBefore > now || cert.notAfter < now) throw new KsefError(21115, ['Certyfikat wygasł lub nie jest jeszcze ważny.']);
  const fingerprint = sha256Hex(cert.rawData);
  const fingerprintMode = p.subjectIdentifierType === 'certificateFingerprint';

  // A KSeF certificate of this environment: only an Active Authentication one may log in.
  if (await signedBy(cert, p.issuingCa[p.env].certPem)) {
    const serial = cert.serialNumber.toUpperCase().padStart(16, '0');
    const rec = p.envState.certificates[serial];
    if (!rec || rec.derB64 !== Buffer.from(cert.rawData).toString('base64')) throw new KsefError(21115, ['Nieznany certyfikat KSeF.']);
    if (rec.type !== 'Authentication') throw new KsefError(21115, ['Certyfikat KSeF typu Offline nie służy do uwierzytelniania.']);
    if (rec.status !== 'Active') throw new KsefError(21115, ['Certyfikat KSeF został unieważniony lub zablokowany.']);
    const identity = fingerprintMode ? {type: 'Fingerprint' as const, value: fingerprint} : rec.identity;
    return {identity, method: 'InternalCertificate', methodCode: 'xades.internal-certificate', displayName: 'Certyfikat KSeF', enrollmentData: rec.enrollmentData, ksefSerial: serial};
  }
  for (const other of Object.keys(p.issuingCa) as SimEnv[]) {
    if (other !== p.env && (await signedBy(cert, p.issuingCa[other].certPem))) {
      throw new KsefError(21115, [`Certyfikat wydany przez ${ISSUING_CA_CN[other]} nie jest ważny w tym środowisku.`]);
    }
  }

  const qualified = await signedBy(cert, p.qualifiedCa.certPem);
  const selfSigned = !qualified && cert.issuer === cert.subject && (await cert.verify({signatureOnly: true}).catch(() => false));
  if (!qualified && !selfSigned) throw new KsefError(21115, ['Niezaufany łańcuch certyfikatów.']);
  if (selfSigned && p.env !== 'TEST') throw new KsefError(21115, ['Certyfikaty samopodpisane są akceptowane wyłącznie w środowisku TEST.']);
  if (selfSigned && p.verifyCertificateChain) throw new KsefError(21115, ['Weryfikacja łańcucha certyfikatów zakończona niepowodzeniem (certyfikat samopodpisany).']);

  const {data, identity, seal} = subjectData(cert, fingerprintMode);
  const subjectIdentity: Identity = fingerprintMode || !identity ? {type: 'Fingerprint', value: fingerprint} : identity;
  return seal
    ? {identity: subjectIdentity, method: 'QualifiedSeal', methodCode: 'xades.qualified-seal', displayName: 'Pieczęć kwalifikowana', enrollmentData: data, ksefSerial: null}
    : {identity: subjectIdentity, method: 'QualifiedSignature', methodCode: 'xades.qualified-signature', displayName: 'Podpis kwalifikowany', enrollmentData: data, ksefSerial: null};
}
