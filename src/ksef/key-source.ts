// Where a signing key lives: a Node KeyObject (unsealed from the store, memory only) or a key on a PKCS#11 token
// that never leaves it. CSR (@peculiar/x509), XAdES (xadesjs) and KOD II sign through this one abstraction.
import {webcrypto, type KeyObject} from 'node:crypto';

/** A private key held outside the process (PKCS#11): signs, never exports. */
export interface ExternalKey {
  readonly kind: 'pkcs11';
  /** RFC 7512 URI of the private key object. */
  readonly uri: string;
  readonly publicKey: KeyObject;
  /** `EC-P256`, `RSA-2048`, … (CertInfo.keyAlgorithm naming). */
  readonly algorithm: string;
  /** WebCrypto view for @peculiar/x509 and xadesjs (through routedCrypto, which sends it to the token). */
  readonly webPrivateKey: CryptoKey;
  /**
   * Synchronous signature over `data` with SHA-256 (KOD II): ECDSA as IEEE-P1363 R‖S, RSA as RSASSA-PSS
   * (MGF1-SHA-256, salt 32).
   */
  signKod2(data: Buffer): Buffer;
}

export type SigningKey = KeyObject | ExternalKey;

export const isExternalKey = (k: unknown): k is ExternalKey =>
  !!k && typeof k === 'object' && (k as {kind?: unknown}).kind === 'pkcs11';

// xadesjs/xmldsigjs call one global engine (Application.crypto). Token keys are signed by the token's own
// SubtleCrypto; every other call goes to Node's WebCrypto. Keys are registered when a token hands them out.
const routes = new WeakMap<object, SubtleCrypto>();

export function routeKeyTo(key: CryptoKey, subtle: SubtleCrypto): void {
  routes.set(key, subtle);
}

const nodeSubtle = webcrypto.subtle as unknown as SubtleCrypto;
const routedSubtle = new Proxy(nodeSubtle, {
  get(target, prop) {
    if (prop === 'sign') {
      return (alg: AlgorithmIdentifier, key: CryptoKey, data: BufferSource) => (routes.get(key) ?? target).sign(alg, key, data);
    }
    const v = Reflect.get(target, prop, target) as unknown;
    return typeof v === 'function' ? v.bind(target) : v;
  },
});

/** Node's WebCrypto, except that sign() with a token key goes to that token. */
export const routedCrypto = {
  subtle: routedSubtle,
  getRandomValues: <T extends ArrayBufferView | null>(a: T): T => webcrypto.getRandomValues(a as never) as T,
  randomUUID: () => webcrypto.randomUUID(),
} as unknown as Crypto;
