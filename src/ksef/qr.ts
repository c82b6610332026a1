// KOD I (invoice) and KOD II (certificate) verification links per KSeF `kody-qr`, and their QR images.
import {promises as fs} from 'node:fs';
import QRCode from 'qrcode';
import {PNG} from 'pngjs';
import {GLYPH_H, GLYPH_W, glyphPixel} from './qr-font.js';

export * from './qr-links.js';

interface Matrix {
  size: number;
  dark: (x: number, y: number) => boolean;
}

function matrix(url: string, level: 'L' | 'M'): Matrix {
  const qr = QRCode.create(url, {errorCorrectionLevel: level});
  const size = qr.modules.size;
  return {size, dark: (x, y) => !!qr.modules.get(y, x)};
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** SVG: the code (ECC M, 4-module quiet zone) with the label centred under it. */
export function qrSvg(url: string, label: string): string {
  const m = matrix(url, 'M');
  const quiet = 4;
  const side = m.size + 2 * quiet;
  const labelH = 6;
  const path: string[] = [];
  for (let y = 0; y < m.size; y++) {
    for (let x = 0; x < m.size; x++) {
      if (!m.dark(x, y)) continue;
      let run = 1;
      while (x + run < m.size && m.dark(x + run, y)) run++;
      path.push(`M${x + quiet} ${y + quiet}h${run}v1h-${run}z`);
      x += run - 1;
    }
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side + labelH}" width="${side * 8}" height="${(side + labelH) * 8}" shape-rendering="crispEdges">`,
    `<rect width="${side}" height="${side + labelH}" fill="#ffffff"/>`,
    `<path fill="#000000" d="${path.join('')}"/>`,
    `<text x="${side / 2}" y="${side + 2.5}" font-family="DejaVu Sans Mono, Consolas, monospace" font-size="3" font-weight="bold" text-anchor="middle" fill="#000000">${escapeXml(label)}</text>`,
    '</svg>',
    '',
  ].join('\n');
}

/** PNG bytes: the code (ECC M, 8 px modules, 4-module quiet zone) with the label in a 5×7 pixel font under it. */
export function qrPngBuffer(url: string, label: string): Buffer {
  const m = matrix(url, 'M');
  const scale = 8;
  const quiet = 4;
  const qrPx = (m.size + 2 * quiet) * scale;
  const text = label.toUpperCase();
  const fontScale = Math.max(1, Math.min(4, Math.floor((qrPx - 2 * quiet * scale) / Math.max(1, text.length * (GLYPH_W + 1)))));
  const textW = text.length * (GLYPH_W + 1) * fontScale;
  const width = Math.max(qrPx, textW + 2 * scale);
  const labelTop = qrPx - quiet * scale + scale;
  const height = labelTop + GLYPH_H * fontScale + 2 * scale;
  const png = new PNG({width, height});
  png.data.fill(0xff);
  const setDark = (x: number, y: number) => {
    const i = (y * width + x) * 4;
    png.data[i] = png.data[i + 1] = png.data[i + 2] = 0;
  };
  const offX = Math.floor((width - qrPx) / 2);
  for (let y = 0; y < m.size; y++)
    for (let x = 0; x < m.size; x++)
      if (m.dark(x, y))
        for (let dy = 0; dy < scale; dy++) for (let dx = 0; dx < scale; dx++) setDark(offX + (x + quiet) * scale + dx, (y + quiet) * scale + dy);
  const textX = Math.floor((width - textW) / 2);
  [...text].forEach((ch, i) => {
    for (let gy = 0; gy < GLYPH_H; gy++)
      for (let gx = 0; gx < GLYPH_W; gx++)
        if (glyphPixel(ch, gx, gy))
          for (let dy = 0; dy < fontScale; dy++)
            for (let dx = 0; dx < fontScale; dx++) setDark(textX + (i * (GLYPH_W + 1) + gx) * fontScale + dx, labelTop + gy * fontScale + dy);
  });
  return PNG.sync.write(png);
}

export async function qrPng(url: string, label: string, file: string): Promise<void> {
  await fs.writeFile(file, qrPngBuffer(url, label));
}

/** Light border around a terminal code: 2 modules (the 4 of ISO 18004 cost 2 rows of an 80×24 window; scanners and
 * zbarimg read 2 — test/e2e/qr-scan.e2e.test.ts decodes what tmux shows). */
export const TERMINAL_QUIET = 2;

/** Columns × rows the terminal rendering of `url` takes (half blocks: two modules per row), quiet zone included. */
export function qrTerminalSize(url: string): {columns: number; rows: number} {
  const n = matrix(url, 'L').size + 2 * TERMINAL_QUIET;
  return {columns: n, rows: Math.ceil(n / 2)};
}

/**
 * Terminal rendering with half blocks (two modules per character row), ECC L and a TERMINAL_QUIET light border:
 * a KOD I link takes 41×21. Light modules are drawn, dark ones left blank, so it scans on dark terminals.
 */
export function qrTerminal(url: string): string {
  const m = matrix(url, 'L');
  const border = TERMINAL_QUIET;
  const n = m.size + 2 * border;
  const light = (x: number, y: number): boolean => {
    const qx = x - border;
    const qy = y - border;
    if (qx < 0 || qy < 0 || qx >= m.size || qy >= m.size) return true;
    return !m.dark(qx, qy);
  };
  const rows: string[] = [];
  for (let y = 0; y < n; y += 2) {
    let line = '';
    for (let x = 0; x < n; x++) {
      const top = light(x, y);
      const bottom = y + 1 < n ? light(x, y + 1) : false;
      line += top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' ';
    }
    rows.push(line);
  }
  return rows.join('\n');
}
