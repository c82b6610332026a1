// Latarnia (KSeF status service) in the simulator over HTTP, `ksef-certs status`, and the warning a KSeF flow
// prints first during maintenance or a failure.
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {makeCertWorld, type CertWorld} from '../helpers/revoke-world.js';
import {cli} from '../helpers/cli-run.js';
import {simAdmin} from '../helpers/simulator.js';

let w: CertWorld;
beforeAll(async () => {
  w = await makeCertWorld();
}, 60_000);
afterAll(() => w?.cleanup());

const get = async (env: 'TEST' | 'DEMO', what: 'status' | 'messages') => (await fetch(`${w.sim.latarniaBase(env)}/${what}`)).json() as Promise<unknown>;

describe('Latarnia in the simulator', () => {
  it('AVAILABLE by default; outages with their announcement; stale messages only in /messages', async () => {
    expect(await get('TEST', 'status')).toEqual({status: 'AVAILABLE', messages: []});
    for (const status of ['MAINTENANCE', 'FAILURE', 'TOTAL_FAILURE'] as const) {
      expect((await simAdmin(w.sim, 'latarnia', {env: 'TEST', status})).status).toBe(204);
      const s = (await get('TEST', 'status')) as {status: string; messages: Array<{category: string; type: string; title: string; end: string | null}>};
      expect(s.status).toBe(status);
      expect(s.messages).toHaveLength(1);
      expect(s.messages[0]).toMatchObject({category: status, type: status === 'MAINTENANCE' ? 'MAINTENANCE_ANNOUNCEMENT' : 'FAILURE_START'});
    }
    w.sim.setKsefStatus('TEST', {status: 'AVAILABLE', stale: true});
    expect(await get('TEST', 'status')).toEqual({status: 'AVAILABLE', messages: []});
    const all = (await get('TEST', 'messages')) as Array<{type: string; end: string}>;
    expect(all.map((m) => m.type)).toEqual(['FAILURE_START', 'FAILURE_END']);
    expect(Date.parse(all[1].end)).toBeLessThan(Date.now());
    expect(await get('DEMO', 'status')).toEqual({status: 'AVAILABLE', messages: []});
    expect((await simAdmin(w.sim, 'latarnia', {env: 'TEST', status: 'BROKEN'})).status).toBe(400);
    w.sim.setKsefStatus('TEST', {status: 'AVAILABLE'});
  });
});

describe('ksef-certs status', () => {
  it('prints each environment (pl/en, --json); a failure is shown with its title; generate warns first and still works', async () => {
    const ok = await cli(w, ['status', '--env', 'D']);
    expect([ok.code, ok.out.trim()]).toEqual([0, 'DEMO: dostępny']);
    w.sim.setKsefStatus('DEMO', {status: 'FAILURE', title: 'Awaria modułu certyfikatów'});
    const down = await cli(w, ['status', '--env', 'D']);
    expect(down.out.trim()).toBe('DEMO: awaria — Awaria modułu certyfikatów');
    const en = await cli(w, ['--lang', 'en', 'status', '--env', 'D', '--json']);
    expect(JSON.parse(en.out)).toMatchObject([{env: 'DEMO', state: 'FAILURE', messages: [{title: 'Awaria modułu certyfikatów'}]}]);
    expect((await cli(w, ['status', '--env', 'X'])).code).toBe(2);

    const authCert = (await w.enroll({type: 'A', owner: {kind: 'company'}})).serial!;
    const pw = path.join(w.root, 'haslo.txt');
    fs.writeFileSync(pw, 'Haslo-Kopii-2026!\n', {mode: 0o600});
    const gen = await cli(w, ['generate', '--owner', 'company', '--env', 'D', '--type', 'O', '--name', 'Offline w awarii', '--key-password-file', pw, '--auth-cert', authCert]);
    expect(gen.err).toContain('Uwaga: KSeF (DEMO) zgłasza: awaria — Awaria modułu certyfikatów.');
    expect(gen.code, gen.err).toBe(0);
    w.sim.setKsefStatus('DEMO', {status: 'AVAILABLE'});
    const quiet = await cli(w, ['generate', '--owner', 'company', '--env', 'D', '--type', 'O', '--name', 'Offline bez awarii', '--key-password-file', pw, '--auth-cert', authCert]);
    expect(quiet.err).not.toContain('Uwaga: KSeF');
  });
});
