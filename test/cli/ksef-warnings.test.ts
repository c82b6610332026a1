// X-System-Warning is never dropped: `ksef-certs login --cert` prints it on stderr (Polish / English) and writes it
// to the audit log with the call that received it — in-process CLI against the simulator over loopback.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {makeCertWorld, type CertWorld} from '../helpers/revoke-world.js';
import {cli} from '../helpers/cli-run.js';

let w: CertWorld;
let serial: string;
beforeAll(async () => {
  w = await makeCertWorld();
  serial = (await w.enroll({type: 'A'})).serial!;
}, 60_000);
afterAll(() => w?.cleanup());

describe('KSeF warnings in the CLI', () => {
  it('stderr shows each warning, the audit log records it with the operation; English under --lang en', async () => {
    w.sim.faults.add({path: '/auth/challenge$', warning: '[sim-003]: Zażółć gęślą \x1b[2J jaźń', times: 1});
    const r = await cli(w, ['login', '--cert', serial], {as: 'operator'});
    expect(r.code, r.err).toBe(0);
    // Folded by "KSeF" (the simulator), no escape character reaches the terminal.
    expect(r.err).toContain('Ostrzeżenie KSeF: [sim-003]: Zazolc gesla ?[2J jazn');
    expect(r.err).not.toContain('\x1b');
    const audit = (await w.store.listAudit()).filter((e) => e.action === 'ksefWarning');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({operator: w.operator.code, details: 'POST /auth/challenge: [sim-003]: Zazolc gesla ?[2J jazn'});

    w.sim.faults.add({path: '/auth/xades-signature$', warning: '[sig-001]: Format podpisu', times: 1});
    const en = await cli(w, ['--lang', 'en', 'login', '--cert', serial], {as: 'operator'});
    expect(en.err).toContain('KSeF warning: [sig-001]: Format podpisu');
    expect((await w.store.listAudit()).filter((e) => e.action === 'ksefWarning').map((e) => e.details)).toContain('POST /auth/xades-signature: [sig-001]: Format podpisu');
  });
});
