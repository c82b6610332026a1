// `ksef-certs revoke` end to end against the simulator (via --api), then `list` shows the new status.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {CertificateRecord} from '../../src/domain/index.js';
import {makeCertWorld, type CertWorld} from '../helpers/revoke-world.js';
import {cli} from '../helpers/cli-run.js';

let w: CertWorld;
let login: CertificateRecord;
let victim: CertificateRecord;
let company: CertificateRecord;

beforeAll(async () => {
  w = await makeCertWorld();
  login = await w.enroll({type: 'A', name: 'Logowanie'});
  victim = await w.enroll({type: 'O', name: 'Do unieważnienia'});
  company = await w.enroll({type: 'A', owner: {kind: 'company'}, name: 'Firma A'});
});
afterAll(() => w?.cleanup());

describe('ksef-certs revoke', () => {
  it('without --yes and without a terminal it refuses (exit 1); bad reason is a usage error', async () => {
    const r = await cli(w, ['revoke', victim.serial!, '--reason', 'Superseded'], {as: 'operator'});
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/potwierdź je opcją --yes/);
    expect((await cli(w, ['revoke', victim.serial!, '--reason', 'Zgubiony', '--yes'])).code).toBe(2);
    expect((await w.store.getCertificate(victim.id))!.state).toBe('issued');
  });

  it('answering N on the terminal cancels', async () => {
    const r = await cli(w, ['revoke', victim.serial!, '--reason', 'Superseded'], {as: 'operator', stdinTty: true, input: 'N\n'});
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Anulowano/);
    expect((await w.store.getCertificate(victim.id))!.state).toBe('issued');
  });

  it('an ordinary operator cannot revoke the company certificate', async () => {
    const r = await cli(w, ['revoke', company.serial!, '--reason', 'Unspecified', '--yes'], {as: 'operator'});
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Brak uprawnień: operator JKOWALSKI nie może unieważnić/);
  });

  it('revokes through KSeF with --yes; list then shows it as unieważniony and KSeF agrees', async () => {
    const r = await cli(w, ['revoke', victim.serial!, '--reason', 'Superseded', '--yes', '--json'], {as: 'operator'});
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.state).toBe('revoked');
    expect(doc.ksefStatus).toBe('Revoked');
    expect(doc.revocationReason).toBe('Superseded');
    const list = JSON.parse((await cli(w, ['list', '--json', '--status', 'unieważniony'])).out);
    expect(list.certificates.map((c: {serial: string}) => c.serial)).toEqual([victim.serial]);
    const again = await cli(w, ['revoke', victim.serial!, '--reason', 'Superseded', '--yes']);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/już unieważniony/);
  });
});
