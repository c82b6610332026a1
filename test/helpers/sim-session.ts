// Shared steps against a TestSim over real HTTP: XAdES login up to an access token, openssl-made CSRs with the
// enrollment DN, enrollment until the certificate is retrieved, fresh valid NIPs.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {expect} from 'vitest';
import {nipWithChecksum} from '../../src/domain/index.js';
import {authTokenRequestXml, bearerInit, jsonInit, signWithXadesjs, type TestSim} from './simulator.js';

export type Env = 'TEST' | 'DEMO' | 'PROD';

export const exceptionCode = (body: unknown): number => (body as {exception: {exceptionDetailList: Array<{exceptionCode: number}>}}).exception.exceptionDetailList[0].exceptionCode;

let seq = 100;
/** A valid NIP not used before in this process (base chosen per test file to keep files apart). */
export function freshNip(base = 526000000): string {
  for (;;) {
    const n = nipWithChecksum(String(base + seq++));
    if (n) return n;
  }
}

export interface LoginResult {
  access: string;
  /** 200, a final auth status (415, 460, …) or the exception code of a refused submission. */
  status: number;
  details?: string[] | null;
  referenceNumber?: string;
}

export async function login(t: TestSim, env: Env, certPem: string, keyPem: string, nip: string, query = ''): Promise<LoginResult> {
  const ch = await t.api(env, '/auth/challenge', {method: 'POST'});
  const xml = await signWithXadesjs(authTokenRequestXml((ch.body as {challenge: string}).challenge, nip), certPem, keyPem);
  const init = await t.api(env, `/auth/xades-signature${query}`, {method: 'POST', headers: {'Content-Type': 'application/xml'}, body: xml});
  if (init.status !== 202) return {access: '', status: exceptionCode(init.body)};
  const {referenceNumber, authenticationToken} = init.body as {referenceNumber: string; authenticationToken: {token: string}};
  const st = await t.api(env, `/auth/${referenceNumber}`, bearerInit('GET', authenticationToken.token));
  const status = (st.body as {status: {code: number; details?: string[] | null}}).status;
  if (status.code !== 200) return {access: '', status: status.code, details: status.details, referenceNumber};
  const red = await t.api(env, '/auth/token/redeem', bearerInit('POST', authenticationToken.token));
  return {access: (red.body as {accessToken: {token: string}}).accessToken.token, status: 200, referenceNumber};
}

export interface EnrollmentData {
  commonName: string;
  countryName: string;
  givenName: string | null;
  surname: string | null;
  serialNumber: string | null;
  organizationName: string | null;
  organizationIdentifier: string | null;
}

/** `openssl req` with the enrollment DN (UTF8String), key `ec` (P-256) or `rsa` (2048). Returns base64 DER and key PEM. */
export function opensslCsr(d: EnrollmentData, keyType: 'ec' | 'rsa', tweak?: (subj: string) => string): {csr: string; keyPem: string} {
  const dir = mkdtempSync(join(tmpdir(), 'ksef-csr-'));
  const keyFile = join(dir, 'key.pem');
  if (keyType === 'ec') execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', keyFile]);
  else execFileSync('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', keyFile]);
  const esc = (v: string) => v.replace(/[/\\+=]/g, (c) => `\\${c}`);
  let subj = `/CN=${esc(d.commonName)}`;
  if (d.surname) subj += `/SN=${esc(d.surname)}`;
  for (const g of d.givenName ? d.givenName.split(' ') : []) subj += `/GN=${esc(g)}`;
  if (d.organizationName) subj += `/O=${esc(d.organizationName)}`;
  if (d.organizationIdentifier) subj += `/organizationIdentifier=${esc(d.organizationIdentifier)}`;
  subj += `/C=${d.countryName}`;
  if (d.serialNumber) subj += `/serialNumber=${esc(d.serialNumber)}`;
  if (tweak) subj = tweak(subj);
  try {
    const der = execFileSync('openssl', ['req', '-new', '-key', keyFile, '-utf8', '-subj', subj, '-sha256', '-outform', 'DER']);
    return {csr: der.toString('base64'), keyPem: readFileSync(keyFile, 'utf8')};
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

export async function enrollAndWait(t: TestSim, env: Env, access: string, d: EnrollmentData, type: 'Authentication' | 'Offline', keyType: 'ec' | 'rsa' = 'ec') {
  const {csr, keyPem} = opensslCsr(d, keyType);
  const r = await t.api(env, '/certificates/enrollments', jsonInit('POST', {certificateName: `Certyfikat ${type} źółć`, certificateType: type, csr}, access));
  expect(r.status, r.text).toBe(202);
  const ref = (r.body as {referenceNumber: string}).referenceNumber;
  expect(ref).toMatch(/^\d{8}-EH-/);
  const st = await t.api(env, `/certificates/enrollments/${ref}`, bearerInit('GET', access));
  const serial = (st.body as {certificateSerialNumber: string}).certificateSerialNumber;
  expect((st.body as {status: {code: number}}).status.code).toBe(200);
  const got = await t.api(env, '/certificates/retrieve', jsonInit('POST', {certificateSerialNumbers: [serial]}, access));
  const der = (got.body as {certificates: Array<{certificate: string}>}).certificates[0].certificate;
  const certPem = new x509.X509Certificate(Buffer.from(der, 'base64')).toString('pem');
  return {serial, certPem, keyPem};
}

export async function enrollmentData(t: TestSim, env: Env, access: string): Promise<EnrollmentData> {
  return (await t.api(env, '/certificates/enrollments/data', bearerInit('GET', access))).body as EnrollmentData;
}
