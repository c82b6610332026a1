// Real terminal: the BUILT app in tmux (`--demo`, embedded simulator) generates a type-A certificate for the company
// through [A-1-5-4-3]: form → auth.xml + countdown → "K — kontynuuj" runs the TEST-ONLY demo signer, whose signed
// file is picked up from the sign folder → every step → result; then the certificate is in the list [A-1-5-7] and
// in the store. Screens of each step are written to $KSEF_CERTS_CAPTURE_DIR when set (closing-note captures).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {fillCompanyFormHead, loginAndOpen, startBuiltApp, tmuxApp} from '../helpers/tmux.js';

const app = tmuxApp('ksef-e2e-gen', 20_000);
const {keys, literal, waitUntil, waitFor} = app;
let tmp = '';
let data = '';

let shot = 0;
function capture(name: string, s: string) {
  const dir = process.env.KSEF_CERTS_CAPTURE_DIR;
  if (dir) fs.writeFileSync(path.join(dir, `${String(++shot).padStart(2, '0')}-${name}.txt`), s);
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ksef-e2e-gen-'));
  data = path.join(tmp, 'data');
  startBuiltApp(app, data, 110, 40);
}, 120_000);

afterAll(() => {
  app.kill();
  if (tmp) fs.rmSync(tmp, {recursive: true, force: true});
});

describe('generate in a real terminal (tmux)', () => {
  it('company type A via the demo signer; the certificate shows up in A-1-5-7', async () => {
    await loginAndOpen(app, 'ADMIN', 'Demo2026!ksef', ['a', '1', '5', '4']);
    await fillCompanyFormHead(app, 'Firma demo E2E', ['firma — Demo Sp. z o.o.']);
    literal('Kopia-Klucza-2026!');
    await waitFor('Hasło spełnia zasady.');
    keys('Tab');
    literal('Kopia-Klucza-2026!');
    let s = await waitFor('Hasła zgodne.');
    capture('formularz', s);

    keys('F2');
    s = await waitFor('Autoryzacja podpisem zewnętrznym', 'auth.xml', 'Pozostało', 'K — kontynuuj');
    capture('autoryzacja', s);
    expect(s).toContain(path.join(data, 'podpis'));

    keys('k');
    s = await waitUntil(x => x.includes('Złożenie wniosku o certyfikat') || x.includes('Wygenerowano'), 'progress', 60_000);
    capture('postep', s);
    s = await waitUntil(x => x.includes('Wygenerowano certyfikat KSeF „Firma demo E2E” dla firmy.') || x.includes('✗'), 'result', 60_000);
    capture('wynik', s);
    expect(s).toContain('Wygenerowano certyfikat KSeF „Firma demo E2E” dla firmy.');
    const serial = /Numer seryjny:\s+([0-9A-F]{16})/.exec(s)![1];
    expect(s).toMatch(/Firma_demo_E2E_[0-9A-F]{16}\.key/);

    keys('Enter');
    await waitFor('[A-1-5-4] ');
    keys('Escape');
    await waitFor('[A-1-5] ');
    keys('7');
    s = await waitFor('[A-1-5-7] ', 'Firma demo E2E', serial);
    capture('lista', s);

    const store = JSON.parse(fs.readFileSync(path.join(data, 'store.json'), 'utf8')) as {certificates: Array<{serial?: string; state: string; owner: {kind: string}; type: string}>};
    expect(store.certificates.find(c => c.serial === serial)).toMatchObject({state: 'issued', owner: {kind: 'company'}, type: 'A'});
    // The demo identity is clearly test-only and its key is not stored in the clear.
    const idDir = path.join(data, 'demo-identity');
    expect(fs.readFileSync(path.join(idDir, 'CZYTAJ-TO.txt'), 'utf8')).toMatch(/TESTOWA/);
    expect(fs.readFileSync(path.join(idDir, 'seal-TEST-ONLY.key'), 'utf8')).toContain('ENCRYPTED PRIVATE KEY');
  }, 120_000);
});
