// Turns what a terminal shows (a tmux capture) back into an image and decodes it with zbarimg — an independent
// reader, so a QR code "scans" only when the cells really on screen form one (quiet zone, finder patterns, all rows).
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {PNG} from 'pngjs';

/**
 * PNG of the captured lines: every cell is two module squares (top, bottom) of `scale` px. The app draws light
 * modules as glyphs on a dark terminal: █ both halves light, ▀ top, ▄ bottom; a space or any other character is the
 * dark background.
 */
export function captureToPng(lines: readonly string[], scale = 4): Buffer {
  const cells = lines.map((l) => [...l]);
  const width = Math.max(1, ...cells.map((c) => c.length)) * scale;
  const height = cells.length * 2 * scale;
  const png = new PNG({width, height});
  png.data.fill(0);
  for (let i = 3; i < png.data.length; i += 4) png.data[i] = 0xff;
  const paint = (cx: number, half: number, row: number) => {
    for (let dy = 0; dy < scale; dy++)
      for (let dx = 0; dx < scale; dx++) {
        const o = (((row * 2 + half) * scale + dy) * width + cx * scale + dx) * 4;
        png.data[o] = png.data[o + 1] = png.data[o + 2] = 0xff;
      }
  };
  cells.forEach((row, y) => row.forEach((ch, x) => {
    if (ch === '█' || ch === '▀') paint(x, 0, y);
    if (ch === '█' || ch === '▄') paint(x, 1, y);
  }));
  return PNG.sync.write(png);
}

/** Texts zbarimg decodes from a PNG ([] when it finds no code). */
export function zbarDecode(png: Buffer): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ksef-zbar-'));
  try {
    const file = path.join(dir, 'screen.png');
    fs.writeFileSync(file, png);
    const out = execFileSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', file], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']});
    return out.split('\n').filter((l) => l.length > 0);
  } catch (e) {
    // zbarimg exits 4 when it finds no symbol
    if ((e as {status?: number}).status === 4) return [];
    throw e;
  } finally {
    fs.rmSync(dir, {recursive: true, force: true});
  }
}
