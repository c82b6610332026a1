// The list's cached Warsaw date (one ICU lookup per UTC day) must equal warsawDate for every instant, DST days included.
import {describe, expect, it} from 'vitest';
import {warsawDate} from '../../src/domain/index.js';
import {listDate, toRow} from '../../src/flows/list-view.js';

describe('listDate', () => {
  it('equals warsawDate every 20 minutes across the 2026 DST changes and around midnight', () => {
    const hits: string[] = [];
    for (const [from, to] of [['2026-03-27T00:00:00Z', '2026-04-01T00:00:00Z'], ['2026-10-23T00:00:00Z', '2026-10-28T00:00:00Z']]) {
      for (let ms = Date.parse(from); ms < Date.parse(to); ms += 20 * 60_000) {
        const at = new Date(ms);
        expect(listDate(at), at.toISOString()).toBe(warsawDate(at));
        hits.push(listDate(at));
      }
    }
    expect(listDate(new Date('2026-07-01T21:59:59.999Z'))).toBe('2026-07-01');
    expect(listDate(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
    expect(listDate(new Date('2026-01-01T22:59:59Z'))).toBe('2026-01-01');
    expect(listDate(new Date('2026-01-01T23:00:00Z'))).toBe('2026-01-02');
    expect(new Set(hits).size).toBeGreaterThan(8);
  });

  it('equals warsawDate for random instants from 1900 to 2100', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 3000; i++) {
      const at = new Date(Date.UTC(1900, 0, 1) + rnd() * 200 * 365.25 * 86_400_000);
      expect(listDate(at), at.toISOString()).toBe(warsawDate(at));
    }
  });

  it('gives list rows the Warsaw dates of their validity', () => {
    const rec = {id: 'x', name: 'n', type: 'A', env: 'T', state: 'issued', owner: {kind: 'company'}, serial: 'S',
      validFrom: '2026-03-28T23:30:00Z', validTo: '2027-03-20T22:30:00Z'} as never;
    const row = toRow(rec, new Date('2026-05-01T00:00:00Z'));
    expect([row.validFrom, row.validTo]).toEqual(['2026-03-29', '2027-03-20']);
  });
});
