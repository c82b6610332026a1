// Import refusals (bad-input corpus, import part) and the rules that still allow an import with a warning.
import fs from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {parseOwner, type Operator} from '../../src/domain/index.js';
import {commitImport, readImportFiles, type CommitOptions} from '../../src/flows/import.js';
import {userMessage} from '../../src/flows/errors.js';
import {buildBadCases, POLISH, type BadCase, type BadWorld} from '../helpers/import-bad-cases.js';
import {certForKey, companySubject, ecPair, makeWorld, openssl, PASSWORD, toMcuKey, type World} from '../helpers/import-fixtures.js';

// Top-level await: the cases are files made at collection time, so each gets its own named test.
const w: World = await makeWorld();
const bw: BadWorld = await buildBadCases(w);
let admin: Operator;
let oper: Operator;

beforeAll(async () => {
  const ops = await w.store.listOperators();
  admin = ops.find((o) => o.role === 'admin')!;
  oper = ops.find((o) => o.role === 'operator')!;
  const pre = await readImportFiles({crtPath: bw.imported.crt, keyPath: bw.imported.key});
  await commitImport({store: w.store, operator: admin, workstation: 'ws'}, pre, {owner: {kind: 'company'}});
});
afterAll(() => w.cleanup());

async function attempt(c: BadCase): Promise<unknown> {
  const operator = c.as === 'operator' ? oper : admin;
  try {
    const preview = await readImportFiles({crtPath: c.crt, keyPath: c.key, password: c.password}, {store: w.store, operator: operator.code, workstation: 'ws'});
    const opts: CommitOptions = {owner: parseOwner(c.owner ?? 'company')!, env: c.env, type: c.type, name: c.name};
    await commitImport({store: w.store, operator, workstation: 'ws'}, preview, opts);
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('import refuses bad input with a Polish message and leaves the store alone', () => {
  it('the corpus has at least 30 import cases', () => {
    expect(bw.cases.length).toBeGreaterThanOrEqual(30);
  });

  for (const c of bw.cases) {
    it(c.id, async () => {
      const before = w.storeBytes();
      const auditBefore = (await w.store.listAudit()).length;
      const err = await attempt(c);
      expect(err, c.id).toBeDefined();
      const m = userMessage(err);
      expect(String(m.code), c.id).toBe(c.code);
      expect(m.text, c.id).toMatch(c.message);
      expect(m.text).toMatch(POLISH);
      expect(m.text).not.toMatch(/Error|at .*\.js|undefined|ERR_|error:/);
      if (c.code === 'wrongPassword') {
        // The only trace a failed password leaves: one passwordFailed audit event, without the password.
        const audit = await w.store.listAudit();
        expect(audit.length).toBe(auditBefore + 1);
        expect(audit.at(-1)).toMatchObject({action: 'passwordFailed', operator: 'ADMIN', serial: bw.good.serial});
        expect(JSON.stringify(audit.at(-1))).not.toContain(c.password!);
        expect(w.storeBytes().toString()).not.toContain(c.password!);
      } else {
        expect(w.storeBytes().equals(before), c.id).toBe(true);
      }
    });
  }
});

describe('import rules that allow with a warning', () => {
  const deps = () => ({store: w.store, operator: admin, workstation: 'ws'});

  it('expired: refused, then stored with a warning when the user insists', async () => {
    const p = await ecPair(w, 'exp2', {notBefore: new Date('2022-01-01T00:00:00Z'), notAfter: new Date('2024-06-30T00:00:00Z')});
    const preview = await readImportFiles({crtPath: p.crtFile, keyPath: p.keyFile});
    expect(preview.problems).toEqual(['expired']);
    await expect(commitImport(deps(), preview, {owner: {kind: 'company'}})).rejects.toMatchObject({code: 'expired'});
    expect(await w.store.getCertificate(p.serial)).toBeUndefined();
    const {record, warnings} = await commitImport(deps(), preview, {owner: {kind: 'company'}, insistExpired: true});
    expect(warnings).toEqual(['expired']);
    expect(record).toMatchObject({state: 'issued', validTo: '2024-06-30T00:00:00.000Z'});
    const ev = (await w.store.listAudit()).at(-1)!;
    expect(ev).toMatchObject({action: 'import', certificateId: record.id, serial: p.serial});
    expect(ev.details).toContain('warning=expired');
  });

  it('not yet valid: stored, with a warning', async () => {
    const from = new Date(Date.now() + 30 * 86400_000);
    const p = await ecPair(w, 'future', {notBefore: from, notAfter: new Date(from.getTime() + 730 * 86400_000)});
    const preview = await readImportFiles({crtPath: p.crtFile, keyPath: p.keyFile});
    expect(preview.problems).toEqual(['notYetValid']);
    const {warnings} = await commitImport(deps(), preview, {owner: {kind: 'branch', code: 'ODDZIAL1'}});
    expect(warnings).toEqual(['notYetValid']);
  });

  it('environment contradicting the issuer is stored only with forceEnv, and audited as such', async () => {
    const p = await ecPair(w, 'force-env');
    const preview = await readImportFiles({crtPath: p.crtFile, keyPath: p.keyFile});
    const {record, warnings} = await commitImport(deps(), preview, {owner: {kind: 'company'}, env: 'D', forceEnv: true});
    expect(record.env).toBe('D');
    expect(warnings).toEqual(['envForced']);
    expect((await w.store.listAudit()).at(-1)!.details).toContain('warning=envForced');
  });

  it('an unrecognised issuer needs the environment; type from the user when KeyUsage says nothing', async () => {
    const p = await ecPair(w, 'odd', {issuer: 'CN=Lokalne CA', type: 'none', subject: companySubject('Beta lokalny')});
    const preview = await readImportFiles({crtPath: p.crtFile, keyPath: p.keyFile});
    expect(preview.problems).toEqual(['envUnknown', 'typeUnknown']);
    const {record} = await commitImport(deps(), preview, {owner: {kind: 'company'}, env: 'T', type: 'O'});
    expect(record).toMatchObject({env: 'T', type: 'O', name: 'Beta lokalny'});
  });

  it('an ordinary operator imports their own certificate; the name comes from the file when there is no CN', async () => {
    const p = await ecPair(w, 'moj', {subject: [{C: ['PL']}, {'2.5.4.5': ['PNOPL-80010112345']}, {'2.5.4.42': ['Jan']}, {'2.5.4.4': ['Kowalski']}]});
    const preview = await readImportFiles({crtPath: p.crtFile, keyPath: p.keyFile});
    const {record} = await commitImport({store: w.store, operator: oper, workstation: 'ws'}, preview, {owner: {kind: 'operator', code: oper.code}, type: 'A'});
    expect(record).toMatchObject({owner: {kind: 'operator', code: 'JKOWALSKI'}, name: 'moj', createdBy: 'JKOWALSKI', subjectIdentifier: {type: 'Pesel', value: '80010112345'}});
  });

  it('paths with spaces and Polish letters; an explicit name', async () => {
    const p = await ecPair(w, 'src');
    const crt = w.write('Certyfikaty Łódź/mój certyfikat (MCU).crt', fs.readFileSync(p.crtFile));
    const key = toMcuKey(w, p.keyFile, 'Certyfikaty Łódź/klucz źródłowy.key');
    const preview = await readImportFiles({crtPath: crt, keyPath: key, password: PASSWORD});
    const {record} = await commitImport(deps(), preview, {owner: {kind: 'company'}, name: 'Pieczęć firmy — Łódź'});
    expect(record.name).toBe('Pieczęć firmy — Łódź');
    expect(await w.store.getCertificate(p.serial)).toMatchObject({id: record.id});
  });

  it('a password file line with Polish letters works the same as openssl -passin file:', async () => {
    const p = await ecPair(w, 'utf8pass');
    const key = toMcuKey(w, p.keyFile, 'utf8pass-mcu.key', 'Źdźbło żółte 1!');
    const passFile = w.write('haslo.txt', 'Źdźbło żółte 1!\n');
    openssl('pkey', '-in', key, '-passin', `file:${passFile}`, '-noout');
    const {readPasswordFile} = await import('../../src/cli/password-source.js');
    const preview = await readImportFiles({crtPath: p.crtFile, keyPath: key, password: await readPasswordFile(passFile)});
    expect(preview.keyAlgorithm).toBe('EC-P256');
  });

  it('a key of RSA type other than the certificate says mismatch, not corrupt', async () => {
    const k = w.file('rsa-other.key');
    openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', k);
    const p = await ecPair(w, 'ec-for-rsa');
    const c = await certForKey(p.keyFile, {ca: w.caTest});
    const crt = w.write('ec-for-rsa-2.crt', c.pem);
    await expect(readImportFiles({crtPath: crt, keyPath: k})).rejects.toMatchObject({code: 'keyMismatch'});
  });
});
