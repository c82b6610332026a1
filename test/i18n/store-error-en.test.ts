// A store error rendered by the real CLI entry (`run`, as `ksef-certs` runs it) on a temp data folder: Polish by
// default, English under --lang en, with the same facts (file, reason, restore advice).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {run} from '../../src/cli/run.js';
import {createDemoStore, DEMO_CREDENTIALS, openStore} from '../../src/store/index.js';
import {userMessage} from '../../src/flows/errors.js';
import {makeT} from '../../src/i18n/index.js';
import {captureIo} from '../helpers/cli-io.js';
import {POLISH} from '../helpers/polish-lines.js';

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ksef-i18n-store-'));
});
afterAll(() => fs.rmSync(tmp, {recursive: true, force: true}));

const operator = DEMO_CREDENTIALS.operator;

async function cli(dir: string, args: string[]) {
  const x = captureIo({KSEF_CERTS_OPERATOR: operator.code, KSEF_CERTS_OPERATOR_PASSWORD: operator.password});
  const code = await run(['--data', dir, ...args], x);
  return {code, err: x.err()};
}

describe('store errors in the session language', () => {
  it('a damaged store.json: the CLI explains it in Polish by default and in English under --lang en', async () => {
    const dir = path.join(tmp, 'corrupt');
    await createDemoStore(dir);
    fs.writeFileSync(path.join(dir, 'store.json'), '{"schemaVersion": ');
    const pl = await cli(dir, ['list']);
    expect(pl.code).toBe(1);
    expect(pl.err).toMatch(/Plik magazynu .*store\.json jest uszkodzony \(.*\)\. Program go nie nadpisze\./);
    const en = await cli(dir, ['--lang', 'en', 'list']);
    expect(en.code).toBe(1);
    expect(en.err).toMatch(/The store file .*store\.json is damaged \(.*\)\. The program will not overwrite it\. (Close the program and restore|No backup in the store folder)/);
    expect(en.err).not.toMatch(POLISH);
  });

  it('a refused operator edit (weak password, nested rule messages) renders whole in English through userMessage', async () => {
    const dir = path.join(tmp, 'weak');
    await createDemoStore(dir);
    const store = await openStore(dir);
    const e = await store.upsertOperator({code: 'NEWOP', name: 'New', role: 'operator', branch: 'CENTRALA', password: 'short'}, 'ADMIN').catch((x: unknown) => x);
    expect(userMessage(e).text).toMatch(/^Hasło jest za słabe — brakuje: co najmniej 12 znaków, wielka litera, .*\.$/);
    expect(userMessage(e, makeT('en')).text).toMatch(/^The password is too weak — missing: at least 12 characters, an upper-case letter, .*\.$/);
  });
});
