// The one way into a KSeF session (openSession), the one owner → branch → context / API URL rule
// (resolveOwnerTarget) and the bound generate services (rules once per submit, the record a run left named by its
// id), against a real store and the in-process KSeF simulator on loopback.
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {CertificateRecord} from '../../src/domain/index.js';
import {prepareAuthRequest} from '../../src/flows/authorize.js';
import {openSession, resolveOwnerTarget, type SessionEvent} from '../../src/flows/open-session.js';
import {makeServices} from '../../src/flows/services/index.js';
import {userMessage} from '../../src/flows/errors.js';
import {makeT} from '../../src/i18n/index.js';
import {DEMO_COMPANY} from '../../src/store/index.js';
import type {Store} from '../../src/store/types.js';
import {signWithXmlsec1} from '../helpers/simulator.js';
import {makeCertWorld, type CertWorld} from '../helpers/revoke-world.js';

const PASSWORD = 'Kopia-klucza-2026!';
const context = {type: 'Nip' as const, value: DEMO_COMPANY.nip};
let w: CertWorld;
let companyA: CertificateRecord;
let seal: {certPem: string; keyPem: string};

beforeAll(async () => {
  w = await makeCertWorld();
  companyA = await w.enroll({type: 'A', owner: {kind: 'company'}, name: 'Logowanie sesji'});
  seal = await w.sim.issueTestIdentity({env: 'DEMO', kind: 'seal', nip: DEMO_COMPANY.nip, organizationName: DEMO_COMPANY.name});
}, 60_000);
afterAll(() => w?.cleanup());

const sessionDeps = (operator = w.admin) => ({store: w.store, gateway: w.gateway, operator, workstation: 'ws-os', t: makeT('pl')});
const trace = (events: SessionEvent[]) => events.map((e) => `${e.step}:${e.phase}`);

/** The store with its listCertificates calls counted (how often the rules read the records). */
function counting(store: Store): {store: Store; lists: () => number} {
  let n = 0;
  const proxy = new Proxy(store, {
    get(target, prop, recv) {
      const v = Reflect.get(target, prop, recv);
      if (prop === 'listCertificates') return (...a: unknown[]) => (n++, (v as (...x: unknown[]) => unknown).apply(target, a));
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  return {store: proxy, lists: () => n};
}

describe('resolveOwnerTarget', () => {
  it('company → NIP; branch with an InternalId context and an API override → both; operator → the operator\'s branch', async () => {
    const branch = (await w.store.listBranches())[0];
    expect(await resolveOwnerTarget(w.store, {kind: 'company'}, w.admin)).toMatchObject({context, authMethod: 'esignature'});
    const config = {...branch.config, contextType: 'InternalId' as const, contextValue: `${DEMO_COMPANY.nip}-00001`, apiUrl: w.sim.apiBase('DEMO'), authMethod: 'trustedProfile' as const};
    await w.store.saveBranchConfig(branch.code, config, 'ADMIN');
    try {
      const viaBranch = await resolveOwnerTarget(w.store, {kind: 'branch', code: branch.code}, w.admin);
      expect(viaBranch).toMatchObject({context: {type: 'InternalId', value: config.contextValue}, apiUrl: config.apiUrl, authMethod: 'trustedProfile'});
      expect(viaBranch.branch?.code).toBe(branch.code);
      // JKOWALSKI belongs to that branch: his owner target is the branch's; the company's stays the NIP (API URL of the acting branch).
      expect(await resolveOwnerTarget(w.store, {kind: 'operator', code: w.operator.code}, w.admin)).toMatchObject({context: {type: 'InternalId'}});
      expect((await resolveOwnerTarget(w.store, {kind: 'company'}, w.admin)).context).toEqual(context);
    } finally {
      await w.store.saveBranchConfig(branch.code, branch.config, 'ADMIN');
    }
  });
});

describe('openSession', () => {
  it('a stored type-A certificate: login steps in order, the certificate named, the login audited', async () => {
    const events: SessionEvent[] = [];
    const s = await openSession(sessionDeps(), {env: 'D', context, auth: {kind: 'certificate', via: companyA.serial!}, onStep: (e) => events.push(e)});
    expect(await s.getAccessToken()).toMatch(/\S{20,}/);
    await s.logout();
    expect(trace(events)).toEqual(['sign:start', 'sign:start', 'sign:done', 'submit:start', 'submit:done', 'authStatus:start', 'authStatus:done', 'redeem:done']);
    expect(events[0]).toMatchObject({detail: `certyfikat „Logowanie sesji” (${companyA.serial})`, via: {name: 'Logowanie sesji', serial: companyA.serial}});
    expect(events.find((e) => e.step === 'sign' && e.phase === 'done')!.detail).toBe('podpisano certyfikatem KSeF typu A');
    const audit = (await w.store.listAudit()).filter((a) => a.action === 'ksefLogin' && a.certificateId === companyA.id);
    expect(audit.at(-1)).toMatchObject({operator: 'ADMIN', workstation: 'ws-os'});
  });

  it('a file signed outside (xmlsec1) is sent as it is; an unknown serial and a certificate the operator may not use are refused', async () => {
    const req = await prepareAuthRequest({gateway: w.gateway, workstation: 'ws-os'}, {env: 'D', context, dir: path.join(w.root, 'os-sign')});
    const file = path.join(req.dir, 'podpisany.xml');
    fs.writeFileSync(file, signWithXmlsec1(fs.readFileSync(req.file, 'utf8'), seal.certPem, seal.keyPem));
    const events: SessionEvent[] = [];
    const s = await openSession(sessionDeps(), {env: 'D', context, auth: {kind: 'signedFile', file}, onStep: (e) => events.push(e)});
    await s.logout();
    expect(events[0]).toMatchObject({step: 'sign', phase: 'done', detail: 'plik podpisany poza programem'});
    expect(events.at(-1)).toMatchObject({step: 'redeem', phase: 'done'});

    const none = await openSession(sessionDeps(), {env: 'D', context, auth: {kind: 'certificate', via: '00DEADBEEF'}}).catch((e: unknown) => e);
    expect(userMessage(none, makeT('en'))).toMatchObject({code: 'notFound', text: 'There is no certificate with serial number 00DEADBEEF in the store.'});
    const before = (await w.store.listAudit()).length;
    const forbidden = await openSession(sessionDeps(w.operator), {env: 'D', context, auth: {kind: 'certificate', via: companyA}}).catch((e: unknown) => e);
    expect(userMessage(forbidden)).toMatchObject({code: 'forbidden'});
    expect((await w.store.listAudit()).length).toBe(before); // no login happened
  });
});

describe('generate services', () => {
  const services = (store: Store = w.store) =>
    makeServices({store, gateway: w.gateway, clock: () => new Date(), workstation: 'ws-os', operator: w.admin, dataDir: w.dataDir, lang: 'pl'}).generate;

  it('the rules read the records once per submit; the stored company certificate authorises by itself', async () => {
    const c = counting(w.store);
    const gen = services(c.store);
    const p = await gen.prepare({owner: {kind: 'company'}, env: 'D', name: 'Raz sprawdzony', type: 'O', mode: 'B', keyPassword: PASSWORD}, {auto: true});
    expect(p.auth).toMatchObject({kind: 'certificate', via: {id: companyA.id}});
    expect(p.req.authCertId).toBe(companyA.id);
    const ids: string[] = [];
    const out = await gen.generate(p, {onRecord: (id) => ids.push(id), pollIntervalMs: 5});
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.result.record).toMatchObject({id: ids[0], state: 'issued', name: 'Raz sprawdzony'});
    expect(c.lists()).toBe(1);
  });

  it('a run stopped after KSeF took the request names the pending record by id (no guessing by name)', async () => {
    const gen = services();
    const name = 'Przerwany po wniosku';
    // A record with the same name left earlier by someone else must not be mistaken for this one.
    await w.addRecord({name, type: 'O', state: 'failed'});
    const p = await gen.prepare({owner: {kind: 'company'}, env: 'D', name, type: 'O', mode: 'B', keyPassword: PASSWORD}, {auto: true});
    const ac = new AbortController();
    let stored: string | undefined;
    const out = await gen.generate(p, {signal: ac.signal, onRecord: (id) => (stored = id), onStep: (e) => e.step === 'enroll' && e.phase === 'done' && ac.abort()});
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(userMessage(out.error).code).toBe('aborted');
    expect(out.record).toMatchObject({id: stored, state: 'pending', name});
    expect(out.record!.enrollment!.referenceNumber).toMatch(/-EH-/);
  });

  it('resume through the services: the same owner\'s certificate signs, the pending record is issued', async () => {
    const gen = services();
    const pending = (await w.store.listCertificates()).find((r) => r.name === 'Przerwany po wniosku' && r.state === 'pending')!;
    const p = await gen.prepareResume(pending, {auto: true});
    expect(p.auth.kind).toBe('certificate');
    const out = await gen.resume(p, {pollIntervalMs: 5});
    expect(out.ok && out.result.record).toMatchObject({id: pending.id, state: 'issued'});
    const again = await gen.prepareResume((await w.store.getCertificate(pending.id))!).catch((e: unknown) => e);
    expect(userMessage(again, makeT('en')).text).toBe('Certificate “Przerwany po wniosku” is not waiting to be issued — only a request being issued can be resumed.');
  });
});
