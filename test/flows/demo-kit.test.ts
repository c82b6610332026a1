// The help-desk demo kit: sample FA(3) invoices in <data>/faktury-demo (well-formed per xmllint, read by the QR
// use case: seller = the demo company, P_1), the demo operator's PESEL, `demo-reset` (refuses a folder that is not
// a demo store, needs --yes, keeps README.md, brings the first state back), and the demo signer's person identity
// for an operator (`sign-demo --as`): the signed auth.xml carries his PESEL, not the company seal.
import 'reflect-metadata';
import {execFileSync} from 'node:child_process';
import {X509Certificate} from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {DEMO_INVOICE_DIR, DEMO_MARKER, DEMO_OPERATOR_PESEL, prepareDemoStore, resetDemo} from '../../src/flows/demo-kit.js';
import {readInvoiceFacts} from '../../src/flows/qr-invoice.js';
import {prepareAuthRequest} from '../../src/flows/authorize.js';
import {KsefGateway} from '../../src/flows/gateway.js';
import {run} from '../../src/cli/run.js';
import {startSimulator, type SimulatorHandle} from '../../src/simulator/index.js';
import {createDemoStore, DEMO_COMPANY, DEMO_CREDENTIALS, openStore} from '../../src/store/index.js';
import {captureIo} from '../helpers/cli-io.js';

let tmp = '';
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ksef-demo-kit-'));
});
afterAll(() => fs.rmSync(tmp, {recursive: true, force: true}));

const jk = async (dir: string) => (await (await openStore(dir)).listOperators()).find((o) => o.code === DEMO_CREDENTIALS.operator.code);

describe('demo kit', () => {
  it('ships three FA(3) invoices of the demo company and gives JKOWALSKI a PESEL; a second start keeps edits', async () => {
    const dir = path.join(tmp, 'kit');
    const {created, invoiceDir} = await prepareDemoStore(dir);
    expect(created).toBe(true);
    expect(invoiceDir).toBe(path.join(dir, DEMO_INVOICE_DIR));
    const files = fs.readdirSync(invoiceDir).sort();
    expect(files).toEqual(['FV-2026-02-0001.xml', 'FV-2026-02-0002.xml', 'FV-2026-02-0003.xml']);
    for (const f of files) {
      const bytes = fs.readFileSync(path.join(invoiceDir, f));
      execFileSync('xmllint', ['--noout', path.join(invoiceDir, f)]); // well-formed (throws otherwise)
      expect(bytes.toString()).toContain('kodSystemowy="FA (3)"');
      const facts = readInvoiceFacts(bytes);
      expect(facts.sellerNip).toBe(DEMO_COMPANY.nip);
      expect(facts.issueDate).toMatch(/^2026-02-\d\d$/);
    }
    expect((await jk(dir))?.pesel).toBe(DEMO_OPERATOR_PESEL);

    // The help desk edits an invoice and an admin clears the PESEL: a restart keeps both, puts back a deleted file.
    fs.writeFileSync(path.join(invoiceDir, files[0]), '<Faktura/>');
    fs.rmSync(path.join(invoiceDir, files[1]));
    const store = await openStore(dir);
    const op = (await jk(dir))!;
    await store.upsertOperator({code: op.code, name: op.name, role: op.role, branch: op.branch, pesel: ''}, 'ADMIN');
    expect((await prepareDemoStore(dir)).created).toBe(false);
    expect(fs.readFileSync(path.join(invoiceDir, files[0]), 'utf8')).toBe('<Faktura/>');
    expect(fs.existsSync(path.join(invoiceDir, files[1]))).toBe(true);
    expect((await jk(dir))?.pesel || undefined).toBeUndefined();
  });

  it('demo-reset: refuses a store that is not a demo and PostgreSQL, needs --yes, then brings the first state back', async () => {
    const other = path.join(tmp, 'real');
    await createDemoStore(other);
    const s = await openStore(other);
    await s.update((d) => {
      d.company = {nip: '5265877635', name: 'Beta Spółka z o.o.'};
    });
    await expect(resetDemo(other, true)).rejects.toMatchObject({code: 'notDemo'});
    expect(fs.existsSync(path.join(other, 'store.json'))).toBe(true);
    await expect(resetDemo('postgresql://u@127.0.0.1/db', true)).rejects.toMatchObject({code: 'notFolder'});

    const dir = path.join(tmp, 'reset');
    await prepareDemoStore(dir);
    fs.writeFileSync(path.join(dir, 'README.md'), 'kept');
    fs.mkdirSync(path.join(dir, 'eksport'));
    fs.writeFileSync(path.join(dir, 'eksport', 'x.crt'), 'x');
    await (await openStore(dir)).upsertOperator({code: 'NOWY', name: 'Nowy', role: 'operator', branch: 'CENTRALA', password: 'Haslo!2026abcd'}, 'ADMIN');

    const refused = captureIo();
    expect(await run(['--data', dir, 'demo-reset'], refused)).toBe(1);
    expect(refused.err()).toContain('Potwierdź opcją --yes');
    expect((await (await openStore(dir)).listOperators()).map((o) => o.code)).toContain('NOWY');

    const ok = captureIo();
    expect(await run(['--data', dir, '--lang', 'en', 'demo-reset', '--yes'], ok)).toBe(0);
    expect(ok.out()).toContain(`Demo store restored in ${dir}`);
    expect(ok.out()).toContain(`PESEL ${DEMO_OPERATOR_PESEL}`);
    expect((await (await openStore(dir)).listOperators()).map((o) => o.code).sort()).toEqual(['ADMIN', 'JKOWALSKI']);
    expect(fs.readFileSync(path.join(dir, 'README.md'), 'utf8')).toBe('kept');
    expect(fs.existsSync(path.join(dir, 'eksport'))).toBe(false);
    expect(fs.existsSync(path.join(dir, DEMO_MARKER))).toBe(true);
    expect(fs.readdirSync(path.join(dir, DEMO_INVOICE_DIR))).toHaveLength(3);
  });
});

describe('demo signer for an operator (sign-demo --as)', () => {
  let sim: SimulatorHandle;
  afterAll(async () => sim?.close());

  it('signs with a TEST person identity carrying the operator PESEL; the seal without --as', async () => {
    const dir = path.join(tmp, 'sign');
    await prepareDemoStore(dir);
    sim = await startSimulator({dataDir: path.join(tmp, 'sim'), quiet: true, authDelayMs: 0, rateLimits: false});
    const gateway = new KsefGateway({target: 'simulator', startSimulator: async () => ({apiBase: (env) => sim.apiBase(env), close: async () => undefined})});
    const store = await openStore(dir);
    const signedSubject = async (args: string[]) => {
      const req = await prepareAuthRequest({store, gateway, workstation: 'ws'}, {env: 'D', context: {type: 'Nip', value: DEMO_COMPANY.nip}});
      const x = captureIo();
      expect(await run(['--data', dir, 'sign-demo', req.file, ...args], x), x.err()).toBe(0);
      const xml = fs.readFileSync(path.join(path.dirname(req.file), 'auth-signed.xml'), 'utf8');
      const b64 = /<(?:\w+:)?X509Certificate>([^<]+)</.exec(xml)![1].replace(/\s+/g, '');
      return {subject: new X509Certificate(Buffer.from(b64, 'base64')).subject, out: x.out()};
    };
    const person = await signedSubject(['--as', 'jkowalski']);
    expect(person.subject).toContain(`serialNumber=PNOPL-${DEMO_OPERATOR_PESEL}`);
    expect(person.subject).toContain('GN=Jan');
    expect(person.out).toContain(`JKOWALSKI (PESEL ${DEMO_OPERATOR_PESEL})`);
    const seal = await signedSubject([]);
    expect(seal.subject).toContain(`VATPL-${DEMO_COMPANY.nip}`);
    expect(seal.subject).not.toContain('PNOPL');

    const noPesel = captureIo();
    expect(await run(['--data', dir, 'sign-demo', path.join(dir, 'x.xml'), '--as', 'ADMIN'], noPesel)).toBe(1);
    expect(noPesel.err()).toContain('Operator ADMIN nie ma PESEL');
  }, 60_000);
});
