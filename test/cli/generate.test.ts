// `ksef-certs auth-request` → xmlsec1 signs → `generate --signed`; `generate --auth-cert` with the certificate obtained
// before; `login --cert`; usage and rule errors — in-process CLI against the simulator over loopback (--api).
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {DEMO_COMPANY} from '../../src/store/index.js';
import {signWithXmlsec1} from '../helpers/simulator.js';
import {makeCertWorld, type CertWorld} from '../helpers/revoke-world.js';
import {cli} from '../helpers/cli-run.js';

const PASSWORD = 'Haslo-Kopii-2026!';
let w: CertWorld;
let seal: {certPem: string; keyPem: string};
let pwFile: string;

beforeAll(async () => {
  w = await makeCertWorld();
  seal = await w.sim.issueTestIdentity({env: 'DEMO', kind: 'seal', nip: DEMO_COMPANY.nip, organizationName: DEMO_COMPANY.name});
  pwFile = path.join(w.root, 'haslo.txt');
  fs.writeFileSync(pwFile, `${PASSWORD}\n`, {mode: 0o600});
}, 60_000);
afterAll(() => w?.cleanup());

async function signedAuthXml(name: string): Promise<{file: string; challenge: string}> {
  const out = path.join(w.root, `${name}.xml`);
  const r = await cli(w, ['auth-request', '--env', 'D', '--nip', DEMO_COMPANY.nip, '--out', out, '--json']);
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.out);
  expect(doc.file).toBe(out);
  const signed = path.join(w.root, `${name}-podpisany.xml`);
  fs.writeFileSync(signed, signWithXmlsec1(fs.readFileSync(out, 'utf8'), seal.certPem, seal.keyPem));
  return {file: signed, challenge: doc.challenge};
}

let companyA: {serial: string};

describe('ksef-certs auth-request', () => {
  it('writes the unsigned auth.xml and prints the challenge and its expiry', async () => {
    const out = path.join(w.root, 'auth-text.xml');
    const r = await cli(w, ['auth-request', '--env', 'D', '--nip', DEMO_COMPANY.nip, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Wyzwanie: \d{8}-CR-/);
    expect(r.out).toMatch(/Ważne do: \d{4}-\d{2}-\d{2} \d{2}:\d{2} CES?T \(10 minut\)/); // the time names its zone (issue 12)
    const xml = fs.readFileSync(out, 'utf8');
    expect(xml).toContain(`<Nip>${DEMO_COMPANY.nip}</Nip>`);
    expect(xml).not.toContain('Signature');
  });

  it('usage errors exit 2, a bad NIP exits 1, both in Polish', async () => {
    expect((await cli(w, ['auth-request', '--nip', DEMO_COMPANY.nip, '--out', 'x.xml'])).code).toBe(2);
    const bad = await cli(w, ['auth-request', '--env', 'D', '--nip', '1234567890', '--out', path.join(w.root, 'x.xml')]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/Nieprawidłowy NIP/);
  });
});

describe('ksef-certs generate', () => {
  it('--signed: auth-request → xmlsec1 → generate; one JSON document; backup files written', async () => {
    const {file} = await signedAuthXml('gen1');
    const r = await cli(w, ['generate', '--owner', 'company', '--env', 'D', '--type', 'A', '--name', 'Firma CLI', '--key-password-file', pwFile, '--signed', file, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.certificate).toMatchObject({state: 'issued', type: 'A', env: 'D', owner: {kind: 'company'}, name: 'Firma CLI'});
    expect(doc.certificate.keyPem).toBeUndefined();
    expect(fs.existsSync(doc.backup.keyPath)).toBe(true);
    expect(fs.readFileSync(doc.backup.keyPath, 'utf8')).toContain('ENCRYPTED PRIVATE KEY');
    companyA = doc.certificate;
    expect((await w.store.getCertificate(companyA.serial))!.state).toBe('issued');
  });

  it('the same signed file again: KSeF refuses the used challenge — Polish message with the code, exit 1', async () => {
    const {file} = await signedAuthXml('gen-twice');
    const ok = await cli(w, ['generate', '--owner', 'company', '--env', 'D', '--type', 'O', '--name', 'Firma offline', '--key-password-file', pwFile, '--signed', file]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/Wygenerowano certyfikat „Firma offline” dla firmy: typ O/);
    expect(ok.err).toMatch(/✓ Złożenie wniosku o certyfikat/);
    const again = await cli(w, ['generate', '--owner', 'company', '--env', 'D', '--type', 'O', '--name', 'Firma offline 2', '--key-password-file', pwFile, '--signed', file]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/^\[\d+\] /m);
    expect(again.err).toMatch(/wyzwan|challenge|uwierzyteln/i);
  });

  it('--auth-cert: the app signs with the company type-A certificate itself; mode Z follows it', async () => {
    const r = await cli(w, ['generate', '--owner', 'company', '--env', 'D', '--type', 'A', '--name', 'Firma następca', '--mode', 'Z', '--key-password-file', pwFile, '--auth-cert', companyA.serial, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    const pred = (await w.store.getCertificate(companyA.serial))!;
    expect(doc.certificate).toMatchObject({mode: 'Z', predecessorId: pred.id, validFrom: pred.validTo});
  });

  it('refusals: unsigned file, weak password, password in argv, missing auth choice, operator for the company', async () => {
    const unsigned = path.join(w.root, 'niepodpisany.xml');
    await cli(w, ['auth-request', '--env', 'D', '--nip', DEMO_COMPANY.nip, '--out', unsigned]);
    const base = ['generate', '--owner', 'company', '--env', 'D', '--type', 'A', '--name', 'Odmowa'];
    const r1 = await cli(w, [...base, '--key-password-file', pwFile, '--signed', unsigned]);
    expect(r1.code).toBe(1);
    expect(r1.err).toMatch(/nie jest podpisany/);
    const weak = path.join(w.root, 'slabe.txt');
    fs.writeFileSync(weak, 'krotkie\n');
    const r2 = await cli(w, [...base, '--key-password-file', weak, '--auth-cert', companyA.serial]);
    expect(r2.code).toBe(1);
    expect(r2.err).toMatch(/Hasło nie spełnia zasad/);
    expect((await cli(w, [...base, '--key-password', PASSWORD, '--auth-cert', companyA.serial])).code).toBe(2);
    expect((await cli(w, [...base, '--key-password-file', pwFile])).code).toBe(2);
    const r3 = await cli(w, [...base, '--key-password-file', pwFile, '--auth-cert', companyA.serial], {as: 'operator'});
    expect(r3.code).toBe(1);
    expect(r3.err).toMatch(/tylko dla siebie/);
    expect((await w.store.listCertificates()).some((c) => c.name === 'Odmowa')).toBe(false);
  });
});

describe('ksef-certs login', () => {
  it('logs in with the stored type-A certificate and prints token validity (never a token)', async () => {
    const r = await cli(w, ['login', '--cert', companyA.serial, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.context).toEqual({type: 'Nip', value: DEMO_COMPANY.nip});
    expect(Date.parse(doc.accessValidUntil)).toBeGreaterThan(Date.now());
    expect(r.out).not.toMatch(/eyJ/); // no JWT
    const text = await cli(w, ['login', '--cert', companyA.serial]);
    expect(text.out).toMatch(/Zalogowano w KSeF certyfikatem „Firma CLI”/);
  });

  it('an offline certificate cannot log in (exit 1, Polish)', async () => {
    const off = (await w.store.listCertificates()).find((c) => c.name === 'Firma offline')!;
    const r = await cli(w, ['login', '--cert', off.serial!]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/typu O \(offline\) nie służy do logowania/);
  });
});
