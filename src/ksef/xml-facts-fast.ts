// The common invoice through the strict XML pass without decoding it: the bytes are checked to be UTF-8, viewed as a
// one-byte (latin1) string — every markup character is ASCII, so tags, references and nesting read the same — and
// scanned by character codes without a string or object per tag (~4 µs instead of ~12 µs for UTF-8 decoding plus
// xmlFacts on a two-byte string; see bench/README.md, KOD II).
// It accepts only what it can prove exactly as xmlFacts would (same verdict, same root and values): ASCII element and
// attribute names, no DTD, comment, CDATA or processing instruction besides the XML declaration. Anything else —
// including every error — returns undefined, and the caller runs xmlFacts on the decoded text, which decides and
// words the message. test/ksef/xml-facts-fast.test.ts compares both on mutated invoices.
import {isUtf8} from 'node:buffer';
import {isXmlChar, XML_DECL, type XmlFacts} from './xml-facts.js';

/** XML 1.0 forbids these controls, and U+FFFE/U+FFFF (as UTF-8 EF BF BE/BF); valid UTF-8 has no surrogates. */
const CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F]/;
const NON_CHAR = /\xEF\xBF[\xBE\xBF]/;
const NON_ASCII = /[\x80-\xFF]/;
/** A reference at an `&`: the five predefined entities or a character reference. */
const REF_AT = /&(?:#([0-9]+)|#x([0-9a-fA-F]+)|lt|gt|amp|apos|quot);/y;
const REF = /&(?:#([0-9]+)|#x([0-9a-fA-F]+)|(lt|gt|amp|apos|quot));/g;
const PREDEFINED: Record<string, string> = {lt: '<', gt: '>', amp: '&', apos: "'", quot: '"'};

const isNameStart = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
const isName = (c: number): boolean => isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;
const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;

/** Every `&` in s[from, to) starts a well-formed reference to an allowed character. */
function refsOk(s: string, from: number, to: number): boolean {
  for (let a = s.indexOf('&', from); a >= 0 && a < to; a = s.indexOf('&', a + 1)) {
    REF_AT.lastIndex = a;
    const m = REF_AT.exec(s);
    if (!m || REF_AT.lastIndex > to) return false;
    if ((m[1] || m[2]) && !isXmlChar(m[1] ? Number.parseInt(m[1], 10) : Number.parseInt(m[2], 16))) return false;
  }
  return true;
}

/** Text s[from, to) as the decoded document has it: UTF-8 restored, references replaced (already checked). */
function textOf(s: string, from: number, to: number): string {
  let t = s.slice(from, to);
  if (NON_ASCII.test(t)) t = Buffer.from(t, 'latin1').toString('utf8'); // a '<' or '&' never splits a UTF-8 sequence
  if (!t.includes('&')) return t;
  return t.replace(REF, (_, dec: string | undefined, hex: string | undefined, name: string | undefined) =>
    name ? PREDEFINED[name] : String.fromCodePoint(dec ? Number.parseInt(dec, 10) : Number.parseInt(hex!, 16)));
}

/** End of the ASCII QName at `at` (one optional prefix), or -1; `qnameColon` gets the colon's index or -1. */
let qnameColon = -1;
function qnameEnd(s: string, at: number): number {
  qnameColon = -1;
  if (!isNameStart(s.charCodeAt(at))) return -1;
  let j = at + 1;
  for (;;) {
    const c = s.charCodeAt(j);
    if (isName(c)) j++;
    else if (c === 0x3a && qnameColon < 0 && isNameStart(s.charCodeAt(j + 1))) {
      qnameColon = j;
      j += 2;
    } else return j;
  }
}

const sameRegion = (s: string, a: number, aEnd: number, b: number, bEnd: number): boolean => {
  if (aEnd - a !== bEnd - b) return false;
  for (let k = 0; k < aEnd - a; k++) if (s.charCodeAt(a + k) !== s.charCodeAt(b + k)) return false;
  return true;
};

interface PathState {
  depthIn: number;
  chosenAt: number[];
  done: boolean;
  text?: string;
}

const BAIL = -1;

/**
 * The scan's state. Split into small methods on purpose: TurboFan compiles each separately, so a fresh batch thread
 * reaches optimised code after a fraction of the compile time one large function needs (measured ~150 ms → see
 * bench/README.md) — every `qr --batch` starts new threads.
 */
class Scan {
  readonly states: PathState[] = [];
  readonly captures: {state: PathState; depth: number; parts: string[]}[] = [];
  /** Start and end of each open element's qualified name at [2d-2, 2d-1] for depth d (a counter, not `length =`). */
  readonly open: number[] = [];
  top = 0;
  /** xmlns:p declarations in scope (rare in invoices). */
  ns: {depth: number; prefixes: string[]}[] | undefined = undefined;
  readonly attrs: number[] = [];
  root: string | undefined = undefined;
  rootClosed = false;
  amp: number;
  /** Set by attributes(): the tag ends with `/>`; the tag declares namespace prefixes. */
  empty = false;
  declares = false;

  constructor(readonly s: string, readonly paths: readonly (readonly string[])[], from: number) {
    for (let k = 0; k < paths.length; k++) this.states.push({depthIn: 0, chosenAt: [1, 0, 0, 0], done: false, text: undefined}); // one shape
    this.amp = s.indexOf('&', from);
  }

  declared(p: string): boolean {
    return p === 'xml' || (this.ns?.some((d) => d.prefixes.includes(p)) ?? false);
  }

  /** Character data s[i, end): white space only outside the root; references checked; copied when picked. */
  text(i: number, end: number): boolean {
    const s = this.s;
    if (!this.top) {
      for (let k = i; k < end; k++) if (!isSpace(s.charCodeAt(k))) return false;
      return true;
    }
    if (this.amp >= 0 && this.amp < i) this.amp = s.indexOf('&', i);
    if (this.amp >= 0 && this.amp < end && !refsOk(s, this.amp, end)) return false;
    if (this.captures.length) {
      const t = textOf(s, i, end);
      for (const cap of this.captures) cap.parts.push(t);
    }
    return true;
  }

  /** `</name>` of the open element at `lt`; returns the index after it. */
  endTag(lt: number): number {
    const s = this.s;
    const depth = this.top;
    if (!depth) return BAIL;
    const a = this.open[2 * depth - 2];
    const len = this.open[2 * depth - 1] - a;
    let j = lt + 2;
    for (let k = 0; k < len; k++) if (s.charCodeAt(j + k) !== s.charCodeAt(a + k)) return BAIL;
    j += len;
    while (isSpace(s.charCodeAt(j))) j++;
    if (s.charCodeAt(j) !== 0x3e) return BAIL;
    this.top--;
    const ns = this.ns;
    if (ns?.length && ns[ns.length - 1].depth === depth) ns.pop();
    const captures = this.captures;
    while (captures.length && captures[captures.length - 1].depth === depth) {
      const cap = captures.pop()!;
      cap.state.text = cap.parts.join('').trim() || undefined;
      cap.state.done = true;
    }
    for (const st of this.states) if (!st.done && st.depthIn > 0 && st.chosenAt[st.depthIn] === depth) st.done = true;
    if (depth === 1) this.rootClosed = true;
    return j + 1;
  }

  /** A start tag with ASCII names at `lt`; returns the index after it. */
  startTag(lt: number): number {
    const s = this.s;
    if (this.rootClosed) return BAIL;
    const qStart = lt + 1;
    const qEnd = qnameEnd(s, qStart);
    if (qEnd < 0) return BAIL;
    const lStart = qnameColon < 0 ? qStart : qnameColon + 1;
    const depth = this.top + 1;
    const j = this.attributes(qEnd, depth);
    if (j < 0) return BAIL;
    const empty = this.empty;
    if (qStart < lStart && !this.declared(s.slice(qStart, lStart - 1))) return BAIL;
    if (empty && this.declares) this.ns!.pop(); // an empty element's declarations end with it
    this.root ??= s.slice(lStart, qEnd);
    this.enter(lStart, qEnd, depth, empty);
    if (!empty) {
      this.open[2 * this.top] = qStart;
      this.open[2 * this.top + 1] = qEnd;
      this.top++;
    } else if (depth === 1) {
      this.rootClosed = true;
    }
    return j;
  }

  /** The attributes from `j` up to `>` or `/>` (sets `empty`, `declares`): unique names, declared prefixes, no `<`. */
  attributes(j: number, depth: number): number {
    const s = this.s;
    const attrs = this.attrs;
    let nAttrs = 0;
    let own: string[] | undefined;
    let prefixed: string[] | undefined;
    for (;;) {
      const ws = j;
      while (isSpace(s.charCodeAt(j))) j++;
      const c = s.charCodeAt(j);
      if (c === 0x3e) {
        this.empty = false;
        j++;
        break;
      }
      if (c === 0x2f) {
        if (s.charCodeAt(j + 1) !== 0x3e) return BAIL;
        this.empty = true;
        j += 2;
        break;
      }
      if (j === ws) return BAIL; // attributes are separated by white space
      const aStart = j;
      const aEnd = qnameEnd(s, j);
      if (aEnd < 0) return BAIL;
      const colon = qnameColon;
      for (let k = 0; k < nAttrs; k += 2) if (sameRegion(s, attrs[k], attrs[k + 1], aStart, aEnd)) return BAIL;
      attrs[nAttrs++] = aStart;
      attrs[nAttrs++] = aEnd;
      if (colon >= 0) {
        const p = s.slice(aStart, colon);
        if (p === 'xmlns') (own ??= []).push(s.slice(colon + 1, aEnd));
        else (prefixed ??= []).push(p);
      }
      j = aEnd;
      while (isSpace(s.charCodeAt(j))) j++;
      if (s.charCodeAt(j) !== 0x3d) return BAIL;
      j++;
      while (isSpace(s.charCodeAt(j))) j++;
      const q = s.charCodeAt(j);
      if (q !== 0x22 && q !== 0x27) return BAIL;
      const close = s.indexOf(q === 0x22 ? '"' : "'", j + 1);
      if (close < 0) return BAIL;
      const lt2 = s.indexOf('<', j + 1);
      if (lt2 >= 0 && lt2 < close) return BAIL;
      if (this.amp >= 0 && this.amp < j) this.amp = s.indexOf('&', j);
      if (this.amp >= 0 && this.amp < close && !refsOk(s, this.amp, close)) return BAIL;
      j = close + 1;
    }
    if (own) (this.ns ??= []).push({depth, prefixes: own});
    if (prefixed) for (const p of prefixed) if (!this.declared(p)) return BAIL;
    this.declares = own !== undefined;
    return j;
  }

  /** Path states for an element entered at `depth` (the DOM walk over first matching children). */
  enter(lStart: number, qEnd: number, depth: number, empty: boolean): void {
    const s = this.s;
    for (let k = 0; k < this.states.length; k++) {
      const st = this.states[k];
      const path = this.paths[k];
      if (st.done || depth !== st.chosenAt[st.depthIn] + 1) continue;
      const want = path[st.depthIn];
      if (want === undefined || qEnd - lStart !== want.length || !s.startsWith(want, lStart)) continue;
      st.depthIn++;
      st.chosenAt[st.depthIn] = depth;
      if (st.depthIn === path.length) {
        if (empty) st.done = true;
        else this.captures.push({state: st, depth, parts: []});
      } else if (empty) {
        st.done = true;
      }
    }
  }
}

/**
 * xmlFacts for UTF-8 bytes (an optional BOM skipped, as the decoding caller does), or undefined when this fast path
 * cannot decide — then decode the bytes and call xmlFacts.
 */
export function xmlFactsFast(bytes: Uint8Array, paths: readonly (readonly string[])[]): XmlFacts | undefined {
  if (!isUtf8(bytes)) return undefined;
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const s = Buffer.from(bytes.buffer, bytes.byteOffset + bom, bytes.length - bom).toString('latin1');
  let i = 0;
  if (s.startsWith('<?xml')) {
    XML_DECL.lastIndex = 0;
    const decl = XML_DECL.exec(s);
    if (!decl || (decl[3] && !/^utf-?8$/i.test(decl[3]))) return undefined;
    i = XML_DECL.lastIndex;
  }
  // `<!` and `<?` need no search: every `<` is a tag here (attribute values may not hold one), and a tag that is not an
  // ASCII start or end tag bails out.
  if (s.includes(']]>') || CONTROL.test(s) || (s.includes('\xEF\xBF') && NON_CHAR.test(s))) return undefined;
  const scan = new Scan(s, paths, i);
  const n = s.length;
  while (i < n) {
    const lt = s.indexOf('<', i);
    const end = lt < 0 ? n : lt;
    if (end > i && !scan.text(i, end)) return undefined;
    if (lt < 0) break;
    i = s.charCodeAt(lt + 1) === 0x2f /* </ */ ? scan.endTag(lt) : scan.startTag(lt);
    if (i < 0) return undefined;
  }
  if (!scan.root || scan.top) return undefined;
  return {root: scan.root, values: scan.states.map((st) => st.text)};
}
