// Enrollment round trip against the in-process simulator (delays 0, rate limits off): challenge → XAdES login →
// enrollment data → key + CSR → enroll → poll → retrieve → key sealed and record stored. Baseline: the same crypto
// primitives timed alone on both sides (client: key pair, CSR, XAdES signature, sealing the key; simulator: XAdES/XSD
// verification of the AuthTokenRequest and issuing the certificate), summed. The ratio is the price of HTTP, JSON,
// polling and the store write.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import {createPrivateKey, randomUUID} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {buildAuthTokenRequest} from '../src/ksef/auth-xml.js';
import {authenticateWithSignedXml, KsefClient, waitForEnrollment} from '../src/ksef/client/index.js';
import {createCsr, generateKeyPair, type EnrollmentData} from '../src/ksef/csr.js';
import {parseCertificate} from '../src/ksef/cert-info.js';
import {signAuthTokenRequest} from '../src/ksef/xades.js';
import {startSimulator} from '../src/simulator/index.js';
import {createIssuingCa, enrollmentName, issueCertificate, newSerialHex} from '../src/simulator/pki.js';
import {verifyAuthTokenRequest} from '../src/simulator/xades-verify.js';
import {createDemoStore, openStore, type Store} from '../src/store/index.js';
import {median, nowMs, row, tempDir, timed, type BenchResult} from './lib.js';

const NIP = '1111111111'; // the demo company

export async function benchEnroll(runs = 7): Promise<BenchResult[]> {
  const root = tempDir('enroll');
  const sim = await startSimulator({dataDir: path.join(root, 'sim'), enrollmentDelayMs: 0, authDelayMs: 0, rateLimits: false, quiet: true});
  const client = new KsefClient({baseUrl: sim.apiBase('TEST')});
  try {
    await createDemoStore(path.join(root, 'data'));
    const store = await openStore(path.join(root, 'data'));
    const id = await sim.issueTestIdentity({kind: 'seal', nip: NIP, organizationName: 'Demo Sp. z o.o.'});
    const signer = {certPem: id.certPem, key: createPrivateKey(id.keyPem)};

    const roundTrip = async (i: number): Promise<EnrollmentData> => {
      const {challenge} = await client.challenge();
      const xml = buildAuthTokenRequest({challenge, context: {type: 'Nip', value: NIP}, subjectIdentifierType: 'certificateSubject'});
      const session = await authenticateWithSignedXml(client, await signAuthTokenRequest(xml, signer), {pollIntervalMs: 1});
      const token = await session.getAccessToken();
      const data = await client.enrollmentData(token);
      const keys = generateKeyPair('EC-P256');
      const {csrBase64} = await createCsr(data, keys);
      const {referenceNumber} = await client.enroll(token, {certificateName: `Bench ${i}`, certificateType: 'Authentication', csr: csrBase64});
      const done = await waitForEnrollment(client, token, referenceNumber, {pollIntervalMs: 1});
      const {certificates} = await client.retrieveCertificates(token, [done.certificateSerialNumber]);
      const certPem = new x509.X509Certificate(Buffer.from(certificates[0].certificate, 'base64')).toString('pem');
      await storeIssued(store, certPem, await store.sealKey(keys.privateKey), i);
      return data as EnrollmentData;
    };

    const data = await roundTrip(-1); // warm-up (JIT, connection, xmllint-wasm)
    const ca = await createIssuingCa('TEST', new Date());
    /** The same primitives alone, in the order the round trip runs them. */
    const primitives = async (): Promise<number> => {
      const {challenge} = await client.challenge(); // not timed: only to get a well-formed challenge
      const t0 = nowMs();
      const xml = buildAuthTokenRequest({challenge, context: {type: 'Nip', value: NIP}, subjectIdentifierType: 'certificateSubject'});
      const signed = await signAuthTokenRequest(xml, signer);
      await verifyAuthTokenRequest(Buffer.from(signed), {enforceCompliance: false, rejectSha1: false});
      const keys = generateKeyPair('EC-P256');
      const {csrDer} = await createCsr(data, keys);
      const csr = new x509.Pkcs10CertificateRequest(new Uint8Array(csrDer));
      if (!(await csr.verify())) throw new Error('CSR does not verify');
      const cert = await issueCertificate({
        ca, subject: enrollmentName(simEnrollmentData(data), ' (uwierzytelnienie)'), publicKey: csr.publicKey, serialHex: newSerialHex(),
        notBefore: new Date(), notAfter: new Date(Date.now() + 730 * 86_400_000), keyUsage: x509.KeyUsageFlags.digitalSignature,
      });
      parseCertificate(cert.toString('pem'));
      await store.sealKey(keys.privateKey);
      return nowMs() - t0;
    };
    await primitives();
    // Interleaved so machine noise hits both series alike.
    const trips: number[] = [];
    const prims: number[] = [];
    for (let i = 0; i < runs; i++) {
      trips.push((await timed(() => roundTrip(i))).ms);
      prims.push(await primitives());
    }
    const trip = median(trips);
    const base = median(prims);
    return [
      row({
        name: 'enroll-round-trip',
        value: trip,
        unit: 'ms (median)',
        baseline: base,
        baselineLabel: 'sum of keygen + CSR + XAdES sign/verify + issue + seal, alone',
        target: '≤ 1.5×',
        pass: trip / base <= 1.5,
        note: `${runs} round trips over loopback HTTP, simulator delays 0; trips ${trips.map((x) => x.toFixed(0)).join('/')} ms`,
      }),
    ];
  } finally {
    await client.close();
    await sim.close();
    fs.rmSync(root, {recursive: true, force: true});
  }
}

async function storeIssued(store: Store, certPem: string, keyPem: string, i: number): Promise<void> {
  const info = parseCertificate(certPem);
  await store.addCertificate({
    id: randomUUID(), owner: {kind: 'company'}, name: `Bench ${i}`, type: 'A', env: 'T', mode: 'B', state: 'issued',
    serial: info.serial, certPem, keyPem, keyAlgorithm: 'EC-P256', validFrom: info.notBefore.toISOString(), validTo: info.notAfter.toISOString(),
    source: 'generated', createdAt: new Date().toISOString(), createdBy: 'ADMIN',
  });
}

/** The simulator's internal shape of the enrollment data (what its issuing code takes). */
function simEnrollmentData(d: EnrollmentData): Parameters<typeof enrollmentName>[0] {
  const g = (d as {givenName?: string | string[] | null}).givenName;
  const o = d as unknown as Record<string, string | null | undefined>;
  return {
    commonName: o.commonName ?? '', countryName: o.countryName ?? 'PL', givenNames: Array.isArray(g) ? g : g ? [g] : [],
    surname: o.surname ?? null, serialNumber: o.serialNumber ?? null, uniqueIdentifier: o.uniqueIdentifier ?? null,
    organizationName: o.organizationName ?? null, organizationIdentifier: o.organizationIdentifier ?? null,
  };
}
