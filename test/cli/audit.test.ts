// `ksef-certs audit`: newest first, filter by action, one JSON document, no secrets.
import {mkdtemp, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {CertificateRecord} from '../../src/domain/index.js';
import {DEMO_CREDENTIALS} from '../../src/store/index.js';
import {makeCertWorld, type CertWorld} from '../helpers/revoke-world.js';
import {cli} from '../helpers/cli-run.js';
import {auditNote} from '../../src/flows/audit-notes.js';
import {msg} from '../../src/i18n/index.js';

const PASSWORD = 'Audyt#Eksport2026';
let w: CertWorld;
let rec: CertificateRecord;

beforeAll(async () => {
  w = await makeCertWorld();
  rec = await w.enroll({type: 'A', name: 'Do audytu'});
  const pw = path.join(w.root, 'pw');
  await writeFile(pw, PASSWORD);
  const dir = await mkdtemp(path.join(w.root, 'out-'));
  expect((await cli(w, ['export', rec.serial!, '--dir', dir, '--password-file', pw])).code).toBe(0);
});
afterAll(() => w?.cleanup());

describe('ksef-certs audit', () => {
  it('--json --action export lists the export with operator, workstation and serial; no passwords anywhere', async () => {
    const r = await cli(w, ['audit', '--json', '--action', 'export']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.count).toBe(1);
    expect(doc.events[0]).toMatchObject({action: 'export', operator: 'ADMIN', serial: rec.serial, certificateId: rec.id});
    expect(doc.events[0].workstation).toBeTruthy();
    const all = await cli(w, ['audit', '--json']);
    expect(all.out).not.toContain(PASSWORD);
    expect(all.out).not.toContain(DEMO_CREDENTIALS.admin.password);
  });

  it('text output is newest first; unknown action → exit 2', async () => {
    const r = await cli(w, ['audit']);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n').slice(0, -1);
    expect(lines.length).toBeGreaterThan(2);
    const stamps = lines.map((l) => l.slice(0, 16));
    expect([...stamps].sort().reverse()).toEqual(stamps);
    expect(lines[0]).toMatch(/logowanie\s+ADMIN/); // this very command's login is the newest event, its action named
    const bad = await cli(w, ['audit', '--action', 'nic']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/Nieznany rodzaj zdarzenia/);
  });

  it('--operator KOD lists only that operator\'s events (any case); the login operator still comes before the command', async () => {
    expect((await cli(w, ['list'], {as: 'operator'})).code).toBe(0); // a login by JKOWALSKI
    const mine = JSON.parse((await cli(w, ['audit', '--json', '--operator', 'jkowalski'])).out);
    expect(mine.count).toBeGreaterThan(0);
    expect(new Set(mine.events.map((e: {operator: string}) => e.operator))).toEqual(new Set(['JKOWALSKI']));
    const text = await cli(w, ['audit', '--operator=ADMIN']);
    expect(text.code).toBe(0);
    const lines = text.out.trim().split('\n').slice(0, -1);
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toMatch(/^\S+ \S+ \S+\s+.+?\s+ADMIN\s/);
    // Before the command --operator is who logs in (here: JKOWALSKI's password from the environment), after it the filter.
    const asOperator = await cli(w, ['--operator', 'JKOWALSKI', 'audit', '--json', '--operator', 'ADMIN'], {as: 'operator'});
    expect(asOperator.code).toBe(0);
    const doc = JSON.parse(asOperator.out);
    expect(doc.events.every((e: {operator: string}) => e.operator === 'ADMIN')).toBe(true);
    const all = JSON.parse((await cli(w, ['audit', '--json'])).out);
    expect(doc.count).toBe(all.events.filter((e: {operator: string}) => e.operator === 'ADMIN').length - 1); // minus this login
    expect((await cli(w, ['audit', '--json', '--operator', 'NIKT'])).out).toMatch(/"count": 0/);
    expect((await cli(w, ['audit', '--help'])).out).toContain('--operator');
  });

  it('notes in the session language, an old plain entry unchanged; --json keeps the stored fields and adds detailsText + lang', async () => {
    const note = msg('auditNote.revoke', {code: 'KeyCompromise', reason: msg('flowErr.reason.KeyCompromise')});
    await w.store.audit({operator: 'ADMIN', workstation: 'ws-j', action: 'revoke', serial: 'NOTE01', ...auditNote(note)});
    await w.store.audit({operator: 'ADMIN', workstation: 'ws-j', action: 'revoke', serial: 'OLD01', details: 'stary wpis: przyczyna żółta'});
    await w.store.audit({operator: 'ADMIN', workstation: 'ws-j', action: 'configChanged', serial: 'EVIL01', ...auditNote(msg('auditNote.storeCopied', {target: '/x\x1b[2J\x1b]0;pwn\x07'}))});

    const en = await cli(w, ['--lang', 'en', 'audit', '--action', 'revoke']);
    expect(en.out).toMatch(/NOTE01 {2}reason: KeyCompromise \(private key compromised\)\n/);
    expect(en.out).toMatch(/OLD01 {2}stary wpis: przyczyna żółta\n/);
    const plText = await cli(w, ['audit', '--action', 'revoke']);
    expect(plText.out).toMatch(/NOTE01 {2}przyczyna: KeyCompromise \(klucz prywatny ujawniony\)\n/);
    expect(plText.out).toMatch(/OLD01 {2}stary wpis: przyczyna żółta\n/);
    // --serial searches the details as shown (English here) and as stored (Polish).
    expect((await cli(w, ['--lang', 'en', 'audit', '--serial', 'private key'])).out).toContain('NOTE01');
    expect((await cli(w, ['--lang', 'en', 'audit', '--serial', 'klucz prywatny'])).out).toContain('NOTE01');
    const evil = await cli(w, ['--lang', 'en', 'audit', '--serial', 'EVIL01']);
    expect(evil.out).toContain('store copied to /x');
    expect(evil.out).not.toMatch(/\x1b\[2J|\x1b\]0;|\x07/);

    const doc = JSON.parse((await cli(w, ['--lang', 'en', 'audit', '--json', '--action', 'revoke'])).out);
    expect(doc.lang).toBe('en');
    const noted = doc.events.find((e: {serial?: string}) => e.serial === 'NOTE01');
    expect(noted).toMatchObject({
      action: 'revoke', operator: 'ADMIN', workstation: 'ws-j',
      details: 'przyczyna: KeyCompromise (klucz prywatny ujawniony)',
      message: {key: 'auditNote.revoke', params: {code: 'KeyCompromise', reason: {key: 'flowErr.reason.KeyCompromise'}}},
      detailsText: 'reason: KeyCompromise (private key compromised)',
    });
    expect(typeof noted.id).toBe('string');
    expect(typeof noted.at).toBe('string');
    const old = doc.events.find((e: {serial?: string}) => e.serial === 'OLD01');
    expect(old).toEqual({id: old.id, at: old.at, operator: 'ADMIN', workstation: 'ws-j', action: 'revoke', serial: 'OLD01', details: 'stary wpis: przyczyna żółta', detailsText: 'stary wpis: przyczyna żółta'});
    const plDoc = JSON.parse((await cli(w, ['audit', '--json', '--action', 'revoke'])).out);
    expect(plDoc.lang).toBe('pl');
    expect(plDoc.events.find((e: {serial?: string}) => e.serial === 'NOTE01').detailsText).toBe('przyczyna: KeyCompromise (klucz prywatny ujawniony)');
  });

  it('show: the history of a certificate in the session language; --json adds detailsText and historyLang', async () => {
    const note = msg('auditNote.revoke', {code: 'Superseded', reason: msg('flowErr.reason.Superseded')});
    await w.store.audit({operator: 'ADMIN', workstation: 'ws-j', action: 'revoke', certificateId: rec.id, serial: rec.serial, ...auditNote(note)});
    expect((await cli(w, ['--lang', 'en', 'show', rec.serial!])).out).toContain('reason: Superseded (superseded by a new certificate)');
    expect((await cli(w, ['show', rec.serial!])).out).toContain('przyczyna: Superseded (zastąpiony nowym certyfikatem)');
    const doc = JSON.parse((await cli(w, ['--lang', 'en', 'show', rec.serial!, '--json'])).out);
    expect(doc.historyLang).toBe('en');
    const e = doc.history.find((x: {action: string}) => x.action === 'revoke');
    expect(e).toMatchObject({details: 'przyczyna: Superseded (zastąpiony nowym certyfikatem)', message: {key: 'auditNote.revoke'}, detailsText: 'reason: Superseded (superseded by a new certificate)'});
  });
});
