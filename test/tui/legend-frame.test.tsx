// The footer legend arrives with its body: no frame Ink writes shows a screen's new phase (a dialog, a result) or a
// newly opened screen under the legend of what was there before. Every written frame is checked, not just the last.
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import type {CertificateRecord} from '../../src/domain/index.js';
import {App} from '../../src/screens/shell/App.js';
import {FakeStore, fakeData} from '../helpers/fake-store.js';
import {KEYS, waitForFrame} from '../helpers/ink.js';

afterEach(cleanup);

const NOW = new Date('2026-06-15T10:00:00Z');
const CERT: CertificateRecord = {
  id: 'c1', owner: {kind: 'company'}, name: 'Firma stopka', type: 'A', env: 'D', mode: 'B', state: 'issued', serial: '0A1B2C3D4E5F6071',
  keyPem: '', keyAlgorithm: 'EC-P256', validFrom: '2026-01-01T00:00:00.000Z', validTo: '2028-01-01T00:00:00.000Z',
  source: 'imported', createdAt: NOW.toISOString(), createdBy: 'ADMIN',
};

/** The last line holding an F-key legend. */
const legendOf = (frame: string) => frame.split('\n').filter((l) => /F1 /.test(l)).at(-1) ?? '';

function open(path: string[]) {
  const data = fakeData();
  data.certificates = [structuredClone(CERT)];
  const store = new FakeStore(data);
  return render(<App store={store} dataDir="/srv/ksef/data" workstation="ws1" operator={store.data.operators[0]} clock={() => NOW} initialPath={path} escTimeoutMs={0} />);
}

describe('legend in the same frame as its body', () => {
  it('menu → list → F8 message box → Esc: every frame pairs the body with its own legend', async () => {
    const r = open(['A', '1', '5']);
    await waitForFrame(r.lastFrame, '[A-1-5] ');
    r.stdin.write('7');
    await waitForFrame(r.lastFrame, '1 z 1');
    r.stdin.write(KEYS.f8); // no certificate to revoke yet: the refusal in a message box
    await waitForFrame(r.lastFrame, 'nie został jeszcze wydany');
    r.stdin.write(KEYS.esc);
    await waitForFrame(r.lastFrame, 'F4 Eksport');
    const frames = r.frames.filter((f) => legendOf(f));
    // The list's body and its F4/F5/F8 legend; a message box over it offers F1, Esc, F10 only.
    const list = frames.filter((f) => f.includes('[A-1-5-7]') && f.includes('1 z 1') && !f.includes('╔'));
    const dialog = frames.filter((f) => f.includes('nie został jeszcze wydany'));
    expect(list.length).toBeGreaterThan(1);
    expect(dialog.length).toBeGreaterThan(0);
    for (const f of list) expect(legendOf(f)).toMatch(/^F4 Eksport {2}F5 Odśwież {2}F8 Unieważnij {2}F1 Pomoc/);
    for (const f of dialog) expect(legendOf(f)).toMatch(/^F1 Pomoc {2}Esc Powrót {2}F10 Koniec\s*$/);
    // The menu never shows a screen's legend.
    for (const f of frames.filter((x) => x.includes('[A-1-5] '))) expect(legendOf(f)).toMatch(/^F1 Pomoc {2}Esc Powrót {2}F10 Koniec\s*$/);
  });
});
