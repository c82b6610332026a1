// A real store (demo company NIP 1111111111, ADMIN + JKOWALSKI) next to the in-process KSeF simulator, with
// certificates really issued by it: test seal → our XAdES login → CSR enrollment → retrieve → record with sealed key.
// Used by the export/revoke/refresh flow tests, the CLI tests and the list screen tests.
import 'reflect-metadata';
import {randomUUID} from 'node:crypto';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {CertTypeCode, CertificateRecord, Operator, Owner} from '../../src/domain/index.js';
import {KSEF_CERT_TYPE} from '../../src/domain/index.js';
import {buildAuthTokenRequest} from '../../src/ksef/auth-xml.js';
import {parseCertificate} from '../../src/ksef/cert-info.js';
import {authenticateWithSignedXml, KsefClient, waitForEnrollment} from '../../src/ksef/client/index.js';
import {createCsr, generateKeyPair} from '../../src/ksef/csr.js';
import {readPrivateKey} from '../../src/ksef/keys.js';
import {signAuthTokenRequest} from '../../src/ksef/xades.js';
import {KsefGateway} from '../../src/flows/gateway.js';
import {startSimulator, type SimulatorHandle} from '../../src/simulator/index.js';
import {createDemoStore, DEMO_COMPANY, DEMO_CREDENTIALS, openStore} from '../../src/store/index.js';
import type {Store} from '../../src/store/types.js';

export interface CertWorld {
  root: string;
  dataDir: string;
  store: Store;
  sim: SimulatorHandle;
  gateway: KsefGateway;
  admin: Operator;
  operator: Operator;
  /** Issues a real certificate in the simulator's DEMO environment and stores it (owner defaults to JKOWALSKI). */
  enroll(o: {type: CertTypeCode; owner?: Owner; name?: string}): Promise<CertificateRecord>;
  /** Stores a record without KSeF (synthetic dates; certPem of a real earlier certificate when given). */
  addRecord(r: Partial<CertificateRecord> & Pick<CertificateRecord, 'name' | 'type'>): Promise<CertificateRecord>;
  /** Issues `n` more certificates in KSeF only (not stored): makes `/certificates/query` span several pages. */
  enrollMany(n: number): Promise<void>;
  /** Revokes a certificate in KSeF only, behind the program's back (as the Taxpayer App or MCU would). */
  revokeInKsef(serial: string): Promise<void>;
  cleanup(): Promise<void>;
}

export async function makeCertWorld(): Promise<CertWorld> {
  const root = await mkdtemp(path.join(tmpdir(), 'ksef-certs-world-'));
  const dataDir = path.join(root, 'data');
  await createDemoStore(dataDir);
  const store = await openStore(dataDir);
  const sim = await startSimulator({dataDir: path.join(root, 'sim'), quiet: true, testEndpoints: true, enrollmentDelayMs: 0, authDelayMs: 0, revocationDelayMs: 0, rateLimits: false});
  const gateway = new KsefGateway({target: 'simulator', startSimulator: async () => ({apiBase: (env) => sim.apiBase(env), close: async () => undefined})});
  const ops = await store.listOperators();
  const admin = ops.find((o) => o.code === DEMO_CREDENTIALS.admin.code)!;
  const operator = ops.find((o) => o.code === DEMO_CREDENTIALS.operator.code)!;
  const client = new KsefClient({baseUrl: sim.apiBase('DEMO'), retryBaseMs: 10});
  const seal = await sim.issueTestIdentity({env: 'DEMO', kind: 'seal', nip: DEMO_COMPANY.nip, organizationName: DEMO_COMPANY.name});

  async function sealSession() {
    const {challenge} = await client.challenge();
    const xml = buildAuthTokenRequest({challenge, context: {type: 'Nip', value: DEMO_COMPANY.nip}, subjectIdentifierType: 'certificateSubject'});
    const signed = await signAuthTokenRequest(xml, {certPem: seal.certPem, key: readPrivateKey(Buffer.from(seal.keyPem))});
    return authenticateWithSignedXml(client, signed, {pollIntervalMs: 5});
  }

  return {
    root, dataDir, store, sim, gateway, admin, operator,
    async enroll(o) {
      const session = await sealSession();
      const token = await session.getAccessToken();
      const data = await client.enrollmentData(token);
      const keys = generateKeyPair('EC-P256');
      const {csrBase64} = await createCsr(data, keys);
      const name = o.name ?? `Certyfikat ${o.type} ${randomUUID().slice(0, 6)}`;
      const {referenceNumber} = await client.enroll(token, {certificateName: name, certificateType: KSEF_CERT_TYPE[o.type], csr: csrBase64});
      const done = await waitForEnrollment(client, token, referenceNumber, {pollIntervalMs: 5});
      const {certificates} = await client.retrieveCertificates(token, [done.certificateSerialNumber]);
      await session.logout();
      const info = parseCertificate(Buffer.from(certificates[0].certificate, 'base64'));
      const rec: CertificateRecord = {
        id: randomUUID(), owner: o.owner ?? {kind: 'operator', code: operator.code}, name, type: o.type, env: 'D', mode: 'B', state: 'issued',
        serial: info.serial, certPem: info.pem, keyPem: await store.sealKey(keys.privateKey), keyAlgorithm: info.keyAlgorithm,
        subject: info.subject, issuer: info.issuer, subjectIdentifier: info.subjectIdentifier,
        validFrom: info.notBefore.toISOString(), validTo: info.notAfter.toISOString(), fingerprintSha256: info.fingerprintSha256,
        source: 'generated', createdAt: new Date().toISOString(), createdBy: 'ADMIN',
      };
      await store.addCertificate(rec);
      return rec;
    },
    async enrollMany(n) {
      const session = await sealSession();
      const token = await session.getAccessToken();
      const data = await client.enrollmentData(token);
      for (let i = 0; i < n; i++) {
        const {csrBase64} = await createCsr(data, generateKeyPair('EC-P256'));
        const {referenceNumber} = await client.enroll(token, {certificateName: `Masowy ${i}`, certificateType: 'Offline', csr: csrBase64});
        await waitForEnrollment(client, token, referenceNumber, {pollIntervalMs: 5});
      }
      await session.logout();
    },
    async revokeInKsef(serial) {
      const session = await sealSession();
      await client.revokeCertificate(await session.getAccessToken(), serial, 'KeyCompromise');
      await session.logout();
    },
    async addRecord(r) {
      const rec: CertificateRecord = {
        id: randomUUID(), owner: {kind: 'company'}, env: 'D', mode: 'B', state: 'issued', keyPem: '', keyAlgorithm: 'EC-P256',
        source: 'imported', createdAt: new Date().toISOString(), createdBy: 'ADMIN', ...r,
      };
      await store.addCertificate(rec);
      return rec;
    },
    async cleanup() {
      await client.close();
      await gateway.close();
      await sim.close();
      await rm(root, {recursive: true, force: true});
    },
  };
}
