// The import screen [A-1-5-3] under --lang en at 80 columns: form, preview (what was read) and the result are
// English — no Polish letter outside user data (the certificate's subject and issuer, the company name) — and no
// line is wider than the window.
import React from 'react';
import {readFileSync} from 'node:fs';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {CertImportScreen} from '../../src/screens/cert-import.js';
import {ecPair, makeWorld, PASSWORD, toMcuKey} from '../helpers/import-fixtures.js';
import {KEYS, waitForFrame} from '../helpers/ink.js';
import {mountScreen} from '../helpers/mount.js';
import {parseCertificate} from '../../src/ksef/cert-info.js';

const w = await makeWorld('ksef-tui-imp-en-');
const admin = (await w.store.listOperators()).find((o) => o.role === 'admin')!;
afterEach(cleanup);
afterAll(() => w.cleanup());

const POLISH = /[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]/;

function expectEnglish(frame: string | undefined, userData: string[], columns: number) {
  let text = (frame ?? '').replace(/\x1b\[[0-9;]*m/g, '');
  for (const l of text.split('\n')) expect([...l].length, l).toBeLessThanOrEqual(columns);
  const words = userData.join(' ').split(/[\s,=]+/).filter((x) => POLISH.test(x));
  for (const word of words) text = text.split(word).join('');
  expect(text.split('\n').filter((l) => POLISH.test(l))).toEqual([]);
}

describe('cert-import screen in English', () => {
  it('form, preview and result at 80 columns', async () => {
    const p = await ecPair(w, 'tui-en');
    const mcu = toMcuKey(w, p.keyFile, 'tui-en.mcu.key');
    const company = await w.store.company();
    const r = mountScreen({store: w.store, dataDir: w.dataDir, operator: admin, workstation: 'ws-en', lang: 'en'}, (nav) => <CertImportScreen active path={['A', '1', '5', '3']} nav={nav} />);
    const out = r.stdout as unknown as NodeJS.EventEmitter;
    Object.defineProperty(out, 'columns', {value: 80, configurable: true});
    out.emit('resize');
    await waitForFrame(r.lastFrame, '▶ Certificate file (.crt)');
    expectEnglish(r.lastFrame(), [company.name], 80);
    r.stdin.write(p.crtFile);
    await waitForFrame(r.lastFrame, p.crtFile.slice(-20));
    r.stdin.write(KEYS.enter);
    await waitForFrame(r.lastFrame, '▶ Key file (.key)');
    r.stdin.write(mcu);
    await waitForFrame(r.lastFrame, mcu.slice(-20));
    r.stdin.write(KEYS.enter);
    await waitForFrame(r.lastFrame, '▶ Key password');
    r.stdin.write(PASSWORD);
    await waitForFrame(r.lastFrame, '*'.repeat([...PASSWORD].length));
    r.stdin.write(KEYS.f2);
    await waitForFrame(r.lastFrame, 'Certificate read:', 8000);
    const preview = r.lastFrame()!;
    expect(preview).toContain('Import the certificate? (Y/N)');
    const rec = parseCertificate(readFileSync(p.crtFile));
    expectEnglish(preview, [company.name, rec.subject, rec.issuer], 80);
    r.stdin.write('y');
    await waitForFrame(r.lastFrame, 'Imported certificate', 8000);
    expect(r.lastFrame()!.replace(/\s+/g, ' ')).toContain('for the company, environment TEST');
    expectEnglish(r.lastFrame(), [company.name, rec.subject, rec.issuer], 80);
  });
});
