// /certificates/* endpoints: limits, enrollment data, enrollment (CSR checks), status, retrieve, revoke, query.
import * as x509 from '@peculiar/x509';
// asn1-csr/asn1-rsa are the schema packages @peculiar/x509 itself is built on.
import {CertificationRequest} from '@peculiar/asn1-csr';
import {RsaSaPssParams} from '@peculiar/asn1-rsa';
import {AsnConvert} from '@peculiar/asn1-schema';
import {constants, createPublicKey, verify as cryptoVerify} from 'node:crypto';
import {REVOCATION_REASONS, type KsefCertificateType, type RevocationReason} from '../domain/index.js';
import {bearer, parseJsonBody, type Call} from './call.js';
import {certStatus} from './cert-status.js';
import {linkedIdentities} from './testdata-routes.js';
import {KsefError} from './errors.js';
import {identityKey, type AuthOperation, type Enrollment, type EnrollmentData, type EnvState, type Identity, type IssuedCertificate} from './model.js';
import {ksefProfileExtensions, ksefSerialHex} from './cert-profile.js';
import {allAttrs, enrollmentName, issueCertificate, nameAttributes, OID, sha256Hex} from './pki.js';
import {ProblemError, referenceNumber, type Reply} from './replies.js';

const ENROLLMENT_RETENTION_MS = 30 * 24 * 3600_000;
const NAME_RE = /^[a-zA-Z0-9_\-\ ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]+$/;
const SERIAL_RE = /^[0-9A-F]{16}$/;

/** Default limits per authenticated identifier (limity.md): NIP 300/100, PESEL and fingerprint 12/6. */
export function limitsFor(identity: Identity): {enrollments: number; certificates: number} {
  return identity.type === 'Nip' ? {enrollments: 300, certificates: 100} : {enrollments: 12, certificates: 6};
}

export {certStatus};

/** Turns due enrollments into issued certificates (status 100 → 200 after the configured delay). */
export async function settleEnrollments(call: Call): Promise<void> {
  let changed = false;
  for (const e of Object.values(call.envState.enrollments)) {
    if (e.outcome !== 200 || e.certificateSerialNumber || call.now.getTime() < e.readyAtMs) continue;
    const csr = new x509.Pkcs10CertificateRequest(Buffer.from(e.csrB64, 'base64'));
    const spki = sha256Hex(csr.publicKey.rawData);
    const taken = Object.values(call.envState.certificates).some((c) => c.spkiSha256 === spki && identityKey(c.identity) !== identityKey(e.identity));
    if (taken) {
      e.outcome = 400;
      e.outcomeDetails = ['Klucz publiczny został już certyfikowany przez inny podmiot.'];
      changed = true;
      continue;
    }
    let serial = ksefSerialHex();
    while (call.envState.certificates[serial]) serial = ksefSerialHex();
    const notBefore = new Date(e.validFromMs);
    const notAfter = new Date(notBefore);
    notAfter.setUTCFullYear(notAfter.getUTCFullYear() + 2);
    const cert = await issueCertificate({
      ca: call.core.state.issuingCa[call.env],
      // Real KSeF certificates carry the enrollment subject unchanged, C first and CN last.
      subject: [...enrollmentName(e.enrollmentData)].reverse(),
      publicKey: csr.publicKey,
      serialHex: serial,
      notBefore,
      notAfter,
      keyUsage: e.certificateType === 'Offline' ? x509.KeyUsageFlags.nonRepudiation : x509.KeyUsageFlags.digitalSignature,
      extraExtensions: ksefProfileExtensions(call.env),
    });
    call.envState.certificates[serial] = {
      serial,
      name: e.certificateName,
      type: e.certificateType,
      identity: e.identity,
      commonName: e.enrollmentData.commonName,
      derB64: Buffer.from(cert.rawData).toString('base64'),
      validFromMs: notBefore.getTime(),
      validToMs: notAfter.getTime(),
      requestMs: e.requestMs,
      status: 'Active',
      revocationReason: null,
      lastUseMs: null,
      enrollmentData: e.enrollmentData,
      spkiSha256: spki,
    };
    e.certificateSerialNumber = serial;
    changed = true;
  }
  if (changed) call.core.save();
}

const ownCerts = (env: EnvState, identity: Identity): IssuedCertificate[] => Object.values(env.certificates).filter((c) => identityKey(c.identity) === identityKey(identity));
const ownEnrollments = (env: EnvState, identity: Identity): Enrollment[] => Object.values(env.enrollments).filter((e) => identityKey(e.identity) === identityKey(identity));

function usage(call: Call, identity: Identity) {
  const lim = limitsFor(identity);
  const nowMs = call.now.getTime();
  const enrollments = ownEnrollments(call.envState, identity);
  const pending = enrollments.filter((e) => e.outcome === 200 && !e.certificateSerialNumber).length;
  const active = ownCerts(call.envState, identity).filter((c) => certStatus(c, nowMs) === 'Active').length + pending;
  return {lim, usedEnrollments: enrollments.length, active};
}

function access(call: Call): AuthOperation {
  return bearer(call, ['AccessToken']).op;
}

export async function getLimits(call: Call): Promise<Reply> {
  await settleEnrollments(call);
  const op = access(call);
  const u = usage(call, op.identity);
  const enrollment = {remaining: Math.max(0, u.lim.enrollments - u.usedEnrollments), limit: u.lim.enrollments};
  const certificate = {remaining: Math.max(0, u.lim.certificates - u.active), limit: u.lim.certificates};
  return {status: 200, json: {canRequest: enrollment.remaining > 0 && certificate.remaining > 0, enrollment, certificate}};
}

function enrollmentDataView(d: EnrollmentData) {
  return {
    commonName: d.commonName,
    countryName: d.countryName,
    // The OAS types givenName as a string; several givenName attributes are joined with a space.
    givenName: d.givenNames.length ? d.givenNames.join(' ') : null,
    surname: d.surname,
    serialNumber: d.serialNumber,
    uniqueIdentifier: d.uniqueIdentifier,
    organizationName: d.organizationName,
    organizationIdentifier: d.organizationIdentifier,
  };
}

export function getEnrollmentData(call: Call): Reply {
  const op = access(call);
  if (op.category !== 'XadesSignature' || !op.enrollmentData) throw new KsefError(25001);
  return {status: 200, json: enrollmentDataView(op.enrollmentData)};
}

const RSA_OID = '1.2.840.113549.1.1.1';
const EC_OID = '1.2.840.10045.2.1';
const CSR_SIG_ALGS: Record<string, string | null> = {
  '1.2.840.113549.1.1.5': 'sha1', '1.2.840.113549.1.1.11': 'sha256', '1.2.840.113549.1.1.12': 'sha384', '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.113549.1.1.10': null /* RSASSA-PSS: parameters carry the hash */,
  '1.2.840.10045.4.1': 'sha1', '1.2.840.10045.4.3.2': 'sha256', '1.2.840.10045.4.3.3': 'sha384', '1.2.840.10045.4.3.4': 'sha512',
};

/** Compares the CSR subject with the enrollment data as a set of (attribute, value) pairs; order is free. */
function dnMatches(csr: x509.Pkcs10CertificateRequest, d: EnrollmentData): string[] {
  const attrs = nameAttributes(csr.subjectName);
  const want: Array<[string, string, string | null]> = [
    ['commonName', OID.commonName, d.commonName],
    ['countryName', OID.countryName, d.countryName],
    ['surname', OID.surname, d.surname],
    ['serialNumber', OID.serialNumber, d.serialNumber],
    ['uniqueIdentifier', OID.uniqueIdentifier, d.uniqueIdentifier],
    ['organizationName', OID.organizationName, d.organizationName],
    ['organizationIdentifier', OID.organizationIdentifier, d.organizationIdentifier],
  ];
  const problems: string[] = [];
  for (const [label, oid, value] of want) {
    const got = allAttrs(attrs, oid);
    if ((value ?? null) === null ? got.length > 0 : got.length !== 1 || got[0] !== value) problems.push(`Atrybut ${label} w CSR (${got.join(', ') || 'brak'}) różni się od danych uwierzytelnienia (${value ?? 'brak'}).`);
  }
  // givenName may be sent as separate attributes or as one space-joined value (see enrollmentDataView).
  const given = allAttrs(attrs, OID.givenName).join(' ');
  if (given !== d.givenNames.join(' ')) problems.push(`Atrybut givenName w CSR (${given || 'brak'}) różni się od danych uwierzytelnienia (${d.givenNames.join(' ') || 'brak'}).`);
  const known = new Set<string>([...want.map((w) => w[1]), OID.givenName]);
  for (const a of attrs) if (!known.has(a.oid)) problems.push(`CSR zawiera nadmiarowy atrybut ${a.oid}.`);
  return problems;
}

function checkCsr(csrB64: string, data: EnrollmentData): x509.Pkcs10CertificateRequest {
  let csr: x509.Pkcs10CertificateRequest;
  let der: Buffer;
  try {
    if (!/^[A-Za-z0-9+/=\s]+$/.test(csrB64)) throw new Error('not base64');
    der = Buffer.from(csrB64, 'base64');
    csr = new x509.Pkcs10CertificateRequest(new Uint8Array(der));
  } catch {
    throw new KsefError(25004, ['CSR musi być strukturą PKCS#10 w DER zakodowaną w Base64 (bez nagłówków PEM).']);
  }
  const spki = createPublicKey({key: Buffer.from(csr.publicKey.rawData), format: 'der', type: 'spki'});
  const keyOid = csr.publicKey.algorithm.name === 'ECDSA' || spki.asymmetricKeyType === 'ec' ? EC_OID : spki.asymmetricKeyType === 'rsa' ? RSA_OID : '';
  if (keyOid === RSA_OID && spki.asymmetricKeyDetails?.modulusLength !== 2048) throw new KsefError(25010, ['Klucz RSA musi mieć długość dokładnie 2048 bitów.']);
  if (keyOid === EC_OID && spki.asymmetricKeyDetails?.namedCurve !== 'prime256v1') throw new KsefError(25010, ['Klucz EC musi używać krzywej NIST P-256 (secp256r1).']);
  if (!keyOid) throw new KsefError(25010, ['Dozwolone są klucze RSA 2048 lub EC P-256.']);

  // The signature algorithm OID sits in the CertificationRequest; @peculiar/x509 exposes it through asn.
  const sigOid = AsnConvert.parse(der!, CertificationRequest).signatureAlgorithm.algorithm;
  if (!(sigOid in CSR_SIG_ALGS)) throw new KsefError(25011, [`Nieobsługiwany algorytm podpisu CSR: ${sigOid}.`]);
  const isEcSig = sigOid.startsWith('1.2.840.10045.4');
  if (isEcSig !== (keyOid === EC_OID)) throw new KsefError(25011, ['Algorytm podpisu CSR nie odpowiada typowi klucza.']);

  let ok = false;
  try {
    ok = verifyCsrSignature(der, sigOid, spki);
  } catch {
    ok = false;
  }
  if (!ok) throw new KsefError(25004, ['Podpis CSR jest nieprawidłowy.']);
  const problems = dnMatches(csr, data);
  if (problems.length) throw new KsefError(25003, problems);
  return csr;
}

/** Verifies the PKCS#10 self-signature with Node crypto over the DER of certificationRequestInfo. */
function verifyCsrSignature(der: Buffer, sigOid: string, key: ReturnType<typeof createPublicKey>): boolean {
  const {tbs, signature, pssHash} = splitCsr(der);
  if (sigOid === '1.2.840.113549.1.1.10') {
    return cryptoVerify(pssHash, tbs, {key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO}, signature);
  }
  const opts = key.asymmetricKeyType === 'ec' ? {key, dsaEncoding: 'der' as const} : {key};
  return cryptoVerify(CSR_SIG_ALGS[sigOid]!, tbs, opts, signature);
}


function splitCsr(der: Buffer): {tbs: Buffer; signature: Buffer; pssHash: string} {
  const req = AsnConvert.parse(der, CertificationRequest);
  const tbs = Buffer.from(AsnConvert.serialize(req.certificationRequestInfo));
  let pssHash = 'sha1';
  if (req.signatureAlgorithm.algorithm === '1.2.840.113549.1.1.10' && req.signatureAlgorithm.parameters) {
    const p = AsnConvert.parse(req.signatureAlgorithm.parameters, RsaSaPssParams);
    pssHash = ({'1.3.14.3.2.26': 'sha1', '2.16.840.1.101.3.4.2.1': 'sha256', '2.16.840.1.101.3.4.2.2': 'sha384', '2.16.840.1.101.3.4.2.3': 'sha512'} as Record<string, string>)[p.hashAlgorithm.algorithm] ?? 'sha1';
  }
  return {tbs, signature: Buffer.from(req.signature), pssHash};
}

interface EnrollBody {
  certificateName?: unknown;
  certificateType?: unknown;
  csr?: unknown;
  validFrom?: unknown;
}

export function postEnrollment(call: Call): Reply {
  const op = access(call);
  if (op.category !== 'XadesSignature' || !op.enrollmentData) throw new KsefError(25002);
  let body: EnrollBody | undefined;
  try {
    body = parseJsonBody<EnrollBody>(call);
  } catch {
    throw new KsefError(21405, ['Treść żądania nie jest poprawnym JSON.']);
  }
  const problems: string[] = [];
  const name = body?.certificateName;
  if (typeof name !== 'string' || name.length < 5 || name.length > 100 || !NAME_RE.test(name)) problems.push("Pole 'certificateName' musi mieć 5–100 znaków: litery (także polskie), cyfry, spacja, '_' lub '-'.");
  const type = body?.certificateType;
  if (type !== 'Authentication' && type !== 'Offline') problems.push("Pole 'certificateType' musi mieć wartość Authentication lub Offline.");
  if (typeof body?.csr !== 'string' || !body.csr) problems.push("Pole 'csr' jest wymagane.");
  let validFromMs = call.now.getTime();
  if (body?.validFrom !== undefined && body.validFrom !== null) {
    const t = typeof body.validFrom === 'string' ? Date.parse(body.validFrom) : NaN;
    if (Number.isNaN(t)) problems.push("Pole 'validFrom' musi być datą w formacie ISO 8601.");
    else validFromMs = t;
  }
  if (problems.length) throw new KsefError(21405, problems);

  checkCsr(body!.csr as string, op.enrollmentData);
  const u = usage(call, op.identity);
  if (u.usedEnrollments >= u.lim.enrollments) throw new KsefError(25006, [`Limit wniosków: ${u.lim.enrollments}.`]);
  if (u.active >= u.lim.certificates) throw new KsefError(25007, [`Limit aktywnych certyfikatów: ${u.lim.certificates}.`]);

  const forced = call.core.faults.takeEnrollmentOutcome();
  const ref = referenceNumber('EH', call.now);
  call.envState.enrollments[ref] = {
    referenceNumber: ref,
    requestMs: call.now.getTime(),
    readyAtMs: call.now.getTime() + call.core.opts.enrollmentDelayMs,
    identity: op.identity,
    certificateName: name as string,
    certificateType: type as KsefCertificateType,
    csrB64: (body!.csr as string).replace(/\s+/g, ''),
    validFromMs,
    enrollmentData: op.enrollmentData,
    outcome: forced ?? 200,
    outcomeDetails: forced === 550 ? ['Przetwarzanie zostało przerwane z przyczyn systemowych. Spróbuj ponownie.'] : forced === 400 ? ['Osiągnięto dopuszczalny limit posiadanych certyfikatów.'] : null,
    certificateSerialNumber: null,
  };
  call.core.save();
  return {status: 202, json: {referenceNumber: ref, timestamp: call.now.toISOString()}};
}

const ENROLLMENT_STATUS: Record<number, string> = {
  100: 'Wniosek przyjęty do realizacji',
  200: 'Wniosek obsłużony (certyfikat wygenerowany)',
  400: 'Wniosek odrzucony',
  500: 'Nieznany błąd',
  550: 'Operacja została anulowana przez system',
};

export async function getEnrollmentStatus(call: Call, ref: string): Promise<Reply> {
  const op = access(call);
  await settleEnrollments(call);
  const e = call.envState.enrollments[ref];
  if (!e || identityKey(e.identity) !== identityKey(op.identity)) throw new KsefError(25005, [`Wniosek ${ref} nie istnieje.`]);
  if (call.now.getTime() - e.requestMs > ENROLLMENT_RETENTION_MS) throw new ProblemError(410, 'Operacja wygasła i nie jest już dostępna.');
  const code = call.now.getTime() < e.readyAtMs ? 100 : e.outcome;
  return {
    status: 200,
    json: {
      requestDate: new Date(e.requestMs).toISOString(),
      status: {code, description: ENROLLMENT_STATUS[code], details: code === 100 ? null : e.outcomeDetails},
      certificateSerialNumber: code === 200 ? e.certificateSerialNumber : null,
    },
  };
}

export async function postRetrieve(call: Call): Promise<Reply> {
  const op = access(call);
  await settleEnrollments(call);
  let body: {certificateSerialNumbers?: unknown} | undefined;
  try {
    body = parseJsonBody(call);
  } catch {
    throw new KsefError(21405, ['Treść żądania nie jest poprawnym JSON.']);
  }
  const serials = body?.certificateSerialNumbers;
  if (!Array.isArray(serials) || serials.length < 1 || serials.length > 10 || !serials.every((s) => typeof s === 'string' && SERIAL_RE.test(s))) {
    throw new KsefError(21405, ["Pole 'certificateSerialNumbers' musi zawierać od 1 do 10 numerów seryjnych (16 cyfr szesnastkowych)."]);
  }
  const certs = (serials as string[])
    .map((s) => call.envState.certificates[s])
    .filter((c): c is IssuedCertificate => !!c && identityKey(c.identity) === identityKey(op.identity))
    .map((c) => ({certificate: c.derB64, certificateName: c.name, certificateSerialNumber: c.serial, certificateType: c.type}));
  return {status: 200, json: {certificates: certs}};
}

export function postRevoke(call: Call, serial: string): Reply {
  const op = access(call);
  if (op.category !== 'XadesSignature') {
    throw new ProblemError(403, 'Unieważnienie certyfikatu nie jest dostępne dla tej metody uwierzytelnienia.', {reasonCode: 'auth-method-not-allowed', security: {authenticationMethodCategory: op.category}});
  }
  let body: {revocationReason?: unknown} | undefined;
  try {
    body = parseJsonBody(call);
  } catch {
    throw new KsefError(21405, ['Treść żądania nie jest poprawnym JSON.']);
  }
  const reason = body?.revocationReason ?? 'Unspecified';
  if (!REVOCATION_REASONS.includes(reason as RevocationReason)) throw new KsefError(21405, ["Pole 'revocationReason' musi mieć wartość Unspecified, Superseded lub KeyCompromise."]);
  const c = call.envState.certificates[serial];
  // Own certificates, or those of the linked NIP–PESEL of the same person (certyfikaty-KSeF.md).
  const mine = c && (identityKey(c.identity) === identityKey(op.identity) || linkedIdentities(call.envState, op.identity, c.identity));
  if (!mine) throw new KsefError(25008, [`Certyfikat ${serial} nie istnieje.`]);
  if (certStatus(c, call.now.getTime()) !== 'Active') throw new KsefError(25009);
  // Blocked at once, Revoked when KSeF has finished (revocationDelayMs later).
  c.status = 'Blocked';
  c.revokedAtMs = call.now.getTime() + call.core.opts.revocationDelayMs;
  c.revocationReason = reason as RevocationReason;
  call.core.save();
  return {status: 204};
}

interface QueryBody {
  certificateSerialNumber?: string | null;
  name?: string | null;
  type?: string | null;
  status?: string | null;
  expiresAfter?: string | null;
}

export async function postQuery(call: Call): Promise<Reply> {
  const op = access(call);
  await settleEnrollments(call);
  const sp = call.url.searchParams;
  const pageSize = sp.has('pageSize') ? Number(sp.get('pageSize')) : 10;
  const pageOffset = sp.has('pageOffset') ? Number(sp.get('pageOffset')) : 0;
  const problems: string[] = [];
  if (!Number.isInteger(pageSize) || pageSize < 10 || pageSize > 50) problems.push('pageSize musi być liczbą całkowitą z zakresu 10–50.');
  if (!Number.isInteger(pageOffset) || pageOffset < 0) problems.push('pageOffset musi być liczbą całkowitą nieujemną.');
  let f: QueryBody = {};
  try {
    f = parseJsonBody<QueryBody>(call) ?? {};
  } catch {
    problems.push('Treść żądania nie jest poprawnym JSON.');
  }
  if (f.certificateSerialNumber && !SERIAL_RE.test(f.certificateSerialNumber)) problems.push('certificateSerialNumber musi mieć 16 cyfr szesnastkowych.');
  if (f.type && f.type !== 'Authentication' && f.type !== 'Offline') problems.push('type musi mieć wartość Authentication lub Offline.');
  if (f.status && !['Active', 'Blocked', 'Revoked', 'Expired'].includes(f.status)) problems.push('status musi mieć wartość Active, Blocked, Revoked lub Expired.');
  const expiresAfter = f.expiresAfter ? Date.parse(f.expiresAfter) : undefined;
  if (expiresAfter !== undefined && Number.isNaN(expiresAfter)) problems.push('expiresAfter musi być datą w formacie ISO 8601.');
  if (problems.length) throw new KsefError(21405, problems);
  const nowMs = call.now.getTime();
  const all = ownCerts(call.envState, op.identity)
    .filter((c) => !f.certificateSerialNumber || c.serial === f.certificateSerialNumber)
    .filter((c) => !f.name || c.name.toLowerCase().includes(f.name.toLowerCase()))
    .filter((c) => !f.type || c.type === f.type)
    .filter((c) => !f.status || certStatus(c, nowMs) === f.status)
    .filter((c) => expiresAfter === undefined || c.validToMs > expiresAfter)
    .sort((a, b) => b.requestMs - a.requestMs || (a.serial < b.serial ? -1 : 1));
  const page = all.slice(pageOffset * pageSize, pageOffset * pageSize + pageSize);
  return {
    status: 200,
    json: {
      certificates: page.map((c) => ({
        certificateSerialNumber: c.serial,
        name: c.name,
        type: c.type,
        commonName: c.commonName,
        status: certStatus(c, nowMs),
        subjectIdentifier: {type: c.identity.type, value: c.identity.value},
        validFrom: new Date(c.validFromMs).toISOString(),
        validTo: new Date(c.validToMs).toISOString(),
        lastUseDate: c.lastUseMs ? new Date(c.lastUseMs).toISOString() : null,
        requestDate: new Date(c.requestMs).toISOString(),
      })),
      hasMore: (pageOffset + 1) * pageSize < all.length,
    },
  };
}
