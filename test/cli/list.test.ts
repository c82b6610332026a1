// `ksef-certs list` and `show` end to end on a real store with certificates issued by the simulator.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {CertificateRecord} from '../../src/domain/index.js';
import {makeCertWorld, type CertWorld} from '../helpers/revoke-world.js';
import {cli} from '../helpers/cli-run.js';

let w: CertWorld;
let a: CertificateRecord;
let o: CertificateRecord;
let soon: CertificateRecord;

beforeAll(async () => {
  w = await makeCertWorld();
  a = await w.enroll({type: 'A', name: 'Operator A'});
  o = await w.enroll({type: 'O', owner: {kind: 'company'}, name: 'Firma offline'});
  soon = await w.addRecord({
    name: 'Wygasa wkrótce', type: 'A', env: 'P', serial: '00000000000000F1', owner: {kind: 'branch', code: 'ODDZIAL1'},
    validFrom: new Date(Date.now() - 700 * 86400_000).toISOString(), validTo: new Date(Date.now() + 5.5 * 86400_000).toISOString(),
  });
});
afterAll(() => w?.cleanup());

describe('ksef-certs list', () => {
  it('prints every certificate with owner, type, env, serial, dates, days left and status; marks the expiring one', async () => {
    const r = await cli(w, ['list']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const line = (serial: string) => r.out.split('\n').find((l) => l.includes(serial)) ?? '';
    expect(line(a.serial!)).toMatch(/operator JKOWALSKI\s+Operator A\s+A D/);
    expect(line(a.serial!)).toContain('aktywny');
    expect(line(o.serial!)).toMatch(/firma\s+Firma offline\s+O D/);
    expect(line(soon.serial!)).toMatch(/^!\s+oddział ODDZIAL1/);
    expect(line(soon.serial!)).toMatch(/\s5\s+aktywny/);
    expect(r.out).toContain('Razem: 3.');
  });

  it('--json is one document, filters by --type/--env/--status and never carries a key', async () => {
    const r = await cli(w, ['list', '--json', '--type', 'O']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.count).toBe(1);
    expect(doc.certificates[0].serial).toBe(o.serial);
    expect(doc.certificates[0].status).toBe('active');
    expect(r.out).not.toMatch(/PRIVATE KEY|keyPem/);
    const p = JSON.parse((await cli(w, ['list', '--json', '--env', 'P', '--status', 'aktywny'])).out);
    expect(p.certificates.map((c: {serial: string}) => c.serial)).toEqual([soon.serial]);
    expect(p.certificates[0].expiring).toBe(true);
    expect(JSON.parse((await cli(w, ['list', '--json', '--status', 'revoked'])).out).count).toBe(0);
  });

  it('bad filters are usage errors (exit 2) with a Polish message', async () => {
    const r = await cli(w, ['list', '--type', 'X']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Nieprawidłowy typ: X/);
    expect((await cli(w, ['list', '--bogus'])).code).toBe(2);
  });
});

describe('ksef-certs show', () => {
  it('shows subject, issuer, key algorithm, SHA-256 fingerprint, usage and history', async () => {
    const r = await cli(w, ['show', a.serial!.toLowerCase()]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Nr seryjny:        ${a.serial}`);
    expect(r.out).toMatch(/Podmiot:\s+.*CN=/);
    expect(r.out).toMatch(/Wystawca:\s+.*CN=/);
    expect(r.out).toContain('EC-P256');
    expect(r.out).toContain(a.fingerprintSha256!);
    expect(r.out).toContain('uwierzytelnianie w KSeF');
    const j = JSON.parse((await cli(w, ['show', o.serial!, '--json'])).out);
    expect(j.fingerprintSha256).toBe(o.fingerprintSha256);
    expect(j.usage).toMatch(/^O — offline/);
    expect(JSON.stringify(j)).not.toMatch(/PRIVATE KEY|keyPem/);
  });

  it('unknown serial → exit 1, Polish message; --json gives an error document', async () => {
    const r = await cli(w, ['show', '0000000000000000']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Nie ma certyfikatu o numerze seryjnym 0000000000000000/);
    const j = await cli(w, ['show', '0000000000000000', '--json']);
    expect(j.code).toBe(1);
    expect(JSON.parse(j.out).error.message).toMatch(/Nie ma certyfikatu/);
  });
});
