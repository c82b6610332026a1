// Audit details as data: every use case that wrote a Polish `details` text now stores a catalogue note beside it, so
// the log reads in English under --lang en and in Polish (the very text it always had) by default. Real use cases
// against the in-process simulator (loopback HTTP), a real store in a temp folder and a loopback webhook.
import fs from 'node:fs';
import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {warsawDate, type AuditEvent, type CertificateRecord} from '../../src/domain/index.js';
import {auditDetails} from '../../src/flows/audit-notes.js';
import {changeOwnPassword} from '../../src/flows/config.js';
import {exportCertificate} from '../../src/flows/export.js';
import {abandonEnrollment, enrollCertificate} from '../../src/flows/generate.js';
import {makeInvoiceCodes} from '../../src/flows/qr.js';
import {runQrBatch, sampleInvoiceXml} from '../../src/flows/qr-batch.js';
import {refreshStatuses} from '../../src/flows/refresh.js';
import {revokeCertificate} from '../../src/flows/revoke.js';
import {copyStore} from '../../src/flows/store-copy.js';
import {logSwitchOvers} from '../../src/flows/switchover.js';
import {makeT} from '../../src/i18n/index.js';
import {makeCheckWorld} from '../check/helpers.js';
import {startWebhook} from '../check/alert-servers.js';
import {fixture} from '../helpers/qr-world.js';
import {companyRequest, sealWorldForFile} from '../helpers/seal-world.js';

const en = makeT('en');
const pl = makeT('pl');
const file = sealWorldForFile('ws-n');
const {session, deps: genDeps} = file;
const request = companyRequest;

/** The newest event of `action` (for `certificateId` when given). */
async function lastEvent(action: AuditEvent['action'], certificateId?: string): Promise<AuditEvent> {
  const found = (await file.w.store.listAudit()).filter((e) => e.action === action && (!certificateId || e.certificateId === certificateId));
  expect(found.length).toBeGreaterThan(0);
  return found[found.length - 1];
}

/** English under en, Polish under pl — and the Polish one is the text stored in `details` (older readers see it). */
function expectBoth(e: AuditEvent, english: RegExp, polish: RegExp): void {
  expect(e.message?.key).toMatch(/^(auditNote|audit\.enroll)\./);
  expect(auditDetails(en, e)).toMatch(english);
  expect(auditDetails(pl, e)).toMatch(polish);
  expect(auditDetails(pl, e)).toBe(e.details);
  expect(auditDetails(en, e)?.replace(/“[^”]*”/g, '')).not.toMatch(/[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]/); // outside user data
}

describe('audit details of the use cases, in the session language', () => {
  it('generate: request sent and certificate issued; an unconfirmed request and its abandonment', async () => {
    const r = await enrollCertificate(genDeps(), await session(), request('Pieczęć notatki'), {pollIntervalMs: 5});
    expectBoth(await lastEvent('enrollmentStarted', r.record.id), /^request \S+, O\/D, “Pieczęć notatki”$/, /^wniosek \S+, O\/D, „Pieczęć notatki”$/);
    expectBoth(await lastEvent('generate', r.record.id), /^O\/D, mode B, “Pieczęć notatki”, request \S+$/, /^O\/D, tryb B, „Pieczęć notatki”, wniosek \S+$/);

    file.w.sim.faults.add({path: '/certificates/enrollments$', method: 'POST', status: 503, times: 1});
    const lost = await enrollCertificate(genDeps(), await session(), request('Bez odpowiedzi'), {pollIntervalMs: 5}).then(() => undefined, (e: unknown) => e);
    expect(lost).toBeDefined();
    const pending = (await file.w.store.listCertificates()).find((c) => c.name === 'Bez odpowiedzi')!;
    expectBoth(await lastEvent('enrollmentStarted', pending.id), /^request without KSeF confirmation \(\w+\), O\/D, “Bez odpowiedzi”$/, /^wniosek bez potwierdzenia KSeF \(\w+\), O\/D, „Bez odpowiedzi”$/);
    await abandonEnrollment(genDeps(), pending.id);
    expectBoth(await lastEvent('enrollmentFailed', pending.id), /^“Bez odpowiedzi”: Marked by ADMIN as not sent to KSeF$/, /^„Bez odpowiedzi”: Oznaczony przez ADMIN jako niewysłany do KSeF$/);
  });

  it('export, revoke, refresh, KOD I+II (one and a batch), a wrong own password, a store copy', async () => {
    await file.w.enroll({type: 'A', name: 'Logowanie'});
    const o = await file.w.enroll({type: 'O', name: 'Offline'});
    const deps = {store: file.w.store, gateway: file.w.gateway, operator: file.w.operator, workstation: 'ws-n'};

    const dir = path.join(file.w.root, 'eksport');
    await mkdir(dir);
    await exportCertificate(deps, o, {dir, password: 'Eksport#Haslo2026'});
    expectBoth(await lastEvent('export', o.id), new RegExp(`^folder ${path.resolve(dir)}$`), new RegExp(`^folder ${path.resolve(dir)}$`));

    const today = warsawDate(new Date());
    await makeInvoiceCodes(deps, {invoice: fs.readFileSync(fixture('fa3-bez-p1.xml')), invoiceName: 'fv-1.xml', issueDate: today, certSerial: o.serial});
    expectBoth(await lastEvent('qrSign', o.id), new RegExp(`^CODE I\\+II: fv-1\\.xml, NIP 5265877635, P_1 ${today}, Nip 1111111111, DEMO$`), /^KOD I\+II: fv-1\.xml, NIP 5265877635/);

    const inputDir = path.join(file.w.root, 'faktury');
    await mkdir(inputDir);
    await writeFile(path.join(inputDir, 'fv-0.xml'), sampleInvoiceXml(0));
    await runQrBatch(deps, {inputDir, outDir: path.join(file.w.root, 'kody'), certSerial: o.serial, sellerNip: '5265877635', issueDate: today, skipParse: true, workers: 1});
    expectBoth(await lastEvent('qrBatch', o.id), /^CODE I\+II batch: 1\/1 invoices, 0 failed, folder faktury, Nip 1111111111, DEMO$/, /^KOD I\+II wsadowo: 1\/1 faktur, błędów 0, katalog faktury/);

    await revokeCertificate(deps, o as CertificateRecord, 'KeyCompromise');
    expectBoth(await lastEvent('revoke', o.id), /^reason: KeyCompromise \(private key compromised\)$/, /^przyczyna: KeyCompromise \(klucz prywatny ujawniony\)$/);

    await refreshStatuses(deps, 'D');
    expectBoth(await lastEvent('statusRefresh'), /^environment D: \d+ checked, \d+ changed, \d+ not found in KSeF$/, /^środowisko D: sprawdzono \d+, zmieniono \d+, nieznalezione w KSeF \d+$/);

    await changeOwnPassword(deps, 'zle-haslo', 'Nowe!Haslo2026x', 'Nowe!Haslo2026x').catch(() => undefined);
    expectBoth(await lastEvent('passwordFailed'), /^own password change: wrong current password$/, /^zmiana własnego hasła: błędne obecne hasło$/);

    const to = path.join(file.w.root, 'kopia');
    await copyStore({store: file.w.store, operator: file.w.admin, workstation: 'ws-n'}, to, {dataDir: file.w.dataDir});
    expectBoth(await lastEvent('configChanged'), new RegExp(`^store copied to ${to}$`), new RegExp(`^magazyn skopiowany do ${to}$`));
  });

  it('mode Z switch-over; hostile text in a parameter stays escaped in either language', async () => {
    const DAY = 86_400_000;
    const now = Date.now();
    const pred = await file.w.addRecord({name: 'Stary', type: 'A', serial: '00000000000000C1', validFrom: new Date(now - 300 * DAY).toISOString(), validTo: new Date(now - DAY).toISOString()});
    const succ = await file.w.addRecord({
      name: 'Nowy\x1b[2J\x1b]0;x\x07', type: 'A', mode: 'Z', serial: '00000000000000C2', predecessorId: pred.id,
      validFrom: pred.validTo, validTo: new Date(now + 700 * DAY).toISOString(), createdAt: new Date(now - 10 * DAY).toISOString(),
    });
    await logSwitchOvers({store: file.w.store, operator: file.w.operator, workstation: 'ws-n'}, undefined, new Date(now));
    const e = await lastEvent('switchOver', succ.id);
    expectBoth(e, /^mode Z: “Nowy.*” replaced “Stary” \(00000000000000C1\) from \d{4}-/, /^tryb Z: „Nowy.*” zastąpił „Stary” \(00000000000000C1\) od \d{4}-/);
    for (const t of [en, pl]) expect(auditDetails(t, e)).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    expect(e.message?.params?.name).toBe(succ.name); // stored as it is; escaped when shown
  });

  it('check alerts: delivered and not delivered', async () => {
    const cw = await makeCheckWorld();
    const hook = await startWebhook('/hooks/notatka');
    try {
      await cw.add({endsIn: 20.5, name: 'Wygasa'});
      await cw.check(['--webhook', hook.url]);
      const sent = (await cw.store.listAudit()).filter((e) => e.action === 'alertSent');
      expect(sent).toHaveLength(1);
      expect(auditDetails(en, sent[0])).toMatch(/^webhook http:\/\/127\.0\.0\.1:\d+: 1 findings \(expiring:/);
      expect(auditDetails(pl, sent[0])).toMatch(/^webhook http:\/\/127\.0\.0\.1:\d+: zgłoszenia 1 \(expiring:/);
      hook.status = 500;
      await cw.check(['--webhook', hook.url], {now: new Date(Date.parse('2027-06-20T10:00:00Z'))});
      const failed = (await cw.store.listAudit()).filter((e) => e.action === 'alertFailed');
      expect(failed).toHaveLength(1);
      expect(auditDetails(en, failed[0])).toMatch(/; 1 findings — retried at the next check$/);
      expect(auditDetails(pl, failed[0])).toMatch(/; zgłoszenia 1 — ponowienie przy następnym sprawdzeniu$/);
      expect(auditDetails(pl, failed[0])).toBe(failed[0].details);
    } finally {
      await hook.close();
      await cw.cleanup();
    }
  });

  it('an entry with a plain text (before notes) or a note this build does not know shows its stored text', () => {
    const old: AuditEvent = {id: '1', at: '2026-01-01T00:00:00Z', operator: 'ADMIN', workstation: 'ws', action: 'export', details: 'folder /dane (stary wpis)'};
    expect(auditDetails(en, old)).toBe('folder /dane (stary wpis)');
    expect(auditDetails(en, {...old, message: {key: 'auditNote.fromTheFuture', params: {x: 1}}})).toBe('folder /dane (stary wpis)');
    expect(auditDetails(en, {...old, details: 'a\x1b[31mb'})).not.toContain('\x1b');
    expect(auditDetails(en, {...old, details: undefined})).toBeUndefined();
  });
});
