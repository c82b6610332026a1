// Error parsing and the Polish message table, checked against the codes the contract actually declares.
import {renderPl} from '../../src/i18n/index.js';
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {
  AUTH_STATUS_MESSAGES,
  ENROLLMENT_STATUS_MESSAGES,
  EXCEPTION_MESSAGES,
  httpError,
  parseErrorBody,
  parseRetryAfter,
  statusError,
  type Explanation,
} from '../../src/ksef/client/index.js';
import {samples} from '../helpers/fake-ksef.js';

const specText = readFileSync(new URL('../../contract/open-api.json', import.meta.url), 'utf8');
const spec = JSON.parse(specText) as {components: {schemas: Record<string, {properties: Record<string, {description?: string}>}>}};

/** Codes in the "| code | description |" tables of the spec. */
function tableCodes(text: string): number[] {
  return [...new Set([...text.matchAll(/\|\s*(\d{3,5})\s*\|/g)].map((m) => Number(m[1])))];
}

const POLISH = /[ąćęłńóśźż]/i;
/** A table entry rendered in Polish (the tables hold catalogue messages). */
const pl = (m: Explanation) => ({text: renderPl(m.text), hint: renderPl(m.hint)});

describe('Polish message table', () => {
  it('covers every exception code 9101–9105, 21001–21470, 25001–25011 declared in open-api.json', () => {
    const codes = tableCodes(specText).filter((c) => (c >= 9101 && c <= 9105) || (c >= 21001 && c <= 21470) || (c >= 25001 && c <= 25011));
    expect(codes.length).toBeGreaterThan(40);
    const missing = codes.filter((c) => !EXCEPTION_MESSAGES[c]);
    expect(missing).toEqual([]);
  });

  it('covers every failure status of GET /auth/{ref} and GET /certificates/enrollments/{ref}', () => {
    const s = spec.components.schemas;
    const auth = tableCodes(s.AuthenticationOperationStatusResponse.properties.status.description ?? '').filter((c) => c >= 300);
    const enr = tableCodes(s.CertificateEnrollmentStatusResponse.properties.status.description ?? '').filter((c) => c >= 300);
    expect(auth).toEqual(expect.arrayContaining([415, 425, 450, 460, 470, 480, 500, 550]));
    expect(auth.filter((c) => !AUTH_STATUS_MESSAGES[c])).toEqual([]);
    expect(enr.filter((c) => !ENROLLMENT_STATUS_MESSAGES[c])).toEqual([]);
  });

  it('every entry has a Polish description and a hint', () => {
    for (const m of [...Object.values(EXCEPTION_MESSAGES), ...Object.values(AUTH_STATUS_MESSAGES), ...Object.values(ENROLLMENT_STATUS_MESSAGES)].map(pl)) {
      expect(m.text.length).toBeGreaterThan(5);
      expect(m.hint.length).toBeGreaterThan(5);
      expect(m.text + m.hint).toMatch(POLISH);
    }
  });

  it('key hints say what to do', () => {
    expect(pl(EXCEPTION_MESSAGES[21111]).hint).toMatch(/nowy plik auth\.xml/);
    expect(pl(EXCEPTION_MESSAGES[21111]).text).toMatch(/10 minut/);
    expect(pl(EXCEPTION_MESSAGES[25007]).hint).toMatch(/Unieważnij nieużywany certyfikat/);
    expect(pl(EXCEPTION_MESSAGES[9105]).hint).toMatch(/enveloped.*SHA-256.*R‖S/s);
  });
});

describe('parseErrorBody', () => {
  it('legacy ExceptionResponse', () => {
    const p = parseErrorBody(JSON.stringify(samples.legacyError(21405, 'Błąd walidacji danych wejściowych.', ["'certificateName' ma nieprawidłowy format."])));
    expect(p.code).toBe(21405);
    expect(p.description).toBe('Błąd walidacji danych wejściowych.');
    expect(p.details).toEqual(["'certificateName' ma nieprawidłowy format."]);
    expect(p.serviceCode).toBe('00-c02c-00');
  });

  it('problem details 400 with several errors keeps them all', () => {
    const body = {...samples.problem400(25003, 'Dane w CSR nie zgadzają się.', ['CN różni się']), errors: [
      {code: 25003, description: 'Dane w CSR nie zgadzają się.', details: ['CN różni się']},
      {code: 25011, description: 'Nieprawidłowy algorytm podpisu CSR.'},
    ]};
    const p = parseErrorBody(JSON.stringify(body));
    expect(p.code).toBe(25003);
    expect(p.details).toEqual(['CN różni się', '25011: Nieprawidłowy algorytm podpisu CSR.', 'Żądanie jest nieprawidłowe.']);
    expect(p.traceId).toBe('trace-1');
  });

  it('legacy 429 body and non-JSON bodies', () => {
    expect(parseErrorBody(JSON.stringify({status: {code: 429, description: 'Too Many Requests', details: ['Spróbuj za 30 s']}})).details).toEqual(['Spróbuj za 30 s']);
    expect(parseErrorBody('<html>Bad gateway</html>').details).toEqual(['<html>Bad gateway</html>']);
    expect(parseErrorBody('').details).toEqual([]);
  });

  it('unknown code keeps KSeF description with a generic hint', () => {
    const e = httpError(400, JSON.stringify(samples.legacyError(99999, 'Coś nowego.')));
    expect(e.code).toBe(99999);
    expect(renderPl(e.msg)).toMatch(/^Coś nowego\. Co zrobić:/);
  });
});

describe('parseRetryAfter', () => {
  it('seconds, HTTP date, garbage', () => {
    expect(parseRetryAfter('30')).toBe(30);
    expect(parseRetryAfter(' 0 ')).toBe(0);
    const now = Date.parse('2026-01-01T10:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 10:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('Thu, 01 Jan 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});

describe('statusError', () => {
  it('auth 460 keeps KSeF details and the code', () => {
    const e = statusError('auth', {code: 460, description: 'Uwierzytelnianie zakończone niepowodzeniem z powodu błędu certyfikatu', details: ['Certyfikat odwołany']}, 'REF');
    expect(e.kind).toBe('status');
    expect(e.code).toBe(460);
    expect(renderPl(e.msg)).toMatch(/błędu certyfikatu.*Co zrobić:/);
    expect(e.details).toContain('Certyfikat odwołany');
    expect(e.referenceNumber).toBe('REF');
  });

  it('enrollment 400 picks the hint from the rejection reason', () => {
    const limit = statusError('enrollment', {code: 400, description: 'Wniosek odrzucony', details: ['Osiągnięto dopuszczalny limit posiadanych certyfikatów.']});
    expect(renderPl(limit.msg)).toMatch(/unieważnij nieużywany certyfikat/);
    const key = statusError('enrollment', {code: 400, description: 'Wniosek odrzucony', details: ['Klucz publiczny został już certyfikowany przez inny podmiot.']});
    expect(renderPl(key.msg)).toMatch(/wygeneruj nowy klucz/);
  });
});
