// Test helpers for the KSeF simulator: a temp-dir simulator, a fetch that checks every exchange against the
// OpenAPI contract, and two independent AuthTokenRequest signers (xadesjs in-process, xmlsec1 as a child process).
import {p1363ToDer} from './ecdsa.js';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import {DOMParser, XMLSerializer} from '@xmldom/xmldom';
import {execFileSync} from 'node:child_process';
import {createHash, createPrivateKey, webcrypto} from 'node:crypto';
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import * as xadesjs from 'xadesjs';
import {startSimulator, type SimulatorHandle, type StartSimulatorOptions} from '../../src/simulator/index.js';
import {validateRequest, validateResponse} from './openapi.js';

xadesjs.Application.setEngine('NodeJS', webcrypto as unknown as Crypto);
xadesjs.setNodeDependencies({DOMParser, XMLSerializer});

export interface TestSim {
  sim: SimulatorHandle;
  dir: string;
  /** Contract violations seen by `api` so far (requests and responses). */
  violations: string[];
  /** fetch against `sim.apiBase(env)`; every request (unless marked invalidRequest) and response is validated against open-api.json. */
  api(env: 'TEST' | 'DEMO' | 'PROD', path: string, init?: RequestInit, opts?: {invalidRequest?: boolean}): Promise<{status: number; headers: Headers; body: unknown; text: string}>;
  close(): Promise<void>;
}

export async function startTestSim(opts: Partial<StartSimulatorOptions> = {}): Promise<TestSim> {
  const dir = mkdtempSync(join(tmpdir(), 'ksef-sim-'));
  const sim = await startSimulator({dataDir: dir, quiet: true, enrollmentDelayMs: 0, authDelayMs: 0, revocationDelayMs: 0, rateLimits: false, ...opts});
  const violations: string[] = [];
  return {
    sim,
    dir,
    violations,
    async api(env, path, init = {}, opts = {}) {
      const method = (init.method ?? 'GET').toUpperCase();
      const headers = new Headers(init.headers);
      if (!opts.invalidRequest && typeof init.body === 'string' && (headers.get('content-type') ?? '').includes('json')) {
        violations.push(...validateRequest(method, path, JSON.parse(init.body)).errors);
      }
      const res = await fetch(sim.apiBase(env) + path, init);
      const text = await res.text();
      const ct = res.headers.get('content-type');
      const body = text && ct?.includes('json') ? JSON.parse(text) : text;
      violations.push(...validateResponse(method, path, res.status, body, ct).errors);
      return {status: res.status, headers: res.headers, body, text};
    },
    async close() {
      await sim.close();
      rmSync(dir, {recursive: true, force: true});
    },
  };
}

export const jsonInit = (method: string, body: unknown, token?: string): RequestInit => ({
  method,
  headers: {'Content-Type': 'application/json', ...(token ? {Authorization: `Bearer ${token}`} : {})},
  body: JSON.stringify(body),
});
export const bearerInit = (method: string, token: string, extra: Record<string, string> = {}): RequestInit => ({method, headers: {Authorization: `Bearer ${token}`, ...extra}});

export function authTokenRequestXml(challenge: string, nip: string, opts: {ns?: '2.0' | '2.1'; subjectType?: string; contextTag?: string} = {}): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n<AuthTokenRequest xmlns="http://ksef.mf.gov.pl/auth/token/${opts.ns ?? '2.0'}">` +
    `<Challenge>${challenge}</Challenge><ContextIdentifier><${opts.contextTag ?? 'Nip'}>${nip}</${opts.contextTag ?? 'Nip'}></ContextIdentifier>` +
    `<SubjectIdentifierType>${opts.subjectType ?? 'certificateSubject'}</SubjectIdentifierType></AuthTokenRequest>`
  );
}

const derOf = (certPem: string): Buffer => Buffer.from(new x509.X509Certificate(certPem).rawData);

/** Signs with xadesjs (XAdES-BES, enveloped, SHA-256), like the official C# client does. */
export async function signWithXadesjs(xml: string, certPem: string, keyPem: string, opts: {signingCertificatePem?: string; referenceHash?: 'SHA-1' | 'SHA-256'} = {}): Promise<string> {
  const key = createPrivateKey(keyPem);
  const isEc = key.asymmetricKeyType === 'ec';
  const alg = isEc ? {name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256'} : {name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256'};
  const cryptoKey = await webcrypto.subtle.importKey('pkcs8', key.export({format: 'der', type: 'pkcs8'}), alg, false, ['sign']);
  const doc = xadesjs.Parse(xml);
  const signed = new xadesjs.SignedXml();
  await signed.Sign(alg, cryptoKey as CryptoKey, doc, {
    references: [{uri: '', hash: opts.referenceHash ?? 'SHA-256', transforms: ['enveloped', 'exc-c14n']}],
    x509: [derOf(certPem).toString('base64')],
    signingCertificate: derOf(opts.signingCertificatePem ?? certPem).toString('base64'),
    signingTime: {value: new Date(Date.now() - 60_000)},
  });
  doc.documentElement.appendChild(signed.GetXml()!);
  return new XMLSerializer().serializeToString(doc as never);
}

export function requireXmlsec1(): string {
  const bin = '/usr/bin/xmlsec1';
  if (!existsSync(bin)) throw new Error('xmlsec1 is required for these tests (apt-get install -y xmlsec1)');
  return bin;
}

/**
 * Signs with xmlsec1 from a template carrying the XAdES QualifyingProperties. We fill SigningTime and the
 * SigningCertificate digest ourselves (xmlsec1 knows nothing about XAdES) and let xmlsec1 compute both references
 * and the SignatureValue. `certDigestPem` lets a test put a different certificate's digest there.
 */
export function signWithXmlsec1(xml: string, certPem: string, keyPem: string, opts: {certDigestPem?: string; referenceUri?: string; signingTime?: boolean; issuerName?: string} = {}): string {
  const bin = requireXmlsec1();
  const dir = mkdtempSync(join(tmpdir(), 'xmlsec-'));
  try {
    const isEc = createPrivateKey(keyPem).asymmetricKeyType === 'ec';
    const cert = new x509.X509Certificate(certPem);
    const digestCert = new x509.X509Certificate(opts.certDigestPem ?? certPem);
    const certDigest = createHash('sha256').update(Buffer.from(digestCert.rawData)).digest('base64');
    const serialDec = BigInt('0x' + digestCert.serialNumber).toString(10);
    const sigAlg = isEc ? 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256' : 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
    const refUri = opts.referenceUri ?? '';
    const firstRefTransforms = refUri === '' ? '<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/><ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>' : '';
    const signature =
      `<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Id="Signature"><ds:SignedInfo>` +
      `<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><ds:SignatureMethod Algorithm="${sigAlg}"/>` +
      `<ds:Reference URI="${refUri}">${firstRefTransforms ? `<ds:Transforms>${firstRefTransforms}</ds:Transforms>` : ''}<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue></ds:DigestValue></ds:Reference>` +
      `<ds:Reference URI="#SignedProperties" Type="http://uri.etsi.org/01903#SignedProperties"><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue></ds:DigestValue></ds:Reference>` +
      `</ds:SignedInfo><ds:SignatureValue></ds:SignatureValue><ds:KeyInfo><ds:X509Data></ds:X509Data></ds:KeyInfo>` +
      `<ds:Object><xades:QualifyingProperties xmlns:xades="http://uri.etsi.org/01903/v1.3.2#" Target="#Signature"><xades:SignedProperties Id="SignedProperties"><xades:SignedSignatureProperties>` +
      (opts.signingTime === false ? '' : `<xades:SigningTime>${new Date(Date.now() - 60_000).toISOString()}</xades:SigningTime>`) +
      `<xades:SigningCertificate><xades:Cert><xades:CertDigest><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>${certDigest}</ds:DigestValue></xades:CertDigest>` +
      `<xades:IssuerSerial><ds:X509IssuerName>${(opts.issuerName ?? cert.issuer).replace(/&/g, '&amp;').replace(/</g, '&lt;')}</ds:X509IssuerName><ds:X509SerialNumber>${serialDec}</ds:X509SerialNumber></xades:IssuerSerial></xades:Cert></xades:SigningCertificate>` +
      `</xades:SignedSignatureProperties></xades:SignedProperties></xades:QualifyingProperties></ds:Object></ds:Signature>`;
    const template = xml.replace('</AuthTokenRequest>', `${signature}</AuthTokenRequest>`);
    writeFileSync(join(dir, 'template.xml'), template);
    writeFileSync(join(dir, 'key.pem'), keyPem, {mode: 0o600});
    writeFileSync(join(dir, 'cert.pem'), certPem);
    if (refUri && !refUri.startsWith('#')) writeFileSync(join(dir, refUri), xml);
    execFileSync(
      bin,
      ['--sign', '--privkey-pem', `${join(dir, 'key.pem')},${join(dir, 'cert.pem')}`, '--id-attr:Id', 'http://uri.etsi.org/01903/v1.3.2#:SignedProperties', '--output', join(dir, 'signed.xml'), join(dir, 'template.xml')],
      {cwd: dir, stdio: ['ignore', 'pipe', 'pipe']},
    );
    return readFileSync(join(dir, 'signed.xml'), 'utf8');
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}


/** Re-encodes an ECDSA SignatureValue (R||S) as an ASN.1 DER SEQUENCE, the encoding KSeF must refuse. */
export function ecdsaValueToDer(signedXml: string): string {
  return signedXml.replace(/<ds:SignatureValue>([^<]+)<\/ds:SignatureValue>/, (_m, b64: string) => {
    const raw = Buffer.from(b64.replace(/\s+/g, ''), 'base64');
    return `<ds:SignatureValue>${p1363ToDer(raw).toString('base64')}</ds:SignatureValue>`;
  });
}
