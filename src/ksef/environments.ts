// KSeF 2.0 public environments (values of contract/environments.json, kept in code so the app never reads
// reference files at run time).
import type {EnvCode, KsefEnvName} from '../domain/index.js';

export interface KsefEnvironment {
  name: KsefEnvName;
  /** API base; paths such as `/auth/challenge` are appended. */
  apiBase: string;
  /** Base of KOD I / KOD II links. */
  qrBase: string;
  /** Host part of qrBase — the KOD II signed string starts with it. */
  qrHost: string;
  /** Only TEST accepts self-signed certificates for XAdES authentication. */
  selfSignedAuthAllowed: boolean;
  /** KSeF status service "Latarnia" (official C# client); none is published for DEMO. */
  latarnia?: string;
}

export const KSEF_ENVIRONMENTS: Record<EnvCode, KsefEnvironment> = {
  T: {
    name: 'TEST',
    apiBase: 'https://api-test.ksef.mf.gov.pl/v2',
    qrBase: 'https://qr-test.ksef.mf.gov.pl',
    qrHost: 'qr-test.ksef.mf.gov.pl',
    selfSignedAuthAllowed: true,
    latarnia: 'https://api-latarnia-test.ksef.mf.gov.pl',
  },
  D: {
    name: 'DEMO',
    apiBase: 'https://api-demo.ksef.mf.gov.pl/v2',
    qrBase: 'https://qr-demo.ksef.mf.gov.pl',
    qrHost: 'qr-demo.ksef.mf.gov.pl',
    selfSignedAuthAllowed: false,
  },
  P: {
    name: 'PROD',
    apiBase: 'https://api.ksef.mf.gov.pl/v2',
    qrBase: 'https://qr.ksef.mf.gov.pl',
    qrHost: 'qr.ksef.mf.gov.pl',
    selfSignedAuthAllowed: false,
    latarnia: 'https://api-latarnia.ksef.mf.gov.pl',
  },
};

/**
 * Environment of a KSeF-issued certificate from its issuer CN. TEST CA is `TI CCK KSeF` (seen on real TEST
 * certificates) or `TEST CCK KSeF` (project simulator); DEMO `DEMO CCK KSeF`; production `CCK KSeF`.
 */
export function envFromIssuerCn(cn: string | undefined): EnvCode | undefined {
  if (!cn) return undefined;
  const t = cn.trim().replace(/\s+/g, ' ').toUpperCase();
  if (t === 'TEST CCK KSEF' || t === 'TI CCK KSEF') return 'T';
  if (t === 'DEMO CCK KSEF') return 'D';
  if (t === 'CCK KSEF') return 'P';
  return undefined;
}
