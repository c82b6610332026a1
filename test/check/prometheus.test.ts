// `check --prometheus FILE`: node_exporter textfile metrics, read back with an independent Prometheus text-format
// parser (parse-prometheus-text-format); label escaping; atomic replacement (no temp file left, old file replaced whole).
import fs from 'node:fs/promises';
import path from 'node:path';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {escapeLabel} from '../../src/flows/check/prometheus.js';
import {makeCheckWorld, NOW, type CheckWorld} from './helpers.js';

let w: CheckWorld;
beforeEach(async () => {
  w = await makeCheckWorld();
});
afterEach(() => w?.cleanup());

describe('--prometheus FILE', () => {
  it('days to expiry per certificate (owner/type/env/serial labels), counts per status, check status; parsed back', async () => {
    const a = await w.add({endsIn: 12.5, name: 'Firma "główny" \\ A', owner: {kind: 'company'}});
    const o = await w.add({endsIn: 400, type: 'O', env: 'P', owner: {kind: 'branch', code: 'ODDZIAL1'}, name: 'Linia1\nLinia2'});
    await w.add({endsIn: -10, owner: {kind: 'operator', code: 'JKOWALSKI'}, name: 'Stary'});
    await w.add({endsIn: 500, state: 'revoked', revokedAt: NOW.toISOString(), owner: {kind: 'operator', code: 'JKOWALSKI'}, type: 'O'});
    const file = path.join(w.root, 'ksef_certs.prom');
    await fs.writeFile(file, 'stale content\n');
    const inodeBefore = (await fs.stat(file)).ino;
    const r = await w.check(['--prometheus', file]);
    expect(r.code).toBe(2); // JKOWALSKI has no valid A (expired) nor O (revoked)
    expect(r.out).toContain(`Metryki Prometheus zapisano: ${file}`);
    const text = await fs.readFile(file, 'utf8');
    const families = new Map(parsePrometheusTextFormat(text).map((f) => [f.name, f]));
    const days = families.get('ksef_certs_days_to_expiry')!;
    expect(days.type).toBe('GAUGE');
    const bySerial = new Map(days.metrics.map((m) => [m.labels!.serial, m]));
    expect(bySerial.size).toBe(2); // active/waiting only
    expect(bySerial.get(a.serial!)!.labels).toEqual({owner: 'company', type: 'A', env: 'D', serial: a.serial, name: 'Firma "główny" \\ A', status: 'active'});
    expect(Number(bySerial.get(a.serial!)!.value)).toBe(12);
    expect(bySerial.get(o.serial!)!.labels).toMatchObject({owner: 'branch:ODDZIAL1', type: 'O', env: 'P', name: 'Linia1\nLinia2'});
    expect(Number(bySerial.get(o.serial!)!.value)).toBe(400);
    const notAfter = families.get('ksef_certs_not_after_timestamp_seconds')!.metrics.find((m) => m.labels!.serial === a.serial)!;
    expect(Number(notAfter.value)).toBe(Math.floor(new Date(a.validTo!).getTime() / 1000));
    const counts = Object.fromEntries(families.get('ksef_certs_certificates')!.metrics.map((m) => [m.labels!.status, Number(m.value)]));
    expect(counts).toEqual({active: 2, waiting: 0, expired: 1, revoked: 1, pending: 0, failed: 0});
    expect(Number(families.get('ksef_certs_check_status')!.metrics[0].value)).toBe(2);
    const findings = Object.fromEntries(families.get('ksef_certs_findings')!.metrics.map((m) => [m.labels!.severity, Number(m.value)]));
    expect(findings).toEqual({warning: 1, critical: 2});
    expect(Number(families.get('ksef_certs_last_check_timestamp_seconds')!.metrics[0].value)).toBe(NOW.getTime() / 1000);
    // Escaping as the text format demands, and no temp file left behind.
    expect(text).toContain('name="Firma \\"główny\\" \\\\ A"');
    expect(text).toContain('name="Linia1\\nLinia2"');
    expect(await fs.readdir(w.root)).toEqual(expect.not.arrayContaining([expect.stringMatching(/\.tmp$/)]));
    // Replaced by rename (a new inode), never rewritten in place where the collector could read half of it.
    expect((await fs.stat(file)).ino).not.toBe(inodeBefore);
  });

  it('escapeLabel: backslash, double quote and line feed', () => {
    expect(escapeLabel('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
  });

  it('an unwritable target is reported as UNKNOWN', async () => {
    await w.add({endsIn: 200});
    const r = await w.check(['--prometheus', path.join(w.root, 'no-such-dir', 'x.prom')]);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/^KSEF-CERTS UNKNOWN - nie sprawdzono: --prometheus .*x\.prom: Nie znaleziono pliku/);
  });
});
