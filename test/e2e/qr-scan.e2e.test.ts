// Real terminal at 80×24: the BUILT app in tmux, operator JKOWALSKI with a type-O certificate, [A-1-5-8] for a
// fixture invoice. What tmux shows is turned back into an image and decoded by zbarimg: KOD I scans from the
// full-screen view at 80×24; KOD II (57 modules with its quiet zone → 29 rows + the label line) does not fit 24
// rows, so the screen says what it needs, and after a resize to 80×30 (the smallest that fits) it scans too.
import fs from 'node:fs';
import {readFile} from 'node:fs/promises';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {loginAndOpen, startBuiltApp, tmuxApp} from '../helpers/tmux.js';
import {captureToPng, zbarDecode} from '../helpers/terminal-qr.js';
import {captureLines, expectWholeFrame, saveCapture} from '../helpers/frame.js';
import {invoiceHash, verifyKod2} from '../../src/ksef/qr.js';
import {fixture, makeQrWorld, type QrWorld} from '../helpers/qr-world.js';

const app = tmuxApp('ksef-e2e-qr', 20_000);
const {tmux, keys, literal, waitUntil, waitFor} = app;
let w: QrWorld;
let certPem = '';
const invoice = fixture('fa3-beta-2026-02-01.xml');

beforeAll(async () => {
  w = await makeQrWorld();
  certPem = (await w.addCert({type: 'O', serial: '0EC0DE11AB22CD33'})).cert.certPem;
  startBuiltApp(app, w.dataDir, 80, 24);
}, 120_000);

afterAll(async () => {
  app.kill();
  await w?.cleanup();
});

const lines = captureLines;
const expectFrame = (s: string, cols: number, rows: number) => expectWholeFrame(s, cols, rows, 'JKOWALSKI');
/** A new phase's legend is drawn one render after its body: wait for both before checking the frame. */
const withLegend = (ok: (s: string) => boolean) => (s: string) => ok(s) && /^F\d+ .*F10 /.test(lines(s).at(-1) ?? '');

describe('QR codes read back from the terminal (tmux, zbarimg)', () => {
  it('KOD I scans full-screen at 80×24; KOD II needs 80×30 and scans there', async () => {
    await loginAndOpen(app, 'JKOWALSKI', 'Demo2026!oper', ['a', '1', '5', '8']);
    let s = await waitFor('[A-1-5-8] ', '▶ Plik faktury (.xml)');
    expectFrame(s, 80, 24);
    literal(invoice);
    await waitUntil((x) => /NIP sprzedawcy\s+5265877635/.test(x), 'seller NIP from the invoice');
    keys('F2');
    s = await waitUntil(withLegend((x) => x.includes('KOD II — weryfikacja wystawcy — CERTYFIKAT')), 'links and their legend');
    expectFrame(s, 80, 24);

    // Framed codes view at 80×24: no code fits, one line says what KOD I needs; no module is drawn.
    keys('Enter');
    s = await waitUntil(withLegend((x) => x.replace(/\s+/g, ' ').includes('KOD I — weryfikacja faktury: kod potrzebuje 23 wierszy × 41 kolumn, tu jest')), 'needs line');
    expectFrame(s, 80, 24);
    expect(s).not.toMatch(/[█▀▄]/);
    saveCapture('qr-80x24-framed', s);

    // P: full screen, no frame. KOD I (41 × 21 + label line) fits; decode what the terminal shows.
    keys('p');
    s = await waitFor('OFFLINE · Tab — drugi kod');
    const kod1 = `https://qr-demo.ksef.mf.gov.pl/invoice/5265877635/01-02-2026/${invoiceHash(await readFile(invoice))}`;
    let l = lines(s);
    for (const x of l) expect([...x].length).toBeLessThanOrEqual(80);
    expect(l[0]).toMatch(/^█{41}$/); // the quiet zone opens the window: the frame is gone
    expect(l[21]).toMatch(/^OFFLINE · /); // label under the code, not over it
    expect(zbarDecode(captureToPng(l))).toEqual([kod1]);
    saveCapture('qr-80x24-full-kod1', s);
    // F1 still works: its help comes in the frame; Esc returns to the full-screen code.
    keys('F1');
    s = await waitFor('Pomoc — ');
    expectFrame(s, 80, 24);
    keys('Escape');
    await waitFor('OFFLINE · Tab — drugi kod');

    // Tab: KOD II does not fit 24 rows — the line says so, nothing half-drawn.
    keys('Tab');
    s = await waitUntil((x) => x.replace(/\s+/g, ' ').includes('KOD II — weryfikacja wystawcy: kod potrzebuje 30 wierszy × 57 kolumn, okno ma 24 × 80'), 'KOD II needs line');
    expect(s).not.toMatch(/[█▀▄]/);
    expect(zbarDecode(captureToPng(lines(s)))).toEqual([]);

    // 80×30 is the smallest window that holds it: the code appears by itself and scans.
    tmux('resize-window', '-t', app.session, '-x', '80', '-y', '30');
    s = await waitFor('CERTYFIKAT · Tab — drugi kod');
    l = lines(s);
    expect(l[0]).toMatch(/^█{57}$/);
    const decoded = zbarDecode(captureToPng(l));
    expect(decoded).toHaveLength(1);
    expect(decoded[0]).toMatch(new RegExp(`^https://qr-demo\\.ksef\\.mf\\.gov\\.pl/certificate/Nip/1111111111/5265877635/0EC0DE11AB22CD33/${invoiceHash(await readFile(invoice))}/`));
    expect(verifyKod2(decoded[0], certPem)).toBe(true);
    saveCapture('qr-80x30-full-kod2', s);

    // Back at 80×24, Esc leaves the full screen: the frame is whole again.
    tmux('resize-window', '-t', app.session, '-x', '80', '-y', '24');
    await waitUntil((x) => x.replace(/\s+/g, ' ').includes('okno ma 24 × 80'), 'KOD II needs line at 80×24');
    keys('Escape');
    s = await waitUntil((x) => x.replace(/\s+/g, ' ').includes('KOD II — weryfikacja wystawcy: kod potrzebuje 31 wierszy'), 'framed needs line');
    expectFrame(s, 80, 24);
    keys('F10');
    await waitFor('EXIT_CODE=0');
    expect(fs.existsSync(w.dataDir)).toBe(true);
  });
});
