// The enrollment path holds a named lock (a row lock on PostgreSQL) from the limits check until the request is stored:
// a second server enrolling for the same owner, type and environment waits, and sends nothing to KSeF meanwhile.
import 'reflect-metadata';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {buildAuthTokenRequest} from '../../src/ksef/auth-xml.js';
import {authenticateWithSignedXml, KsefClient, type KsefSession} from '../../src/ksef/client/index.js';
import {readPrivateKey} from '../../src/ksef/keys.js';
import {signAuthTokenRequest} from '../../src/ksef/xades.js';
import {enrollCertificate, type GenerateDeps} from '../../src/flows/generate.js';
import {createDemoStore, DEMO_COMPANY, openStore, type Store} from '../../src/store/index.js';
import {freshDatabase, pgUnavailable, stopOwnCluster} from '../helpers/pg.js';
import {makeCertWorld, type CertWorld} from '../helpers/revoke-world.js';

let w: CertWorld;
let seal: {certPem: string; keyPem: string};
const skip = pgUnavailable();
if (skip) console.warn(`\n!!! ${skip}\n`);
const opened: Store[] = [];

beforeAll(async () => {
  w = await makeCertWorld();
  seal = await w.sim.issueTestIdentity({env: 'DEMO', kind: 'seal', nip: DEMO_COMPANY.nip, organizationName: DEMO_COMPANY.name});
}, 60_000);
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close?.()));
  await stopOwnCluster();
  await w?.cleanup();
});

async function sealSession(): Promise<KsefSession> {
  const client = new KsefClient({baseUrl: w.sim.apiBase('DEMO'), retryBaseMs: 10});
  const {challenge} = await client.challenge();
  const xml = buildAuthTokenRequest({challenge, context: {type: 'Nip', value: DEMO_COMPANY.nip}, subjectIdentifierType: 'certificateSubject'});
  const signed = await signAuthTokenRequest(xml, {certPem: seal.certPem, key: readPrivateKey(Buffer.from(seal.keyPem))});
  return authenticateWithSignedXml(client, signed, {pollIntervalMs: 5});
}

/** Two handles on one store: "server A" holds the enrollment lock, "server B" enrolls for the same owner/type/env. */
async function secondServerWaits(serverA: Store, serverB: Store): Promise<void> {
  const order: string[] = [];
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let entered!: () => void;
  const inside = new Promise<void>((r) => (entered = r));
  const held = serverA.withLock('enroll:company/A/D', async () => {
    entered();
    await gate;
  });
  await inside;
  const deps: GenerateDeps = {store: serverB, gateway: w.gateway, operator: w.admin, workstation: 'serwer-b', keyIterations: 1000};
  const session = await sealSession();
  const b = enrollCertificate(deps, session, {owner: {kind: 'company'}, env: 'D', name: `Firma blokada ${Date.now()}`, type: 'A', mode: 'B', keyPassword: 'Kopia-klucza-2026!'}, {
    pollIntervalMs: 5,
    onStep: (e) => order.push(`${e.step}:${e.phase}`),
  });
  await new Promise((r) => setTimeout(r, 500));
  order.push('released');
  release();
  await held;
  const result = await b;
  expect(order[0]).toBe('released'); // B reached KSeF (limits) only after A let go
  expect(order).toContain('limits:start');
  expect(result.record.state).toBe('issued');
  expect((await serverA.getCertificate(result.record.id))?.serial).toBe(result.record.serial);
}

describe('enrollment lock', () => {
  it('folder store: a second process-like handle waits for the holder before asking KSeF', async () => {
    const other = await openStore(w.dataDir);
    await secondServerWaits(w.store, other);
  }, 60_000);

  it.skipIf(skip)('PostgreSQL: server B waits on the row lock held by server A, then enrolls', async () => {
    const url = await freshDatabase();
    const dataDir = path.join(w.root, `pg-${Date.now()}`);
    await createDemoStore(url, {dataDir});
    const a = await openStore(url, {dataDir});
    const b = await openStore(url, {dataDir});
    opened.push(a, b);
    await secondServerWaits(a, b);
  }, 60_000);
});
