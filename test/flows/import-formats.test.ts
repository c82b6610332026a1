// Import of keys written by openssl in every supported form (plus our own export), certificates as PEM and DER:
// the stored record carries the certificate's facts and a sealed key that is the same key.
import fs from 'node:fs';
import {createPublicKey} from 'node:crypto';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {commitImport, readImportFiles} from '../../src/flows/import.js';
import {encryptPrivateKey, readPrivateKey} from '../../src/ksef/keys.js';
import type {Operator} from '../../src/domain/index.js';
import {certForKey, openssl, PASSWORD, toMcuKey, type World, makeWorld} from '../helpers/import-fixtures.js';

let w: World;
let admin: Operator;
let ecKey = '';
let rsaKey = '';
let ecCrt = '';
let rsaCrt = '';
let ecCrtDer = '';

beforeAll(async () => {
  w = await makeWorld();
  admin = (await w.store.listOperators()).find((o) => o.role === 'admin')!;
  ecKey = w.file('ec-genpkey.key');
  rsaKey = w.file('rsa-genpkey.key');
  openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', ecKey);
  openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', rsaKey);
  ecCrt = w.write('ec.crt', (await certForKey(ecKey, {ca: w.caTest, type: 'A'})).pem);
  rsaCrt = w.write('rsa.crt', (await certForKey(rsaKey, {ca: w.caProd, type: 'O'})).pem);
  ecCrtDer = w.file('ec.der.crt');
  openssl('x509', '-in', ecCrt, '-outform', 'DER', '-out', ecCrtDer);
});
afterAll(() => w?.cleanup());

type Case = {name: string; alg: 'EC' | 'RSA'; make: () => string; password?: string; label?: RegExp};

const cases: Case[] = [
  {name: 'EC genpkey, plain PKCS#8 PEM', alg: 'EC', make: () => ecKey, label: /BEGIN PRIVATE KEY/},
  {name: 'EC PKCS#8 PBES2 AES-256-CBC, hmacWithSHA256, 100 000 iter (Taxpayer App)', alg: 'EC', password: PASSWORD, make: () => toMcuKey(w, ecKey, 'ec-mcu.key'), label: /BEGIN ENCRYPTED PRIVATE KEY/},
  {name: 'EC PKCS#8 PBES2 des3', alg: 'EC', password: 'tajne-3des', label: /BEGIN ENCRYPTED PRIVATE KEY/, make: () => {
    const f = w.file('ec-des3.key');
    openssl('pkcs8', '-topk8', '-v2', 'des3', '-in', ecKey, '-passout', 'pass:tajne-3des', '-out', f);
    return f;
  }},
  {name: 'EC SEC1 plain (openssl ec)', alg: 'EC', label: /BEGIN EC PRIVATE KEY/, make: () => {
    const f = w.file('ec-sec1.key');
    openssl('ec', '-in', ecKey, '-out', f);
    return f;
  }},
  {name: 'EC SEC1 legacy encrypted (openssl ec -aes256)', alg: 'EC', password: PASSWORD, label: /Proc-Type: 4,ENCRYPTED/, make: () => {
    const f = w.file('ec-sec1-aes.key');
    openssl('ec', '-in', ecKey, '-aes256', '-passout', `pass:${PASSWORD}`, '-out', f);
    return f;
  }},
  {name: 'EC SEC1 DER', alg: 'EC', make: () => {
    const f = w.file('ec-sec1.der');
    openssl('ec', '-in', ecKey, '-outform', 'DER', '-out', f);
    return f;
  }},
  {name: 'EC PKCS#8 DER plain', alg: 'EC', make: () => {
    const f = w.file('ec-p8.der');
    openssl('pkcs8', '-topk8', '-nocrypt', '-in', ecKey, '-outform', 'DER', '-out', f);
    return f;
  }},
  {name: 'EC PKCS#8 DER encrypted (AES-256)', alg: 'EC', password: PASSWORD, make: () => {
    const f = w.file('ec-p8e.der');
    openssl('pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-in', ecKey, '-outform', 'DER', '-passout', `pass:${PASSWORD}`, '-out', f);
    return f;
  }},
  {name: 'EC exported by us (PBES2, 600 000 iter)', alg: 'EC', password: PASSWORD, label: /BEGIN ENCRYPTED PRIVATE KEY/, make: () => {
    const pem = encryptPrivateKey(readPrivateKey(fs.readFileSync(ecKey)), PASSWORD);
    return w.write('ec-ours.key', pem);
  }},
  {name: 'RSA genpkey, plain PKCS#8 PEM', alg: 'RSA', make: () => rsaKey, label: /BEGIN PRIVATE KEY/},
  {name: 'RSA legacy PKCS#1 encrypted (openssl rsa -aes256 -traditional)', alg: 'RSA', password: PASSWORD, label: /BEGIN RSA PRIVATE KEY[\s\S]*Proc-Type/, make: () => {
    const f = w.file('rsa-aes.key');
    openssl('rsa', '-in', rsaKey, '-traditional', '-aes256', '-passout', `pass:${PASSWORD}`, '-out', f);
    return f;
  }},
  {name: 'RSA PKCS#1 plain', alg: 'RSA', label: /BEGIN RSA PRIVATE KEY/, make: () => {
    const f = w.file('rsa-pkcs1.key');
    openssl('rsa', '-in', rsaKey, '-traditional', '-out', f);
    return f;
  }},
  {name: 'RSA PKCS#1 DER', alg: 'RSA', make: () => {
    const f = w.file('rsa-pkcs1.der');
    openssl('rsa', '-in', rsaKey, '-traditional', '-outform', 'DER', '-out', f);
    return f;
  }},
  {name: 'RSA PKCS#8 PBES2 AES-256 (Taxpayer App)', alg: 'RSA', password: PASSWORD, make: () => toMcuKey(w, rsaKey, 'rsa-mcu.key')},
];

describe('import: key forms written by openssl', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const keyFile = c.make();
      if (c.label) expect(fs.readFileSync(keyFile, 'utf8')).toMatch(c.label);
      const crt = c.alg === 'EC' ? ecCrt : rsaCrt;
      const preview = await readImportFiles({crtPath: crt, keyPath: keyFile, password: c.password});
      expect(preview.keyAlgorithm).toBe(c.alg === 'EC' ? 'EC-P256' : 'RSA-2048');
      expect(preview.type).toBe(c.alg === 'EC' ? 'A' : 'O');
      expect(preview.env).toBe(c.alg === 'EC' ? 'T' : 'P');
      expect(preview.problems).toEqual([]);
      expect(preview.info.subjectIdentifier).toEqual({type: 'Nip', value: '5265877635'});

      // Each key form is its own record: remove the previous import of the same certificate first.
      const prior = (await w.store.listCertificates()).find((r) => r.serial === preview.info.serial);
      if (prior) await w.store.removeCertificate(prior.id);
      const {record} = await commitImport({store: w.store, operator: admin, workstation: 'ws'}, preview, {owner: {kind: 'company'}});
      const stored = await w.store.getCertificate(record.id);
      expect(stored).toMatchObject({state: 'issued', source: 'imported', owner: {kind: 'company'}, serial: preview.info.serial, name: 'Beta (uwierzytelnienie)'});
      expect(stored!.keyPem).not.toMatch(/BEGIN (RSA |EC )?PRIVATE KEY/);
      const unsealed = await w.store.unsealKey(stored!.keyPem);
      expect(createPublicKey(unsealed).export({type: 'spki', format: 'der'}))
        .toEqual(createPublicKey(fs.readFileSync(c.alg === 'EC' ? ecKey : rsaKey)).export({type: 'spki', format: 'der'}));
    });
  }

  it('certificate as DER with a Taxpayer App key; openssl agrees on serial and fingerprint', async () => {
    const key = toMcuKey(w, ecKey, 'ec-mcu2.key');
    const preview = await readImportFiles({crtPath: ecCrtDer, keyPath: key, password: PASSWORD});
    const serial = openssl('x509', '-inform', 'DER', '-in', ecCrtDer, '-noout', '-serial').trim().replace(/^serial=/, '');
    const fp = openssl('x509', '-inform', 'DER', '-in', ecCrtDer, '-noout', '-fingerprint', '-sha256').trim().split('=')[1].replace(/:/g, '');
    expect(preview.info.serial).toBe(serial.toUpperCase());
    expect(preview.info.fingerprintSha256).toBe(fp.toUpperCase());
    expect(preview.info.pem).toBe(fs.readFileSync(ecCrt, 'utf8').replace(/\r/g, ''));
  });

  it('a certificate issued by openssl itself (x509 -req with the KSeF-like CA, UTF-8 subject)', async () => {
    const caKey = w.write('ca.key', w.caTest.keyPem);
    const caCrt = w.write('ca.crt', w.caTest.certPem);
    const csr = w.file('op.csr');
    openssl('req', '-new', '-key', rsaKey, '-utf8', '-subj', '/C=PL/serialNumber=PNOPL-80010112345/givenName=Jan/surname=Kowalski/CN=Jan Kowalski (uwierzytelnienie)', '-out', csr);
    const ext = w.write('ext.cnf', 'keyUsage=critical,digitalSignature\nbasicConstraints=critical,CA:FALSE\n');
    const crt = w.file('op.crt');
    openssl('x509', '-req', '-in', csr, '-CA', caCrt, '-CAkey', caKey, '-set_serial', '0x0AB1C2D3E4F50617', '-days', '30', '-extfile', ext, '-out', crt);
    const preview = await readImportFiles({crtPath: crt, keyPath: toMcuKey(w, rsaKey, 'op-mcu.key'), password: PASSWORD});
    expect(preview.info.serial).toBe('0AB1C2D3E4F50617');
    expect(preview).toMatchObject({type: 'A', env: 'T', keyAlgorithm: 'RSA-2048'});
    expect(preview.info.subjectIdentifier).toEqual({type: 'Pesel', value: '80010112345'});
    const {record} = await commitImport({store: w.store, operator: admin, workstation: 'ws'}, preview, {owner: {kind: 'operator', code: 'JKOWALSKI'}});
    expect(record).toMatchObject({owner: {kind: 'operator', code: 'JKOWALSKI'}, name: 'Jan Kowalski (uwierzytelnienie)', type: 'A', env: 'T'});
  });
});
