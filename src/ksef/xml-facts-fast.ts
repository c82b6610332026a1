// The common invoice through the strict XML pass on its UTF-8 bytes, without decoding it: every markup character is
// ASCII, so tags, references and nesting read the same on the bytes. One scan by byte classes (xml-bytes.ts) checks
// characters as it goes (controls, UTF-8 sequences where non-ASCII may stand: character data and attribute values),
// and no string or object is made per tag (~3.1 µs instead of ~14 µs for UTF-8 decoding plus
// xmlFacts; see bench/README.md, KOD II).
// It accepts only what it can prove exactly as xmlFacts would (same verdict, same root and values): ASCII element and
// attribute names, no DTD, comment, CDATA or processing instruction besides the XML declaration. Anything else —
// including every error — returns undefined, and the caller runs xmlFacts on the decoded text, which decides and
// words the message. test/ksef/xml-facts-fast.test.ts compares both on mutated invoices.
import {ATTR, declEnd, latin1, NAME, refEnd, SPACE, T_AMP, T_BRACKET, T_HIGH, T_LT, T_QUOTE, TEXT, utf8End} from './xml-bytes.js';
import {MAX_DEPTH, PathScan} from './xml-facts-paths.js';
import type {XmlFacts} from './xml-facts.js';

/** Start and end of each open element's qualified name at [2d-2, 2d-1] for depth d. */
const OPEN = new Int32Array(2 * MAX_DEPTH);
/** Qualified-name regions of the current tag's attributes (duplicates are refused); more are left to xmlFacts. */
const MAX_ATTRS = 32;
const ATTRS = new Int32Array(2 * MAX_ATTRS);

/** xmlns:p declarations in scope (rare in invoices): the depth of the declaring element and its prefixes. */
const nsDepth: number[] = [];
const nsPrefixes: string[][] = [];
let nsTop = 0;
/** Set by attributes(): the tag ended with `/>`. */
let tagEmpty = false;

const declared = (p: string): boolean => {
  if (p === 'xml') return true;
  for (let k = 0; k < nsTop; k++) if (nsPrefixes[k].includes(p)) return true;
  return false;
};

/** Index after the ASCII QName at `at` (one optional prefix), or -1; `qnameColon` gets the colon's index or -1. */
let qnameColon = -1;
function qnameEnd(b: Uint8Array, at: number, n: number): number {
  const name = NAME;
  qnameColon = -1;
  if (at >= n || name[b[at]] !== 1) return -1;
  let j = at + 1;
  for (;;) {
    while (j < n && name[b[j]] !== 0) j++;
    if (qnameColon >= 0 || j + 1 >= n || b[j] !== 0x3a || name[b[j + 1]] !== 1) return j;
    qnameColon = j;
    j += 2;
  }
}

/** Index after an attribute value's closing quote at `j` (the opening one), or -1: no `<`, no control, valid references. */
function valueEnd(b: Uint8Array, j: number, n: number): number {
  const q = b[j];
  const attr = ATTR;
  for (j++; j < n; j++) {
    const c = attr[b[j]];
    if (c === 0) continue;
    if (c === T_QUOTE) {
      if (b[j] === q) return j + 1;
    } else if (c === T_AMP) {
      const e = refEnd(b, j, n);
      if (e < 0) return -1;
      j = e - 1;
    } else if (c === T_HIGH) {
      const e = utf8End(b, j, n);
      if (e < 0) return -1;
      j = e - 1;
    } else {
      return -1;
    }
  }
  return -1;
}

/**
 * The attributes of a start tag from the white space at `j` up to `>` or `/>` (sets tagEmpty); returns the index
 * after the tag or -1. Names unique, prefixes declared (own declarations count), values checked; declarations made
 * here are pushed for `depth`.
 */
function attributes(b: Uint8Array, j: number, n: number, depth: number): number {
  let nAttrs = 0;
  let own: string[] | undefined;
  let prefixed: string[] | undefined;
  const space = SPACE;
  for (;;) {
    const ws = j;
    while (j < n && space[b[j]] === 1) j++;
    if (j >= n) return -1;
    const c = b[j];
    if (c === 0x3e) {
      tagEmpty = false;
      j++;
      break;
    }
    if (c === 0x2f) {
      if (j + 1 >= n || b[j + 1] !== 0x3e) return -1;
      tagEmpty = true;
      j += 2;
      break;
    }
    if (j === ws || nAttrs === 2 * MAX_ATTRS) return -1; // attributes are separated by white space
    const aStart = j;
    const aEnd = qnameEnd(b, j, n);
    if (aEnd < 0) return -1;
    const colon = qnameColon;
    for (let k = 0; k < nAttrs; k += 2) if (sameBytes(b, ATTRS[k], ATTRS[k + 1], aStart, aEnd)) return -1;
    ATTRS[nAttrs++] = aStart;
    ATTRS[nAttrs++] = aEnd;
    if (colon >= 0) {
      const p = latin1(b, aStart, colon);
      if (p === 'xmlns') (own ??= []).push(latin1(b, colon + 1, aEnd));
      else (prefixed ??= []).push(p);
    }
    j = aEnd;
    while (j < n && space[b[j]] === 1) j++;
    if (j >= n || b[j] !== 0x3d) return -1;
    j++;
    while (j < n && space[b[j]] === 1) j++;
    if (j >= n || (b[j] !== 0x22 && b[j] !== 0x27)) return -1;
    j = valueEnd(b, j, n);
    if (j < 0) return -1;
  }
  if (own) {
    nsDepth[nsTop] = depth;
    nsPrefixes[nsTop++] = own;
  }
  if (prefixed) for (const p of prefixed) if (!declared(p)) return -1;
  return j;
}

function sameBytes(b: Uint8Array, a: number, aEnd: number, c: number, cEnd: number): boolean {
  if (aEnd - a !== cEnd - c) return false;
  for (let k = 0; k < aEnd - a; k++) if (b[a + k] !== b[c + k]) return false;
  return true;
}

/** The root's local name: the same string object while invoices repeat it (no slice per invoice). */
let lastRoot = 'Faktura';
let lastRootBytes = Buffer.from(lastRoot, 'latin1');
function rootName(b: Uint8Array, from: number, to: number): string {
  const len = to - from;
  let k = 0;
  if (len === lastRootBytes.length) while (k < len && b[from + k] === lastRootBytes[k]) k++;
  if (k === len && len === lastRootBytes.length) return lastRoot;
  lastRoot = latin1(b, from, to);
  lastRootBytes = Buffer.from(lastRoot, 'latin1');
  return lastRoot;
}

/** Character data at depth > 0 from `i`: the index of the next `<`, or -1 (bad character or reference, `]]>`, end). */
function textEnd(b: Uint8Array, i: number, n: number): number {
  const text = TEXT;
  const lt = T_LT;
  for (;;) {
    let c = 0;
    while (i < n && (c = text[b[i]]) === 0) i++;
    if (i >= n) return -1; // the document ends inside an element
    if (c === lt) return i;
    if (c === T_AMP) {
      i = refEnd(b, i, n);
      if (i < 0) return -1;
    } else if (c === T_BRACKET) {
      if (i + 2 < n && b[i + 1] === 0x5d && b[i + 2] === 0x3e) return -1; // `]]>` outside CDATA
      i++;
    } else if (c === T_HIGH) {
      i = utf8End(b, i, n);
      if (i < 0) return -1;
    } else {
      return -1;
    }
  }
}

/**
 * xmlFacts for UTF-8 bytes (an optional BOM skipped, as the decoding caller does), or undefined when this fast path
 * cannot decide — then decode the bytes and call xmlFacts.
 */
export function xmlFactsFast(bytes: Uint8Array, paths: readonly (readonly string[])[]): XmlFacts | undefined {
  const b = bytes;
  const n = b.length;
  let i = n >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  if (i + 5 <= n && b[i] === 0x3c && b[i + 1] === 0x3f && b[i + 2] === 0x78 && b[i + 3] === 0x6d && b[i + 4] === 0x6c) {
    i = declEnd(b, i, n);
    if (i < 0) return undefined;
  }
  const name = NAME; // imported bindings as locals: a register in the loops, not a module cell per byte
  const space = SPACE;
  const open = OPEN;
  const ps = PathScan.start(paths);
  const view = new DataView(b.buffer, b.byteOffset, n);
  nsTop = 0;
  let depth = 0;
  let root: string | undefined;
  let rootClosed = false;
  while (i < n) {
    if (depth === 0) {
      while (i < n && space[b[i]] === 1) i++; // only white space outside the root
      if (i >= n) break;
      if (b[i] !== 0x3c) return undefined;
    } else if (b[i] !== 0x3c) {
      const from = i;
      // Most character data is the indentation between tags: line feeds and spaces, compared without the table.
      while (i < n && (b[i] === 0x20 || b[i] === 0x0a)) i++;
      if (i >= n || b[i] !== 0x3c) {
        i = textEnd(b, i, n);
        if (i < 0) return undefined;
      }
      if (ps.capturing) ps.text(b, from, i);
    }
    // A tag at i. `<!` and `<?` (comment, CDATA, DTD, PI) are left to xmlFacts like every other surprise.
    if (i + 1 < n && b[i + 1] === 0x2f) {
      if (depth === 0) return undefined;
      const a = open[2 * depth - 2];
      const len = open[2 * depth - 1] - a;
      let j = i + 2;
      if (j + len >= n) return undefined;
      let k = 0;
      for (; k + 4 <= len; k += 4) if (view.getInt32(j + k) !== view.getInt32(a + k)) return undefined;
      for (; k < len; k++) if (b[j + k] !== b[a + k]) return undefined;
      j += len;
      if (b[j] !== 0x3e) {
        while (j < n && space[b[j]] === 1) j++;
        if (j >= n || b[j] !== 0x3e) return undefined;
      }
      if (ps.watched(depth)) ps.closed(depth);
      if (nsTop > 0 && nsDepth[nsTop - 1] === depth) nsTop--;
      if (--depth === 0) rootClosed = true;
      i = j + 1;
      continue;
    }
    if (rootClosed) return undefined;
    // The qualified name, as qnameEnd reads it (inlined: the hottest loop after character data).
    const qStart = i + 1;
    if (qStart >= n || name[b[qStart]] !== 1) return undefined;
    let qEnd = qStart + 1;
    let colon = -1;
    for (;;) {
      while (qEnd < n && name[b[qEnd]] !== 0) qEnd++;
      if (colon >= 0 || qEnd + 1 >= n || b[qEnd] !== 0x3a || name[b[qEnd + 1]] !== 1) break;
      colon = qEnd;
      qEnd += 2;
    }
    if (qEnd >= n) return undefined;
    const d = depth + 1;
    if (d > MAX_DEPTH) return undefined;
    let j = qEnd;
    let empty = false;
    const c = b[j];
    const nsBefore = nsTop;
    if (c === 0x3e) {
      j++;
    } else if (c === 0x2f) {
      if (j + 1 >= n || b[j + 1] !== 0x3e) return undefined;
      empty = true;
      j += 2;
    } else if (space[c] === 1) {
      j = attributes(b, j, n, d);
      if (j < 0) return undefined;
      empty = tagEmpty;
    } else {
      return undefined;
    }
    // Namespace well-formedness as xmlFacts checks it: a prefix must be declared in scope (here or above).
    if (colon >= 0 && !declared(latin1(b, qStart, colon))) return undefined;
    if (empty) nsTop = nsBefore; // an empty element's declarations end with it
    const lStart = colon < 0 ? qStart : colon + 1;
    root ??= rootName(b, lStart, qEnd);
    if (ps.wanted(d)) ps.enter(b, lStart, qEnd, d, empty);
    if (!empty) {
      open[2 * depth] = qStart;
      open[2 * depth + 1] = qEnd;
      depth = d;
    } else if (d === 1) {
      rootClosed = true;
    }
    i = j;
  }
  if (root === undefined || depth !== 0) return undefined;
  return {root, values: ps.values};
}
