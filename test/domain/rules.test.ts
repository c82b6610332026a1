import {describe, expect, it} from 'vitest';
import {
  checkCertificateName, displayStatus, expiryLevel, hasControlChars, isPasswordStrong, parseDate, parseOwner,
  passwordProblems, qrDate, warsawDate, type CertificateRecord,
} from '../../src/domain/index.js';

describe('password policy (≥ 12, upper, lower, digit, special)', () => {
  it('lists every rule a weak password breaks', () => {
    expect(passwordProblems('')).toEqual(['length', 'upper', 'lower', 'digit', 'special']);
    expect(passwordProblems('abcdefghijkl')).toEqual(['upper', 'digit', 'special']);
    expect(passwordProblems('Abcdefghij1!')).toEqual([]);
    expect(passwordProblems('Abcdefghi1!')).toEqual(['length']);
    expect(passwordProblems('ŻÓŁWIE-zółwie-7')).toEqual([]);
    expect(passwordProblems('Abcdefgh ij1k')).toEqual(['special']);
  });
  it('accepts the demo password and the Taxpayer App sample password', () => {
    expect(isPasswordStrong('Demo2026!ksef')).toBe(true);
    expect(isPasswordStrong('ADadADad12!@adadad')).toBe(true);
  });
});

describe('certificate name (API regex, 5-100)', () => {
  it('accepts Polish letters but flags names the MCU UI would not accept', () => {
    expect(checkCertificateName('Certyfikat-Auth-004')).toEqual({ok: true, notPortable: false});
    expect(checkCertificateName('Księgowość oddział')).toEqual({ok: true, notPortable: true});
  });
  it('rejects too short, too long and forbidden characters', () => {
    expect(checkCertificateName('abcd').problem).toBe('tooShort');
    expect(checkCertificateName('a'.repeat(101)).problem).toBe('tooLong');
    expect(checkCertificateName('Cert/2026!').problem).toBe('badChars');
    expect(checkCertificateName('Cert\u0007name').problem).toBe('badChars');
    expect(hasControlChars('a\u001bb')).toBe(true);
  });
});

describe('dates', () => {
  it('parses real calendar days only', () => {
    expect(parseDate('2026-02-28')?.toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(parseDate('2026-02-30')).toBeUndefined();
    expect(parseDate('2028-02-29')).toBeDefined();
    expect(parseDate('26-02-01')).toBeUndefined();
    expect(qrDate('2026-02-01')).toBe('01-02-2026');
  });
  it('uses the Warsaw calendar day', () => {
    expect(warsawDate(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(warsawDate(new Date('2026-12-31T22:30:00Z'))).toBe('2026-12-31');
  });
});

describe('owners', () => {
  it('parses the CLI owner syntax', () => {
    expect(parseOwner('company')).toEqual({kind: 'company'});
    expect(parseOwner('branch:centrala')).toEqual({kind: 'branch', code: 'CENTRALA'});
    expect(parseOwner('operator:ADMIN')).toEqual({kind: 'operator', code: 'ADMIN'});
    expect(parseOwner('operator:')).toBeUndefined();
    expect(parseOwner('someone')).toBeUndefined();
  });
});

describe('display status and expiry level', () => {
  const base: CertificateRecord = {
    id: '1', owner: {kind: 'company'}, name: 'Firma A', type: 'A', env: 'D', mode: 'B', state: 'issued', keyPem: '',
    keyAlgorithm: 'EC-P256', source: 'generated', createdAt: '2026-01-01T00:00:00Z', createdBy: 'ADMIN',
    validFrom: '2026-01-01T00:00:00Z', validTo: '2028-01-01T00:00:00Z',
  };
  const now = new Date('2026-11-24T12:00:00Z');
  it('derives aktywny / oczekujący / wygasły / unieważniony / w trakcie wydawania', () => {
    expect(displayStatus(base, now)).toBe('active');
    expect(displayStatus({...base, validFrom: '2027-01-01T00:00:00Z'}, now)).toBe('waiting');
    expect(displayStatus({...base, validTo: '2026-11-01T00:00:00Z'}, now)).toBe('expired');
    expect(displayStatus({...base, state: 'revoked'}, now)).toBe('revoked');
    expect(displayStatus({...base, state: 'pending'}, now)).toBe('pending');
  });
  it('colours by days left', () => {
    expect(expiryLevel(31)).toBe('ok');
    expect(expiryLevel(30)).toBe('soon');
    expect(expiryLevel(7)).toBe('urgent');
    expect(expiryLevel(-1)).toBe('urgent');
  });
});
