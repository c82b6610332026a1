// The QR codes of [A-1-5-8]: drawn only when a code fits whole with its quiet zone in the space it has — the
// Shell's body (framed view) or the whole window (full-screen view, one code at a time). Otherwise one line says
// how many rows × columns the code needs and how to get it: the full-screen view, a larger window, or PNG/SVG.
import React, {useMemo} from 'react';
import {Box} from 'ink';
import {Text} from '../tui/text.js';
import {qrTerminal, qrTerminalSize} from '../flows/qr-terminal.js';
import {useT} from './shell/context.js';
import {theme} from '../tui/theme.js';
import {bodySize, fullSize, wrappedLines} from '../tui/layout.js';
import type {TerminalSize} from '../tui/use-terminal-size.js';

export interface QrCode {
  url: string;
  /** KSeF label printed under the code (OFFLINE / CERTYFIKAT). */
  label: string;
  /** KOD I / KOD II title. */
  title: string;
}

/** Rows × columns a code block takes in the framed view: title line, the code, the label line. */
function blockSize(c: QrCode): TerminalSize {
  const s = qrTerminalSize(c.url);
  return {columns: Math.max(s.columns, [...c.title].length), rows: s.rows + 2};
}

/** The "needs N rows" line: what is missing and where the PNG/SVG goes. */
function NeedsLine({code, need, have, imageDir, full}: {code: QrCode; need: TerminalSize; have: TerminalSize; imageDir: string; full: boolean}) {
  const t = useT();
  return (
    <Text color={theme.warning} wrap="wrap">
      {t(full ? 'qr.needs.full' : 'qr.needs', {code: code.title, rows: need.rows, columns: need.columns, haveRows: have.rows, haveColumns: have.columns, dir: imageDir})}
    </Text>
  );
}

function QrBlock({code}: {code: QrCode}) {
  const art = useMemo(() => qrTerminal(code.url), [code.url]);
  const width = qrTerminalSize(code.url).columns;
  return (
    <Box flexDirection="column" width={Math.max(width, [...code.title].length)}>
      <Text bold>{code.title}</Text>
      <Text>{art}</Text>
      <Box width={width} justifyContent="center"><Text bold>{code.label}</Text></Box>
    </Box>
  );
}

/**
 * Framed view: both codes side by side when they fit, else the chosen one, else the needs line. `reserved` rows of
 * the body are taken by the screen's own lines under the codes.
 */
export function QrCodesFramed({codes, current, terminal, reserved, imageDir}: {codes: [QrCode, QrCode]; current: 1 | 2; terminal: TerminalSize; reserved: number; imageDir: string}) {
  const body = bodySize(terminal);
  const room = {columns: body.columns, rows: Math.max(0, body.rows - reserved)};
  const [a, b] = codes.map(blockSize);
  const gap = 3;
  if (a.columns + gap + b.columns <= room.columns && Math.max(a.rows, b.rows) <= room.rows) {
    return <Box gap={gap}><QrBlock code={codes[0]} /><QrBlock code={codes[1]} /></Box>;
  }
  const code = codes[current - 1];
  const need = current === 1 ? a : b;
  if (need.columns <= room.columns && need.rows <= room.rows) return <QrBlock code={code} />;
  return <NeedsLine code={code} need={need} have={room} imageDir={imageDir} full={false} />;
}

/** Full-screen view: one code from the top-left corner, one line under it (label, title, keys); nothing else. */
export function QrCodeFull({code, terminal, imageDir, note}: {code: QrCode; terminal: TerminalSize; imageDir: string; note?: string}) {
  const t = useT();
  const room = fullSize(terminal);
  const s = qrTerminalSize(code.url);
  const art = useMemo(() => qrTerminal(code.url), [code.url]);
  // Label, title, keys — the title gives way first when the window is narrow (the label names the code too).
  const full = `${code.label} · ${code.title} · ${t('qr.full.keys')}`;
  const line = [...full].length <= room.columns ? full : `${code.label} · ${t('qr.full.keys')}`;
  const noteRows = wrappedLines(note, room.columns);
  if (s.columns > room.columns || s.rows + 1 + noteRows > room.rows) {
    return (
      <Box flexDirection="column" width={room.columns}>
        <NeedsLine code={code} need={{columns: s.columns, rows: s.rows + 1}} have={room} imageDir={imageDir} full />
        {note ? <Text wrap="wrap">{note}</Text> : null}
        <Text color={theme.muted} wrap="truncate">{t('qr.full.keys')}</Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={room.columns}>
      <Text>{art}</Text>
      <Text bold wrap="truncate">{line}</Text>
      {note ? <Text wrap="wrap">{note}</Text> : null}
    </Box>
  );
}
