// Flow-level cases of "an enrollment KSeF accepted is never lost" (issue 10), against the in-process simulator:
// - a 5xx reply to the enrollment POST is ambiguous → the pending record (sealed key, public key, no reference) stays
//   and the error says KSeF may have the request; resume finds nothing in KSeF → says so, files nothing new; abandon
//   marks it failed (refused once a reference number is known);
// - a request KSeF accepted whose reference never reached us is found by its public key even when 55 newer
//   certificates push it to the second page of /certificates/query (every page is read).
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {abandonEnrollment, enrollCertificate, resumeEnrollment} from '../../src/flows/generate.js';
import {FlowError} from '../../src/flows/errors.js';
import {keyMatchesCertificate} from '../../src/ksef/keys.js';
import {parseCertificate} from '../../src/ksef/cert-info.js';
import {STATE_FILE} from '../../src/simulator/store.js';
import type {CertWorld} from '../helpers/revoke-world.js';
import {adminGenerateDeps, companyRequest, makeSealWorld, sealSession, type Seal} from '../helpers/seal-world.js';

let w: CertWorld;
let seal: Seal;

beforeAll(async () => {
  ({w, seal} = await makeSealWorld());
}, 60_000);
afterAll(() => w?.cleanup());

const session = () => sealSession(w, seal, 'ws-u', 'u');

const deps = () => adminGenerateDeps(w, 'ws-u');
const request = companyRequest;
const simEnrollmentCount = (): number => Object.keys(JSON.parse(fs.readFileSync(path.join(w.root, 'sim', STATE_FILE), 'utf8')).envs.DEMO.enrollments).length;

async function rejection(p: Promise<unknown>): Promise<FlowError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(FlowError);
  return e as FlowError;
}

describe('unconfirmed enrollments', () => {
  it('503 on the enrollment POST: kept pending without a reference; resume finds nothing and files nothing; abandon', async () => {
    w.sim.faults.add({path: '/certificates/enrollments$', method: 'POST', status: 503, times: 1});
    const before = simEnrollmentCount();
    const s = await session();
    const e = await rejection(enrollCertificate(deps(), s, request('Firma bez odpowiedzi'), {pollIntervalMs: 5}));
    expect(e.code).toBe('enrollUnconfirmed');
    expect(e.message).toMatch(/KSeF mógł go przyjąć.*ksef-certs resume [0-9a-f-]{36}/s);
    const rec = (await w.store.getCertificate((await w.store.listCertificates()).find((c) => c.name === 'Firma bez odpowiedzi')!.id))!;
    expect(rec.state).toBe('pending');
    expect(rec.enrollment!.referenceNumber).toBeUndefined();
    expect(rec.enrollment!.publicKeySpki).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(rec.enrollment!.lastMessage).toContain(`ksef-certs resume ${rec.id}`);

    const notFound = await rejection(resumeEnrollment(deps(), rec.id, await session()));
    expect(notFound.code).toBe('notInKsef');
    expect(notFound.message).toMatch(/sprawdzono \d+ certyfikatów/);
    expect(simEnrollmentCount()).toBe(before); // never re-sent
    expect((await w.store.getCertificate(rec.id))!.state).toBe('pending');

    const out = await abandonEnrollment(deps(), rec.id);
    expect(out.state).toBe('failed');
    expect(out.keyPem).toBe(rec.keyPem);
    expect((await rejection(abandonEnrollment(deps(), rec.id))).code).toBe('notPending');
    expect((await w.store.listAudit()).some((a) => a.action === 'enrollmentFailed' && a.certificateId === rec.id)).toBe(true);
    await s.logout();
  }, 30_000);

  it('accepted, reference lost, 55 newer certificates: found on the second query page by public key → issued', async () => {
    const s = await session();
    const ac = new AbortController();
    // KSeF accepts the request; the flow is stopped right after (before polling), then the reference is "lost".
    await enrollCertificate(deps(), s, request('Firma druga strona'), {signal: ac.signal, onStep: (ev) => ev.step === 'enroll' && ev.phase === 'done' && ac.abort()})
      .catch(() => undefined);
    const accepted = (await w.store.listCertificates()).find((c) => c.name === 'Firma druga strona')!;
    const {referenceNumber: _lost, ...enrollment} = accepted.enrollment!;
    await w.store.patchCertificate(accepted.id, {enrollment});
    await w.enrollMany(55);
    const before = simEnrollmentCount();
    const steps: string[] = [];
    const result = await resumeEnrollment(deps(), accepted.id, await session(), {onStep: (ev) => ev.detail && steps.push(ev.detail)});
    expect(result.record.state).toBe('issued');
    expect(steps.some((d) => /^znaleziono w KSeF certyfikat [0-9A-F]{16} z kluczem wniosku$/.test(d))).toBe(true);
    expect(keyMatchesCertificate(await w.store.unsealKey(result.record.keyPem), parseCertificate(Buffer.from(result.record.certPem!)).der)).toBe(true);
    expect(simEnrollmentCount()).toBe(before);
    await s.logout();
  }, 60_000);

  it('abandon is refused for a pending request KSeF confirmed (it has a reference number)', async () => {
    const s = await session();
    const ac = new AbortController();
    await enrollCertificate(deps(), s, request('Firma z numerem'), {signal: ac.signal, onStep: (ev) => ev.step === 'enroll' && ev.phase === 'done' && ac.abort()})
      .catch(() => undefined);
    const rec = (await w.store.listCertificates()).find((c) => c.name === 'Firma z numerem')!;
    expect(rec.enrollment!.referenceNumber).toMatch(/-EH-/);
    const e = await rejection(abandonEnrollment(deps(), rec.id));
    expect(e.code).toBe('hasReference');
    expect(e.message).toContain(`ksef-certs resume ${rec.enrollment!.referenceNumber}`);
    expect((await w.store.getCertificate(rec.id))!.state).toBe('pending');
    await s.logout();
  }, 30_000);
});
