// Heap policy of the full-screen TUI process (not of the CLI: `qr --batch` and `store copy` want throughput).
//
// Why: each Ink render of a full frame allocates ~7 MB of objects that die with it (Ink's Output builds a cell
// object per screen cell and ANSI-diff sets per character), whatever the data. With V8's defaults the young
// generation grows to 2 × 16 MB and the old generation grows by up to 2× per collection, so after a minute of
// arrow keys the process holds ~190 MB while its live heap is ~50 MB (bench/README.md, "rss-peak-10k"). Operators
// run one TUI per SSH session, many on one F2000 server: the TUI keeps the young generation at its initial size
// (a scavenge per ~2 MB instead of per 16 MB; they stay short because almost nothing survives a render) and
// grows the old generation in 20 % steps. `KSEF_CERTS_TUI_HEAP=v8` keeps V8's defaults (a bit faster per key on a
// machine with memory to spare).
import v8 from 'node:v8';

/** Both flags are read by V8's heap-sizing heuristics at each collection, so they apply when set at run time. */
export const TUI_HEAP_FLAGS = ['--semi-space-growth-factor=1', '--heap-growing-percent=20'] as const;

let applied = false;

/** Applies {@link TUI_HEAP_FLAGS} once per process; call before the first frame. */
export function applyTuiHeapPolicy(env: NodeJS.ProcessEnv = process.env): void {
  if (applied || env.KSEF_CERTS_TUI_HEAP === 'v8') return;
  applied = true;
  for (const flag of TUI_HEAP_FLAGS) v8.setFlagsFromString(flag);
}
