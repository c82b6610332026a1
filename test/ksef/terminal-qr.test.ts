// The capture → PNG → zbarimg path the QR e2e relies on: a whole terminal code decodes to its link; the same code
// with its bottom rows cut (what an 80×24 frame used to show) does not — so a decoded e2e capture means "scans".
import {describe, expect, it} from 'vitest';
import {qrTerminal} from '../../src/ksef/qr.js';
import {captureToPng, zbarDecode} from '../helpers/terminal-qr.js';

const url = 'https://qr-demo.ksef.mf.gov.pl/invoice/5265877635/01-02-2026/' + 'Ab9_-'.repeat(8) + 'xyz';

describe('terminal QR read back by zbarimg', () => {
  it('decodes a whole code drawn with half blocks, and nothing from a cut one', () => {
    const lines = qrTerminal(url).split('\n');
    expect(zbarDecode(captureToPng(lines))).toEqual([url]);
    expect(zbarDecode(captureToPng(lines.slice(0, lines.length - 4)))).toEqual([]);
  });
});
