// `generate`, `login` and `resume` through the shared generate services, in English (`--lang en`), in-process against
// the simulator on loopback: the login and enrollment progress, the result and a refusal carry no Polish text.
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {CertificateRecord} from '../../src/domain/index.js';
import {makeCertWorld, type CertWorld} from '../helpers/revoke-world.js';
import {cli} from '../helpers/cli-run.js';

const POLISH = /[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]/;
let w: CertWorld;
let companyA: CertificateRecord;
let pwFile: string;

beforeAll(async () => {
  w = await makeCertWorld();
  companyA = await w.enroll({type: 'A', owner: {kind: 'company'}, name: 'Company login'});
  pwFile = path.join(w.root, 'pw.txt');
  fs.writeFileSync(pwFile, 'Key-Password-2026!\n', {mode: 0o600});
}, 60_000);
afterAll(() => w?.cleanup());

describe('generate / login / resume in English', () => {
  it('argument refusals of generate, resume and login: Polish by default, English under --lang en (exit 2)', async () => {
    const gen = await cli(w, ['generate', '--env', 'D', '--type', 'O', '--name', 'X']);
    expect(gen.code).toBe(2);
    expect(gen.err).toContain('Podaj właściciela: --owner company, branch:KOD lub operator:KOD.\nUżycie: ksef-certs generate');
    const genEn = await cli(w, ['--lang', 'en', 'generate', '--owner', 'company', '--env', 'D', '--type', 'O', '--name', 'X', '--key-password-file', pwFile]);
    expect(genEn.code).toBe(2);
    expect(genEn.err).toContain('Choose how to authorise: --signed FILE (signed auth.xml) or --auth-cert SERIAL_NO.\nUsage: ksef-certs generate');
    const resumeEn = await cli(w, ['--lang', 'en', 'resume', 'x', '--signed', 'a.xml', '--auth-cert', 'B']);
    expect(resumeEn.code).toBe(2);
    expect(resumeEn.err).toContain('Choose how to authorise');
    const loginEn = await cli(w, ['--lang', 'en', 'login']);
    expect(loginEn.code).toBe(2);
    expect(loginEn.err).toContain('Give the certificate: --cert SERIAL_NO.\nUsage: ');
    for (const r of [genEn, resumeEn, loginEn]) expect(r.err).not.toMatch(POLISH);
    // The synopsis in the session's language (Polish placeholders have no diacritics to catch).
    expect(genEn.err).toContain('--name NAME');
    expect(genEn.err).toContain('--key-password-file FILE');
    expect(loginEn.err).toContain('Usage: ksef-certs login --cert SERIAL [--pin-file FILE]');
    expect(resumeEn.err).toContain('Usage: ksef-certs resume');
    for (const r of [genEn, resumeEn, loginEn]) expect(r.err).not.toMatch(/\b(PLIK|NAZWA|KOD|NR_SERYJNY|PODPISANY)\b/);
    expect(gen.err).toContain('--name NAZWA');
  });

  it('login --cert: English result naming the context', async () => {
    const r = await cli(w, ['--lang', 'en', 'login', '--cert', companyA.serial!]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Logged in to KSeF with certificate “Company login” \([0-9A-F]+\), context Nip 1111111111/);
    expect(r.out).toContain('Session closed.');
    expect(r.out).not.toMatch(POLISH);
  });

  it('generate --auth-cert: progress on stderr and the result in English; resume of an unknown request refused in English', async () => {
    const r = await cli(w, ['--lang', 'en', 'generate', '--owner', 'company', '--env', 'D', '--type', 'O', '--name', 'Company offline', '--key-password-file', pwFile, '--auth-cert', companyA.serial!]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('Logging in to KSeF with certificate “Company login”');
    expect(r.err).toContain('✓ Certificate request sent — reference number');
    expect(r.err).toContain('✓ Saved in the store (key encrypted)');
    expect(r.out).toMatch(/^Generated certificate “Company offline” for the company: type O, environment D, mode B, serial number [0-9A-F]+/);
    expect(r.out).not.toMatch(POLISH);
    expect(r.err).not.toMatch(POLISH);
    expect(r.out).toContain('(key encrypted with the given password)');
    const nope = await cli(w, ['--lang', 'en', 'resume', 'NO-SUCH-REQUEST', '--auth-cert', companyA.serial!]);
    expect(nope.code).toBe(1);
    expect(nope.err).toContain('There is no request or certificate “NO-SUCH-REQUEST” in the store');
  });
});
