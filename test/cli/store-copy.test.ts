// "Beyond one server": `--store postgresql://…` / KSEF_CERTS_STORE, `--demo` on PostgreSQL, and `store copy --to`
// folder → database → folder, verified by counts and checksums, sealed keys still opening at the end.
import {generateKeyPairSync, randomUUID} from 'node:crypto';
import {mkdtemp, rm, stat} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {run} from '../../src/cli/run.js';
import {createDemoStore, DEMO_CREDENTIALS, openStore} from '../../src/store/index.js';
import {captureIo} from '../helpers/cli-io.js';
import {freshDatabase, pgUnavailable, stopOwnCluster} from '../helpers/pg.js';

const skip = pgUnavailable();
if (skip) console.warn(`\n!!! ${skip}\n`);
const dirs: string[] = [];
afterAll(async () => {
  await stopOwnCluster();
  await Promise.all(dirs.map((d) => rm(d, {recursive: true, force: true})));
});

async function tmp(): Promise<string> {
  const d = await mkdtemp(path.join(tmpdir(), 'ksef-copy-'));
  dirs.push(d);
  return d;
}

async function cli(args: string[], env: NodeJS.ProcessEnv = {}, who: {code: string; password: string} = DEMO_CREDENTIALS.admin) {
  const x = captureIo({KSEF_CERTS_OPERATOR: who.code, KSEF_CERTS_OPERATOR_PASSWORD: who.password, ...env});
  const code = await run(args, x);
  return {code, out: x.out(), err: x.err()};
}

describe.skipIf(skip)('store on PostgreSQL from the CLI', () => {
  it('--demo --store URL creates the demo store in the database; KSEF_CERTS_STORE selects it too', async () => {
    const url = await freshDatabase();
    const data = path.join(await tmp(), 'dane');
    const r = await cli(['--demo', '--store', url, '--data', data, 'list', '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({count: 0});
    expect((await stat(path.join(data, 'master.key'))).mode & 0o777).toBe(0o600);
    const viaEnv = await cli(['--data', data, 'audit', '--json'], {KSEF_CERTS_STORE: url});
    expect(viaEnv.code).toBe(0);
    expect(JSON.parse(viaEnv.out).events.map((e: {action: string}) => e.action)).toContain('login');
  });

  it('store copy: folder → PostgreSQL → folder, counts and checksums equal, keys still unseal; refusals are clear', async () => {
    const root = await tmp();
    const src = path.join(root, 'zrodlo');
    await createDemoStore(src);
    const s = await openStore(src);
    const {privateKey} = generateKeyPairSync('ec', {namedCurve: 'P-256'});
    await s.addCertificate({
      id: randomUUID(), owner: {kind: 'company'}, name: 'Firma — pieczęć', type: 'A', env: 'D', mode: 'B', state: 'issued',
      serial: '00AB12', keyPem: await s.sealKey(privateKey), keyAlgorithm: 'EC-P256', source: 'generated',
      createdAt: '2026-11-01T10:00:00.000Z', createdBy: 'ADMIN', subject: 'CN=Żółć "cudzysłów"',
    });
    // Trust auth accepts any password: this one must never be printed.
    const url = (await freshDatabase()).replace('postgres@', 'postgres:tajne-haslo@');

    const there = await cli(['--data', src, 'store', 'copy', '--to', url, '--json']);
    expect(there.err).toBe('');
    expect(there.code).toBe(0);
    const sum = JSON.parse(there.out);
    expect(there.out).not.toContain('tajne-haslo');
    expect(sum.to).toMatch(/^postgresql:\/\/postgres:\*\*\*@127\.0\.0\.1:/);
    expect(sum.collections.find((c: {name: string}) => c.name === 'certificates').count).toBe(1);

    const listed = await cli(['--store', url, '--data', src, 'list', '--json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.out).certificates[0].serial).toBe('00AB12');

    const again = await cli(['--data', src, 'store', 'copy', '--to', url]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/nie jest pusty/);
    const notAdmin = await cli(['--data', src, 'store', 'copy', '--to', await freshDatabase()], {}, DEMO_CREDENTIALS.operator);
    expect(notAdmin.code).toBe(1);
    expect(notAdmin.err).toMatch(/tylko administrator/);

    const back = path.join(root, 'powrot');
    const home = await cli(['--store', url, '--data', src, 'store', 'copy', '--to', back]);
    expect(home.err).toBe('');
    expect(home.code).toBe(0);
    expect(home.out).toMatch(/certificates\s+1\s+sha256 [0-9a-f]{64}/);
    const b = await openStore(back);
    const rec = (await b.getCertificate((await b.listCertificates())[0].id))!;
    expect(rec.subject).toBe('CN=Żółć "cudzysłów"');
    const key = await b.unsealKey(rec.keyPem);
    expect(key.export({type: 'pkcs8', format: 'der'})).toEqual(privateKey.export({type: 'pkcs8', format: 'der'}));
    expect((await stat(path.join(back, 'master.key'))).mode & 0o777).toBe(0o600);
    expect((await b.listOperators()).map((o) => o.code)).toEqual(['ADMIN', 'JKOWALSKI']);
    // The copy is audited in its source, after the verified copy (so the copy itself does not hold that event).
    const copied = (await s.listAudit()).filter((e) => e.details?.startsWith('magazyn skopiowany do'));
    expect(copied.map((e) => e.operator)).toEqual(['ADMIN']);
    expect(copied[0].details).not.toContain('tajne-haslo');
  }, 60_000);
});
