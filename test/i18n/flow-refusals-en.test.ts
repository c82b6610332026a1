// Refusals moved into the catalogue (src/i18n/*/flow-refusals.ts): reading a chosen file, importing a certificate,
// a certificate that cannot sign KOD II. Error.message stays Polish (logs, existing assertions); `--lang en` renders
// the same error in English with no Polish letter left.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {CertificateRecord} from '../../src/domain/index.js';
import {makeT} from '../../src/i18n/index.js';
import {userMessage} from '../../src/flows/errors.js';
import {readBoundedFile} from '../../src/flows/import-files.js';
import {qrRefusal} from '../../src/flows/qr.js';
import {resolveImport, type ImportPreview} from '../../src/flows/import.js';

const POLISH = /[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]/;
const en = makeT('en');
const caught = async (f: () => Promise<unknown> | unknown): Promise<unknown> => {
  try {
    await f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a refusal');
};

describe('flow refusals in Polish and English', () => {
  it('a missing .crt file and a folder given as the .key file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'refusals-'));
    try {
      const missing = await caught(() => readBoundedFile(path.join(dir, 'nope.crt'), 'crt')) as Error;
      expect(missing.message).toBe(`Nie znaleziono pliku certyfikatu (.crt): ${path.join(dir, 'nope.crt')}`);
      expect(userMessage(missing, en).text).toBe(`Cannot find the certificate file (.crt): ${path.join(dir, 'nope.crt')}`);
      const folder = await caught(() => readBoundedFile(dir, 'key')) as Error;
      expect(folder.message).toContain('Wskazano katalog zamiast pliku klucza prywatnego (.key)');
      expect(userMessage(folder, en).text).toBe(`A folder was given instead of the private key file (.key): ${dir}`);
    } finally {
      fs.rmSync(dir, {recursive: true, force: true});
    }
  });

  it('a revoked certificate cannot sign KOD II; an import name must not be empty', async () => {
    const rec = {id: 'x', name: 'Offline 1', serial: 'ABC123', type: 'O', state: 'revoked', owner: {kind: 'company'}} as unknown as CertificateRecord;
    const r = qrRefusal(rec, 'D', new Date())!;
    expect(r.message).toBe('Certyfikat „Offline 1” (ABC123) został unieważniony — nie można nim podpisać KODU II.');
    expect(userMessage(r, en).text).toBe('Certificate “Offline 1” (ABC123) has been revoked — it cannot sign KOD II.');
    const preview = {env: 'D', type: 'O', problems: [], info: {issuer: 'CN=x', issuerCn: 'x'}} as unknown as ImportPreview;
    const typeConflict = await caught(() => resolveImport(preview, {type: 'A'} as never)) as Error;
    expect(typeConflict.message).toBe('To certyfikat typu O (offline) — nie można go zaimportować jako typu A (uwierzytelnianie)');
    const text = userMessage(typeConflict, en).text;
    expect(text).toBe('This is a type O (offline) certificate — it cannot be imported as type A (authentication)');
    expect(text).not.toMatch(POLISH);
  });
});
