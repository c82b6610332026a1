// Space the Shell leaves to a screen, and the whole window for a full-screen view. Frames use every row: the
// painter (terminal-screen.ts) puts them at fixed rows, so the footer sits on the last row and nothing scrolls.
import type {TerminalSize} from './use-terminal-size.js';

/** Lines of the Shell around the body: title bar, breadcrumb, message line, status line, F-key legend. */
export const SHELL_CHROME_ROWS = 5;
/** Body padding left + right. */
export const SHELL_PADDING_COLUMNS = 2;

/** The Shell's body region for a terminal of `size`. */
export function bodySize(size: TerminalSize): TerminalSize {
  return {columns: Math.max(1, size.columns - SHELL_PADDING_COLUMNS), rows: Math.max(1, shellRows(size) - SHELL_CHROME_ROWS)};
}

/** Height of the Shell: the whole window (at least 10 rows, so a tiny window clips the body, not the frame). */
export function shellRows(size: TerminalSize): number {
  return Math.max(10, size.rows);
}

/** A full-screen view (no frame): every column, every row. */
export function fullSize(size: TerminalSize): TerminalSize {
  return {columns: size.columns, rows: Math.max(1, size.rows)};
}

/** Terminal lines `text` takes when wrapped at `columns` (empty text: none). */
export function wrappedLines(text: string | undefined, columns: number): number {
  if (!text) return 0;
  return text.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil([...l].length / Math.max(1, columns))), 0);
}
