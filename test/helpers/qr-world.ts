// A real store in a temp folder (demo company, operators) holding real type-O / type-A certificates issued by a
// test CA, with their keys sealed by the store — what the QR flow, CLI and screen tests work against.
import 'reflect-metadata';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {randomUUID} from 'node:crypto';
import {p1363ToDer} from './ecdsa.js';
import type {CertificateRecord, Operator, Owner} from '../../src/domain/index.js';
import {createDemoStore, DEMO_CREDENTIALS, openStore} from '../../src/store/index.js';
import type {Store} from '../../src/store/types.js';
import {parseCertificate} from '../../src/ksef/cert-info.js';
import {issueCert, makeCa, run, type Alg, type TestCert} from '../ksef/crypto-fixtures.js';
import {sampleInvoiceXml} from '../../src/flows/qr-batch.js';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/invoices');
export const fixture = (name: string): string => path.join(FIXTURES, name);

/** Default start of the world's certificates: before the fixture invoices' P_1 (KOD II needs validity on that day). */
const VALID_SINCE = new Date(Math.min(Date.parse('2026-01-01T00:00:00Z'), Date.now() - 86400_000));

export interface QrWorld {
  root: string;
  dataDir: string;
  store: Store;
  operator: Operator;
  admin: Operator;
  ca: TestCert;
  /** Adds a certificate record with a real certificate and sealed key; returns it with the test cert. */
  addCert(o: AddCertOptions): Promise<{rec: CertificateRecord; cert: TestCert}>;
  cleanup(): Promise<void>;
}

export interface AddCertOptions {
  type: 'A' | 'O';
  owner?: Owner;
  env?: 'D' | 'P' | 'T';
  alg?: Alg;
  serial: string;
  notBefore?: Date;
  notAfter?: Date;
  state?: CertificateRecord['state'];
  name?: string;
  /** Issuer: default the KSeF CA of `env` (as KSeF issues); 'self' — self-signed (not from KSeF). */
  issuer?: 'ksef' | 'self';
}

export async function makeQrWorld(): Promise<QrWorld> {
  const root = await mkdtemp(path.join(tmpdir(), 'ksef-qr-'));
  const dataDir = path.join(root, 'data');
  await createDemoStore(dataDir);
  const store = await openStore(dataDir);
  const operator = (await store.authenticate(DEMO_CREDENTIALS.operator.code, DEMO_CREDENTIALS.operator.password, 'test'))!;
  const admin = (await store.authenticate(DEMO_CREDENTIALS.admin.code, DEMO_CREDENTIALS.admin.password, 'test'))!;
  // One issuing CA per environment, named as KSeF's (the KOD II selector takes only certificates KSeF issued).
  const [ca, caDemo, caProd] = await Promise.all([makeCa('TEST CCK KSeF'), makeCa('DEMO CCK KSeF'), makeCa('CCK KSeF')]);
  const caOf = {T: ca, D: caDemo, P: caProd};
  return {
    root, dataDir, store, operator, admin, ca,
    async addCert(o) {
      const cert = await issueCert({
        ca: o.issuer === 'self' ? undefined : caOf[o.env ?? 'D'], type: o.type, alg: o.alg, serial: o.serial, notBefore: o.notBefore ?? VALID_SINCE, notAfter: o.notAfter,
        subject: [{C: ['PL']}, {'2.5.4.97': [{utf8String: 'VATPL-1111111111'}]}, {O: [{utf8String: 'Demo Sp. z o.o.'}]},
          {CN: [{utf8String: o.type === 'O' ? 'Jan Kowalski (offline)' : 'Jan Kowalski (uwierzytelnienie)'}]}],
      });
      const info = parseCertificate(cert.certPem);
      const rec: CertificateRecord = {
        id: randomUUID(), owner: o.owner ?? {kind: 'operator', code: operator.code}, name: o.name ?? `KSeF ${o.type} ${o.serial.slice(-4)}`,
        type: o.type, env: o.env ?? 'D', mode: 'B', state: o.state ?? 'issued', serial: info.serial, certPem: info.pem,
        keyPem: await store.sealKey(cert.key), keyAlgorithm: info.keyAlgorithm, subject: info.subject, issuer: info.issuer,
        validFrom: info.notBefore.toISOString(), validTo: info.notAfter.toISOString(), fingerprintSha256: info.fingerprintSha256,
        source: 'generated', createdAt: new Date().toISOString(), createdBy: 'ADMIN',
      };
      await store.addCertificate(rec);
      return {rec, cert};
    },
    cleanup: () => rm(root, {recursive: true, force: true}),
  };
}

/** Writes `n` invoice variations (different numbers, dates, amounts; sellers cycling through valid NIPs). */
export async function writeInvoices(dir: string, n: number, start = 0): Promise<string[]> {
  const sellers = ['5265877635', '1111111111', '5213017228', '1234563218'];
  const names: string[] = [];
  for (let i = start; i < start + n; i += 250) {
    const batch = Array.from({length: Math.min(250, start + n - i)}, (_, j) => i + j);
    await Promise.all(batch.map((k) => {
      const name = `FV-2026-${String(k).padStart(5, '0')}.xml`;
      names.push(name);
      return writeFile(path.join(dir, name), sampleInvoiceXml(k, sellers[k % sellers.length]));
    }));
  }
  return names.sort();
}

export {p1363ToDer} from './ecdsa.js';

/**
 * Verifies a KOD II link with `openssl dgst -sha256 -verify` against the certificate's public key: ECDSA (R‖S
 * converted to DER) or RSA-PSS with salt 32 / MGF1-SHA-256. Returns openssl's exit code and output.
 */
export async function opensslVerifyKod2(url: string, certPem: string, dir: string, pssSalt = 32): Promise<{code: number; stdout: string; stderr: string}> {
  const m = /^https:\/\/(.+)\/([A-Za-z0-9_-]+)$/.exec(url);
  if (!m) throw new Error(`not a KOD II link: ${url}`);
  const id = randomUUID();
  const [msg, sigFile, crt, pub] = ['txt', 'sig', 'crt', 'pub'].map((e) => path.join(dir, `${id}.${e}`));
  await writeFile(msg, m[1]);
  await writeFile(crt, certPem);
  await writeFile(pub, run('openssl', ['x509', '-in', crt, '-noout', '-pubkey']).stdout);
  const raw = Buffer.from(m[2], 'base64url');
  const rsa = /Modulus:/.test(run('openssl', ['pkey', '-pubin', '-in', pub, '-noout', '-text']).stdout);
  await writeFile(sigFile, rsa ? raw : p1363ToDer(raw));
  const extra = rsa ? ['-sigopt', 'rsa_padding_mode:pss', '-sigopt', `rsa_pss_saltlen:${pssSalt}`, '-sigopt', 'rsa_mgf1_md:sha256'] : [];
  return run('openssl', ['dgst', '-sha256', ...extra, '-verify', pub, '-signature', sigFile, msg]);
}
