// [A-1-5-8] → F6: the KOD I / KOD II verifier screen on the official KOD I vector (valid), then the same link from
// another host with a changed padding bit (invalid, reasons shown). KOD II details: test/cli/verify-qr.test.ts.
import React from 'react';
import path from 'node:path';
import fs from 'node:fs';
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {App} from '../../src/screens/shell/App.js';
import {FakeStore, fakeData} from '../helpers/fake-store.js';
import {KEYS, waitForFrame} from '../helpers/ink.js';
import {noReactErrors} from '../helpers/react-errors.js';

afterEach(cleanup);
noReactErrors(); // e.g. "Maximum update depth exceeded" (qr-no-cascade.test.tsx)

const VECTORS = path.resolve(import.meta.dirname, '../fixtures/ksef/test-vectors');
const official = JSON.parse(fs.readFileSync(path.join(VECTORS, 'qr-examples.json'), 'utf8')) as {kod1: {officialExample: {url: string}}; kod2: {officialExample: {url: string}}};

describe('verify-qr screen', () => {
  it('F6 on the QR screen opens it; a valid KOD I, then a tampered one with each reason', async () => {
    const store = new FakeStore(fakeData());
    const r = render(<App store={store} dataDir="/srv/ksef/data" workstation="ws1" operator={store.data.operators[0]} initialPath={['A', '1', '5', '8']} escTimeoutMs={0} />);
    const flat = () => (r.lastFrame() ?? '').replace(/\s+/g, ' ');
    await waitForFrame(r.lastFrame, 'F6 Weryfikacja');
    await waitForFrame(r.lastFrame, '▶ Plik faktury (.xml)');
    r.stdin.write(KEYS.f6);
    await waitForFrame(r.lastFrame, 'Link z kodu QR');
    r.stdin.write(official.kod1.officialExample.url);
    await waitForFrame(r.lastFrame, 'UtQp9');
    r.stdin.write(KEYS.f2);
    await waitForFrame(r.lastFrame, 'KOD I: PRAWIDŁOWY');
    expect(flat()).toContain('✓ Adres środowiska KSeF (qr-test.ksef.mf.gov.pl)');
    expect(flat()).toContain('· Skrót pliku faktury zgodny z linkiem: nie sprawdzono');

    r.stdin.write(KEYS.esc);
    await waitForFrame(r.lastFrame, 'Link z kodu QR');
    // The same link from another host, with a non-canonical hash (last character's spare bits changed: E → F).
    const url = official.kod1.officialExample.url;
    r.stdin.write(KEYS.backspace.repeat(url.length));
    r.stdin.write(url.replace('qr-test.ksef.mf.gov.pl', 'qr-test.example').replace(/E$/, 'F'));
    await waitForFrame(r.lastFrame, 'WzIF▏');
    r.stdin.write(KEYS.f2);
    await waitForFrame(r.lastFrame, 'KOD I: NIEPRAWIDŁOWY');
    expect(flat()).toContain('✗ Host qr-test.example nie jest adresem kodów QR KSeF');
    expect(flat()).toMatch(/✗ Skrót faktury \S+ nie jest kanonicznym base64url/);
  });
});
