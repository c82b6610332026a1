// Start dates of a new certificate are bounded by one domain rule used by the form and the CLI: a real day, not in
// the past, at most MAX_START_AHEAD_DAYS ahead in mode B, not after the predecessor's end in mode Z.
// `generate --valid-from 9999-12-31` is refused before anything is sent to KSeF.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {run} from '../../src/cli/run.js';
import {DAY_MS, MAX_START_AHEAD_DAYS, startDateProblem, warsawDate, type CertificateRecord} from '../../src/domain/index.js';
import {dateError} from '../../src/flows/generate.js';
import {DEMO_CREDENTIALS} from '../../src/store/index.js';
import {captureIo} from '../helpers/cli-io.js';
import {makeWorld, type World} from '../helpers/import-fixtures.js';

const NOW = new Date('2026-06-15T10:00:00Z');
const day = (offset: number) => warsawDate(new Date(NOW.getTime() + offset * DAY_MS));

describe('startDateProblem (domain rule)', () => {
  it('accepts today up to the horizon; refuses the past, a non-day, the far future and 9999-12-31', () => {
    expect(startDateProblem(day(0), NOW)).toBeUndefined();
    expect(startDateProblem(day(MAX_START_AHEAD_DAYS), NOW)).toBeUndefined();
    expect(startDateProblem(day(MAX_START_AHEAD_DAYS + 1), NOW)).toBe('tooFar');
    expect(startDateProblem('9999-12-31', NOW)).toBe('tooFar');
    expect(startDateProblem(day(-1), NOW)).toBe('past');
    expect(startDateProblem('2026-02-30', NOW)).toBe('format');
    expect(dateError('9999-12-31', NOW)).toMatch(/zbyt odległa: najpóźniej \d{4}-\d\d-\d\d \(90 dni od dziś\)/);
  });

  it('mode Z: up to the predecessor end (even beyond the B horizon), never after it', () => {
    const end = new Date(NOW.getTime() + 200 * DAY_MS);
    expect(startDateProblem(warsawDate(end), NOW, end)).toBeUndefined();
    expect(startDateProblem(day(201), NOW, end)).toBe('afterPredecessor');
    expect(dateError(day(201), NOW, end)).toMatch(/późniejsza niż koniec ważności poprzednika/);
  });
});

let w: World;
beforeAll(async () => {
  w = await makeWorld('ksef-start-date-');
  const now = Date.now();
  const pred: CertificateRecord = {
    id: 'pred', owner: {kind: 'company'}, name: 'Firma A biezacy', type: 'A', env: 'D', mode: 'B', state: 'issued', serial: '00000000000000C1',
    keyPem: '', keyAlgorithm: 'EC-P256', validFrom: new Date(now - 100 * DAY_MS).toISOString(), validTo: new Date(now + 20 * DAY_MS).toISOString(),
    source: 'imported', createdAt: new Date(now).toISOString(), createdBy: 'ADMIN',
  };
  await w.store.addCertificate(pred);
});
afterAll(() => w?.cleanup());

async function generate(extra: string[]) {
  const x = captureIo({KSEF_CERTS_OPERATOR: DEMO_CREDENTIALS.admin.code, KSEF_CERTS_OPERATOR_PASSWORD: DEMO_CREDENTIALS.admin.password});
  const pw = w.write('pw.txt', 'Haslo-Klucza-2026!\n');
  // No KSeF behind this --api: a request that got past the rules would fail on the connection instead.
  const code = await run(['--data', w.dataDir, '--api', 'http://127.0.0.1:9/demo/v2', 'generate', '--owner', 'company', '--env', 'D', '--type', 'A',
    '--name', 'Firma nowy', '--key-password-file', pw, '--signed', w.file('nie-ma.xml'), ...extra], x);
  return {code, out: x.out(), err: x.err()};
}

describe('ksef-certs generate --valid-from', () => {
  it('9999-12-31 is refused with a Polish message before KSeF is asked; nothing is stored', async () => {
    const before = (await w.store.listCertificates()).length;
    const r = await generate(['--valid-from', '9999-12-31']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Data rozpoczęcia ważności 9999-12-31 jest zbyt odległa/);
    expect((await w.store.listCertificates()).length).toBe(before);
  });

  it('mode Z after the predecessor end is refused', async () => {
    const r = await generate(['--mode', 'Z', '--valid-from', warsawDate(new Date(Date.now() + 40 * DAY_MS))]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Tryb Z: data rozpoczęcia ważności .* późniejsza niż koniec ważności poprzednika/);
  });
});
