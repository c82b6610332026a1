// Hostile strings drawn by the TUI: a stored name, a certificate subject and an audited file name carrying OSC/CSI/
// SGR sequences, C1 CSI, DEL, BEL and bidi overrides/isolates reach the frame escaped, never raw — on the audit log,
// the list, the details and the import preview. Ink's own colours still work, and no screen can bypass the rule
// by importing Ink's Text directly.
import React from 'react';
import fs from 'node:fs';
import path from 'node:path';
import chalk from 'chalk';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import type {CertificateRecord, Operator} from '../../src/domain/index.js';
import {App} from '../../src/screens/shell/App.js';
import {Text} from '../../src/tui/text.js';
import {CertImportScreen} from '../../src/screens/cert-import.js';
import {readImportFiles} from '../../src/flows/import.js';
import {companySubject, ecPair, makeWorld, PASSWORD, toMcuKey, type World} from '../helpers/import-fixtures.js';
import {BEL, BIDI, C1_CSI, CORPUS, DEL, expectInert, ISOLATES, OSC_TITLE, SGR_RED} from '../helpers/hostile.js';
import {KEYS, waitForFrame} from '../helpers/ink.js';
import {mountScreen} from '../helpers/mount.js';

afterEach(cleanup);

let w: World;
let admin: Operator;
const NAME = `X${OSC_TITLE}\u202e${SGR_RED}${C1_CSI}${DEL}${BEL}${ISOLATES}`;
const NAME_SHOWN = 'X\\x1b]0;pwned\\x07\\u202e\\x1b[31m\\x9b2J\\x7f\\x07\\u2066\\u2067\\u2068\\u2069';

beforeAll(async () => {
  w = await makeWorld('ksef-tui-hostile-');
  admin = (await w.store.listOperators()).find((o) => o.role === 'admin')!;
  const now = Date.now();
  const rec: CertificateRecord = {
    id: 'hostile-1', owner: {kind: 'company'}, name: NAME, type: 'A', env: 'T', mode: 'B', state: 'issued', serial: '00000000000000A1',
    keyPem: '', keyAlgorithm: 'EC-P256', validFrom: new Date(now - 86400_000).toISOString(), validTo: new Date(now + 300 * 86400_000).toISOString(),
    source: 'imported', createdAt: new Date(now).toISOString(), createdBy: 'ADMIN',
  };
  await w.store.addCertificate(rec);
  await w.store.audit({operator: 'ADMIN', workstation: 'ws', action: 'revoke', certificateId: rec.id, serial: rec.serial, details: `KSeF: ${CORPUS}`});
  const p = await ecPair(w, 'audit');
  const keyFile = toMcuKey(w, p.keyFile, `k${OSC_TITLE}.key`);
  await expect(readImportFiles({crtPath: p.crtFile, keyPath: keyFile, password: 'zle'}, {store: w.store, operator: 'ADMIN', workstation: 'ws'})).rejects.toThrow();
});
afterAll(() => w?.cleanup());

const app = (at: string[]) => render(<App store={w.store} dataDir={w.dataDir} workstation="ws-tui" operator={admin} initialPath={at} escTimeoutMs={0} />);

describe('hostile strings on TUI screens', () => {
  it('audit log [A-1-5-6]: the key file name that sets the terminal title is shown escaped', async () => {
    const r = app(['A', '1', '5', '6']);
    await waitForFrame(r.lastFrame, 'błędne hasło');
    expectInert(r.lastFrame()!);
    expect(r.lastFrame()).toContain('import: k\\x1b]0;'); // escaped ESC shown as text (the cell starts after the row marker)
    r.stdin.write('/pwned');
    await waitForFrame(r.lastFrame, '2 z 2');
    expectInert(r.lastFrame()!);
  });

  it('list [A-1-5-7] and details: the stored name and a KSeF message in the history are shown escaped', async () => {
    const r = app(['A', '1', '5', '7']);
    await waitForFrame(r.lastFrame, '1 z 1');
    expectInert(r.lastFrame()!);
    expect(r.lastFrame()).toContain(NAME_SHOWN.slice(0, 15));
    r.stdin.write(KEYS.enter);
    await waitForFrame(r.lastFrame, 'Historia');
    expectInert(r.lastFrame()!);
    expect(r.lastFrame()).toContain(NAME_SHOWN.slice(0, 60));
    expect(r.lastFrame()).toContain('KSeF: A\\x1b]0;pwned\\x07B\\x1b[2J');
  });

  it('import preview [A-1-5-3]: a subject with bidi overrides and isolates is shown escaped', async () => {
    const cn = `Beta${BIDI}gpj.exe${ISOLATES}`;
    const p = await ecPair(w, 'bidi', {subject: companySubject(cn)});
    const key = toMcuKey(w, p.keyFile, 'bidi.mcu.key');
    const r = mountScreen({store: w.store, dataDir: w.dataDir, operator: admin, workstation: 'ws-tui'}, (nav) => <CertImportScreen active path={['A', '1', '5', '3']} nav={nav} />);
    await waitForFrame(r.lastFrame, '▶ Plik certyfikatu (.crt)');
    r.stdin.write(p.crtFile);
    await waitForFrame(r.lastFrame, 'bidi.crt');
    r.stdin.write(KEYS.enter);
    await waitForFrame(r.lastFrame, '▶ Plik klucza (.key)');
    r.stdin.write(key);
    await waitForFrame(r.lastFrame, 'bidi.mcu.key');
    r.stdin.write(KEYS.enter);
    await waitForFrame(r.lastFrame, '▶ Hasło klucza');
    r.stdin.write(PASSWORD);
    await waitForFrame(r.lastFrame, '*'.repeat([...PASSWORD].length));
    r.stdin.write(KEYS.f2);
    await waitForFrame(r.lastFrame, 'Odczytano certyfikat:');
    expectInert(r.lastFrame()!);
    expect(r.lastFrame()).toContain('Beta\\u202a\\u202b\\u202c\\u202d\\u202egpj.exe\\u2066\\u2067\\u2068\\u2069');
  });
});

describe('the Text every screen uses', () => {
  it('keeps Ink colours while escaping the hostile text inside', () => {
    const level = chalk.level;
    chalk.level = 1;
    try {
      const r = render(<Text color="red">{`a${SGR_RED}b`}<Text bold>{OSC_TITLE}</Text></Text>);
      const f = r.lastFrame()!;
      expect(f).toContain('\x1b[31m'); // Ink's own colour
      expect(f).toContain('a\\x1b[31mb');
      expect(f).toContain('\\x1b]0;pwned\\x07');
      expect(f.replace(/\x1b\[\d+(;\d+)*m/g, '')).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    } finally {
      chalk.level = level;
    }
  });

  it('is the only Text: no file in src imports Text from ink except the wrapper', () => {
    const src = path.resolve(import.meta.dirname, '../../src');
    const offenders = (fs.readdirSync(src, {recursive: true}) as string[])
      .filter((f) => /\.tsx?$/.test(f) && f !== path.join('tui', 'text.tsx'))
      .filter((f) => /import\s*\{[^}]*\bText\b[^}]*\}\s*from\s*'ink'/.test(fs.readFileSync(path.join(src, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
