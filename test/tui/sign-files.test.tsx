// auth.xml and the signed file in the (possibly shared) sign folder: created 0600, exclusively, never through a
// planted symlink, and removed once the authorisation succeeded or was abandoned (Esc). Also the demo signer
// (`sign-demo`), which used to write through a symlink planted at its predictable temp name.
import 'reflect-metadata';
import React from 'react';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {run} from '../../src/cli/run.js';
import {cleanupAuthFiles, prepareAuthRequest} from '../../src/flows/authorize.js';
import {DEMO_SIGNED_NAME} from '../../src/flows/generate-demo.js';
import {KsefGateway} from '../../src/flows/gateway.js';
import {readPrivateKey} from '../../src/ksef/keys.js';
import {signAuthTokenRequest} from '../../src/ksef/xades.js';
import {ExternalSignatureStep} from '../../src/screens/auth-step.js';
import {startSimulator, type SimulatorHandle} from '../../src/simulator/index.js';
import {createDemoStore, DEMO_COMPANY, DEMO_CREDENTIALS, openStore, type Store} from '../../src/store/index.js';
import {captureIo} from '../helpers/cli-io.js';
import {KEYS, waitForFrame} from '../helpers/ink.js';
import {mountScreen} from '../helpers/mount.js';

let tmp: string;
let dataDir: string;
let store: Store;
let sim: SimulatorHandle;
let gateway: KsefGateway;
let seal: {certPem: string; keyPem: string};
let signFolder: string;
const CONTEXT = {type: 'Nip' as const, value: DEMO_COMPANY.nip};
const mode = (f: string) => fs.statSync(f).mode & 0o777;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ksef-sign-files-'));
  dataDir = path.join(tmp, 'data');
  await createDemoStore(dataDir);
  store = await openStore(dataDir);
  sim = await startSimulator({dataDir: path.join(tmp, 'sim'), quiet: true, authDelayMs: 0, rateLimits: false});
  gateway = new KsefGateway({target: 'simulator', startSimulator: async () => ({apiBase: (env) => sim.apiBase(env), close: async () => undefined})});
  seal = await sim.issueTestIdentity({env: 'DEMO', kind: 'seal', nip: DEMO_COMPANY.nip, organizationName: DEMO_COMPANY.name});
  signFolder = (await store.workstation('ws')).signFolder;
}, 60_000);
afterEach(cleanup);
afterAll(async () => {
  await sim?.close();
  fs.rmSync(tmp, {recursive: true, force: true});
});

const sign = async (xml: string) => signAuthTokenRequest(xml, {certPem: seal.certPem, key: readPrivateKey(Buffer.from(seal.keyPem))});
const leftovers = (dir: string) => fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'));

describe('auth.xml in the sign folder', () => {
  it('is written 0600 and replaces a planted symlink instead of writing through it; no temp file stays', async () => {
    fs.mkdirSync(signFolder, {recursive: true});
    const victim = path.join(tmp, 'victim.txt');
    fs.writeFileSync(victim, 'untouched');
    fs.symlinkSync(victim, path.join(signFolder, 'auth.xml'));
    const req = await prepareAuthRequest({store, gateway, workstation: 'ws'}, {env: 'D', context: CONTEXT});
    expect(fs.readFileSync(victim, 'utf8')).toBe('untouched');
    expect(fs.lstatSync(req.file).isFile()).toBe(true);
    expect(mode(req.file)).toBe(0o600);
    expect(leftovers(signFolder)).toEqual([]);
    // Cleanup removes ours and a signed file in the folder; a file the user picked elsewhere stays.
    const inFolder = path.join(signFolder, 'podpisany.xml');
    const elsewhere = path.join(tmp, 'moj-podpisany.xml');
    fs.writeFileSync(inFolder, 'x');
    fs.writeFileSync(elsewhere, 'x');
    await cleanupAuthFiles(req, inFolder);
    await cleanupAuthFiles(req, elsewhere);
    expect(fs.existsSync(req.file)).toBe(false);
    expect(fs.existsSync(inFolder)).toBe(false);
    expect(fs.existsSync(elsewhere)).toBe(true);
  });

  const mount = (onSigned = vi.fn(), onCancel = vi.fn()) => ({
    onSigned, onCancel,
    r: mountScreen({store, dataDir, operator: undefined, workstation: 'ws', gateway}, () => (
      <ExternalSignatureStep active env="D" context={CONTEXT} onSigned={onSigned} onCancel={onCancel} onError={vi.fn()} />
    )),
  });

  it('after success (the signed file picked up from the folder) neither auth.xml nor the signed file stays', async () => {
    const {r, onSigned} = mount();
    await waitForFrame(r.lastFrame, 'Plik do podpisania');
    const authXml = path.join(signFolder, 'auth.xml');
    expect(mode(authXml)).toBe(0o600);
    const signedFile = path.join(signFolder, 'auth-podpisany.xml');
    fs.writeFileSync(signedFile, await sign(fs.readFileSync(authXml, 'utf8')));
    await vi.waitFor(() => expect(onSigned).toHaveBeenCalledTimes(1), {timeout: 8000});
    expect(Buffer.isBuffer(onSigned.mock.calls[0][0])).toBe(true);
    expect(fs.existsSync(signedFile)).toBe(false);
    expect(fs.existsSync(authXml)).toBe(false);
    expect(leftovers(signFolder)).toEqual([]);
  });

  it('after Esc auth.xml is removed', async () => {
    const {r, onCancel} = mount();
    await waitForFrame(r.lastFrame, 'Plik do podpisania');
    const authXml = path.join(signFolder, 'auth.xml');
    expect(fs.existsSync(authXml)).toBe(true);
    r.stdin.write(KEYS.esc);
    await vi.waitFor(() => expect(onCancel).toHaveBeenCalled(), {timeout: 8000});
    r.unmount(); // the caller leaves the step on Esc
    await vi.waitFor(() => expect(fs.existsSync(authXml)).toBe(false), {timeout: 8000});
  });
});

describe('sign-demo', () => {
  it('writes auth-signed.xml 0600 and never through a symlink planted at its old temp name or at the target', async () => {
    fs.mkdirSync(signFolder, {recursive: true});
    const req = await prepareAuthRequest({store, gateway, workstation: 'ws'}, {env: 'D', context: CONTEXT});
    const out = path.join(signFolder, DEMO_SIGNED_NAME);
    const victims = [path.join(tmp, 'v1.txt'), path.join(tmp, 'v2.txt')];
    for (const v of victims) fs.writeFileSync(v, 'untouched');
    fs.symlinkSync(victims[0], `${out}.${process.pid}.tmp`); // the predictable name the in-process run would use
    fs.symlinkSync(victims[1], out);
    const x = captureIo({KSEF_CERTS_OPERATOR: DEMO_CREDENTIALS.admin.code, KSEF_CERTS_OPERATOR_PASSWORD: DEMO_CREDENTIALS.admin.password});
    const code = await run(['--data', dataDir, 'sign-demo', req.file], x);
    expect(x.err()).toBe('');
    expect(code).toBe(0);
    for (const v of victims) expect(fs.readFileSync(v, 'utf8')).toBe('untouched');
    expect(fs.lstatSync(out).isFile()).toBe(true);
    expect(mode(out)).toBe(0o600);
    expect(fs.readFileSync(out, 'utf8')).toContain(req.challenge);
    fs.rmSync(`${out}.${process.pid}.tmp`);
    expect(leftovers(signFolder)).toEqual([]);
  }, 60_000);
});
