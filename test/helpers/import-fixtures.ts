// Import test world: a demo store in a temp dir, KSeF-like CAs, and keys/certificates made by openssl (keys in every
// form a user may bring) with certificates issued for those keys.
import 'reflect-metadata';
import {createPrivateKey, createPublicKey, webcrypto} from 'node:crypto';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as x509 from '@peculiar/x509';
import {createDemoStore, openStore, type Store} from '../../src/store/index.js';
import {makeCa, type TestCert} from '../ksef/crypto-fixtures.js';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export const PASSWORD = 'Zażółć-Hasło#2026';

/** Runs a tool and throws with its stderr when it fails (setup must not silently produce nothing). */
export function sh(cmd: string, args: string[], input?: string | Buffer): string {
  const r = spawnSync(cmd, args, {input});
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} → ${r.status}: ${r.stderr?.toString()}`);
  return r.stdout.toString('utf8');
}

export const openssl = (...args: string[]): string => sh('openssl', args);

export interface CertOptions {
  ca: TestCert;
  /** Name as @peculiar/x509 JSON; defaults to a company seal like KSeF's type A. */
  subject?: x509.JsonNameParams;
  type?: 'A' | 'O' | 'none';
  serial?: string;
  notBefore?: Date;
  notAfter?: Date;
  /** Issuer DN text when it should differ from the CA subject (unknown issuer). */
  issuer?: string;
}

export const companySubject = (cn = 'Beta (uwierzytelnienie)', nip = '5265877635'): x509.JsonNameParams => [
  {C: ['PL']},
  {'2.5.4.97': [{utf8String: `VATPL-${nip}`}]},
  {O: [{utf8String: 'Beta Spółka z o.o.'}]},
  {CN: [{utf8String: cn}]},
];

let serialCounter = 0x1000;
/** 8-byte serials, unique within the test process. */
export const nextSerial = (): string => `01F20A5D${(serialCounter++).toString(16).toUpperCase().padStart(8, '0')}`;

/** A certificate for an existing private key file (any form openssl can read with `pass`). */
export async function certForKey(keyFile: string, o: CertOptions, pass?: string): Promise<{pem: string; der: Buffer; serial: string}> {
  const key = createPrivateKey({key: fs.readFileSync(keyFile), passphrase: pass});
  const spki = createPublicKey(key).export({type: 'spki', format: 'der'});
  const usage = o.type === 'O' ? x509.KeyUsageFlags.nonRepudiation : x509.KeyUsageFlags.digitalSignature;
  const extensions: x509.Extension[] = [new x509.BasicConstraintsExtension(false, undefined, true)];
  if (o.type !== 'none') extensions.push(new x509.KeyUsagesExtension(usage, true));
  const serial = o.serial ?? nextSerial();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial,
    notBefore: o.notBefore ?? new Date(Date.now() - 86400_000),
    notAfter: o.notAfter ?? new Date(Date.now() + 2 * 365 * 86400_000),
    extensions,
    subject: new x509.Name(o.subject ?? companySubject()),
    issuer: o.issuer ?? o.ca.cert.subjectName,
    publicKey: new Uint8Array(spki),
    signingKey: o.ca.keys.privateKey,
    signingAlgorithm: {name: 'ECDSA', hash: 'SHA-256'},
  });
  const der = Buffer.from(cert.rawData);
  return {pem: cert.toString('pem') + '\n', der, serial};
}

export interface World {
  dir: string;
  dataDir: string;
  store: Store;
  caTest: TestCert;
  caProd: TestCert;
  file(name: string): string;
  /** Writes a file (creating folders) and returns its path. */
  write(name: string, data: string | Buffer): string;
  /** store.json bytes (for "nothing changed" checks). */
  storeBytes(): Buffer;
  cleanup(): void;
}

export async function makeWorld(prefix = 'ksef-import-'): Promise<World> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const dataDir = path.join(dir, 'dane');
  await createDemoStore(dataDir);
  const store = await openStore(dataDir);
  const [caTest, caProd] = await Promise.all([makeCa('TEST CCK KSeF'), makeCa('CCK KSeF')]);
  const file = (name: string) => path.join(dir, name);
  return {
    dir, dataDir, store, caTest, caProd, file,
    write(name, data) {
      const f = file(name);
      fs.mkdirSync(path.dirname(f), {recursive: true});
      fs.writeFileSync(f, data);
      return f;
    },
    storeBytes: () => fs.readFileSync(path.join(dataDir, 'store.json')),
    cleanup: () => fs.rmSync(dir, {recursive: true, force: true}),
  };
}

export interface KeyPair {
  /** Key file in the form under test. */
  keyFile: string;
  crtFile: string;
  serial: string;
  password?: string;
}

/** openssl genpkey EC P-256 (plain PKCS#8 PEM) + a type-A TEST certificate for it. */
export async function ecPair(w: World, name: string, o: Partial<CertOptions> = {}): Promise<KeyPair> {
  const keyFile = w.file(`${name}.key`);
  openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', keyFile);
  const c = await certForKey(keyFile, {ca: w.caTest, ...o});
  const crtFile = w.write(`${name}.crt`, c.pem);
  return {keyFile, crtFile, serial: c.serial};
}

/** MCU / Taxpayer App style: PKCS#8 PBES2 AES-256-CBC, PBKDF2-HMAC-SHA256, 100 000 iterations. */
export function toMcuKey(w: World, plainKeyFile: string, name: string, password = PASSWORD): string {
  const out = w.file(name);
  openssl('pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-v2prf', 'hmacWithSHA256', '-iter', '100000', '-in', plainKeyFile, '-passout', `pass:${password}`, '-out', out);
  return out;
}
