// `check --refresh` against the KSeF simulator over loopback (certificates really issued by it): a certificate
// revoked in KSeF behind the program's back, one KSeF does not know, and KSeF limits (`/certificates/limits`) in the
// findings and the renewal plan. Real clock: the simulator issues certificates now.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {CertificateRecord} from '../../src/domain/index.js';
import {makeCertWorld, type CertWorld} from '../helpers/revoke-world.js';
import {run} from '../../src/cli/run.js';
import {DEMO_CREDENTIALS} from '../../src/store/index.js';
import {captureIo} from '../helpers/cli-io.js';
import {cli} from '../helpers/cli-run.js';
import {startWebhook} from './alert-servers.js';

let w: CertWorld;
let offline: CertificateRecord;
const DAY = 86_400_000;
const first = (out: string) => out.split('\n')[0];

/** `check` in-process on a fake clock (the simulator keeps its real one). */
async function checkAt(now: Date, args: string[]): Promise<{code: number; out: string}> {
  const x = captureIo({KSEF_CERTS_OPERATOR: 'ADMIN', KSEF_CERTS_OPERATOR_PASSWORD: DEMO_CREDENTIALS.admin.password});
  const code = await run(['--data', w.dataDir, '--api', w.sim.apiBase('DEMO'), 'check', ...args], {...x, now: () => now});
  return {code, out: x.out()};
}

beforeAll(async () => {
  w = await makeCertWorld();
  await w.enroll({type: 'A', owner: {kind: 'company'}, name: 'Firma logowanie'});
  offline = await w.enroll({type: 'O', owner: {kind: 'company'}, name: 'Firma offline'});
});
afterAll(() => w?.cleanup());

describe('check --refresh', () => {
  it('revoked in KSeF behind our back → CRITICAL after --refresh, and it stays so on later runs', async () => {
    expect((await cli(w, ['check'])).code).toBe(0);
    await w.revokeInKsef(offline.serial!);
    expect((await cli(w, ['check'])).code).toBe(0); // nobody asked KSeF yet
    const r = await cli(w, ['check', '--refresh']);
    expect(r.code).toBe(2);
    expect(first(r.out)).toMatch(/^KSEF-CERTS CRITICAL - unieważnione w KSeF: 1 \|/);
    expect(r.out).toContain(`Firma offline (firma, typ O, środowisko D, nr ${offline.serial}) — KSeF podaje status Revoked`);
    expect((await w.store.listAudit()).some((e) => e.action === 'statusRefresh')).toBe(true);
    expect((await cli(w, ['check'])).code).toBe(2);
    // Fake clock past its planned end: no longer "revoked in KSeF" but simply gone — the owner has no O certificate.
    const late = await checkAt(new Date(new Date(offline.validTo!).getTime() + DAY), ['--type', 'O', '--owner', 'company', '--json']);
    expect(late.code).toBe(2);
    expect(JSON.parse(late.out).findings.map((f: {kind: string}) => f.kind)).toEqual(['missing']);
  });

  it('a certificate KSeF does not list → WARNING (only with --refresh)', async () => {
    await w.addRecord({
      name: 'Nieznany w KSeF', type: 'O', env: 'D', owner: {kind: 'branch', code: 'CENTRALA'}, serial: '00000000DEADBEEF',
      validFrom: new Date(Date.now() - 30 * DAY).toISOString(), validTo: new Date(Date.now() + 300 * DAY).toISOString(),
    });
    expect((await cli(w, ['check', '--owner', 'branch:CENTRALA'])).code).toBe(0);
    const r = await cli(w, ['check', '--refresh', '--owner', 'branch:CENTRALA']);
    expect(r.code).toBe(1);
    expect(first(r.out)).toContain('nieznane w KSeF: 1');
    expect(r.out).toContain('typ O, środowisko D, nr 00000000DEADBEEF) — KSeF nie zna tego certyfikatu');
    // A certificate of another KSeF identity (an operator's PESEL) is not listed for the company's login: no finding.
    await w.addRecord({
      name: 'Osobisty operatora', type: 'O', env: 'D', owner: {kind: 'branch', code: 'CENTRALA'}, serial: '00000000BEEFBEEF',
      subjectIdentifier: {type: 'Pesel', value: '90010112345'},
      validFrom: new Date(Date.now() - 30 * DAY).toISOString(), validTo: new Date(Date.now() + 300 * DAY).toISOString(),
    });
    const again = await cli(w, ['check', '--refresh', '--owner', 'branch:CENTRALA', '--json']);
    const unknown = JSON.parse(again.out).findings.filter((f: {kind: string}) => f.kind === 'ksefUnknown').map((f: {serial: string}) => f.serial);
    expect(unknown).toEqual(['00000000DEADBEEF']);
  });

  it('a KSeF-only finding alerted by the daily --refresh run is not forgotten by the hourly run without it', async () => {
    const hook = await startWebhook();
    try {
      // The unknown-to-KSeF record of the previous test (branch CENTRALA) is the finding.
      const args = ['check', '--owner', 'branch:CENTRALA', '--webhook', hook.url];
      expect((await cli(w, [...args, '--refresh'])).code).toBe(1);
      expect(hook.requests).toHaveLength(1);
      expect((hook.requests[0].body as {findings: {kind: string}[]}).findings[0].kind).toBe('ksefUnknown');
      expect((await cli(w, args)).code).toBe(0); // hourly, store only: KSeF not asked
      expect((await cli(w, [...args, '--refresh'])).code).toBe(1);
      expect(hook.requests).toHaveLength(1); // still known as sent: no second alert
    } finally {
      await hook.close();
    }
  });

  it('KSeF limits: the plan says whether they allow the successor; nearly used up is a finding', async () => {
    await w.addRecord({
      name: 'Oddział wygasa', type: 'A', env: 'D', owner: {kind: 'branch', code: 'ODDZIAL1'}, serial: '00000000CAFEF00D',
      validFrom: new Date(Date.now() - 700 * DAY).toISOString(), validTo: new Date(Date.now() + 10.5 * DAY).toISOString(),
    });
    let doc = JSON.parse((await cli(w, ['check', '--refresh', '--plan', '--json', '--owner', 'branch:ODDZIAL1'])).out);
    expect(doc.plan).toHaveLength(1);
    expect(doc.plan[0]).toMatchObject({serial: '00000000CAFEF00D', daysLeft: 10, limitsAllow: true, create: {mode: 'Z'}});
    expect(doc.plan[0].create.command).toContain('--owner branch:ODDZIAL1 --env D --type A --name \'Oddział wygasa\' --mode Z --auth-cert 00000000CAFEF00D --key-password-file key-password.txt');
    expect(doc.findings.map((f: {kind: string}) => f.kind)).not.toContain('limits');
    // Without --refresh the plan cannot tell.
    doc = JSON.parse((await cli(w, ['check', '--plan', '--json', '--owner', 'branch:ODDZIAL1'])).out);
    expect(doc.plan[0].limitsAllow).toBeUndefined();

    await w.enrollMany(92); // NIP identity: 100 certificates; 2 issued in beforeAll (one revoked since) → ≤ 10 left
    doc = JSON.parse((await cli(w, ['check', '--refresh', '--plan', '--json', '--owner', 'branch:ODDZIAL1'])).out);
    const limits = doc.findings.filter((f: {kind: string}) => f.kind === 'limits');
    expect(limits).toHaveLength(1);
    expect(limits[0]).toMatchObject({severity: 'warning', env: 'D', limitKind: 'certificate', limit: 100});
    expect(limits[0].remaining).toBeLessThanOrEqual(10);
    expect(limits[0].text).toMatch(/^środowisko D: certyfikatów do wydania pozostało \d+ z 100$/);
    expect(doc.plan[0].limitsAllow).toBe(true);
    const text = await cli(w, ['check', '--refresh', '--plan', '--owner', 'branch:ODDZIAL1']);
    expect(first(text.out)).toContain('limity KSeF na wyczerpaniu: 1');
    expect(text.out).toContain('utwórz następcę w trybie Z od');
    expect(text.out).toContain('limity KSeF pozwalają');
  });

  it('KSeF unreachable during --refresh → UNKNOWN naming what was not checked', async () => {
    w.sim.faults.add({path: '/auth/challenge', status: 503});
    try {
      const r = await cli(w, ['check', '--refresh', '--owner', 'branch:ODDZIAL1'], {env: {KSEF_CERTS_TIMEOUT_MS: '2000'}});
      expect(r.code).toBe(3);
      expect(first(r.out)).toMatch(/^KSEF-CERTS UNKNOWN - .*nie sprawdzono: statusy i limity KSeF, środowisko D: /);
    } finally {
      w.sim.faults.clear();
    }
  });
});
