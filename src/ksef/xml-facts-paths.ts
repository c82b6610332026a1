// The picked elements of the fast XML pass (xml-facts-fast.ts): xmlFacts' walk over first matching children, kept in
// typed arrays reused from one invoice to the next. Per depth it counts the paths that may take a child there
// (`want`) and the chosen elements whose end matters (`watch`), so the scan calls in here only on those tags.
import {textOf} from './xml-bytes.js';

/** Per path, the last text read and its bytes: a batch repeats its seller NIP (and dates), decoded once. */
const REMEMBER = 64;

/** Deeper documents are left to xmlFacts (fixed arrays by depth). */
export const MAX_DEPTH = 256;

export class PathScan {
  private static last: PathScan | undefined;

  /** The scan state for `paths`, reset (one instance kept while the same paths array comes back). */
  static start(paths: readonly (readonly string[])[]): PathScan {
    let s = PathScan.last;
    if (s?.paths !== paths) s = PathScan.last = new PathScan(paths);
    s.reset();
    return s;
  }

  /** Per path and level: the wanted local name as UTF-8 bytes (element names in the fast pass are ASCII). */
  private readonly names: Uint8Array[][];
  private readonly len: Int32Array;
  /** How many levels each path is in; document depth of the element chosen at each level ([k*stride + level]). */
  private readonly depthIn: Int32Array;
  private readonly chosen: Int32Array;
  private readonly stride: number;
  private readonly done: Uint8Array;
  private readonly want = new Int32Array(MAX_DEPTH + 2);
  private readonly watch = new Int32Array(MAX_DEPTH + 2);
  /** want/watch are cleared up to here at the next reset. */
  private touched = 0;
  /** Open captures (the picked elements being read): path, depth, text so far. */
  private readonly capPath: Int32Array;
  private readonly capDepth: Int32Array;
  private readonly capText: string[] = [];
  private capN = 0;
  private readonly lastBytes: Uint8Array;
  private readonly lastLen: Int32Array;
  private readonly lastText: string[];
  capturing = false;
  values: (string | undefined)[] = [];

  private constructor(readonly paths: readonly (readonly string[])[]) {
    const k = paths.length;
    this.names = paths.map((p) => p.map((name) => Buffer.from(name, 'utf8')));
    this.len = Int32Array.from(paths, (p) => p.length);
    this.stride = Math.max(0, ...paths.map((p) => p.length)) + 1;
    this.depthIn = new Int32Array(k);
    this.chosen = new Int32Array(k * this.stride);
    this.done = new Uint8Array(k);
    this.capPath = new Int32Array(k);
    this.capDepth = new Int32Array(k);
    this.lastBytes = new Uint8Array(k * REMEMBER);
    this.lastLen = new Int32Array(k).fill(-1);
    this.lastText = paths.map(() => '');
  }

  private reset(): void {
    // Plain loops: a few entries each, cheaper than fill() calls.
    for (let d = 0; d < this.touched; d++) this.want[d] = this.watch[d] = 0;
    this.touched = 3;
    const values: (string | undefined)[] = [];
    for (let k = 0; k < this.len.length; k++) {
      this.depthIn[k] = 0;
      this.done[k] = 0;
      this.chosen[k * this.stride] = 1; // level 0 is the root, at depth 1
      if (this.len[k] > 0) this.want[2]++;
      values.push(undefined);
    }
    this.values = values;
    this.capN = 0;
    this.capturing = false;
  }

  /** Some path may pick a child at depth d. */
  wanted(d: number): boolean {
    return this.want[d] !== 0;
  }

  /** The end of an element at depth d changes some path. */
  watched(d: number): boolean {
    return this.watch[d] !== 0;
  }

  /** Character data b[from, to) inside the picked elements open now. */
  text(b: Uint8Array, from: number, to: number): void {
    for (let c = 0; c < this.capN; c++) this.capText[c] += this.decoded(this.capPath[c], b, from, to);
  }

  private decoded(k: number, b: Uint8Array, from: number, to: number): string {
    const len = to - from;
    const at = k * REMEMBER;
    if (len === this.lastLen[k]) {
      let m = 0;
      while (m < len && b[from + m] === this.lastBytes[at + m]) m++;
      if (m === len) return this.lastText[k];
    }
    const t = textOf(b, from, to);
    if (len <= REMEMBER) {
      for (let m = 0; m < len; m++) this.lastBytes[at + m] = b[from + m];
      this.lastLen[k] = len;
      this.lastText[k] = t;
    }
    return t;
  }

  /** An element with local name b[from, to) entered at depth d (its content follows unless `empty`). */
  enter(b: Uint8Array, from: number, to: number, d: number, empty: boolean): void {
    if (d + 2 > this.touched) this.touched = d + 2;
    for (let k = 0; k < this.len.length; k++) {
      const level = this.depthIn[k];
      if (this.done[k] || level >= this.len[k] || this.chosen[k * this.stride + level] + 1 !== d) continue;
      const name = this.names[k][level];
      if (name.length !== to - from) continue;
      let m = 0;
      while (m < name.length && b[from + m] === name[m]) m++;
      if (m < name.length) continue;
      // The first element of this name at this level is chosen; later siblings are not looked at (DOM walk).
      this.want[d]--;
      this.depthIn[k] = level + 1;
      this.chosen[k * this.stride + level + 1] = d;
      if (empty) {
        this.done[k] = 1;
      } else if (level + 1 === this.len[k]) {
        this.capPath[this.capN] = k;
        this.capDepth[this.capN] = d;
        this.capText[this.capN++] = '';
        this.capturing = true;
        this.watch[d]++;
      } else {
        this.want[d + 1]++;
        this.watch[d]++;
      }
    }
  }

  /** The element at depth d ended: its captures are complete; paths that chose it and found nothing are done. */
  closed(d: number): void {
    while (this.capN > 0 && this.capDepth[this.capN - 1] === d) {
      const k = this.capPath[--this.capN];
      this.values[k] = this.capText[this.capN].trim() || undefined;
      this.done[k] = 1;
    }
    this.capturing = this.capN > 0;
    for (let k = 0; k < this.len.length; k++) {
      const level = this.depthIn[k];
      if (this.done[k] || level === 0 || this.chosen[k * this.stride + level] !== d) continue;
      this.done[k] = 1;
      if (level < this.len[k]) this.want[d + 1]--;
    }
    this.watch[d] = 0;
  }
}
