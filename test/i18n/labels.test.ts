// Statuses, owner kinds and audit actions have names in both languages; the CLI accepts either when filtering.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {run} from '../../src/cli/run.js';
import {createDemoStore, DEMO_CREDENTIALS} from '../../src/store/index.js';
import {makeT} from '../../src/i18n/index.js';
import {AUDIT_ACTIONS, AUDIT_ACTION_PL, DISPLAY_STATUSES, STATUS_LABEL_PL, alertLines, auditActionLabel, daysText, ownerText, parseAuditAction, parseStatus, statusLabel} from '../../src/flows/list-view.js';
import {captureIo} from '../helpers/cli-io.js';
import {POLISH} from '../helpers/polish-lines.js';

const en = makeT('en');
const pl = makeT('pl');

describe('names of statuses and audit actions', () => {
  it('every status and action has an English name of its own; the Polish tables still read the same', () => {
    for (const s of DISPLAY_STATUSES) expect(statusLabel(en, s)).not.toMatch(POLISH);
    for (const a of AUDIT_ACTIONS) expect(auditActionLabel(en, a)).not.toMatch(POLISH);
    expect(statusLabel(en, 'revoked')).toBe('revoked');
    expect(auditActionLabel(en, 'revoke')).toBe('revocation');
    expect(STATUS_LABEL_PL.revoked).toBe('unieważniony');
    expect(AUDIT_ACTION_PL.ksefLogin).toBe('logowanie do KSeF');
    expect(ownerText({kind: 'branch', code: 'CENTRALA'}, en)).toBe('branch CENTRALA');
    expect(ownerText({kind: 'branch', code: 'CENTRALA'})).toBe('oddział CENTRALA');
    expect([daysText(0, en), daysText(1, en), daysText(5, en), daysText(5)]).toEqual(['last day', '1 day', '5 days', '5 dni']);
    expect(alertLines({expiring: [], missing: [{owner: {kind: 'company'}, type: 'A', env: 'D'}]}, 3, en)).toEqual(['No valid certificate: company (type A, D).']);
    expect(alertLines({expiring: [], missing: [{owner: {kind: 'company'}, type: 'A', env: 'D'}]}, 3, pl)).toEqual(['Brak ważnego certyfikatu: firma (typ A, D).']);
  });

  it('parses an action or a status from its id or its name in either language, with or without diacritics', () => {
    for (const w of ['revoke', 'REVOKE', 'unieważnienie', 'uniewaznienie', 'revocation']) expect(parseAuditAction(w), w).toBe('revoke');
    for (const w of ['ksefLogin', 'logowanie do KSeF', 'KSeF login']) expect(parseAuditAction(w), w).toBe('ksefLogin');
    expect(parseAuditAction('KOD II')).toBe('qrSign');
    expect(parseAuditAction('nic')).toBeUndefined();
    for (const w of ['expired', 'wygasły', 'wygasly', 'Wygasły']) expect(parseStatus(w), w).toBe('expired');
    for (const w of ['waiting', 'oczekujący', 'oczekujacy', 'oczekujący (Z)', 'waiting (Z)']) expect(parseStatus(w), w).toBe('waiting');
    for (const w of ['failed', 'odrzucony', 'rejected']) expect(parseStatus(w), w).toBe('failed');
  });
});

describe('the CLI filters by either language', () => {
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ksef-i18n-labels-'));
    await createDemoStore(dir);
  });
  afterAll(() => fs.rmSync(dir, {recursive: true, force: true}));

  async function cli(args: string[]) {
    const x = captureIo({KSEF_CERTS_OPERATOR: DEMO_CREDENTIALS.admin.code, KSEF_CERTS_OPERATOR_PASSWORD: DEMO_CREDENTIALS.admin.password});
    const code = await run(['--data', dir, ...args], x);
    return {code, out: x.out(), err: x.err()};
  }

  it('audit --action takes the Polish or the English name of an action', async () => {
    for (const name of ['logowanie', 'login']) {
      const r = await cli(['audit', '--json', '--action', name]);
      expect(r.code, r.err).toBe(0);
      const doc = JSON.parse(r.out) as {count: number; events: {action: string}[]};
      expect(doc.count).toBeGreaterThan(0);
      expect(new Set(doc.events.map(e => e.action))).toEqual(new Set(['login']));
    }
  });

  it('list --status takes a Polish or an English status; an unknown one is a usage error', async () => {
    for (const status of ['aktywny', 'active', 'unieważniony', 'revoked']) {
      const r = await cli(['list', '--json', '--status', status]);
      expect(r.code, `${status}: ${r.err}`).toBe(0);
      expect(JSON.parse(r.out)).toMatchObject({count: 0});
    }
    expect((await cli(['list', '--status', 'nic'])).code).toBe(2);
  });
});
