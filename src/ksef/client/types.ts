// Request/response shapes of the KSeF API 2.0 auth and certificate endpoints, written by hand from
// contract/open-api.json (API 2.7.1, components.schemas). Nullable fields are typed `?: T | null`.

/** ISO-8601 date-time string as sent by KSeF (with offset). */
export type IsoDateTime = string;

export interface TokenInfo {
  /** JWT. Never log it. */
  token: string;
  validUntil: IsoDateTime;
}

export interface StatusInfo {
  code: number;
  description: string;
  details?: string[] | null;
}

// ---- auth ------------------------------------------------------------------------------------

/** POST /auth/challenge → 200 */
export interface AuthenticationChallengeResponse {
  /** 36 chars, e.g. 20250514-CR-226FB7B000-3ACF9BE4C0-10; valid 10 minutes. */
  challenge: string;
  timestamp: IsoDateTime;
  timestampMs: number;
  clientIp: string;
}

/** POST /auth/xades-signature (and /auth/ksef-token) → 202 */
export interface AuthenticationInitResponse {
  /** 36 chars, …-AU-… */
  referenceNumber: string;
  authenticationToken: TokenInfo;
}

export type AuthenticationMethod =
  | 'Token'
  | 'TrustedProfile'
  | 'InternalCertificate'
  | 'QualifiedSignature'
  | 'QualifiedSeal'
  | 'PersonalSignature'
  | 'PeppolSignature';

export type AuthenticationMethodCategory = 'XadesSignature' | 'NationalNode' | 'Token' | 'Other';

export interface AuthenticationMethodInfo {
  category: AuthenticationMethodCategory;
  code: string;
  displayName: string;
}

/** GET /auth/{referenceNumber} → 200. status.code: 100 in progress, 200 success, 415/425/450/460/470/480/500/550 failure. */
export interface AuthenticationOperationStatusResponse {
  startDate: IsoDateTime;
  /** Deprecated by KSeF (removal announced); prefer authenticationMethodInfo. */
  authenticationMethod: AuthenticationMethod;
  authenticationMethodInfo: AuthenticationMethodInfo;
  status: StatusInfo;
  isTokenRedeemed?: boolean | null;
  lastTokenRefreshDate?: IsoDateTime | null;
  refreshTokenValidUntil?: IsoDateTime | null;
}

/** POST /auth/token/redeem → 200 */
export interface AuthenticationTokensResponse {
  accessToken: TokenInfo;
  refreshToken: TokenInfo;
}

/** POST /auth/token/refresh → 200 */
export interface AuthenticationTokenRefreshResponse {
  accessToken: TokenInfo;
}

/** One item of GET /auth/sessions. */
export interface AuthenticationListItem extends AuthenticationOperationStatusResponse {
  referenceNumber: string;
  isCurrent?: boolean;
}

/** GET /auth/sessions → 200 */
export interface AuthenticationListResponse {
  /** Pass back in the x-continuation-token header; empty/absent → last page. */
  continuationToken?: string | null;
  items: AuthenticationListItem[];
}

// ---- certificates ----------------------------------------------------------------------------

export type KsefCertificateType = 'Authentication' | 'Offline';
export type CertificateListItemStatus = 'Active' | 'Blocked' | 'Revoked' | 'Expired';
export type CertificateRevocationReason = 'Unspecified' | 'Superseded' | 'KeyCompromise';
export type CertificateSubjectIdentifierType = 'Nip' | 'Pesel' | 'Fingerprint';

export interface CertificateLimit {
  remaining: number;
  limit: number;
}

/** GET /certificates/limits → 200 */
export interface CertificateLimitsResponse {
  canRequest: boolean;
  enrollment: CertificateLimit;
  certificate: CertificateLimit;
}

/** GET /certificates/enrollments/data → 200 (the DN to copy verbatim into the CSR). */
export interface CertificateEnrollmentDataResponse {
  commonName: string;
  countryName: string;
  givenName?: string | null;
  surname?: string | null;
  serialNumber?: string | null;
  uniqueIdentifier?: string | null;
  organizationName?: string | null;
  organizationIdentifier?: string | null;
}

/** POST /certificates/enrollments body. */
export interface EnrollCertificateRequest {
  /** 5–100 chars, ^[a-zA-Z0-9_\-\ ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]+$ */
  certificateName: string;
  certificateType: KsefCertificateType;
  /** PKCS#10 DER, base64 (no PEM armour). */
  csr: string;
  validFrom?: IsoDateTime | null;
}

/** POST /certificates/enrollments → 202 */
export interface EnrollCertificateResponse {
  /** …-EH-… */
  referenceNumber: string;
  timestamp: IsoDateTime;
}

/** GET /certificates/enrollments/{referenceNumber} → 200. status.code: 100 accepted, 200 issued, 400 rejected, 500, 550. */
export interface CertificateEnrollmentStatusResponse {
  requestDate: IsoDateTime;
  status: StatusInfo;
  /** 16 uppercase hex chars; only when issued. */
  certificateSerialNumber?: string | null;
}

/** POST /certificates/retrieve body (1–10 serials, ^[0-9A-F]{16}$). */
export interface RetrieveCertificatesRequest {
  certificateSerialNumbers: string[];
}

export interface RetrieveCertificatesListItem {
  /** DER, base64. Leaf only, no chain. */
  certificate: string;
  certificateName: string;
  certificateSerialNumber: string;
  certificateType: KsefCertificateType;
}

/** POST /certificates/retrieve → 200 */
export interface RetrieveCertificatesResponse {
  certificates: RetrieveCertificatesListItem[];
}

/** POST /certificates/{serial}/revoke body (optional) → 204 */
export interface RevokeCertificateRequest {
  revocationReason?: CertificateRevocationReason | null;
}

/** POST /certificates/query body; all filters optional. */
export interface QueryCertificatesRequest {
  /** Exact match. */
  certificateSerialNumber?: string | null;
  /** Contains. */
  name?: string | null;
  type?: KsefCertificateType | null;
  status?: CertificateListItemStatus | null;
  expiresAfter?: IsoDateTime | null;
}

export interface CertificateSubjectIdentifier {
  type: CertificateSubjectIdentifierType;
  value: string;
}

export interface CertificateListItem {
  certificateSerialNumber: string;
  name: string;
  type: KsefCertificateType;
  commonName: string;
  status: CertificateListItemStatus;
  subjectIdentifier: CertificateSubjectIdentifier;
  validFrom: IsoDateTime;
  validTo: IsoDateTime;
  lastUseDate?: IsoDateTime | null;
  requestDate: IsoDateTime;
}

/** POST /certificates/query → 200 (sorted by requestDate desc). */
export interface QueryCertificatesResponse {
  certificates: CertificateListItem[];
  hasMore: boolean;
}

/** Query-string paging of POST /certificates/query: pageSize 10..50 (default 10), pageOffset ≥ 0. */
export interface QueryPaging {
  pageSize?: number;
  pageOffset?: number;
}

// ---- error bodies ----------------------------------------------------------------------------

/** Legacy `application/json` error body (deprecated by KSeF but still the default for 400). */
export interface ExceptionResponse {
  exception?: {
    exceptionDetailList?: {exceptionCode?: number; exceptionDescription?: string | null; details?: string[] | null}[] | null;
    referenceNumber?: string | null;
    serviceCode?: string | null;
    serviceCtx?: string | null;
    serviceName?: string | null;
    timestamp?: IsoDateTime;
  } | null;
}

/** Legacy 429 body. */
export interface TooManyRequestsResponse {
  status: {code: number; description: string; details: string[]};
}

/** `application/problem+json` bodies (400/401/403/410/429). */
export interface ProblemDetails {
  title?: string;
  status?: number;
  instance?: string | null;
  detail?: string;
  /** 400 only. */
  errors?: {code: number; description: string; details?: string[] | null}[];
  /** 403 only: missing-permissions, ip-not-allowed, insufficient-resource-access, auth-method-not-allowed,
   *  security-service-blocked, context-type-not-allowed. */
  reasonCode?: string;
  security?: Record<string, unknown> | null;
  timestamp?: IsoDateTime;
  traceId?: string | null;
}
