// `ksef-certs audit`: newest first, filter by action, one JSON document, no secrets.
import {mkdtemp, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {CertificateRecord} from '../../src/domain/index.js';
import {DEMO_CREDENTIALS} from '../../src/store/index.js';
import {makeCertWorld, type CertWorld} from '../helpers/revoke-world.js';
import {cli} from '../helpers/cli-run.js';

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
});
