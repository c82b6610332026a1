// The rights-matrix world: the demo store next to the in-process simulator, both operators with a PESEL entered by
// the admin, and real certificates issued by the simulator — the company's (company seal), one planted under
// JKOWALSKI that carries the company seal (what the defect of issue 10 produced), and each operator's own personal
// one (their person, PESEL). Sessions are opened with our own XAdES signer from the simulator's test identities.
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import type {CertificateRecord, Operator, Owner} from '../../src/domain/index.js';
import {buildAuthTokenRequest} from '../../src/ksef/auth-xml.js';
import {authenticateWithSignedXml, type KsefSession} from '../../src/ksef/client/index.js';
import {readPrivateKey} from '../../src/ksef/keys.js';
import {signAuthTokenRequest} from '../../src/ksef/xades.js';
import {enrollCertificate, type GenerateDeps, type GenerateRequest} from '../../src/flows/generate.js';
import {DEMO_COMPANY} from '../../src/store/index.js';
import {makeCertWorld, type CertWorld} from './revoke-world.js';

export const PASSWORD = 'Macierz#Praw2026';
export const PESEL_JK = '44051401359';
export const PESEL_ADMIN = '02070803628';
/** A person with rights in the company whom no operator record names. */
export const PESEL_NOBODY = '85020212343';

export type Identity = {certPem: string; keyPem: string};

export interface RightsWorld extends CertWorld {
  seal: Identity;
  jkPerson: Identity;
  adminPerson: Identity;
  nobody: Identity;
  companyA: CertificateRecord;
  plantedSeal: CertificateRecord;
  jkA: CertificateRecord;
  adminA: CertificateRecord;
  pwFile: string;
  sessionBy(id: Identity): Promise<KsefSession>;
  genDeps(op: Operator): GenerateDeps;
  request(owner: Owner, o?: Partial<GenerateRequest>): GenerateRequest;
  /** Current copy of a record. */
  fresh(rec: CertificateRecord): Promise<CertificateRecord>;
}

export async function makeRightsWorld(): Promise<RightsWorld> {
  const w = await makeCertWorld();
  for (const [code, pesel] of [['JKOWALSKI', PESEL_JK], ['ADMIN', PESEL_ADMIN]] as const) {
    const op = (await w.store.listOperators()).find((o) => o.code === code)!;
    await w.store.upsertOperator({code, name: op.name, role: op.role, branch: op.branch, pesel}, 'ADMIN');
  }
  const ops = await w.store.listOperators();
  w.admin = ops.find((o) => o.code === 'ADMIN')!;
  w.operator = ops.find((o) => o.code === 'JKOWALSKI')!;
  const person = (pesel: string, givenNames: string[], surname: string) =>
    w.sim.issueTestIdentity({env: 'DEMO', kind: 'person', nip: DEMO_COMPANY.nip, pesel, givenNames, surname});
  const seal = await w.sim.issueTestIdentity({env: 'DEMO', kind: 'seal', nip: DEMO_COMPANY.nip, organizationName: DEMO_COMPANY.name});
  const jkPerson = await person(PESEL_JK, ['Jan'], 'Kowalski');
  const adminPerson = await person(PESEL_ADMIN, ['Anna'], 'Admińska');
  const nobody = await person(PESEL_NOBODY, ['Ewa'], 'Obca');

  async function sessionBy(id: Identity): Promise<KsefSession> {
    const client = await w.gateway.client('D');
    const {challenge} = await client.challenge();
    const xml = buildAuthTokenRequest({challenge, context: {type: 'Nip', value: DEMO_COMPANY.nip}, subjectIdentifierType: 'certificateSubject'});
    const signed = await signAuthTokenRequest(xml, {certPem: id.certPem, key: readPrivateKey(Buffer.from(id.keyPem))});
    return authenticateWithSignedXml(client, signed, {pollIntervalMs: 5});
  }
  const genDeps = (op: Operator): GenerateDeps => ({store: w.store, gateway: w.gateway, operator: op, workstation: 'ws-rights', keyIterations: 1000});
  const request = (owner: Owner, o: Partial<GenerateRequest> = {}): GenerateRequest => ({
    owner, env: 'D', name: `Macierz ${Math.random().toString(36).slice(2, 8)}`, type: 'A', mode: 'B', keyPassword: PASSWORD, ...o,
  });
  const personal = async (op: Operator, id: Identity, name: string) =>
    (await enrollCertificate(genDeps(op), await sessionBy(id), request({kind: 'operator', code: op.code}, {name}), {pollIntervalMs: 5})).record;

  const pwFile = path.join(w.root, 'haslo-macierz.txt');
  fs.writeFileSync(pwFile, `${PASSWORD}\n`, {mode: 0o600});
  return {
    ...w, seal, jkPerson, adminPerson, nobody, pwFile, sessionBy, genDeps, request,
    companyA: await w.enroll({type: 'A', owner: {kind: 'company'}, name: 'Firma A'}),
    plantedSeal: await w.enroll({type: 'A', owner: {kind: 'operator', code: 'JKOWALSKI'}, name: 'Podrzucony A'}),
    // Each operator generates their own personal certificate, signing with their own signature.
    jkA: await personal(w.operator, jkPerson, 'Kowalski A'),
    adminA: await personal(w.admin, adminPerson, 'Admin A'),
    fresh: async (rec) => (await w.store.getCertificate(rec.id))!,
  };
}
