import {describe, expect, it} from 'vitest';
import {currentForSuccession, selectCertificate, type CertificateRecord, type Owner} from '../../src/domain/index.js';

let n = 0;
const rec = (owner: Owner, type: 'A' | 'O', from: string, to: string, extra: Partial<CertificateRecord> = {}): CertificateRecord => ({
  id: String(++n), owner, name: `cert ${n}`, type, env: 'D', mode: 'B', state: 'issued', keyPem: '', keyAlgorithm: 'EC-P256',
  source: 'generated', createdAt: from, createdBy: 'ADMIN', validFrom: from, validTo: to, ...extra,
});
const op = {code: 'JKOWALSKI', branch: 'CENTRALA'};

describe('certificate selector (operator → branch → company, B/Z)', () => {
  const company = rec({kind: 'company'}, 'A', '2025-01-01T00:00:00Z', '2027-01-01T00:00:00Z');
  const branch = rec({kind: 'branch', code: 'CENTRALA'}, 'A', '2025-06-01T00:00:00Z', '2026-12-10T00:00:00Z');
  const successor = rec({kind: 'branch', code: 'CENTRALA'}, 'A', '2026-12-10T00:00:00Z', '2028-12-10T00:00:00Z', {mode: 'Z', predecessorId: branch.id});
  const offline = rec({kind: 'operator', code: 'JKOWALSKI'}, 'O', '2025-01-01T00:00:00Z', '2027-01-01T00:00:00Z');
  const all = [company, branch, successor, offline];

  it('prefers the branch over the company and ignores other types', () => {
    expect(selectCertificate(all, op, 'A', 'D', new Date('2026-11-24T00:00:00Z'))?.id).toBe(branch.id);
    expect(selectCertificate(all, op, 'O', 'D', new Date('2026-11-24T00:00:00Z'))?.id).toBe(offline.id);
  });
  it('switches to the Z successor when the current one expires (fake clock)', () => {
    expect(selectCertificate(all, op, 'A', 'D', new Date('2026-12-09T23:59:59Z'))?.id).toBe(branch.id);
    expect(selectCertificate(all, op, 'A', 'D', new Date('2026-12-10T00:00:01Z'))?.id).toBe(successor.id);
  });
  it('falls back to the company when the branch has nothing valid, and to nothing for another env', () => {
    const revoked = [company, {...branch, state: 'revoked' as const}];
    expect(selectCertificate(revoked, op, 'A', 'D', new Date('2026-11-24T00:00:00Z'))?.id).toBe(company.id);
    expect(selectCertificate(all, op, 'A', 'P', new Date('2026-11-24T00:00:00Z'))).toBeUndefined();
    expect(selectCertificate(all, op, 'A', 'D', new Date('2029-01-01T00:00:00Z'))).toBeUndefined();
  });
  it('names the certificate a successor follows', () => {
    const now = new Date('2026-11-24T00:00:00Z');
    expect(currentForSuccession(all, {kind: 'branch', code: 'CENTRALA'}, 'A', 'D', now)?.id).toBe(successor.id);
    expect(currentForSuccession([company, branch], {kind: 'branch', code: 'CENTRALA'}, 'A', 'D', now)?.id).toBe(branch.id);
  });
});
