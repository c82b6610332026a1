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
  // ASCII start or end tag returns undefined.
  if (s.includes(']]>') || CONTROL.test(s) || (s.includes('\xEF\xBF') && NON_CHAR.test(s))) return undefined;
  const states: PathState[] = [];
  for (let k = 0; k < paths.length; k++) states.push({depthIn: 0, chosenAt: [1, 0, 0, 0], done: false, text: undefined}); // one shape
  const captures: {state: PathState; depth: number; parts: string[]}[] = [];
  // Start and end of each open element's qualified name at [2d-2, 2d-1] for depth d; counters, not `length =`
  // (the array length setter is a runtime call, 8 % of this pass when used per tag).
  const open: number[] = [];
  let top = 0;
  let ns: {depth: number; prefixes: string[]}[] | undefined; // xmlns:p declarations in scope (rare in invoices)
  const declared = (p: string): boolean => p === 'xml' || (ns?.some((d) => d.prefixes.includes(p)) ?? false);
  const attrs: number[] = [];
  let nAttrs = 0;
  let root: string | undefined;
  let rootClosed = false;
  const n = s.length;
  let amp = s.indexOf('&', i);
  while (i < n) {
    const lt = s.indexOf('<', i);
    const end = lt < 0 ? n : lt;
    if (end > i) {
      if (!top) {
        for (let k = i; k < end; k++) if (!isSpace(s.charCodeAt(k))) return undefined;
      } else {
        if (amp >= 0 && amp < i) amp = s.indexOf('&', i);
        if (amp >= 0 && amp < end && !refsOk(s, amp, end)) return undefined;
        if (captures.length) {
          const t = textOf(s, i, end);
          for (const cap of captures) cap.parts.push(t);
        }
      }
    }
    if (lt < 0) break;
    if (s.charCodeAt(lt + 1) === 0x2f /* </ */) {
      const depth = top;
      if (!depth) return undefined;
      const a = open[2 * top - 2];
      const len = open[2 * top - 1] - a;
      let j = lt + 2;
      for (let k = 0; k < len; k++) if (s.charCodeAt(j + k) !== s.charCodeAt(a + k)) return undefined;
      j += len;
      while (isSpace(s.charCodeAt(j))) j++;
      if (s.charCodeAt(j) !== 0x3e) return undefined;
      top--;
      if (ns?.length && ns[ns.length - 1].depth === depth) ns.pop();
      while (captures.length && captures[captures.length - 1].depth === depth) {
        const cap = captures.pop()!;
        cap.state.text = cap.parts.join('').trim() || undefined;
        cap.state.done = true;
      }
      for (const st of states) if (!st.done && st.depthIn > 0 && st.chosenAt[st.depthIn] === depth) st.done = true;
      if (depth === 1) rootClosed = true;
      i = j + 1;
      continue;
    }
    // A start tag with ASCII names (anything else: undefined, xmlFacts decides).
    if (rootClosed) return undefined;
    const qStart = lt + 1;
    const qEnd = qnameEnd(s, qStart);
    if (qEnd < 0) return undefined;
    const lStart = qnameColon < 0 ? qStart : qnameColon + 1;
    const depth = top + 1;
    nAttrs = 0;
    let own: string[] | undefined;
    let prefixed: string[] | undefined;
    let j = qEnd;
    let empty: boolean;
    for (;;) {
      const ws = j;
      while (isSpace(s.charCodeAt(j))) j++;
      const c = s.charCodeAt(j);
      if (c === 0x3e) {
        empty = false;
        j++;
        break;
      }
      if (c === 0x2f) {
        if (s.charCodeAt(j + 1) !== 0x3e) return undefined;
        empty = true;
        j += 2;
        break;
      }
      if (j === ws) return undefined; // attributes are separated by white space
      const aStart = j;
      const aEnd = qnameEnd(s, j);
      if (aEnd < 0) return undefined;
      const colon = qnameColon;
      for (let k = 0; k < nAttrs; k += 2) if (sameRegion(s, attrs[k], attrs[k + 1], aStart, aEnd)) return undefined;
      attrs[nAttrs++] = aStart;
      attrs[nAttrs++] = aEnd;
      if (colon >= 0) {
        const p = s.slice(aStart, colon);
        if (p === 'xmlns') (own ??= []).push(s.slice(colon + 1, aEnd));
        else (prefixed ??= []).push(p);
      }
      j = aEnd;
      while (isSpace(s.charCodeAt(j))) j++;
      if (s.charCodeAt(j) !== 0x3d) return undefined;
      j++;
      while (isSpace(s.charCodeAt(j))) j++;
      const q = s.charCodeAt(j);
      if (q !== 0x22 && q !== 0x27) return undefined;
      const close = s.indexOf(q === 0x22 ? '"' : "'", j + 1);
      if (close < 0) return undefined;
      const lt2 = s.indexOf('<', j + 1);
      if (lt2 >= 0 && lt2 < close) return undefined;
      if (amp >= 0 && amp < j) amp = s.indexOf('&', j);
      if (amp >= 0 && amp < close && !refsOk(s, amp, close)) return undefined;
      j = close + 1;
    }
    if (own) (ns ??= []).push({depth, prefixes: own});
    if (qStart < lStart && !declared(s.slice(qStart, lStart - 1))) return undefined;
    if (prefixed) for (const p of prefixed) if (!declared(p)) return undefined;
    if (empty && own) ns!.pop();
    root ??= s.slice(lStart, qEnd);
    for (let k = 0; k < states.length; k++) {
      const st = states[k];
      const path = paths[k];
      if (st.done || depth !== st.chosenAt[st.depthIn] + 1) continue;
      const want = path[st.depthIn];
      if (want === undefined || qEnd - lStart !== want.length || !s.startsWith(want, lStart)) continue;
      st.depthIn++;
      st.chosenAt[st.depthIn] = depth;
      if (st.depthIn === path.length) {
        if (empty) st.done = true;
        else captures.push({state: st, depth, parts: []});
      } else if (empty) {
        st.done = true;
      }
    }
    if (!empty) {
      open[2 * top] = qStart;
      open[2 * top + 1] = qEnd;
      top++;
    }
    else if (depth === 1) rootClosed = true;
    i = j;
  }
  if (!root || top) return undefined;
  return {root, values: states.map((st) => st.text)};
}
