// `ksef-certs resume` in-process against the simulator over loopback: --auth-cert (the company's stored type-A
// certificate signs by itself) with a .crt/.key backup, the ordinary operator's refusal, and usage errors.
import fs from 'node:fs';
import path from 'node:path';
import {execFileSync} from 'node:child_process';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {CertificateRecord} from '../../src/domain/index.js';
import {enrollCertificate} from '../../src/flows/generate.js';
import {DEMO_COMPANY} from '../../src/store/index.js';
import {makeCertWorld, type CertWorld} from '../helpers/revoke-world.js';
import {sealSession} from '../helpers/seal-world.js';
import {cli} from '../helpers/cli-run.js';

const PASSWORD = 'Haslo-Kopii-2026!';
let w: CertWorld;
let companyA: CertificateRecord;
let pending: CertificateRecord;

beforeAll(async () => {
  w = await makeCertWorld();
  companyA = await w.enroll({type: 'A', owner: {kind: 'company'}, name: 'Logowanie firmy'});
  // A request accepted by KSeF and interrupted right after (as Esc or a crash leaves it): pending.
  const seal = await w.sim.issueTestIdentity({env: 'DEMO', kind: 'seal', nip: DEMO_COMPANY.nip, organizationName: DEMO_COMPANY.name});
  const session = await sealSession(w, seal, 'ws', 'pre');
  const ac = new AbortController();
  await enrollCertificate({store: w.store, gateway: w.gateway, operator: w.admin, workstation: 'ws', keyIterations: 1000}, session,
    {owner: {kind: 'company'}, env: 'D', name: 'Firma przerwana CLI', type: 'O', mode: 'B', keyPassword: PASSWORD},
    {signal: ac.signal, onStep: (e) => e.step === 'enroll' && e.phase === 'done' && ac.abort()}).catch(() => undefined);
  pending = (await w.store.getCertificate((await w.store.listCertificates()).find((c) => c.name === 'Firma przerwana CLI')!.id))!;
}, 60_000);
afterAll(() => w?.cleanup());

describe('ksef-certs resume', () => {
  it('usage errors exit 2: no target, no or both authorisations, a password in argv', async () => {
    expect((await cli(w, ['resume', '--auth-cert', companyA.serial!])).code).toBe(2);
    expect((await cli(w, ['resume', pending.id])).code).toBe(2);
    expect((await cli(w, ['resume', pending.id, '--auth-cert', companyA.serial!, '--signed', 'x.xml'])).code).toBe(2);
    const r = await cli(w, ['resume', pending.id, '--auth-cert', companyA.serial!, '--key-password', PASSWORD]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Nieznana opcja|wierszu poleceń/);
  });

  it('an ordinary operator may not resume the company enrollment: exit 1, still pending', async () => {
    const r = await cli(w, ['resume', pending.enrollment!.referenceNumber!, '--auth-cert', companyA.serial!], {as: 'operator'});
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Brak uprawnień: operator JKOWALSKI nie może dokończyć wniosku „Firma przerwana CLI”/);
    expect((await w.store.getCertificate(pending.id))!.state).toBe('pending');
  });

  it('a weak backup password is refused before anything is sent', async () => {
    const weak = path.join(w.root, 'slabe.txt');
    fs.writeFileSync(weak, 'krotkie\n');
    const r = await cli(w, ['resume', pending.id, '--auth-cert', companyA.serial!, '--key-password-file', weak]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Hasło nie spełnia zasad/);
    expect((await w.store.getCertificate(pending.id))!.state).toBe('pending');
  });

  it('--auth-cert: logs in with the stored type-A certificate, stores the certificate and writes the backup', async () => {
    const pw = path.join(w.root, 'haslo.txt');
    fs.writeFileSync(pw, `${PASSWORD}\n`, {mode: 0o600});
    const r = await cli(w, ['resume', pending.enrollment!.referenceNumber!, '--auth-cert', companyA.serial!, '--key-password-file', pw]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/Logowanie do KSeF certyfikatem „Logowanie firmy”/);
    expect(r.err).toMatch(/✓ Oczekiwanie na wydanie certyfikatu — nr seryjny [0-9A-F]{16}/);
    const rec = (await w.store.getCertificate(pending.id))!;
    expect(rec.state).toBe('issued');
    expect(r.out).toContain(`Wydano certyfikat „Firma przerwana CLI” dla firmy (wniosek ${pending.enrollment!.referenceNumber})`);
    expect(r.out).toContain(`nr seryjny ${rec.serial}`);
    const keyPath = /\s(\S+\.key) \(klucz zaszyfrowany/.exec(r.out)![1];
    // The backup key opens with openssl and the given password, and belongs to the certificate.
    const pub = execFileSync('openssl', ['pkey', '-in', keyPath, '-passin', `file:${pw}`, '-pubout'], {encoding: 'utf8'});
    const crtPub = execFileSync('openssl', ['x509', '-noout', '-pubkey'], {input: rec.certPem, encoding: 'utf8'});
    expect(pub).toBe(crtPub);
  }, 30_000);
});
