// Keys on a real SoftHSM2 token: generation (never extractable, checked with pkcs11-tool), CSR, XAdES and KOD II
// signatures made on the token and verified by independent code, and every token failure as its own error.
import {execFileSync} from 'node:child_process';
import {verify as cryptoVerify, X509Certificate} from 'node:crypto';
import {mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import * as x509 from '@peculiar/x509';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createCsr} from '../../src/ksef/csr.js';
import {TokenSession, listTokens, pinFailureCode} from '../../src/ksef/pkcs11/token.js';
import * as graphene from 'graphene-pk11';
import {isTokenError, TokenError} from '../../src/ksef/pkcs11/errors.js';
import {userMessage} from '../../src/flows/errors.js';
import {makeT} from '../../src/i18n/index.js';
import {formatPkcs11Uri, parsePkcs11Uri} from '../../src/ksef/pkcs11/uri.js';
import {loadIdentityOntoToken, makeTestToken, type TestToken} from '../helpers/softhsm.js';
import {buildAuthTokenRequest} from '../../src/ksef/auth-xml.js';
import {signAuthTokenRequest, verifyXadesSignature} from '../../src/ksef/xades.js';

let tok: TestToken;
beforeAll(() => {
  tok = makeTestToken();
});
afterAll(() => tok?.cleanup());

const open = (over: Partial<{module: string; label: string; pin: string}> = {}) =>
  TokenSession.open({module: over.module ?? tok.module, label: over.label ?? tok.label, pin: () => over.pin ?? tok.pin, write: true});

describe('PKCS#11 URI (RFC 7512)', () => {
  it('round-trips token, object and id, percent-encoding what is not a pchar', () => {
    const uri = formatPkcs11Uri({token: 'Karta Ś;1', object: 'klucz A', id: Buffer.from([0x9f, 0x01]), type: 'private'});
    expect(uri).toBe('pkcs11:token=Karta%20%c5%9a%3b1;object=klucz%20A;id=%9f%01;type=private');
    expect(parsePkcs11Uri(uri)).toEqual({token: 'Karta Ś;1', object: 'klucz A', id: Buffer.from([0x9f, 0x01]), type: 'private'});
    expect(parsePkcs11Uri('file:///x')).toBeUndefined();
  });
});

describe('key pair on the token', () => {
  it('is generated sensitive and never extractable; the CSR and KOD II signatures verify with the public key', async () => {
    const s = await open();
    try {
      expect(listTokens(tok.module).map((t) => t.label)).toContain(tok.label);
      const key = await s.generateKeyPair('ksef-unit');
      expect(key.algorithm).toBe('EC-P256');
      const ref = parsePkcs11Uri(key.uri)!;
      expect(ref).toMatchObject({token: tok.label, object: 'ksef-unit', type: 'private'});
      const objects = tok.tool(['--token-label', tok.label, '--login', '--pin', tok.pin, '-O']);
      const priv = objects.split(/\n(?=\S)/).find((b) => b.startsWith('Private Key Object') && b.includes('ksef-unit'))!;
      expect(priv).toMatch(/never extractable/);
      expect(priv).toMatch(/\bsensitive\b/);
      expect(priv).toContain(`ID:         ${ref.id!.toString('hex')}`);

      const {csrDer} = await createCsr({commonName: 'Token Test', countryName: 'PL'}, key);
      const csr = new x509.Pkcs10CertificateRequest(new Uint8Array(csrDer));
      expect(await csr.verify()).toBe(true);
      expect(Buffer.from(csr.publicKey.rawData).equals(key.publicKey.export({type: 'spki', format: 'der'}))).toBe(true);

      const data = Buffer.from('qr-test.ksef.mf.gov.pl/certificate/Nip/1111111111/1111111111/01F2/abc');
      const sig = key.signKod2(data);
      expect(sig.length).toBe(64);
      expect(cryptoVerify('sha256', data, {key: key.publicKey, dsaEncoding: 'ieee-p1363'}, sig)).toBe(true);

      // The same key is found again by its URI and by its public key.
      expect((await s.findKey(ref)).publicKey.export({type: 'spki', format: 'der'})).toEqual(key.publicKey.export({type: 'spki', format: 'der'}));
      expect((await s.findKeyForPublicKey(key.publicKey.export({type: 'spki', format: 'der'}))).uri).toBe(key.uri);
    } finally {
      s.close();
    }
  });
});

describe('a qualified-card style key (CKA_ALWAYS_AUTHENTICATE)', () => {
  it('signs XAdES and KOD II after a context-specific login with the same PIN', async () => {
    const dir = mkdtempSync(path.join(tok.dir, 'qual-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2', '-subj', '/C=PL/CN=Jan Testowy',
      '-keyout', path.join(dir, 'k.pem'), '-out', path.join(dir, 'c.pem')], {stdio: 'ignore'});
    const certPem = readFileSync(path.join(dir, 'c.pem'), 'utf8');
    loadIdentityOntoToken(tok, certPem, readFileSync(path.join(dir, 'k.pem'), 'utf8'), '0c0d', 'Kwalifikowany', {alwaysAuth: true});
    expect(tok.tool(['--token-label', tok.label, '--login', '--pin', tok.pin, '-O'])).toMatch(/always authenticate/);
    let asked = 0;
    const s = await TokenSession.open({module: tok.module, label: tok.label, pin: () => (asked++, tok.pin)});
    try {
      const key = await s.findKeyForPublicKey(new X509Certificate(certPem).publicKey.export({type: 'spki', format: 'der'}));
      const xml = buildAuthTokenRequest({challenge: '20260201-CR-0123456789-ABCDEF0123-45', context: {type: 'Nip', value: '1111111111'}, subjectIdentifierType: 'certificateSubject'});
      const signed = await signAuthTokenRequest(xml, {certPem, key, type: 'A'});
      expect(await verifyXadesSignature(signed)).toBe(true);
      const data = Buffer.from('kod2');
      expect(cryptoVerify('sha256', data, {key: key.publicKey, dsaEncoding: 'ieee-p1363'}, key.signKod2(data))).toBe(true);
      expect(asked).toBe(1); // asked once, reused for every context-specific login of this session
    } finally {
      s.close();
    }
  });
});

describe('PIN failures as the token reports them', () => {
  it('maps C_Login results and the CKF_USER_PIN_* flags to wrong / few tries left / final try / locked', () => {
    const F = graphene.TokenFlag;
    expect(pinFailureCode('CKR_PIN_INCORRECT', F.LOGIN_REQUIRED)).toBe('pinWrong');
    expect(pinFailureCode('CKR_PIN_INCORRECT', F.USER_PIN_COUNT_LOW)).toBe('pinWrongCountLow');
    expect(pinFailureCode('CKR_PIN_INCORRECT', F.USER_PIN_COUNT_LOW | F.USER_PIN_FINAL_TRY)).toBe('pinWrongFinalTry');
    expect(pinFailureCode('CKR_PIN_LOCKED', 0)).toBe('pinLocked');
    expect(pinFailureCode('CKR_PIN_INCORRECT', F.USER_PIN_LOCKED)).toBe('pinLocked');
    expect(pinFailureCode('CKR_DEVICE_ERROR', 0)).toBe('tokenFailed');
    // Every code has a Polish and an English catalogue text.
    for (const code of ['pinWrong', 'pinWrongCountLow', 'pinWrongFinalTry', 'pinLocked', 'tokenAbsent', 'moduleMissing', 'notPkcs11', 'keyNotFound'] as const) {
      expect(userMessage(new TokenError(code, {token: 'K', module: 'm.so'})).text).not.toMatch(/pkcs11\.err|\{/);
      expect(userMessage(new TokenError(code, {token: 'K', module: 'm.so'}), makeT('en')).text).not.toMatch(/pkcs11\.err|\{|Nieprawid/);
    }
  });

  it('SoftHSM2 sets USER_PIN_COUNT_LOW after a wrong PIN: the message says few tries are left', async () => {
    const e = await open({pin: '000000'}).then(() => undefined, (x: unknown) => x);
    expect(e).toMatchObject({code: 'pinWrongCountLow'});
    expect(userMessage(e).text).toBe(`Nieprawidłowy PIN tokenu „${tok.label}” — zostało niewiele prób, potem PIN zostanie zablokowany.`);
  });
});

describe('token failures', () => {
  it('wrong PIN, unknown label, missing module, a file that is not a PKCS#11 library, a key that is not there', async () => {
    const err = async (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);
    const wrong = await err(open({pin: '000000'}));
    expect(isTokenError(wrong) && wrong.code.startsWith('pinWrong')).toBe(true);
    expect(isTokenError(await err(open({label: 'NO-SUCH-CARD'})), 'tokenAbsent')).toBe(true);
    expect(isTokenError(await err(open({module: path.join(tok.dir, 'missing.so')})), 'moduleMissing')).toBe(true);
    const fake = path.join(tok.dir, 'fake.so');
    writeFileSync(fake, 'not a library');
    expect(isTokenError(await err(open({module: fake})), 'notPkcs11')).toBe(true);
    const s = await open();
    try {
      expect(isTokenError(await err(s.findKey({token: tok.label, id: Buffer.from('ffff', 'hex')})), 'keyNotFound')).toBe(true);
    } finally {
      s.close();
    }
  });

  it('a removed token is reported absent; a module that cannot start (token store gone) is reported as such', async () => {
    const other = makeTestToken('KSEF-GONE');
    const openOther = () => TokenSession.open({module: other.module, label: 'KSEF-GONE', pin: () => other.pin}).then(() => undefined, (x: unknown) => x);
    try {
      const tokens = path.join(other.dir, 'tokens');
      // The token's own folder removed: the module starts, the slot has no such token.
      for (const d of readdirSync(tokens)) renameSync(path.join(tokens, d), path.join(other.dir, d));
      expect(await openOther()).toMatchObject({code: 'tokenAbsent', params: {token: 'KSEF-GONE'}});
      renameSync(tokens, path.join(other.dir, 'tokens-away'));
      expect(await openOther()).toMatchObject({code: 'moduleInitFailed'});
    } finally {
      other.cleanup();
      process.env.SOFTHSM2_CONF = tok.conf;
    }
  });
});
