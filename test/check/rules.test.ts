// Pure rules of `check`: KSeF-limit thresholds, the plan's limit verdict, the de-duplication decision, the state order.
import {describe, expect, it} from 'vitest';
import {dueFindings} from '../../src/flows/check/alert-state.js';
import {limitFindings, type Finding, type KsefLimits} from '../../src/flows/check/findings.js';
import {renewalPlan} from '../../src/flows/check/plan.js';
import {checkState} from '../../src/flows/check/text.js';
import {buildRows} from '../../src/flows/list-view.js';
import type {CertificateRecord} from '../../src/domain/index.js';

const limits = (enr: number, cert: number, canRequest = true): KsefLimits => ({
  canRequest, enrollment: {remaining: enr, limit: 300}, certificate: {remaining: cert, limit: 100},
});

describe('limitFindings', () => {
  it('more than 10 % left → nothing; ≤ 10 % → warning; none left or canRequest false → critical', () => {
    expect(limitFindings('D', limits(31, 11))).toEqual([]);
    expect(limitFindings('D', limits(30, 10)).map((f) => [f.limitKind, f.severity])).toEqual([['enrollment', 'warning'], ['certificate', 'warning']]);
    expect(limitFindings('P', limits(200, 0)).map((f) => [f.id, f.severity])).toEqual([['limits:P:certificate', 'critical']]);
    expect(limitFindings('T', limits(200, 50, false)).map((f) => [f.limitKind, f.severity])).toEqual([['enrollment', 'critical']]);
    // A small limit (PESEL: 6 certificates) warns at 1 left, not at once.
    expect(limitFindings('D', {canRequest: true, enrollment: {remaining: 12, limit: 12}, certificate: {remaining: 2, limit: 6}})).toEqual([]);
    expect(limitFindings('D', {canRequest: true, enrollment: {remaining: 12, limit: 12}, certificate: {remaining: 1, limit: 6}})).toHaveLength(1);
  });
});

describe('renewalPlan limit verdict', () => {
  const now = new Date('2027-06-01T00:00:00Z');
  const rec = (i: number, env: 'D' | 'P'): CertificateRecord => ({
    id: `r${i}`, owner: {kind: 'branch', code: `B${i}`}, name: `Cert ${i}`, type: 'O', env, mode: 'B', state: 'issued', serial: `000000000000000${i}`,
    keyPem: '', keyAlgorithm: 'EC-P256', validFrom: '2025-06-10T00:00:00Z', validTo: '2027-06-10T00:00:00Z', source: 'imported', createdAt: '', createdBy: 'ADMIN',
  });
  it('all successors of an environment must fit: 2 needed, 1 certificate left → not allowed', () => {
    const rows = buildRows([rec(1, 'D'), rec(2, 'D'), rec(3, 'P')], now);
    const plan = renewalPlan(rows, 30, new Map([['D', limits(10, 1)], ['P', limits(10, 1)]]));
    expect(plan.map((p) => [p.env, p.limitsAllow])).toEqual([['D', false], ['D', false], ['P', true]]);
    expect(plan[0].create!.command).toContain('--signed auth-signed.xml'); // no type-A certificate of that owner
    expect(plan[0].create!.validFrom).toBe('2027-06-10');
  });
});

describe('dueFindings', () => {
  const f = (severity: Finding['severity']): Finding => ({id: 'expiring:x', kind: 'expiring', severity});
  const now = new Date('2027-06-01T12:00:00Z');
  it('new → sent; same severity → silent until repeat-hours; worse → sent; better → silent', () => {
    expect(dueFindings([f('warning')], undefined, 'mail', 24, now)).toEqual([{finding: f('warning'), reason: 'new'}]);
    const sent = [{channel: 'mail' as const, finding: 'expiring:x', severity: 'warning' as const, sentAt: '2027-06-01T00:00:00Z'}];
    expect(dueFindings([f('warning')], sent, 'mail', 24, now)).toEqual([]);
    expect(dueFindings([f('warning')], sent, 'mail', 12, now)).toEqual([{finding: f('warning'), reason: 'repeat'}]);
    expect(dueFindings([f('warning')], sent, 'mail', 0, new Date('2030-01-01'))).toEqual([]);
    expect(dueFindings([f('critical')], sent, 'mail', 24, now)).toEqual([{finding: f('critical'), reason: 'worse'}]);
    expect(dueFindings([f('warning')], [{...sent[0], severity: 'critical'}], 'mail', 24, now)).toEqual([]);
    // Another channel has its own state.
    expect(dueFindings([f('warning')], sent, 'webhook', 24, now)).toHaveLength(1);
  });
});

describe('checkState', () => {
  const w: Finding = {id: 'a', kind: 'expiring', severity: 'warning'};
  const c: Finding = {id: 'b', kind: 'missing', severity: 'critical'};
  it('CRITICAL > UNKNOWN (not checked / not delivered) > WARNING > OK', () => {
    expect(checkState([], 0, 0)).toBe('OK');
    expect(checkState([w], 0, 0)).toBe('WARNING');
    expect(checkState([w], 0, 1)).toBe('UNKNOWN');
    expect(checkState([], 1, 0)).toBe('UNKNOWN');
    expect(checkState([w, c], 1, 1)).toBe('CRITICAL');
  });
});
