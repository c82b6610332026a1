// A real SoftHSM2 token in a temp folder (SOFTHSM2_CONF points at a config whose tokendir is that folder), set up
// with softhsm2-util; pkcs11-tool (OpenSC) reads it back as an independent check.
import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CANDIDATES = ['/usr/lib/softhsm/libsofthsm2.so', `/usr/lib/${process.arch === 'arm64' ? 'aarch64' : 'x86_64'}-linux-gnu/softhsm/libsofthsm2.so`];

/** The SoftHSM2 PKCS#11 module from the Debian package (softhsm2 / libsofthsm2), or undefined. */
export function softhsmModule(): string | undefined {
  return CANDIDATES.find((p) => existsSync(p));
}

export interface TestToken {
  dir: string;
  conf: string;
  module: string;
  label: string;
  pin: string;
  soPin: string;
  /** Environment for child processes (CLI, pkcs11-tool). */
  env: Record<string, string>;
  tool(args: string[]): string;
  cleanup(): void;
}

/** Initialises a token `label` (user PIN `pin`) in a fresh temp folder and points this process at it. */
export function makeTestToken(label = 'KSEF-TEST', pin = '123456'): TestToken {
  const module = softhsmModule();
  if (!module) throw new Error('SoftHSM2 is not installed (apt-get install softhsm2 opensc)');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ksef-token-'));
  const tokens = path.join(dir, 'tokens');
  mkdirSync(tokens, {mode: 0o700});
  const conf = path.join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`);
  const env = {SOFTHSM2_CONF: conf};
  const soPin = '87654321';
  execFileSync('softhsm2-util', ['--init-token', '--free', '--label', label, '--so-pin', soPin, '--pin', pin], {env: {...process.env, ...env}, stdio: 'pipe'});
  process.env.SOFTHSM2_CONF = conf;
  return {
    dir, conf, module, label, pin, soPin, env,
    tool: (args) => execFileSync('pkcs11-tool', ['--module', module, ...args], {env: {...process.env, ...env}, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']}),
    cleanup: () => rmSync(dir, {recursive: true, force: true}),
  };
}

/**
 * Puts an existing identity (certificate + private key PEM) on the token with pkcs11-tool, as a card issuer would:
 * private key, certificate and public key under one CKA_ID.
 */
export function loadIdentityOntoToken(tok: TestToken, certPem: string, keyPem: string, id = '0a0b', label = 'Podpis', o: {alwaysAuth?: boolean} = {}): void {
  const dir = mkdtempSync(path.join(tok.dir, 'id-'));
  const pem = (name: string, text: string) => {
    const f = path.join(dir, name);
    writeFileSync(f, text, {mode: 0o600});
    return f;
  };
  const keyDer = path.join(dir, 'key.der');
  const certDer = path.join(dir, 'cert.der');
  const pubDer = path.join(dir, 'pub.der');
  execFileSync('openssl', ['pkey', '-in', pem('key.pem', keyPem), '-outform', 'DER', '-out', keyDer]);
  execFileSync('openssl', ['x509', '-in', pem('cert.pem', certPem), '-outform', 'DER', '-out', certDer]);
  execFileSync('openssl', ['pkey', '-in', path.join(dir, 'key.pem'), '-pubout', '-outform', 'DER', '-out', pubDer]);
  const login = ['--token-label', tok.label, '--login', '--pin', tok.pin];
  tok.tool([...login, '--write-object', keyDer, '--type', 'privkey', '--id', id, '--label', label, '--usage-sign', ...(o.alwaysAuth ? ['--always-auth'] : [])]);
  tok.tool([...login, '--write-object', certDer, '--type', 'cert', '--id', id, '--label', label]);
  tok.tool([...login, '--write-object', pubDer, '--type', 'pubkey', '--id', id, '--label', label]);
  rmSync(dir, {recursive: true, force: true});
}
