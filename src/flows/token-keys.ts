// Keys on PKCS#11 tokens in the use cases: which module and PIN to use (TokenAccess, given by the CLI or the
// screens), opening the token a record's key URI names, and the key for signing — token or store alike.
import type {CertificateRecord} from '../domain/index.js';
import type {SigningKey} from '../ksef/key-source.js';
import {TokenError} from '../ksef/pkcs11/errors.js';
import {TokenSession} from '../ksef/pkcs11/token.js';
import {parsePkcs11Uri} from '../ksef/pkcs11/uri.js';
import type {Store} from '../store/types.js';

/** The workstation's PKCS#11 module [A-1-5-2] and how to get the PIN (asked only when the token wants it). */
export interface TokenAccess {
  module: string;
  /** Token label configured for the workstation (generate's default). */
  label?: string;
  pin: () => Promise<string> | string;
}

export {keyOnToken, keyTokenLabel} from './key-label.js';

export async function openTokenFor(access: TokenAccess | undefined, label: string, write = false, login = true): Promise<TokenSession> {
  if (!access?.module) throw new TokenError('noModule', {token: label});
  return TokenSession.open({module: access.module, label, pin: access.pin, write, login});
}

export interface RecordKey {
  key: SigningKey;
  /** Closes the token session (no-op for a store key). */
  close(): void;
}

/** The record's private key: unsealed from the store, or found on its token (PIN asked through `access`). */
export async function recordKey(store: Store, rec: CertificateRecord, access: TokenAccess | undefined): Promise<RecordKey> {
  if (!rec.keyUri) return {key: await store.unsealKey(rec.keyPem), close: () => undefined};
  const ref = parsePkcs11Uri(rec.keyUri);
  if (!ref) throw new TokenError('keyNotFound', {token: '?'});
  const session = await openTokenFor(access, ref.token);
  try {
    return {key: await session.findKey(ref), close: () => session.close()};
  } catch (e) {
    session.close();
    throw e;
  }
}

/** Runs `fn` with the record's key and closes the token session afterwards. */
export async function withRecordKey<T>(store: Store, rec: CertificateRecord, access: TokenAccess | undefined, fn: (key: SigningKey) => Promise<T> | T): Promise<T> {
  const k = await recordKey(store, rec, access);
  try {
    return await fn(k.key);
  } finally {
    k.close();
  }
}
