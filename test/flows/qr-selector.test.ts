// KOD II takes only a type-O certificate KSeF would accept for the environment: issued by that environment's KSeF
// CA (not self-signed / imported from elsewhere), not revoked or unknown per the last refresh (F5), valid on the
// invoice date. Before, the newest type-O certificate was taken whatever its issuer.
import {readFileSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {CertificateRecord} from '../../src/domain/index.js';
import {userMessage} from '../../src/flows/errors.js';
import {makeInvoiceCodes, qrCertificateChoices, type QrDeps} from '../../src/flows/qr.js';
import {refreshStatuses} from '../../src/flows/refresh.js';
import {fixture, makeQrWorld, type QrWorld} from '../helpers/qr-world.js';
import {makeCertWorld, type CertWorld} from '../helpers/revoke-world.js';

const INVOICE = readFileSync(fixture('fa3-beta-2026-02-01.xml')); // P_1 2026-02-01
const at = (s: string) => new Date(`${s}T00:00:00Z`);
let w: QrWorld;
let deps: QrDeps;
let good: CertificateRecord;
let company: CertificateRecord;

beforeAll(async () => {
  w = await makeQrWorld();
  deps = {store: w.store, operator: w.operator, workstation: 'ws'};
  good = (await w.addCert({type: 'O', serial: '0D000000000000A1', notBefore: at('2026-01-01'), name: 'Wydany przez KSeF'})).rec;
  company = (await w.addCert({type: 'O', serial: '0D000000000000C1', notBefore: at('2026-01-02'), owner: {kind: 'company'}, name: 'Firmowy KSeF'})).rec;
  // Each newer than `good` and active now — the old selector took the newest of them.
  await w.addCert({type: 'O', serial: '0D000000000000B1', notBefore: at('2026-01-10'), issuer: 'self', name: 'Samopodpisany'});
  await w.addCert({type: 'O', serial: '0D000000000000B2', notBefore: at('2026-01-11'), env: 'T', name: 'Z CA testowego'}).then(({rec}) =>
    w.store.patchCertificate(rec.id, {env: 'D'})); // TEST CA, recorded as DEMO
  const unknown = (await w.addCert({type: 'O', serial: '0D000000000000B3', notBefore: at('2026-01-12'), name: 'Nieznany w KSeF'})).rec;
  await w.store.patchCertificate(unknown.id, {ksefUnknownAt: new Date().toISOString()});
  const revoked = (await w.addCert({type: 'O', serial: '0D000000000000B4', notBefore: at('2026-01-13'), name: 'Uniewazniony w KSeF'})).rec;
  await w.store.patchCertificate(revoked.id, {ksefStatus: 'Revoked'});
  await w.addCert({type: 'O', serial: '0D000000000000B5', notBefore: at('2026-03-01'), name: 'Od marca'});
});
afterAll(() => w?.cleanup());

describe('KOD II certificate selector', () => {
  it('offers only certificates KSeF would accept, operator first, and says why the others were skipped', async () => {
    const {choices, skipped} = await qrCertificateChoices(deps, {env: 'D', invoiceDate: '2026-02-01'});
    expect(choices.map((c) => c.serial)).toEqual([good.serial, company.serial]);
    const why = skipped.join('\n');
    expect(why).toMatch(/„Samopodpisany”.*nie został wydany przez KSeF DEMO/);
    expect(why).toMatch(/„Z CA testowego”.*nie został wydany przez KSeF DEMO \(wystawca: .*CN=TEST CCK KSeF/);
    expect(why).toMatch(/„Nieznany w KSeF”.*nieznany KSeF przy odświeżeniu statusu \(F5/);
    expect(why).toMatch(/„Od marca”.*nie był ważny w dniu wystawienia faktury 2026-02-01/);
  });

  it('KOD II is signed with the accepted one, and --cert of a self-signed one is refused', async () => {
    expect((await makeInvoiceCodes(deps, {invoice: INVOICE})).certificate.serial).toBe(good.serial);
    const e = await makeInvoiceCodes(deps, {invoice: INVOICE, certSerial: '0D000000000000B1'}).then(() => undefined, userMessage);
    expect(e).toMatchObject({code: 'notIssuedByKsef'});
  });
});

describe('F5 marks a certificate unknown to KSeF for its own identity', () => {
  let cw: CertWorld;
  beforeAll(async () => {
    cw = await makeCertWorld();
  }, 60_000);
  afterAll(() => cw?.cleanup());

  it('a type-O record of the logged-in owner that KSeF does not list gets ksefUnknownAt; a listed one does not', async () => {
    await cw.enroll({type: 'A', name: 'Logowanie operatora'});
    const listed = await cw.enroll({type: 'O', name: 'Offline wydany'});
    const ghost = await cw.addRecord({name: 'Offline spoza KSeF', type: 'O', env: 'D', owner: listed.owner, serial: '00000000000000FF', certPem: listed.certPem});
    const res = await refreshStatuses({store: cw.store, gateway: cw.gateway, operator: cw.operator, workstation: 'ws'}, 'D');
    expect(res.notFound).toContain('00000000000000FF');
    const byId = new Map((await cw.store.listCertificates()).map((r) => [r.id, r]));
    expect(byId.get(ghost.id)!.ksefUnknownAt).toBeTruthy();
    expect(byId.get(listed.id)!.ksefUnknownAt).toBeUndefined();
  }, 60_000);
});
