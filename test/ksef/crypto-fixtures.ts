// Real keys and certificates for the crypto tests: a CA like KSeF's (ECDSA) issuing type A / type O certificates.
import 'reflect-metadata';
import {KeyObject, webcrypto} from 'node:crypto';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import * as path from 'node:path';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export type Alg = 'EC-P256' | 'RSA-2048';

export const algParams = (alg: Alg): RsaHashedKeyGenParams | EcKeyGenParams =>
  alg === 'EC-P256'
    ? {name: 'ECDSA', namedCurve: 'P-256'}
    : {name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256'};

const signingAlg = (alg: Alg) => (alg === 'EC-P256' ? {name: 'ECDSA', hash: 'SHA-256'} : {name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256'});

export interface TestCert {
  cert: x509.X509Certificate;
  certPem: string;
  certDer: Buffer;
  keys: CryptoKeyPair;
  key: KeyObject;
  /** Unencrypted PKCS#8 PEM — only ever written into test temp dirs. */
  keyPem: string;
}

export async function makeCa(cn = 'TEST CCK KSeF'): Promise<TestCert> {
  const keys = (await webcrypto.subtle.generateKey(algParams('EC-P256'), true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: `C=PL, O=Ministerstwo Finansów, CN=${cn}`,
    notBefore: new Date(Date.now() - 86400_000),
    notAfter: new Date(Date.now() + 10 * 365 * 86400_000),
    keys,
    signingAlgorithm: signingAlg('EC-P256'),
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true)],
  });
  return wrap(cert, keys);
}

async function wrap(cert: x509.X509Certificate, keys: CryptoKeyPair): Promise<TestCert> {
  const key = KeyObject.from(keys.privateKey);
  return {
    cert,
    certPem: cert.toString('pem') + '\n',
    certDer: Buffer.from(cert.rawData),
    keys,
    key,
    keyPem: key.export({type: 'pkcs8', format: 'pem'}) as string,
  };
}

export interface IssueOptions {
  ca?: TestCert;
  /** Subject as @peculiar/x509 JSON name (order kept). */
  subject?: x509.JsonNameParams;
  alg?: Alg;
  type?: 'A' | 'O' | 'none';
  serial?: string;
  notBefore?: Date;
  notAfter?: Date;
}

export const DEFAULT_SUBJECT: x509.JsonNameParams = [
  {C: ['PL']},
  {'2.5.4.97': [{utf8String: 'VATPL-5265877635'}]},
  {O: [{utf8String: 'Beta Spółka z o.o.'}]},
  {CN: [{utf8String: 'Beta (uwierzytelnienie)'}]},
];

/** A certificate like KSeF issues: KeyUsage digitalSignature (type A) or nonRepudiation (type O). Self-signed without `ca`. */
export async function issueCert(o: IssueOptions = {}): Promise<TestCert> {
  const alg = o.alg ?? 'EC-P256';
  const keys = (await webcrypto.subtle.generateKey(algParams(alg), true, ['sign', 'verify'])) as CryptoKeyPair;
  const usage = o.type === 'O' ? x509.KeyUsageFlags.nonRepudiation : x509.KeyUsageFlags.digitalSignature;
  const extensions: x509.Extension[] = [new x509.BasicConstraintsExtension(false, undefined, true)];
  if (o.type !== 'none') extensions.push(new x509.KeyUsagesExtension(usage, true));
  const common = {
    serialNumber: o.serial ?? '01F20A5D352AE590',
    notBefore: o.notBefore ?? new Date(Date.now() - 86400_000),
    notAfter: o.notAfter ?? new Date(Date.now() + 2 * 365 * 86400_000),
    extensions,
  };
  const subject = new x509.Name(o.subject ?? DEFAULT_SUBJECT);
  const cert = o.ca
    ? await x509.X509CertificateGenerator.create({
        ...common,
        subject,
        issuer: o.ca.cert.subjectName,
        publicKey: keys.publicKey,
        signingKey: o.ca.keys.privateKey,
        signingAlgorithm: signingAlg('EC-P256'),
      })
    : await x509.X509CertificateGenerator.createSelfSigned({...common, name: subject, keys, signingAlgorithm: signingAlg(alg)});
  return wrap(cert, keys);
}

export function tempDir(prefix = 'ksef-crypto-'): {dir: string; file: (name: string) => string; cleanup: () => void} {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return {dir, file: (name) => path.join(dir, name), cleanup: () => rmSync(dir, {recursive: true, force: true})};
}

/** Runs a tool; returns {code, stdout, stderr} without throwing. */
export function run(cmd: string, args: string[], input?: string | Buffer): {code: number; stdout: string; stderr: string} {
  const r = spawnSync(cmd, args, {input});
  return {code: r.status ?? -1, stdout: r.stdout?.toString('utf8') ?? '', stderr: r.stderr?.toString('utf8') ?? ''};
}
