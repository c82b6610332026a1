// NO_COLOR (no-color.org) turns colour off: Ink's colour library (chalk) reads FORCE_COLOR but not NO_COLOR, so it
// is translated before Ink loads (main.ts imports this module first). Focus then shows by markers (▶, [Tak]).
if (process.env.NO_COLOR && process.env.FORCE_COLOR === undefined) process.env.FORCE_COLOR = '0';
export {};
