// Secrets of the store: the master key file, private keys sealed under it, operator password hashes.
import {
  createHmac, createPrivateKey, hkdfSync, randomBytes, randomUUID, scrypt as scryptCb, timingSafeEqual, type KeyObject,
  type ScryptOptions,
} from 'node:crypto';
import {promises as fsp, constants} from 'node:fs';
import path from 'node:path';
import {StoreError} from './types.js';
import {msg, type Message} from '../i18n/index.js';

export const MASTER_KEY_FILE = 'master.key';
const MASTER_KEY_BYTES = 32;

/**
 * Reads `<dir>/master.key` (or `file`, e.g. KSEF_CERTS_MASTER_KEY_FILE), or creates it (atomically: temp file + link,
 * so two first opens agree on one key).
 */
export async function loadOrCreateMasterKey(dir: string, mayCreate: boolean, file = path.join(dir, MASTER_KEY_FILE)): Promise<Buffer> {
  dir = path.dirname(file);
  const existing = await readMasterKey(file);
  if (existing) return existing;
  if (!mayCreate) {
    throw new StoreError('masterKey', msg('storeErr.masterKeyMissing', {file}));
  }
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}-${randomUUID().slice(0, 8)}.tmp`);
  const fh = await fsp.open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  try {
    await fh.writeFile(randomBytes(MASTER_KEY_BYTES).toString('base64') + '\n');
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await fsp.link(tmp, file); // fails with EEXIST if another process won the race
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    await fsp.rm(tmp, {force: true});
  }
  const key = await readMasterKey(file);
  if (!key) throw new StoreError('masterKey', msg('storeErr.masterKeyCreate', {file}));
  return key;
}

async function readMasterKey(file: string): Promise<Buffer | undefined> {
  let text: string;
  try {
    const st = await fsp.stat(file);
    if (st.mode & 0o077) await fsp.chmod(file, 0o600);
    text = await fsp.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StoreError('masterKey', msg('storeErr.masterKeyRead', {file, reason: (e as Error).message}));
  }
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== MASTER_KEY_BYTES) {
    throw new StoreError('masterKey', msg('storeErr.masterKeyCorrupt', {file, bytes: MASTER_KEY_BYTES}));
  }
  return key;
}

/** The PKCS#8 passphrase: a 256-bit value derived from the master key, never stored. */
function sealingPassphrase(masterKey: Buffer): string {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'ksef-certs/seal-key/v1', 32)).toString('base64');
}

export const ENCRYPTED_PEM_HEADER = '-----BEGIN ENCRYPTED PRIVATE KEY-----';

export function sealKeyWith(masterKey: Buffer, key: KeyObject): string {
  if (key.type !== 'private') throw new StoreError('invalid', msg('storeErr.notPrivateKey'));
  const pem = key.export({type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: sealingPassphrase(masterKey)});
  return pem.toString();
}

export function unsealKeyWith(masterKey: Buffer, keyPem: string): KeyObject {
  if (!keyPem.trimStart().startsWith(ENCRYPTED_PEM_HEADER)) {
    throw new StoreError('invalid', msg('storeErr.notSealed'));
  }
  try {
    return createPrivateKey({key: keyPem, format: 'pem', passphrase: sealingPassphrase(masterKey)});
  } catch {
    throw new StoreError('masterKey', msg('storeErr.unsealFailed'));
  }
}

/** True when `text` holds a PEM private key block that is not encrypted. */
export const hasPlainPrivateKey = (text: string): boolean => /-----BEGIN (?:RSA |EC |DSA |OPENSSH )?PRIVATE KEY-----/.test(text);

// Passwords: `scrypt$N$r$p$saltB64$hashB64` (format documented in domain/entities.ts).
const SCRYPT = {N: 16384, r: 8, p: 1, keyLen: 32};

function scrypt(password: string, salt: Buffer, keyLen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password.normalize('NFC'), salt, keyLen, opts, (e, k) => (e ? reject(e) : resolve(k))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const {N, r, p, keyLen} = SCRYPT;
  const hash = await scrypt(password, salt, keyLen, {N, r, p, maxmem: 64 * 1024 * 1024});
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** Constant-time check; a malformed hash (or none) costs the same as a real check and returns false. */
export async function verifyPassword(password: string, stored: string | undefined): Promise<boolean> {
  const parts = stored?.split('$') ?? [];
  const ok = parts.length === 6 && parts[0] === 'scrypt';
  const N = ok ? Number(parts[1]) : SCRYPT.N;
  const r = ok ? Number(parts[2]) : SCRYPT.r;
  const p = ok ? Number(parts[3]) : SCRYPT.p;
  const salt = ok ? Buffer.from(parts[4], 'base64') : randomBytes(16);
  const expected = ok ? Buffer.from(parts[5], 'base64') : randomBytes(SCRYPT.keyLen);
  if (!Number.isInteger(N) || N < 2 || N > 1 << 20 || !expected.length) return false;
  const actual = await scrypt(password, salt, expected.length, {N, r, p, maxmem: 256 * N * r + 64 * 1024 * 1024});
  return timingSafeEqual(actual, expected) && ok;
}

/** Public check value of a master key (HMAC of a fixed label): tells a wrong key file apart without storing the key. */
export function masterKeyCheck(masterKey: Buffer): string {
  return createHmac('sha256', masterKey).update('ksef-certs/master-key-check/v1').digest('hex');
}
