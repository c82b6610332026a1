// Runs the BUILT CLI (`node dist/bin/main.js`) as a child process, the way a user does: real exit code, real
// stderr (so a crash or stack trace is visible), and a comparable view of the store before and after.
import {execFileSync, spawn} from 'node:child_process';
import {createPublicKey} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {expect} from 'vitest';
import {DEMO_COMPANY, DEMO_CREDENTIALS} from '../../src/store/index.js';
import {signWithXmlsec1} from '../helpers/simulator.js';

export const MAIN = path.resolve(import.meta.dirname, '../../dist/bin/main.js');

export interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

export interface ChildOptions {
  dataDir: string;
  /** `--api` base (the test's simulator); omitted → the CLI's embedded simulator. */
  api?: string;
  as?: 'admin' | 'operator';
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

export function runCli(args: string[], o: ChildOptions): Promise<ChildRun> {
  const who = o.as === 'operator' ? DEMO_CREDENTIALS.operator : DEMO_CREDENTIALS.admin;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', CI: 'true',
    KSEF_CERTS_OPERATOR: who.code, KSEF_CERTS_OPERATOR_PASSWORD: who.password, ...o.env,
  };
  const argv = [MAIN, '--data', o.dataDir, ...(o.api ? ['--api', o.api] : []), ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, {env, stdio: ['ignore', 'pipe', 'pipe']});
    let out = '';
    let err = '';
    // A hang (e.g. reading a FIFO) is a failure too: killed, reported as signal SIGKILL.
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 8_000);
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({code, signal, out, err});
    });
  });
}

/** A V8 stack frame line, a Node internal error banner, or an uncaught error. */
export const STACK_TRACE = /^\s+at .+[(\s].*:\d+:\d+\)?$|node:internal|Uncaught|UnhandledPromiseRejection|^\w*Error: /m;

/** A Polish sentence: a diacritic or a common Polish word. */
export const POLISH = /[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]|\b(nie|jest|plik|pliku|katalog|zamiast|klucz|certyfikat|podaj|brak|wskazano)\b/i;

/** Audit actions a refused command may still record (login of the CLI operator, a failed password). */
const HARMLESS_AUDIT = new Set(['login', 'loginFailed', 'passwordFailed']);

/**
 * The store as it matters for "no change": everything but the revision and the harmless audit events. A refused
 * command must leave this identical (bytes of the certificates, operators, configuration and other audit events).
 */
export function storeView(dataDir: string, alsoHarmless: string[] = []): string {
  const doc = JSON.parse(fs.readFileSync(path.join(dataDir, 'store.json'), 'utf8')) as {revision?: number; audit?: {action: string}[]; loginLocks?: unknown};
  delete doc.revision;
  delete doc.loginLocks; // the failed-login back-off goes with the loginFailed events it counts
  doc.audit = (doc.audit ?? []).filter((e) => !HARMLESS_AUDIT.has(e.action) && !alsoHarmless.includes(e.action));
  return JSON.stringify(doc);
}

/** Every file under the data folder that holds an unencrypted PEM private key. */
export function plainKeyFiles(dataDir: string): string[] {
  return fs.readdirSync(dataDir, {recursive: true}).map(String)
    .filter((f) => fs.statSync(path.join(dataDir, f)).isFile() && PLAIN_KEY.test(fs.readFileSync(path.join(dataDir, f), 'latin1')));
}
const PLAIN_KEY = /-----BEGIN (RSA |EC )?PRIVATE KEY-----/;

/** SPKI (DER, base64) of a certificate as openssl reads it (through a file in `dir`). */
export function opensslSpki(dir: string, certPem: string): string {
  const file = path.join(dir, 'cert-check.pem');
  fs.writeFileSync(file, certPem);
  const pub = execFileSync('openssl', ['x509', '-in', file, '-noout', '-pubkey'], {encoding: 'utf8'});
  return createPublicKey(pub).export({type: 'spki', format: 'der'}).toString('base64');
}

/** `auth-request` through the built CLI, signed by xmlsec1 (an independent tool) with the company's test seal. */
export async function signedAuthXml(o: {root: string; dataDir: string; api: string; seal: {certPem: string; keyPem: string}}, name: string): Promise<string> {
  const out = path.join(o.root, `${name}.xml`);
  const r = await runCli(['auth-request', '--env', 'D', '--nip', DEMO_COMPANY.nip, '--out', out], {dataDir: o.dataDir, api: o.api});
  expect(r.code, r.err).toBe(0);
  const signed = path.join(o.root, `${name}-podpisany.xml`);
  fs.writeFileSync(signed, signWithXmlsec1(fs.readFileSync(out, 'utf8'), o.seal.certPem, o.seal.keyPem));
  return signed;
}
