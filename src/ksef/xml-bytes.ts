// Byte-level pieces of the fast XML pass (xml-facts-fast.ts): class tables, references, the XML declaration and text
// decoding, all on UTF-8 bytes. Tables instead of comparison chains: one load per byte in the hot loops.
import {isXmlChar, XML_DECL} from './xml-facts.js';

/** Text byte classes: what stops the scan of character data. */
export const T_LT = 1;
export const T_AMP = 2;
/** `]` (maybe `]]>`); a non-ASCII byte (a UTF-8 sequence to check); a quote (ends an attribute value). */
export const T_BRACKET = 3;
export const T_HIGH = 4;
export const T_QUOTE = 5;
/** A control character XML 1.0 forbids, or `<` inside an attribute value. */
export const T_BAD = 6;

function classes(extra: Record<number, number>): Uint8Array {
  const t = new Uint8Array(256);
  for (let c = 0; c < 0x20; c++) if (c !== 0x09 && c !== 0x0a && c !== 0x0d) t[c] = T_BAD;
  t[0x26] = T_AMP;
  t.fill(T_HIGH, 0x80);
  for (const [c, k] of Object.entries(extra)) t[Number(c)] = k;
  return t;
}
/** Character data between tags. */
export const TEXT = classes({0x3c: T_LT, 0x5d: T_BRACKET});
/** Attribute values (`]]>` is allowed there, `<` is not). */
export const ATTR = classes({0x3c: T_BAD, 0x22: T_QUOTE, 0x27: T_QUOTE});

/**
 * Index after the UTF-8 sequence at b[i] (a byte ≥ 0x80), or -1 when it is not well-formed (overlong, surrogate,
 * beyond U+10FFFF, cut short) or encodes U+FFFE/U+FFFF, which XML does not allow. Non-ASCII bytes are accepted only in
 * character data and attribute values, so checking them there replaces a UTF-8 check of the whole file.
 */
export function utf8End(b: Uint8Array, i: number, n: number): number {
  const c = b[i];
  if (c < 0xc2) return -1; // a continuation byte, or an overlong 2-byte lead
  if (c < 0xe0) return i + 1 < n && (b[i + 1] & 0xc0) === 0x80 ? i + 2 : -1;
  if (c < 0xf0) {
    if (i + 2 >= n) return -1;
    const c1 = b[i + 1];
    if ((c1 & 0xc0) !== 0x80 || (b[i + 2] & 0xc0) !== 0x80) return -1;
    if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 >= 0xa0)) return -1; // overlong; surrogates
    if (c === 0xef && c1 === 0xbf && b[i + 2] >= 0xbe) return -1; // U+FFFE, U+FFFF
    return i + 3;
  }
  if (c > 0xf4 || i + 3 >= n) return -1;
  const c1 = b[i + 1];
  if ((c1 & 0xc0) !== 0x80 || (b[i + 2] & 0xc0) !== 0x80 || (b[i + 3] & 0xc0) !== 0x80) return -1;
  if ((c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 >= 0x90)) return -1; // overlong; beyond U+10FFFF
  return i + 4;
}

/** ASCII name classes: 1 may start a name (letters, `_`), 2 may only continue one (digits, `-`, `.`), 0 neither. */
export const NAME = new Uint8Array(256);
for (let c = 0; c < 128; c++) {
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f) NAME[c] = 1;
  else if ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e) NAME[c] = 2;
}
/** XML white space (S): space, tab, LF, CR. */
export const SPACE = new Uint8Array(256);
SPACE[0x20] = SPACE[0x09] = SPACE[0x0a] = SPACE[0x0d] = 1;

const HEX = new Uint8Array(256).fill(255);
for (let c = 0; c < 10; c++) HEX[0x30 + c] = c;
for (let c = 0; c < 6; c++) HEX[0x41 + c] = HEX[0x61 + c] = 10 + c;

/** The predefined entities after `&`, each with its `;`. */
const NAMED = ['lt;', 'gt;', 'amp;', 'apos;', 'quot;'].map((e) => Buffer.from(e, 'latin1'));

/**
 * Index after the reference at b[at] (an `&`) — one of the five predefined entities or a character reference to a
 * character XML allows (the rules of xmlFacts' TEXT_REF and charRefs) — or -1.
 */
export function refEnd(b: Uint8Array, at: number, n: number): number {
  let j = at + 1;
  if (j < n && b[j] === 0x23) {
    j++;
    const hex = j < n && b[j] === 0x78;
    if (hex) j++;
    const base = hex ? 16 : 10;
    const from = j;
    let v = 0;
    for (; j < n; j++) {
      const d = HEX[b[j]];
      if (d >= base) break;
      v = v * base + d; // a float: however many digits, a large value stays out of range
    }
    return j > from && j < n && b[j] === 0x3b && isXmlChar(v) ? j + 1 : -1;
  }
  next: for (const e of NAMED) {
    if (j + e.length > n) continue;
    for (let k = 0; k < e.length; k++) if (b[j + k] !== e[k]) continue next;
    return j + e.length;
  }
  return -1;
}

/** The XML declaration nearly every invoice starts with, compared as bytes before any regex. */
const COMMON_DECL = Buffer.from('<?xml version="1.0" encoding="UTF-8"?>', 'latin1');

/**
 * End of the XML declaration at `at` (b starts `<?xml` there), or -1 when xmlFacts would refuse it or read it as
 * another encoding. The declaration holds no `>` before its `?>`, so its text ends at the first `>`.
 */
export function declEnd(b: Uint8Array, at: number, n: number): number {
  if (at + COMMON_DECL.length <= n) {
    let k = 0;
    while (k < COMMON_DECL.length && b[at + k] === COMMON_DECL[k]) k++;
    if (k === COMMON_DECL.length) return at + k;
  }
  let gt = at;
  while (gt < n && b[gt] !== 0x3e) gt++;
  if (gt === n) return -1;
  XML_DECL.lastIndex = 0;
  const decl = XML_DECL.exec(latin1(b, at, gt + 1));
  if (!decl || (decl[3] && !/^utf-?8$/i.test(decl[3]))) return -1;
  return at + XML_DECL.lastIndex;
}

/** ASCII or latin1 bytes as a string. */
export const latin1 = (b: Uint8Array, from: number, to: number): string =>
  b instanceof Buffer ? b.toString('latin1', from, to) : Buffer.from(b.buffer, b.byteOffset + from, to - from).toString('latin1');

const REF = /&(?:#([0-9]+)|#x([0-9a-fA-F]+)|(lt|gt|amp|apos|quot));/g;
const PREDEFINED: Record<string, string> = {lt: '<', gt: '>', amp: '&', apos: "'", quot: '"'};

/** Character data b[from, to) as the decoded document has it: UTF-8 decoded, references (already checked) replaced. */
export function textOf(b: Uint8Array, from: number, to: number): string {
  let ascii = true;
  let refs = false;
  for (let k = from; k < to; k++) {
    if (b[k] >= 0x80) ascii = false;
    else if (b[k] === 0x26) refs = true;
  }
  // A '<' or '&' never splits a UTF-8 sequence, so the text decodes alone as it does within the document.
  const t = ascii ? latin1(b, from, to) : Buffer.from(b.buffer, b.byteOffset + from, to - from).toString('utf8');
  if (!refs) return t;
  return t.replace(REF, (_, dec: string | undefined, hex: string | undefined, name: string | undefined) =>
    name ? PREDEFINED[name] : String.fromCodePoint(dec ? Number.parseInt(dec, 10) : Number.parseInt(hex!, 16)));
}
