// Certificate API against the simulator: openssl-made CSRs, issued certificates checked by `openssl verify`,
// DN mismatch, limits, retrieve/revoke/query, Offline certificates and the KOD II verification page.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import {execFileSync} from 'node:child_process';
import {createPrivateKey, sign as cryptoSign} from 'node:crypto';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {enrollAndWait as enrollAt, exceptionCode, freshNip as freshNipFrom, login as loginAt, opensslCsr as csrFor, type EnrollmentData, type Env} from '../helpers/sim-session.js';
import {bearerInit, jsonInit, startTestSim, type TestSim} from '../helpers/simulator.js';
import {parseCertificate} from '../../src/ksef/index.js';

let t: TestSim;
let work: string;
beforeAll(async () => {
  t = await startTestSim();
  work = mkdtempSync(join(tmpdir(), 'ksef-enroll-'));
});
afterAll(async () => {
  expect(t.violations).toEqual([]);
  await t.close();
  rmSync(work, {recursive: true, force: true});
});

const code = exceptionCode;
const freshNip = (): string => freshNipFrom(526000000);
const login = (env: Env, certPem: string, keyPem: string, nip: string) => loginAt(t, env, certPem, keyPem, nip);
const opensslCsr = (d: EnrollmentData, keyType: 'ec' | 'rsa', tweak?: (subj: string) => string) => csrFor(d, keyType, tweak);
const enrollAndWait = (env: Env, access: string, d: EnrollmentData, type: 'Authentication' | 'Offline', keyType: 'ec' | 'rsa' = 'ec') => enrollAt(t, env, access, d, type, keyType);

describe('certificate enrollment', () => {
  it('issues a certificate for an openssl CSR with the enrollment DN; openssl verify accepts it', async () => {
    const nip = freshNip();
    const id = await t.sim.issueTestIdentity({kind: 'person', nip, givenNames: ['Zażółć', 'Gęślą'], surname: 'Jaźń-Łódzka'});
    const {access} = await login('TEST', id.certPem, id.keyPem, nip);
    const data = (await t.api('TEST', '/certificates/enrollments/data', bearerInit('GET', access))).body as EnrollmentData;
    expect(data).toMatchObject({givenName: 'Zażółć Gęślą', surname: 'Jaźń-Łódzka', serialNumber: `TINPL-${nip}`, countryName: 'PL'});
    for (const keyType of ['ec', 'rsa'] as const) {
      const {serial, certPem} = await enrollAndWait('TEST', access, data, 'Authentication', keyType);
      expect(serial).toMatch(/^[0-9A-F]{16}$/);
      writeFileSync(join(work, 'ca.pem'), t.sim.caCertificatePem('TEST'));
      writeFileSync(join(work, 'leaf.pem'), certPem);
      expect(execFileSync('openssl', ['verify', '-CAfile', join(work, 'ca.pem'), join(work, 'leaf.pem')]).toString()).toContain('OK');
      const text = execFileSync('openssl', ['x509', '-in', join(work, 'leaf.pem'), '-noout', '-text', '-nameopt', 'utf8,sep_comma_plus']).toString();
      expect(text).toContain('Issuer: C=PL,O=Ministerstwo Finansów (symulator),OU=Krajowa Administracja Skarbowa,CN=TEST CCK KSeF');
      // The real KSeF profile (TEST certificate 01F20A5D352AE590): subject in reverse CSR order (C first, CN last),
      // CA on P-384 signing with SHA-512, serial starting 01–03, CRL distribution point, QcType eseal.
      expect(text).toContain(`Subject: serialNumber=TINPL-${nip},C=PL,GN=Gęślą,GN=Zażółć,SN=Jaźń-Łódzka,CN=${data.commonName}\n`);
      expect(text).toContain('Signature Algorithm: ecdsa-with-SHA512');
      expect(serial).toMatch(/^0[1-3]/);
      expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:FALSE\n/);
      expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature\n/);
      expect(text).toMatch(/X509v3 CRL Distribution Points:\s+Full Name:\s+URI:http:\/\/crl\.ksef-symulator\.invalid\/pki\/crl\/test\.crl/);
      expect(text).toContain('qcStatements');
      const ext = execFileSync('openssl', ['asn1parse', '-in', join(work, 'leaf.pem')]).toString();
      const qc = /(\d+):d=5\s+hl=2 l=\s*\d+ prim: OBJECT\s+:qcStatements\n\s*(\d+):d=5\s+hl=2 l=\s*\d+ prim: OCTET STRING/.exec(ext);
      const inner = execFileSync('openssl', ['asn1parse', '-in', join(work, 'leaf.pem'), '-strparse', qc![2]]).toString();
      expect(inner).toMatch(/OBJECT\s+:0\.4\.0\.1862\.1\.6\n[\s\S]*OBJECT\s+:0\.4\.0\.1862\.1\.6\.2\n/);
      const caText = execFileSync('openssl', ['x509', '-in', join(work, 'ca.pem'), '-noout', '-text']).toString();
      expect(caText).toMatch(/ASN1 OID: secp384r1/);
      // The import still recognises it: type from keyUsage, environment from the issuer, NIP from the subject.
      expect(parseCertificate(certPem)).toMatchObject({typeGuess: 'A', envGuess: 'T', subjectIdentifier: {type: 'Nip', value: nip}, serial});
      const cert = new x509.X509Certificate(certPem);
      expect(cert.serialNumber.toUpperCase()).toBe(serial);
      const years = new Date(cert.notBefore);
      years.setUTCFullYear(years.getUTCFullYear() + 2);
      expect(cert.notAfter.getTime()).toBe(years.getTime());
    }
  });

  it('rejects a CSR whose DN differs from the enrollment data (25003) and a bad CSR (25004)', async () => {
    const nip = freshNip();
    const id = await t.sim.issueTestIdentity({kind: 'seal', nip, organizationName: 'Spółka Żółta sp. z o.o.'});
    const {access} = await login('TEST', id.certPem, id.keyPem, nip);
    const data = (await t.api('TEST', '/certificates/enrollments/data', bearerInit('GET', access))).body as EnrollmentData;
    expect(data).toMatchObject({organizationIdentifier: `VATPL-${nip}`, organizationName: 'Spółka Żółta sp. z o.o.', givenName: null});
    const {csr} = opensslCsr(data, 'ec', (s) => s.replace('/O=Spółka', '/O=Spolka'));
    const r = await t.api('TEST', '/certificates/enrollments', jsonInit('POST', {certificateName: 'Zmieniony DN', certificateType: 'Authentication', csr}, access));
    expect(r.status).toBe(400);
    expect(code(r.body)).toBe(25003);
    const bad = await t.api('TEST', '/certificates/enrollments', jsonInit('POST', {certificateName: 'Zly CSR', certificateType: 'Authentication', csr: Buffer.from('nie CSR').toString('base64')}, access));
    expect(code(bad.body)).toBe(25004);
  });

  it('enforces the PESEL limits (25006 after 12 requests, 25007 at 6 active)', async () => {
    const nip = freshNip();
    const pesel = '44051401359';
    const person = await t.sim.issueTestIdentity({kind: 'person', nip, pesel});
    const {access} = await login('TEST', person.certPem, person.keyPem, nip);
    expect(access).not.toBe('');
    const data = (await t.api('TEST', '/certificates/enrollments/data', bearerInit('GET', access))).body as EnrollmentData;
    expect(data.serialNumber).toBe(`PNOPL-${pesel}`);
    const serials: string[] = [];
    for (let i = 0; i < 6; i++) serials.push((await enrollAndWait('TEST', access, data, 'Authentication')).serial);
    const {csr} = opensslCsr(data, 'ec');
    const over = await t.api('TEST', '/certificates/enrollments', jsonInit('POST', {certificateName: 'Siodmy certyfikat', certificateType: 'Offline', csr}, access));
    expect(code(over.body)).toBe(25007);
    const limits = await t.api('TEST', '/certificates/limits', bearerInit('GET', access));
    expect(limits.body).toEqual({canRequest: false, enrollment: {remaining: 6, limit: 12}, certificate: {remaining: 0, limit: 6}});
    // Revoking frees certificate slots but not enrollment requests.
    for (const s of serials) expect((await t.api('TEST', `/certificates/${s}/revoke`, jsonInit('POST', {revocationReason: 'Superseded'}, access))).status).toBe(204);
    for (let i = 0; i < 6; i++) await enrollAndWait('TEST', access, data, 'Offline');
    const thirteenth = await t.api('TEST', '/certificates/enrollments', jsonInit('POST', {certificateName: 'Trzynasty wniosek', certificateType: 'Offline', csr}, access));
    expect(code(thirteenth.body)).toBe(25006);
  });

  it('revokes, filters and pages /certificates/query', async () => {
    const nip = freshNip();
    const id = await t.sim.issueTestIdentity({kind: 'seal', nip});
    const {access} = await login('TEST', id.certPem, id.keyPem, nip);
    const data = (await t.api('TEST', '/certificates/enrollments/data', bearerInit('GET', access))).body as EnrollmentData;
    const serials: string[] = [];
    for (let i = 0; i < 12; i++) serials.push((await enrollAndWait('TEST', access, data, i % 3 === 0 ? 'Offline' : 'Authentication')).serial);
    const rev = await t.api('TEST', `/certificates/${serials[1]}/revoke`, jsonInit('POST', {revocationReason: 'KeyCompromise'}, access));
    expect(rev.status).toBe(204);
    const again = await t.api('TEST', `/certificates/${serials[1]}/revoke`, jsonInit('POST', {}, access));
    expect(code(again.body)).toBe(25009);
    expect(code((await t.api('TEST', '/certificates/0123456789ABCDEF/revoke', jsonInit('POST', {}, access))).body)).toBe(25008);
    const p0 = await t.api('TEST', '/certificates/query?pageSize=10&pageOffset=0', jsonInit('POST', {}, access));
    const p1 = await t.api('TEST', '/certificates/query?pageSize=10&pageOffset=1', jsonInit('POST', {}, access));
    const b0 = p0.body as {certificates: Array<{certificateSerialNumber: string; status: string}>; hasMore: boolean};
    const b1 = p1.body as typeof b0;
    expect([b0.certificates.length, b0.hasMore, b1.certificates.length, b1.hasMore]).toEqual([10, true, 2, false]);
    expect(new Set([...b0.certificates, ...b1.certificates].map((c) => c.certificateSerialNumber))).toEqual(new Set(serials));
    const revoked = await t.api('TEST', '/certificates/query', jsonInit('POST', {status: 'Revoked'}, access));
    expect((revoked.body as typeof b0).certificates.map((c) => c.certificateSerialNumber)).toEqual([serials[1]]);
    const offline = await t.api('TEST', '/certificates/query', jsonInit('POST', {type: 'Offline'}, access));
    expect((offline.body as typeof b0).certificates).toHaveLength(4);
    const badPage = await t.api('TEST', '/certificates/query?pageSize=5', jsonInit('POST', {}, access));
    expect(code(badPage.body)).toBe(21405);
    const tooMany = await t.api('TEST', '/certificates/retrieve', jsonInit('POST', {certificateSerialNumbers: [...serials, ...serials]}, access), {invalidRequest: true});
    expect(tooMany.status).toBe(400);
  });

  it('lets an Authentication KSeF certificate log in, not an Offline one; verifies KOD II links', async () => {
    const nip = freshNip();
    const id = await t.sim.issueTestIdentity({kind: 'seal', nip});
    const {access} = await login('DEMO', id.certPem, id.keyPem, nip);
    const data = (await t.api('DEMO', '/certificates/enrollments/data', bearerInit('GET', access))).body as EnrollmentData;
    const auth = await enrollAndWait('DEMO', access, data, 'Authentication');
    const off = await enrollAndWait('DEMO', access, data, 'Offline', 'rsa');
    const viaKsef = await login('DEMO', auth.certPem, auth.keyPem, nip);
    expect(viaKsef.status).toBe(200);
    // Enrollment data stays the original subject's when signing in with the KSeF certificate.
    const again = (await t.api('DEMO', '/certificates/enrollments/data', bearerInit('GET', viaKsef.access))).body as EnrollmentData;
    expect(again).toEqual(data);
    expect((await login('DEMO', off.certPem, off.keyPem, nip)).status).toBe(21115);
    // A DEMO certificate is not valid on TEST: accepted for processing, then 460 (as real KSeF does).
    expect(await login('TEST', auth.certPem, auth.keyPem, nip)).toMatchObject({status: 460, details: ['Niezaufany łańcuch certyfikatów']});

    const hash = Buffer.alloc(32, 7).toString('base64url');
    const path = `certificate/Nip/${nip}/${nip}/${off.serial}/${hash}`;
    const sig = cryptoSign('sha256', Buffer.from(`qr-demo.ksef.mf.gov.pl/${path}`), {key: createPrivateKey(off.keyPem), padding: 6, saltLength: 32}).toString('base64url');
    const ok = (await (await fetch(`${t.sim.origin}/demo/${path}/${sig}`)).json()) as {valid: boolean; checks: Record<string, boolean>};
    expect(ok.valid).toBe(true);
    const wrongHost = cryptoSign('sha256', Buffer.from(`qr-test.ksef.mf.gov.pl/${path}`), {key: createPrivateKey(off.keyPem), padding: 6, saltLength: 32}).toString('base64url');
    const bad = (await (await fetch(`${t.sim.origin}/demo/${path}/${wrongHost}`)).json()) as {valid: boolean; checks: Record<string, boolean>; message: string};
    expect(bad).toMatchObject({valid: false, checks: {signatureValid: false, offlineType: true}});
    const authPath = `certificate/Nip/${nip}/${nip}/${auth.serial}/${hash}`;
    const ecSig = cryptoSign('sha256', Buffer.from(`qr-demo.ksef.mf.gov.pl/${authPath}`), {key: createPrivateKey(auth.keyPem), dsaEncoding: 'ieee-p1363'}).toString('base64url');
    const notOffline = (await (await fetch(`${t.sim.origin}/demo/${authPath}/${ecSig}`)).json()) as {valid: boolean; checks: Record<string, boolean>};
    expect(notOffline).toMatchObject({valid: false, checks: {offlineType: false, signatureValid: true}});
    await t.api('DEMO', `/certificates/${off.serial}/revoke`, jsonInit('POST', {}, access));
    const revoked = (await (await fetch(`${t.sim.origin}/demo/${path}/${sig}`)).json()) as {valid: boolean; checks: Record<string, boolean>};
    expect(revoked).toMatchObject({valid: false, checks: {active: false, signatureValid: true}});
  });
});
