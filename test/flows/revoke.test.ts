// F8 revoke and F5 refresh against the in-process KSeF simulator over loopback HTTP, with certificates it issued.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {CertificateRecord} from '../../src/domain/index.js';
import {FlowError} from '../../src/flows/errors.js';
import {refreshStatuses} from '../../src/flows/refresh.js';
import {openKsefSession, revokeCertificate, type KsefOpDeps} from '../../src/flows/revoke.js';
import {makeCertWorld, type CertWorld} from '../helpers/revoke-world.js';

let w: CertWorld;
let login: CertificateRecord;
let victim: CertificateRecord;
let companyA: CertificateRecord;

beforeAll(async () => {
  w = await makeCertWorld();
  login = await w.enroll({type: 'A', name: 'Logowanie operatora'});
  victim = await w.enroll({type: 'O', name: 'Offline do unieważnienia'});
  companyA = await w.enroll({type: 'A', owner: {kind: 'company'}, name: 'Firma A'});
});
afterAll(() => w?.cleanup());

const deps = (op = w.operator): KsefOpDeps => ({store: w.store, gateway: w.gateway, operator: op, workstation: 'ws-test'});
const fail = async (p: Promise<unknown>): Promise<FlowError> => {
  const e = await p.then(() => undefined, (err) => err);
  expect(e).toBeInstanceOf(FlowError);
  return e as FlowError;
};

describe('revokeCertificate', () => {
  it('an ordinary operator cannot revoke the company certificate; nothing changes', async () => {
    const e = await fail(revokeCertificate(deps(), companyA, 'Unspecified'));
    expect(e.code).toBe('forbidden');
    expect(e.message).toMatch(/nie może unieważnić certyfikatu „Firma A”/);
    expect((await w.store.getCertificate(companyA.id))!.state).toBe('issued');
  });

  it('revokes through KSeF after logging in with the owner’s type-A certificate; record, reason and audit updated', async () => {
    const updated = await revokeCertificate(deps(), victim, 'KeyCompromise');
    expect(updated.state).toBe('revoked');
    expect(updated.revocationReason).toBe('KeyCompromise');
    expect(updated.ksefStatus).toBe('Revoked');
    const audit = await w.store.listAudit();
    const ksefLogin = audit.filter((e) => e.action === 'ksefLogin' && e.certificateId === login.id);
    expect(ksefLogin.length).toBeGreaterThanOrEqual(1);
    const rev = audit.filter((e) => e.action === 'revoke' && e.certificateId === victim.id);
    expect(rev).toHaveLength(1);
    expect(rev[0].details).toContain('KeyCompromise');

    // KSeF itself now refuses a second revocation; our flow refuses before asking.
    const again = await fail(revokeCertificate(deps(), updated, 'Unspecified'));
    expect(again.code).toBe('alreadyRevoked');
  });

  it('with no type-A certificate for the environment: Polish message that authorisation by signature is needed', async () => {
    const prod = await w.addRecord({name: 'Produkcja O', type: 'O', env: 'P', owner: {kind: 'operator', code: 'JKOWALSKI'}, serial: '0123456789ABCDEF', certPem: victim.certPem, validFrom: new Date(Date.now() - 86400_000).toISOString(), validTo: new Date(Date.now() + 86400_000 * 90).toISOString()});
    const e = await fail(revokeCertificate(deps(), prod, 'Unspecified'));
    expect(e.code).toBe('authorizationRequired');
    expect(e.message).toMatch(/autoryzacja podpisem/);
    // The external-signature hook is used when given.
    let asked: string | undefined;
    const hooked = await openKsefSession({...deps(), authorize: async (env) => { asked = env; throw new FlowError('podpis anulowany', 'cancelled'); }}, 'P').catch((x) => x);
    expect(asked).toBe('P');
    expect(hooked.code).toBe('cancelled');
  });
});

describe('refreshStatuses', () => {
  it('reads every page of /certificates/query and stores ksefStatus (our records sit on the last page)', async () => {
    await w.enrollMany(55); // newer than ours: KSeF lists newest first, 50 per page
    const res = await refreshStatuses(deps(w.admin), 'D');
    expect(res.pages).toBeGreaterThanOrEqual(2);
    expect(res.checked).toBe(3);
    expect(res.notFound).toEqual([]);
    const byId = new Map((await w.store.listCertificates()).map((r) => [r.id, r]));
    expect(byId.get(login.id)!.ksefStatus).toBe('Active');
    expect(byId.get(companyA.id)!.ksefStatus).toBe('Active');
    expect(byId.get(victim.id)!.ksefStatus).toBe('Revoked');
    expect(byId.get(login.id)!.ksefCheckedAt).toBeTruthy();
    const ev = (await w.store.listAudit()).filter((e) => e.action === 'statusRefresh');
    expect(ev.at(-1)!.details).toContain('sprawdzono 3');
  });
});
