// [A-1-5-8] codes in the frame: at every size a code is either drawn whole (every row of its half-block rendering,
// quiet zone included) or replaced by the line saying what it needs — never cut. 80×24 first.
import React from 'react';
import {readFile} from 'node:fs/promises';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {QrScreen} from '../../src/screens/qr.js';
import {invoiceHash, qrTerminal} from '../../src/ksef/qr.js';
import {fixture, makeQrWorld, type QrWorld} from '../helpers/qr-world.js';
import {KEYS, waitForFrame} from '../helpers/ink.js';
import {mountScreen} from '../helpers/mount.js';
import {noReactErrors} from '../helpers/react-errors.js';

let w: QrWorld;
beforeAll(async () => {
  w = await makeQrWorld();
  await w.addCert({type: 'O', serial: '0FA1B2C3D4E5F607'});
});
afterEach(cleanup);
noReactErrors(); // e.g. "Maximum update depth exceeded" (qr-no-cascade.test.tsx)
afterAll(() => w?.cleanup());

type R = ReturnType<typeof mountScreen>;
function resize(r: R, columns: number, rows: number) {
  const out = r.stdout as unknown as NodeJS.EventEmitter;
  Object.defineProperty(out, 'columns', {value: columns, configurable: true});
  Object.defineProperty(out, 'rows', {value: rows, configurable: true});
  out.emit('resize');
}

/** Whole: every art row is on screen. Otherwise: the needs line and not one QR character. */
function wholeOrNeeds(frame: string, art: string, title: string): 'whole' | 'needs' {
  if (frame.includes(`${title}: kod potrzebuje`)) {
    expect(frame).not.toMatch(/[█▀▄]/);
    return 'needs';
  }
  for (const line of art.split('\n')) expect(frame).toContain(line);
  return 'whole';
}

describe('qr codes fit the frame', () => {
  it('80×24: the needs line (rows × columns, P, where PNG/SVG go); larger sizes draw the code whole; never cut', async () => {
    const invoice = fixture('fa3-beta-2026-02-01.xml');
    const r = mountScreen({store: w.store, dataDir: w.dataDir, operator: w.operator, workstation: 'ws-fit'}, (nav) => <QrScreen active path={['A', '1', '5', '8']} nav={nav} />);
    resize(r, 80, 24);
    await waitForFrame(r.lastFrame, '▶ Plik faktury (.xml)');
    r.stdin.write(invoice);
    await waitForFrame(r.lastFrame, /NIP sprzedawcy\s+5265877635/);
    r.stdin.write(KEYS.f2);
    await waitForFrame(r.lastFrame, 'CERTYFIKAT', 5000);
    const flat = (r.lastFrame() ?? '').replace(/\n/g, '');
    const hash = invoiceHash(await readFile(invoice));
    const kod1 = `https://qr-demo.ksef.mf.gov.pl/invoice/5265877635/01-02-2026/${hash}`;
    const kod2 = new RegExp(`https://qr-demo\\.ksef\\.mf\\.gov\\.pl/certificate/Nip/1111111111/5265877635/0FA1B2C3D4E5F607/${hash}/[A-Za-z0-9_-]{86}`).exec(flat)![0];
    r.stdin.write(KEYS.enter);
    await waitForFrame(r.lastFrame, 'kod potrzebuje');
    const text = (r.lastFrame() ?? '').replace(/\s+/g, ' ');
    // 80×24: 78 × 17 rows left to the codes; KOD I needs 23 × 41 (title + 21 rows + label).
    expect(text).toContain('KOD I — weryfikacja faktury: kod potrzebuje 23 wierszy × 41 kolumn, tu jest 17 × 78. P — pełny ekran; Z — PNG i SVG do');
    expect(text).toContain('fixtures/invoices');
    expect(r.lastFrame()).not.toMatch(/[█▀▄]/);
    for (const l of (r.lastFrame() ?? '').split('\n')) expect([...l].length).toBeLessThanOrEqual(80);

    const seen = {1: new Set<string>(), 2: new Set<string>()};
    for (const [cols, rows] of [[80, 24], [80, 29], [90, 34], [100, 27], [120, 40], [60, 40]] as const) {
      resize(r, cols, rows);
      for (const code of [1, 2] as const) {
        r.stdin.write(String(code));
        const title = code === 1 ? 'KOD I — weryfikacja faktury' : 'KOD II — weryfikacja wystawcy';
        await waitForFrame(r.lastFrame, title);
        seen[code].add(`${cols}x${rows}:${wholeOrNeeds(r.lastFrame() ?? '', qrTerminal(code === 1 ? kod1 : kod2), title)}`);
      }
    }
    // Both outcomes occur for both codes, at the sizes arithmetic says (KOD I: 23 body rows; KOD II: 31). The frame
    // takes every row (the footer on the last), so 80×29 is the tallest window where KOD I still does not fit.
    expect([...seen[1]]).toEqual(['80x24:needs', '80x29:needs', '90x34:whole', '100x27:needs', '120x40:whole', '60x40:whole']);
    expect([...seen[2]]).toEqual(['80x24:needs', '80x29:needs', '90x34:needs', '100x27:needs', '120x40:whole', '60x40:whole']);
  });

  it('English: the needs line and the full-screen keys come from the catalogue', async () => {
    const r = mountScreen({store: w.store, dataDir: w.dataDir, operator: w.operator, workstation: 'ws-fit', lang: 'en'}, (nav) => <QrScreen active path={['A', '1', '5', '8']} nav={nav} />);
    resize(r, 80, 24);
    await waitForFrame(r.lastFrame, /Invoice|invoice/);
    r.stdin.write(fixture('fa3-beta-2026-02-01.xml'));
    await waitForFrame(r.lastFrame, '5265877635');
    r.stdin.write(KEYS.f2);
    await waitForFrame(r.lastFrame, 'CERTYFIKAT', 5000);
    r.stdin.write(KEYS.enter);
    await waitForFrame(r.lastFrame, 'the code needs');
    expect((r.lastFrame() ?? '').replace(/\s+/g, ' ')).toContain('KOD I — invoice verification: the code needs 23 rows × 41 columns, there are 17 × 78. P — full screen; Z — PNG and SVG to');
    r.stdin.write('p');
    // 80 columns: the title gives way so the keys stay whole; at 100 it is back.
    await waitForFrame(r.lastFrame, /^OFFLINE · Tab — other code, Z — PNG\/SVG, Esc — back$/m);
    resize(r, 100, 24);
    await waitForFrame(r.lastFrame, 'OFFLINE · KOD I — invoice verification · Tab — other code, Z — PNG/SVG, Esc — back');
  });
});
