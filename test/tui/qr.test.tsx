// [A-1-5-8] screen with ink-testing-library on a real store: fixture invoice → NIP/P_1 pre-filled → both links with
// their labels, QR codes in the terminal, PNG/SVG on request; a type-A-only operator is refused in Polish.
import React from 'react';
import {readdir, readFile} from 'node:fs/promises';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {QrScreen} from '../../src/screens/qr.js';
import {SCREENS} from '../../src/screens/registry.js';
import {MENU_TREE, nodeAt} from '../../src/screens/menu/tree.js';
import type {Operator} from '../../src/domain/index.js';
import {invoiceHash, qrTerminal, verifyKod2} from '../../src/ksef/qr.js';
import {fixture, makeQrWorld, type QrWorld} from '../helpers/qr-world.js';
import {KEYS, waitForFrame} from '../helpers/ink.js';
import {mountScreen} from '../helpers/mount.js';
import {copyFile, mkdir} from 'node:fs/promises';
import path from 'node:path';
import {noReactErrors} from '../helpers/react-errors.js';

let w: QrWorld;
let certPem = '';
beforeAll(async () => {
  w = await makeQrWorld();
  certPem = (await w.addCert({type: 'O', serial: '01A2B3C4D5E6F708'})).cert.certPem;
});
afterEach(cleanup);
noReactErrors(); // e.g. "Maximum update depth exceeded" (qr-no-cascade.test.tsx)
afterAll(() => w?.cleanup());

function mount(operator: Operator) {
  return mountScreen({store: w.store, dataDir: w.dataDir, operator, workstation: 'ws-qr'}, (nav) => <QrScreen active path={['A', '1', '5', '8']} nav={nav} />);
}

type R = ReturnType<typeof mount>;
/** The frame with wrapped lines joined: URLs break without a space, messages at a space. */
const flat = (r: R) => (r.lastFrame() ?? '').replace(/\n/g, '');
const text = (r: R) => (r.lastFrame() ?? '').replace(/\s+/g, ' ');

async function chooseInvoice(r: R, file: string) {
  await waitForFrame(r.lastFrame, '▶ Plik faktury (.xml)');
  r.stdin.write(file);
  await waitForFrame(r.lastFrame, file.slice(-20));
}

describe('qr screen', () => {
  it('is the menu leaf A-1-5-8 with its help text', async () => {
    expect(nodeAt(MENU_TREE, ['A', '1', '5', '8'])?.screen).toBe('qr');
    expect(await SCREENS.qr.load?.()).toBe(QrScreen);
    expect(SCREENS.qr.help).toBe('help.qr');
  });

  it('pre-fills NIP and P_1 from the invoice, shows the certificate, both links with labels, the QR codes, saves PNG/SVG', async () => {
    const dir = path.join(w.root, 'ekran');
    await mkdir(dir);
    const invoice = path.join(dir, 'fa3-beta-2026-02-01.xml');
    await copyFile(fixture('fa3-beta-2026-02-01.xml'), invoice);
    const r = mount(w.operator);
    await chooseInvoice(r, invoice);
    await waitForFrame(r.lastFrame, /NIP sprzedawcy\s+5265877635/);
    expect(r.lastFrame()).toMatch(/Data wystawienia \(P_1\)\s+2026-02-01/);
    expect(r.lastFrame()).toMatch(/Kontekst KSeF\s+Nip:1111111111/);
    r.stdin.write(KEYS.f2);
    await waitForFrame(r.lastFrame, 'KOD II — weryfikacja wystawcy — CERTYFIKAT', 5000);
    const f = r.lastFrame()!;
    expect(f).toContain('KOD I — weryfikacja faktury — OFFLINE');
    expect(f).toMatch(/Numer seryjny\s+01A2B3C4D5E6F708/);
    expect(f).toMatch(/Certyfikat \(typ O\)\s+„.+” — operator JKOWALSKI/);
    expect(f).toMatch(/Ważny do\s+\d{4}-\d{2}-\d{2}/);
    const hash = invoiceHash(await readFile(invoice));
    const kod1 = `https://qr-demo.ksef.mf.gov.pl/invoice/5265877635/01-02-2026/${hash}`;
    expect(flat(r)).toContain(kod1);
    const kod2 = new RegExp(`https://qr-demo\\.ksef\\.mf\\.gov\\.pl/certificate/Nip/1111111111/5265877635/01A2B3C4D5E6F708/${hash}/[A-Za-z0-9_-]{86}`).exec(flat(r))![0];
    expect(verifyKod2(kod2, certPem)).toBe(true);

    // Enter → the codes; at 100×24 the frame leaves 16 rows: KOD I (21 rows + title + label) does not fit, so the
    // line says what it needs; P → full screen (no frame): KOD I whole with its label under it.
    r.stdin.write(KEYS.enter);
    await waitForFrame(r.lastFrame, 'KOD I — weryfikacja faktury: kod potrzebuje 23 wierszy × 41 kolumn, tu jest 17 × 98.');
    expect(r.lastFrame()).not.toMatch(/[█▀▄]/);
    r.stdin.write('p');
    await waitForFrame(r.lastFrame, 'OFFLINE · KOD I — weryfikacja faktury');
    const art1 = qrTerminal(kod1).split('\n');
    for (const line of art1) expect(r.lastFrame()).toContain(line);
    const lines = r.lastFrame()!.split('\n');
    expect(lines[art1.length]).toMatch(/^OFFLINE · /); // the label is under the code, not over it
    r.stdin.write(KEYS.tab);
    // KOD II needs 30 rows: more than 100×24 has, even full screen.
    await waitForFrame(r.lastFrame, /KOD II — weryfikacja wystawcy: kod potrzebuje 30 wierszy × 57 kolumn, okno ma 24 × 100/);
    expect(r.lastFrame()).not.toMatch(/[█▀▄]/);
    r.stdin.write(KEYS.esc);
    await waitForFrame(r.lastFrame, 'KOD II — weryfikacja wystawcy: kod potrzebuje 31 wierszy');

    // Z → PNG and SVG next to the invoice (the image folder was left empty).
    r.stdin.write('z');
    await waitForFrame(r.lastFrame, 'Zapisano w');
    expect((await readdir(dir)).sort()).toEqual([
      'fa3-beta-2026-02-01-kod1.png', 'fa3-beta-2026-02-01-kod1.svg', 'fa3-beta-2026-02-01-kod2.png', 'fa3-beta-2026-02-01-kod2.svg', 'fa3-beta-2026-02-01.xml',
    ]);
    expect(await readFile(path.join(dir, 'fa3-beta-2026-02-01-kod2.svg'), 'utf8')).toContain('>CERTYFIKAT</text>');
    const ev = (await w.store.listAudit()).filter((e) => e.action === 'qrSign').at(-1);
    expect(ev).toMatchObject({operator: 'JKOWALSKI', workstation: 'ws-qr', serial: '01A2B3C4D5E6F708'});
  });

  it('shows both codes side by side on a large terminal', async () => {
    const r = mount(w.operator);
    const out = r.stdout as unknown as NodeJS.EventEmitter & {columns: number; rows?: number};
    Object.defineProperty(out, 'columns', {value: 120, configurable: true});
    Object.defineProperty(out, 'rows', {value: 40, configurable: true});
    out.emit('resize');
    await chooseInvoice(r, fixture('fa3-demo-crlf-bom.xml'));
    await waitForFrame(r.lastFrame, /Data wystawienia \(P_1\)\s+2026-01-31/);
    r.stdin.write(KEYS.f2);
    await waitForFrame(r.lastFrame, 'CERTYFIKAT', 5000);
    r.stdin.write(KEYS.enter);
    await waitForFrame(r.lastFrame, /KOD I — weryfikacja faktury\s+KOD II — weryfikacja wystawcy/);
    // KOD I's label sits beside the (taller) KOD II code; KOD II's label closes the right column.
    expect(r.lastFrame()).toMatch(/^\s+OFFLINE\s+█/m);
    expect(r.lastFrame()).toMatch(/^\s{40,}CERTYFIKAT\s*$/m);
  });

  it('an operator whose only certificate is type A gets the Polish refusal naming the owners searched', async () => {
    await w.store.upsertOperator({code: 'ANOWAK', name: 'Anna Nowak', role: 'operator', branch: 'ODDZIAL1', password: 'Haslo-2026!ok'}, 'ADMIN');
    const anowak = (await w.store.listOperators()).find((o) => o.code === 'ANOWAK')!;
    await w.addCert({type: 'A', serial: '0DDDDDDDDDDDDDD1', owner: {kind: 'operator', code: 'ANOWAK'}});
    const r = mount(anowak);
    await chooseInvoice(r, fixture('fa3-beta-2026-02-01.xml'));
    await waitForFrame(r.lastFrame, /NIP sprzedawcy\s+5265877635/);
    r.stdin.write(KEYS.f2);
    await waitForFrame(r.lastFrame, 'Brak aktywnego certyfikatu typu O', 5000);
    expect(text(r)).toContain('przeszukano: operator ANOWAK → oddział ODDZIAL1 → firma');
  });
});
