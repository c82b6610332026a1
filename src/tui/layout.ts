// Space the Shell leaves to a screen, and the whole window for a full-screen view. Ink redraws in place only while
// the output is shorter than the terminal, so both keep one row free (see Shell).
import type {TerminalSize} from './use-terminal-size.js';

/** Lines of the Shell around the body: title bar, breadcrumb, message line, status line, F-key legend. */
export const SHELL_CHROME_ROWS = 5;
/** Body padding left + right. */
export const SHELL_PADDING_COLUMNS = 2;

/** The Shell's body region for a terminal of `size`. */
export function bodySize(size: TerminalSize): TerminalSize {
  return {columns: Math.max(1, size.columns - SHELL_PADDING_COLUMNS), rows: Math.max(1, Math.max(10, size.rows - 1) - SHELL_CHROME_ROWS)};
}

/** A full-screen view (no frame): every column, every row but the last. */
export function fullSize(size: TerminalSize): TerminalSize {
  return {columns: size.columns, rows: Math.max(1, size.rows - 1)};
}

/** Terminal lines `text` takes when wrapped at `columns` (empty text: none). */
export function wrappedLines(text: string | undefined, columns: number): number {
  if (!text) return 0;
  return text.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil([...l].length / Math.max(1, columns))), 0);
}
