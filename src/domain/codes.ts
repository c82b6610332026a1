// Single-letter form codes of the F2000 screens and their KSeF counterparts.

/** KSeF environment: D demo, P production, T test. */
export type EnvCode = 'D' | 'P' | 'T';
export const ENV_CODES: readonly EnvCode[] = ['D', 'P', 'T'];
export type KsefEnvName = 'DEMO' | 'PROD' | 'TEST';
export const ENV_NAME: Record<EnvCode, KsefEnvName> = {D: 'DEMO', P: 'PROD', T: 'TEST'};

/** Certificate type: A authentication (KSeF "Authentication"), O offline (KSeF "Offline", KOD II only). */
export type CertTypeCode = 'A' | 'O';
export const CERT_TYPE_CODES: readonly CertTypeCode[] = ['A', 'O'];
export type KsefCertificateType = 'Authentication' | 'Offline';
export const KSEF_CERT_TYPE: Record<CertTypeCode, KsefCertificateType> = {A: 'Authentication', O: 'Offline'};

/** Mode: B current work, Z successor that starts when the current one expires. */
export type ModeCode = 'B' | 'Z';
export const MODE_CODES: readonly ModeCode[] = ['B', 'Z'];

export type OwnerKind = 'operator' | 'branch' | 'company';
/** Who a certificate belongs to; `code` is the operator or branch code, absent for the company. */
export type Owner = {kind: 'operator'; code: string} | {kind: 'branch'; code: string} | {kind: 'company'};

export const ownerKey = (o: Owner): string => (o.kind === 'company' ? 'company' : `${o.kind}:${o.code}`);

/** Parses `company`, `branch:CODE`, `operator:CODE` (CLI form). */
export function parseOwner(text: string): Owner | undefined {
  const t = text.trim();
  if (t === 'company' || t === 'firma') return {kind: 'company'};
  const m = /^(branch|operator|oddzial|oddział):(.+)$/i.exec(t);
  if (!m) return undefined;
  const code = m[2].trim().toUpperCase();
  if (!code) return undefined;
  return /^op/i.test(m[1]) ? {kind: 'operator', code} : {kind: 'branch', code};
}

/** Context identifier types of AuthTokenRequest / KOD II. */
export type ContextType = 'Nip' | 'InternalId' | 'NipVatUe' | 'PeppolId';
export interface ContextIdentifier {
  type: ContextType;
  value: string;
}

export type RevocationReason = 'Unspecified' | 'Superseded' | 'KeyCompromise';
export const REVOCATION_REASONS: readonly RevocationReason[] = ['Unspecified', 'Superseded', 'KeyCompromise'];

/** Authorisation method configured per branch [A-1-5-1]. */
export type AuthMethod = 'esignature' | 'trustedProfile' | 'ksefCertificate';
