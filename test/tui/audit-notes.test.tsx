// [A-1-5-6] with audit notes (details stored as a catalogue key + parameters): English under en, Polish under pl, in
// the list and in the detail; an entry from before notes shows its stored text unchanged; hostile text in a
// parameter never reaches the terminal raw.
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {auditNote} from '../../src/flows/audit-notes.js';
import {msg} from '../../src/i18n/index.js';
import {certDetails} from '../../src/flows/cert-details.js';
import {makeT} from '../../src/i18n/index.js';
import {detailLines} from '../../src/screens/cert-details.js';
import type {CertificateRecord} from '../../src/domain/index.js';
import {FakeStore, fakeData} from '../helpers/fake-store.js';
import {KEYS, waitForFrame} from '../helpers/ink.js';
import {expectWhole, mono, openAt} from '../helpers/admin-screens.js';

afterEach(cleanup);

const WIDE = 150; // the details column whole

function store() {
  const data = fakeData();
  const at = (m: number) => new Date(Date.UTC(2026, 5, 15, 8, m)).toISOString();
  data.audit = [
    {id: 'old', at: at(1), operator: 'ADMIN', workstation: 'ws1', action: 'export', details: 'stary wpis: folder /żółw'},
    {id: 'evil', at: at(2), operator: 'JAN', workstation: 'ws2', action: 'configChanged', ...auditNote(msg('auditNote.storeCopied', {target: '/x\x1b[2J\x1b]0;pwn\x07'}))},
    {id: 'rev', at: at(3), operator: 'ADMIN', workstation: 'ws1', action: 'revoke', serial: 'AB12', ...auditNote(msg('auditNote.revoke', {code: 'KeyCompromise', reason: msg('flowErr.reason.KeyCompromise')}))},
  ];
  return new FakeStore(data);
}

/** Opens the newest event's detail (the revocation) and returns its frame. */
async function newestDetail(r: Awaited<ReturnType<typeof openAt>>, title: string): Promise<string> {
  r.stdin.write(KEYS.enter);
  await waitForFrame(r.lastFrame, title);
  const f = mono(r.lastFrame());
  expectWhole(f, WIDE);
  return f;
}

describe('audit notes on [A-1-5-6]', () => {
  it('English: notes in English, the old entry as stored, no raw escape from a parameter', async () => {
    const r = await openAt(store(), ['A', '1', '5', '6'], 'Filters — a event: all', {lang: 'en', columns: WIDE});
    const list = r.lastFrame() ?? '';
    expect(mono(list)).toContain('store copied to /x');
    expect(mono(list)).toContain('stary wpis: folder /żółw');
    expect(list).not.toMatch(/\x1b\[2J|\x1b\]0;|\x07/);
    const f = await newestDetail(r, 'Event of 2026-06-15');
    expect(f).toContain('reason: KeyCompromise (private key compromised)');
  });

  it('Polish: the same notes in Polish', async () => {
    const r = await openAt(store(), ['A', '1', '5', '6'], 'Filtry — a zdarzenie: wszystkie', {columns: WIDE});
    expect(mono(r.lastFrame())).toContain('magazyn skopiowany do /x');
    const f = await newestDetail(r, 'Zdarzenie z 2026-06-15');
    expect(f).toContain('przyczyna: KeyCompromise (klucz prywatny ujawniony)');
  });

  it('the certificate details [A-1-5-7] list its history with the notes in the session language', () => {
    const rec: CertificateRecord = {
      id: 'c1', owner: {kind: 'company'}, name: 'Firma', type: 'O', env: 'D', mode: 'B', state: 'revoked', serial: 'AB12', keyPem: '',
      keyAlgorithm: 'EC-P256', source: 'imported', createdAt: '2026-06-01T00:00:00Z', createdBy: 'ADMIN',
    };
    const audit = store().data.audit.map((e) => ({...e, certificateId: 'c1'}));
    const d = certDetails([rec], audit, rec, new Date('2026-06-20T00:00:00Z'));
    const text = (lang: 'pl' | 'en') => detailLines(makeT(lang), lang, rec, d, 200).map((l) => l.text).join('\n');
    expect(text('en')).toContain('reason: KeyCompromise (private key compromised)');
    expect(text('en')).toContain('stary wpis: folder /żółw');
    expect(text('pl')).toContain('przyczyna: KeyCompromise (klucz prywatny ujawniony)');
  });
});
