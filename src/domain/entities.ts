// Entities persisted by the store and shown by the screens. Plain JSON: ISO strings for dates, no classes.
import type {AuthMethod, CertTypeCode, ContextType, EnvCode, KsefCertificateType, ModeCode, Owner, RevocationReason} from './codes.js';
import type {SubjectIdentifier} from './identifiers.js';

export interface Company {
  nip: string;
  name: string;
}

export interface Branch {
  code: string;
  name: string;
  config: BranchConfig;
}

/** [A-1-5-1] Konfiguracja oddziału. */
export interface BranchConfig {
  defaultEnv: EnvCode;
  authMethod: AuthMethod;
  contextType: Extract<ContextType, 'Nip' | 'InternalId'>;
  /** InternalId value when contextType is InternalId; the company NIP is used for Nip. */
  contextValue?: string;
  /** Overrides the KSeF API base URL for this branch (e.g. the local simulator). */
  apiUrl?: string;
}

export type Role = 'admin' | 'operator';

export interface Operator {
  code: string;
  name: string;
  role: Role;
  branch: string;
  /** scrypt hash: `scrypt$N$r$p$saltB64$hashB64`. */
  passwordHash: string;
  disabled?: boolean;
  /** PESEL KSeF puts into this person's certificates (set by an admin); absent in stores made before it existed. */
  pesel?: string;
}

/** [A-1-5-2] Konfiguracja stanowiska, keyed by host name. */
export interface WorkstationConfig {
  host: string;
  /** Folder where auth.xml is written and where signed files are picked up. */
  signFolder: string;
  /** Command that opens the e-signature page / signing program; `{file}` and `{dir}` are substituted. May be empty. */
  signCommand: string;
  /** Who last changed signCommand and when (ISO); shown before `K` runs it. */
  signCommandSetBy?: string;
  signCommandSetAt?: string;
  exportFolder: string;
  lang: 'pl' | 'en';
  /** PKCS#11 module (shared library) of this workstation's card reader / HSM; the CLI's KSEF_CERTS_PKCS11_MODULE wins. */
  pkcs11Module?: string;
  /** Label of the token keys are generated on by default. */
  pkcs11Token?: string;
}

/** Lifecycle of a certificate record in the store. */
export type RecordState = 'pending' | 'issued' | 'revoked' | 'failed';

/** A certificate held by the store (or an enrollment still in flight). */
export interface CertificateRecord {
  id: string;
  owner: Owner;
  name: string;
  type: CertTypeCode;
  env: EnvCode;
  mode: ModeCode;
  state: RecordState;
  /** 16 uppercase hex digits; absent while pending. */
  serial?: string;
  /** PEM of the certificate; absent while pending. */
  certPem?: string;
  /** Encrypted PKCS#8 PEM (never plain); '' when the key lives on a PKCS#11 token (keyUri). */
  keyPem: string;
  /** RFC 7512 URI of the private key on a PKCS#11 token (`pkcs11:token=…;id=…;type=private`); never on disk here. */
  keyUri?: string;
  /** SPKI PEM of a token key: the issued certificate is checked against it without the token (resume). */
  publicKeyPem?: string;
  keyAlgorithm: 'EC-P256' | 'RSA-2048' | string;
  subject?: string;
  issuer?: string;
  subjectIdentifier?: SubjectIdentifier;
  validFrom?: string;
  validTo?: string;
  fingerprintSha256?: string;
  /** Certificate this one succeeds (mode Z). */
  predecessorId?: string;
  revokedAt?: string;
  revocationReason?: RevocationReason;
  /**
   * Enrollment in flight: enough to resume after a restart. Written BEFORE the request is sent, so a lost reply or
   * a crash never loses the key; `referenceNumber` is absent until KSeF's reply is stored (then `resume` finds the
   * certificate by querying KSeF for one carrying `publicKeySpki`).
   */
  enrollment?: {
    referenceNumber?: string;
    /** SubjectPublicKeyInfo (DER, base64) of the request's key. */
    publicKeySpki?: string;
    apiUrl: string;
    requestedAt: string;
    validFrom?: string;
    ksefType: KsefCertificateType;
    lastStatus?: number;
    lastMessage?: string;
  };
  source: 'generated' | 'imported';
  createdAt: string;
  createdBy: string;
  /** Status last read from KSeF (`/certificates/query`). */
  ksefStatus?: 'Active' | 'Blocked' | 'Revoked' | 'Expired';
  ksefCheckedAt?: string;
  /** When a refresh logged in as this certificate's own identity and KSeF did not list it (cleared when listed). */
  ksefUnknownAt?: string;
}

/** A certificate record without its PEM blobs (certificate, sealed key): what status, rows and rules look at. */
export type CertificateMeta = Omit<CertificateRecord, 'certPem' | 'keyPem'>;

/**
 * One row of the certificate list (`Store.listCertificates`): the record without its blobs, which the folder store
 * keeps in files of their own and reads only on demand (`getCertificate`).
 */
export interface CertificateSummary extends CertificateMeta {
  /** The record has a certificate PEM (issued or imported); read it with getCertificate. */
  hasCert: boolean;
}

/**
 * A record as rows and rules read it: a list summary, or a whole record. Rules that need the certificate itself
 * (its subject identity) get whole records for the candidates they look at.
 */
export type CertificateView = CertificateMeta & {certPem?: string; keyPem?: string; hasCert?: boolean};

/** Whether the record has a certificate PEM, whichever form it comes in. */
export const hasCertificate = (r: {certPem?: string; hasCert?: boolean}): boolean => r.hasCert === true || !!r.certPem;

export type AuditAction =
  | 'login' | 'loginFailed' | 'generate' | 'enrollmentStarted' | 'enrollmentFailed' | 'import' | 'export' | 'revoke'
  | 'ksefLogin' | 'qrBatch' | 'qrSign' | 'switchOver' | 'passwordFailed' | 'configChanged' | 'operatorChanged' | 'statusRefresh'
  | 'ksefWarning'
  /** `ksef-certs check` alerts: delivered / not delivered (webhook, e-mail). */
  | 'alertSent' | 'alertFailed';

/** Append-only audit event. Never holds secrets. */
export interface AuditEvent {
  id: string;
  at: string;
  operator: string;
  workstation: string;
  action: AuditAction;
  certificateId?: string;
  serial?: string;
  /** Free text (every entry before audit notes; also the Polish rendering of `message`, for older readers). */
  details?: string;
  /** The details as data: a catalogue key and its parameters, rendered in the reader's language. */
  message?: AuditNote;
}

/** A catalogue key with parameters (a nested note fills a placeholder); the shape of i18n's `Message`. */
export interface AuditNote {
  readonly key: string;
  readonly params?: Readonly<Record<string, string | number | AuditNote>>;
}
