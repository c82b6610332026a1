// Real terminal: the BUILT app in tmux (`--demo`, embedded simulator) with a SoftHSM2 token configured for the
// workstation [A-1-5-2]. The simulator's test-CA "qualified" seal is on the token (pkcs11-tool --write-object);
// on the authorisation screen "P — podpisz kartą" shows whose certificate it is, takes the PIN masked and signs
// auth.xml on the card; the certificate is issued.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startSimulator} from '../../src/simulator/index.js';
import {createDemoStore, DEMO_COMPANY, openStore} from '../../src/store/index.js';
import {loadIdentityOntoToken, makeTestToken, type TestToken} from '../helpers/softhsm.js';
import {fillCompanyFormHead, loginAndOpen, startBuiltApp, tmuxApp} from '../helpers/tmux.js';

const app = tmuxApp('ksef-e2e-card', 20_000);
const {keys, literal, waitUntil, waitFor} = app;
let tmp = '';
let data = '';
let tok: TestToken;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ksef-e2e-card-'));
  data = path.join(tmp, 'data');
  await createDemoStore(data);
  // The same simulator folder the app's embedded simulator uses: one test CA for the seal and the verification.
  const sim = await startSimulator({dataDir: path.join(data, 'simulator'), port: 0, quiet: true});
  let seal: {certPem: string; keyPem: string};
  try {
    seal = await sim.issueTestIdentity({env: 'DEMO', kind: 'seal', nip: DEMO_COMPANY.nip, organizationName: DEMO_COMPANY.name});
  } finally {
    await sim.close();
  }
  tok = makeTestToken('KARTA-E2E'); // also points SOFTHSM2_CONF of this process (and so of the tmux server) at it
  loadIdentityOntoToken(tok, seal.certPem, seal.keyPem);
  const store = await openStore(data);
  const ws = await store.workstation(os.hostname());
  await store.saveWorkstation({...ws, pkcs11Module: tok.module, pkcs11Token: tok.label}, 'ADMIN');
  startBuiltApp(app, data, 110, 40);
}, 120_000);

afterAll(() => {
  app.kill();
  if (tmp) fs.rmSync(tmp, {recursive: true, force: true});
  tok?.cleanup();
});

describe('authorisation with a card in a real terminal (tmux)', () => {
  it('P — podpisz kartą: signer shown, PIN masked, auth.xml signed on the token, certificate issued', async () => {
    await loginAndOpen(app, 'ADMIN', 'Demo2026!ksef', ['a', '1', '5', '4']);
    await fillCompanyFormHead(app, 'Firma karta E2E');
    await waitFor('▶ Klucz prywatny');
    literal('M');
    await waitFor('▶ Hasło klucza (.key)');
    literal('Kopia-Klucza-2026!');
    await waitFor('Hasło spełnia zasady.');
    keys('Tab');
    literal('Kopia-Klucza-2026!');
    await waitFor('Hasła zgodne.');
    keys('F2');
    await waitFor('Autoryzacja podpisem zewnętrznym', 'P — podpisz kartą');
    keys('p');
    let s = await waitFor('Podpis kartą — token „KARTA-E2E”', 'Podpisuje:', '▶ PIN karty');
    expect(s).toContain('Demo Sp. z o.o.');
    expect(s).toContain('Symulator Kwalifikowany CA TEST');
    literal(tok.pin);
    s = await waitUntil((x) => /▶ PIN karty\s+\S/.test(x), 'PIN typed');
    expect(s).not.toContain(tok.pin);
    keys('Enter');
    s = await waitUntil((x) => x.includes('Wygenerowano certyfikat KSeF „Firma karta E2E” dla firmy.') || x.includes('✗'), 'result', 60_000);
    expect(s).toContain('Wygenerowano certyfikat KSeF „Firma karta E2E” dla firmy.');
  }, 120_000);
});
