// CLI text output with hostile stored data: `list`, `show`, `audit` and error messages print control and bidi
// characters escaped; `--json` keeps the exact value (JSON escapes). Also: `list` shows full 40-hex serials that
// `show` accepts as printed.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {run} from '../../src/cli/run.js';
import {readImportFiles} from '../../src/flows/import.js';
import {DEMO_CREDENTIALS} from '../../src/store/index.js';
import type {CertificateRecord} from '../../src/domain/index.js';
import {captureIo} from '../helpers/cli-io.js';
import {ecPair, makeWorld, toMcuKey, type World} from '../helpers/import-fixtures.js';
import {CORPUS, expectInert, OSC_TITLE} from '../helpers/hostile.js';

let w: World;
const SERIAL = '7A3F0C1D2E4B5A69788796A5B4C3D2E1F0011223'; // 40 hex digits, as KSeF issues them
const KEY_FILE_NAME = `klucz${OSC_TITLE}.key`;
const ESCAPED_TITLE = '\\x1b]0;pwned\\x07';

async function cli(args: string[]) {
  const x = captureIo({KSEF_CERTS_OPERATOR: DEMO_CREDENTIALS.admin.code, KSEF_CERTS_OPERATOR_PASSWORD: DEMO_CREDENTIALS.admin.password});
  const code = await run(['--data', w.dataDir, ...args], x);
  return {code, out: x.out(), err: x.err()};
}

beforeAll(async () => {
  w = await makeWorld('ksef-cli-hostile-');
  const now = Date.now();
  const rec: CertificateRecord = {
    id: 'hostile-1', owner: {kind: 'company'}, name: CORPUS, type: 'A', env: 'T', mode: 'B', state: 'issued', serial: SERIAL,
    keyPem: '', keyAlgorithm: 'EC-P256', validFrom: new Date(now - 86400_000).toISOString(), validTo: new Date(now + 300 * 86400_000).toISOString(),
    source: 'imported', createdAt: new Date(now).toISOString(), createdBy: 'ADMIN',
  };
  await w.store.addCertificate(rec);
  // The case: a wrong password on a key file whose name sets the terminal title → audited with that name.
  const p = await ecPair(w, 'hostile');
  const keyFile = toMcuKey(w, p.keyFile, KEY_FILE_NAME);
  await expect(readImportFiles({crtPath: p.crtFile, keyPath: keyFile, password: 'zle'}, {store: w.store, operator: 'ADMIN', workstation: 'ws'})).rejects.toThrow();
});
afterAll(() => w?.cleanup());

describe('CLI text output of hostile strings', () => {
  it('list prints the name escaped and the full 40-hex serial; show accepts the serial as printed', async () => {
    const r = await cli(['list']);
    expect(r.code).toBe(0);
    expectInert(r.out + r.err);
    const line = r.out.split('\n').find((l) => l.includes(SERIAL)) ?? '';
    expect(line).toContain('A\\x1b]0;pwned');
    const printed = /\b([0-9A-F]{16,})\b/.exec(line)![1];
    expect(printed).toBe(SERIAL);
    const s = await cli(['show', printed]);
    expect(s.code).toBe(0);
    expectInert(s.out + s.err);
    expect(s.out).toContain(`Nr seryjny:        ${SERIAL}`);
    expect(s.out).toContain('\\u202e');
    expect(s.out).toContain('\\x9b2J');
  });

  it('audit shows the hostile key file name escaped', async () => {
    const r = await cli(['audit']);
    expect(r.code).toBe(0);
    expectInert(r.out + r.err);
    expect(r.out).toContain(`import: klucz${ESCAPED_TITLE}.key`);
  });

  it('an error message that repeats hostile input is escaped too', async () => {
    const r = await cli(['show', `X${OSC_TITLE}`]);
    expect(r.code).toBe(1);
    expectInert(r.out + r.err);
    expect(r.err.toLowerCase()).toContain(ESCAPED_TITLE); // the message upper-cases the serial it repeats
  });

  it('--json keeps the exact stored values (JSON escapes), with nothing raw on the terminal', async () => {
    const l = await cli(['list', '--json']);
    expectInert(l.out);
    expect(JSON.parse(l.out).certificates.find((c: {serial: string}) => c.serial === SERIAL).name).toBe(CORPUS);
    const s = await cli(['show', SERIAL, '--json']);
    expectInert(s.out);
    expect(JSON.parse(s.out).name).toBe(CORPUS);
    const a = await cli(['audit', '--json', '--action', 'passwordFailed']);
    expectInert(a.out);
    expect(JSON.parse(a.out).events[0].details).toBe(`import: ${KEY_FILE_NAME}`);
  });
});
