// Persisted simulator state: one JSON document for all three environments (state is separated per env).
import type {ContextType, KsefCertificateType, RevocationReason} from '../domain/index.js';

export type SimEnv = 'TEST' | 'DEMO' | 'PROD';
export const SIM_ENVS: readonly SimEnv[] = ['TEST', 'DEMO', 'PROD'];
export const ENV_PREFIX: Record<SimEnv, string> = {TEST: 'test', DEMO: 'demo', PROD: 'prod'};
/** Host of the public QR page per environment; KOD II links are signed over `host/certificate/...`. */
export const QR_HOST: Record<SimEnv, string> = {TEST: 'qr-test.ksef.mf.gov.pl', DEMO: 'qr-demo.ksef.mf.gov.pl', PROD: 'qr.ksef.mf.gov.pl'};

export type IdentityType = 'Nip' | 'Pesel' | 'Fingerprint';
export interface Identity {
  type: IdentityType;
  value: string;
}
export const identityKey = (i: Identity): string => `${i.type}:${i.value}`;

/** Subject attributes of the authenticating certificate, as returned by /certificates/enrollments/data. */
export interface EnrollmentData {
  commonName: string;
  countryName: string;
  givenNames: string[];
  surname: string | null;
  serialNumber: string | null;
  uniqueIdentifier: string | null;
  organizationName: string | null;
  organizationIdentifier: string | null;
}

export interface KeyPairPem {
  certPem: string;
  keyPem: string;
}

export type AuthMethodName = 'Token' | 'TrustedProfile' | 'InternalCertificate' | 'QualifiedSignature' | 'QualifiedSeal' | 'PersonalSignature' | 'PeppolSignature';

export type AuthFinalCode = 200 | 415 | 425 | 450 | 460 | 470 | 480 | 500 | 550;

export interface AuthOperation {
  referenceNumber: string;
  startMs: number;
  context: {type: ContextType; value: string};
  identity: Identity;
  method: AuthMethodName;
  /** XadesSignature for the XAdES flow, Token for the test hook that simulates KSeF-token sessions. */
  category: 'XadesSignature' | 'Token';
  enrollmentData: EnrollmentData | null;
  /** When the operation leaves status 100. */
  readyAtMs: number;
  /** Final status per the official table of GET /auth/{ref}: 200, 415, 425, 450, 460, 470, 480, 500, 550. */
  finalCode: AuthFinalCode;
  finalDetails: string[] | null;
  redeemed: boolean;
  lastRefreshMs: number | null;
  refreshValidUntilMs: number | null;
  refreshRevoked: boolean;
  allowedIps: string[] | null;
}

export interface Enrollment {
  referenceNumber: string;
  requestMs: number;
  readyAtMs: number;
  identity: Identity;
  certificateName: string;
  certificateType: KsefCertificateType;
  csrB64: string;
  validFromMs: number;
  enrollmentData: EnrollmentData;
  /** Final status once processed: 200 issued, 400 rejected, 550 cancelled (400/550 only via faults). */
  outcome: 200 | 400 | 550;
  outcomeDetails: string[] | null;
  certificateSerialNumber: string | null;
}

export type StoredCertStatus = 'Active' | 'Blocked' | 'Revoked';
export interface IssuedCertificate {
  serial: string;
  name: string;
  type: KsefCertificateType;
  identity: Identity;
  commonName: string;
  derB64: string;
  validFromMs: number;
  validToMs: number;
  requestMs: number;
  status: StoredCertStatus;
  /** Revocation is asynchronous in KSeF: the certificate is Blocked until this moment, then Revoked. */
  revokedAtMs?: number;
  revocationReason: RevocationReason | null;
  lastUseMs: number | null;
  /** Enrollment data of the original subject, so a KSeF certificate used to log in yields the same data again. */
  enrollmentData: EnrollmentData;
  /** SHA-256 of the SubjectPublicKeyInfo, to refuse a key certified by another subject. */
  spkiSha256: string;
}

export interface Grant {
  context: string;
  identity: Identity;
  permissions: string[];
}

/** A person linked to a NIP by /testdata/person (NIP–PESEL link; deceased → auth ends in 470). */
export interface TestPerson {
  nip: string;
  pesel: string;
  deceased: boolean;
}

export interface EnvState {
  challenges: Record<string, number>;
  /** Absent in state files written before persons were recorded. */
  persons?: TestPerson[];
  /** Contexts blocked by /testdata/context/block (auth then ends in 480). */
  blockedContexts?: string[];
  authOps: Record<string, AuthOperation>;
  enrollments: Record<string, Enrollment>;
  certificates: Record<string, IssuedCertificate>;
  grants: Grant[];
}

export interface SimState {
  version: 1;
  jwtSecret: string;
  issuingCa: Record<SimEnv, KeyPairPem>;
  qualifiedCa: KeyPairPem;
  envs: Record<SimEnv, EnvState>;
}

export const emptyEnvState = (): EnvState => ({challenges: {}, authOps: {}, enrollments: {}, certificates: {}, grants: []});
