// One strict pass over an XML document: checks it is well-formed (XML 1.0 without a DTD) and returns the root's local
// name plus the text of a few elements picked by local-name paths. ~20× faster than building an xmldom DOM, which
// matters when thousands of invoices are read for their seller NIP and P_1 (QR batch).
// Nothing is ever expanded or fetched: DOCTYPE/ENTITY is refused up front (hasDtd), references are only checked
// (the five predefined entities and character references) and decoded in the picked text.
import {hasDtd} from './dtd.js';
import {KsefCryptoError} from './errors.js';
import {msg, type Message} from '../i18n/index.js';

export interface XmlFacts {
  /** Local name of the document element. */
  root: string;
  /** Per path: trimmed text content of the element (undefined when missing or empty). */
  values: (string | undefined)[];
}

// XML 1.0 (5th ed.) Name productions, split at ':' so prefixes can be dropped (namespace-agnostic matching).
const START = 'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const CHAR = `${START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
const NCNAME = `[${START}][${CHAR}]*`;
/** Qualified name, capturing the whole name and the local part. */
const QNAME = `((?:${NCNAME}:)?(${NCNAME}))`;
const QNAME_NC = `(?:${NCNAME}:)?${NCNAME}`;
/** A character XML 1.0 does not allow anywhere (controls, lone surrogates, U+FFFE/FFFF). */
const BAD_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const REF = '&(?:#[0-9]+|#x[0-9a-fA-F]+|lt|gt|amp|apos|quot);';
const S = '[\\t\\n\\r ]';
const ATTR_VALUE = `(?:"[^<&"]*(?:${REF}[^<&"]*)*"|'[^<&']*(?:${REF}[^<&']*)*')`;
/** Tag regexes for a name syntax: the ASCII one first (fast), the full Unicode one when that fails. */
const tagGrammar = (qname: string, qnameNc: string, flags: string) => ({
  start: new RegExp(qname, flags),
  attr: new RegExp(`${S}+(${qnameNc})${S}*=${S}*${ATTR_VALUE}`, flags),
  end: new RegExp(`\\/(${qnameNc})${S}*>`, flags),
});
const ASCII_NCNAME = '[A-Z_a-z][\\w.-]*';
const GRAMMARS = [
  tagGrammar(`((?:${ASCII_NCNAME}:)?(${ASCII_NCNAME}))`, `(?:${ASCII_NCNAME}:)?${ASCII_NCNAME}`, 'y'),
  tagGrammar(QNAME, QNAME_NC, 'uy'),
];
const START_END = /[\t\n\r ]*(\/?)>/y;
/** Fast pre-check: any control character, U+FFFE/FFFF or surrogate; surrogates are then checked for pairing. */
const MAYBE_BAD_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF\uD800-\uDFFF]/;

interface StartTag {
  qname: string;
  local: string;
  attrs: string[];
  empty: boolean;
  end: number;
}

const isAsciiNameStart = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
const isAsciiName = (c: number): boolean => isAsciiNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;
const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;

/** End of an ASCII QName starting at `at` (prefix:local, each part an NCName), or -1; `colon` gets the ':' index. */
function asciiQName(text: string, at: number, out: {colon: number}): number {
  out.colon = -1;
  if (!isAsciiNameStart(text.charCodeAt(at))) return -1;
  let j = at + 1;
  for (;;) {
    const c = text.charCodeAt(j);
    if (isAsciiName(c)) j++;
    else if (c === 0x3a && out.colon < 0 && isAsciiNameStart(text.charCodeAt(j + 1))) {
      out.colon = j;
      j += 2;
    } else break;
  }
  return j;
}

const colonAt = {colon: -1};

/**
 * Start tag with ASCII names by character codes (the common case, no regex, no allocation beyond the result); any
 * surprise (non-ASCII name, odd syntax) → undefined, and the regex grammars decide.
 */
function asciiStartTag(text: string, lt: number): StartTag | undefined {
  const nameEnd = asciiQName(text, lt + 1, colonAt);
  const after = text.charCodeAt(nameEnd);
  if (nameEnd < 0 || !(isSpace(after) || after === 0x3e || after === 0x2f)) return undefined;
  const qname = text.slice(lt + 1, nameEnd);
  const local = colonAt.colon < 0 ? qname : text.slice(colonAt.colon + 1, nameEnd);
  const attrs: string[] = [];
  let j = nameEnd;
  for (;;) {
    const ws = j;
    while (isSpace(text.charCodeAt(j))) j++;
    const c = text.charCodeAt(j);
    if (c === 0x3e) return {qname, local, attrs, empty: false, end: j + 1};
    if (c === 0x2f) return text.charCodeAt(j + 1) === 0x3e ? {qname, local, attrs, empty: true, end: j + 2} : undefined;
    if (j === ws) return undefined; // attributes must be separated by white space
    const an = asciiQName(text, j, colonAt);
    if (an < 0) return undefined;
    attrs.push(text.slice(j, an));
    j = an;
    while (isSpace(text.charCodeAt(j))) j++;
    if (text.charCodeAt(j) !== 0x3d) return undefined;
    j++;
    while (isSpace(text.charCodeAt(j))) j++;
    const q = text.charCodeAt(j);
    if (q !== 0x22 && q !== 0x27) return undefined;
    const close = text.indexOf(q === 0x22 ? '"' : "'", j + 1);
    if (close < 0) return undefined;
    const value = text.slice(j + 1, close);
    if (value.includes('<')) return undefined;
    if (value.includes('&')) {
      ATTR_REFS.lastIndex = 0;
      if (!ATTR_REFS.test(value)) return undefined;
      if (value.includes('&#')) charRefs(text, j, value);
    }
    j = close + 1;
  }
}
/** An attribute value whose every `&` starts a well-formed reference. */
const ATTR_REFS = new RegExp(`^[^&]*(?:${REF}[^&]*)*$`, 'y');

function startTag(text: string, lt: number): StartTag | undefined {
  const fast = asciiStartTag(text, lt);
  if (fast) return fast;
  for (const g of GRAMMARS) {
    g.start.lastIndex = lt + 1;
    const m = g.start.exec(text);
    if (!m) continue;
    const attrs: string[] = [];
    let j = g.start.lastIndex;
    for (;;) {
      g.attr.lastIndex = j;
      const a = g.attr.exec(text);
      if (!a) break;
      attrs.push(a[1]);
      if (a[0].includes('&#')) charRefs(text, j, a[0]);
      j = g.attr.lastIndex;
    }
    START_END.lastIndex = j;
    const e = START_END.exec(text);
    if (e) return {qname: m[1], local: m[2], attrs, empty: e[1] === '/', end: START_END.lastIndex};
  }
  return undefined;
}

function endTag(text: string, lt: number): {qname: string; end: number} | undefined {
  for (const g of GRAMMARS) {
    g.end.lastIndex = lt + 1;
    const m = g.end.exec(text);
    if (m) return {qname: m[1], end: g.end.lastIndex};
  }
  return undefined;
}
const PI = new RegExp(`\\?([${START}:][${CHAR}:]*)(?:${S}[^]*?)?\\?>`, 'uy');
export const XML_DECL = /<\?xml[\t\n\r ]+version[\t\n\r ]*=[\t\n\r ]*(["'])1\.[0-9]+\1(?:[\t\n\r ]+encoding[\t\n\r ]*=[\t\n\r ]*(["'])([A-Za-z][A-Za-z0-9._-]*)\2)?(?:[\t\n\r ]+standalone[\t\n\r ]*=[\t\n\r ]*(["'])(?:yes|no)\4)?[\t\n\r ]*\?>/y;
const TEXT_REF = /&(?:#([0-9]+)|#x([0-9a-fA-F]+)|(lt|gt|amp|apos|quot));|&/g;
const WS_ONLY = /^[\t\n\r ]*$/;
const PREDEFINED: Record<string, string> = {lt: '<', gt: '>', amp: '&', apos: "'", quot: '"'};

export const isXmlChar = (cp: number): boolean =>
  cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);

type XmlProblem = 'cdataEnd' | 'badRef' | 'badDecl' | 'textAfterRoot' | 'textBeforeRoot' | 'badClose' | 'commentOpen' | 'commentDash'
  | 'cdataOutside' | 'cdataOpen' | 'unsupportedDecl' | 'badPi' | 'secondRoot' | 'badOpen' | 'noRoot';

/** Throws "invalid XML (line N: what)"; `what` is a problem without parameters or a built message. */
function fail(text: string, at: number, what: XmlProblem | Message): never {
  const line = text.slice(0, at).split('\n').length;
  throw new KsefCryptoError('invalidXml', msg('crypto.xml.at', {line, what: typeof what === 'string' ? msg(`crypto.xml.${what}`) : what}));
}

/** Character data: references must be well-formed and refer to allowed characters; `]]>` is not allowed. */
function charData(text: string, from: number, to: number, keep: boolean): string {
  const s = text.slice(from, to);
  if (s.includes(']]>')) fail(text, from, 'cdataEnd');
  if (!s.includes('&')) return keep ? s : '';
  return s.replace(TEXT_REF, (m, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name) return PREDEFINED[name];
    if (!dec && !hex) fail(text, from, 'badRef');
    const cp = dec ? Number.parseInt(dec, 10) : Number.parseInt(hex!, 16);
    if (!isXmlChar(cp)) fail(text, from, msg('crypto.xml.badChar', {char: `&#${dec ?? 'x' + hex};`}));
    return String.fromCodePoint(cp);
  });
}

/** Character references in an attribute must name allowed characters. */
function charRefs(text: string, at: number, s: string): void {
  for (const m of s.matchAll(/&#(?:x([0-9a-fA-F]+)|([0-9]+));/g)) {
    if (!isXmlChar(m[1] ? Number.parseInt(m[1], 16) : Number.parseInt(m[2], 10))) fail(text, at, msg('crypto.xml.badChar', {char: m[0]}));
  }
}

interface PathState {
  /** How many path levels we are inside (through the first element of each name). */
  depthIn: number;
  /** Document depth of the element chosen at each level (root = 1). */
  chosenAt: number[];
  /** The first candidate at the next level was seen: later same-named siblings are ignored (DOM `firstChild` search). */
  done: boolean;
  text?: string;
}

/**
 * Checks that `text` (already decoded, BOM removed) is a well-formed XML document and returns the document element's
 * local name and, for every path of local names under the root (e.g. `['Podmiot1', 'DaneIdentyfikacyjne', 'NIP']`),
 * the trimmed text of the first element at each step — like a DOM walk over first matching children.
 * Throws KsefCryptoError `invalidXml` with a Polish message (DOCTYPE/ENTITY, bad characters, syntax, nesting).
 */
export function xmlFacts(text: string, paths: readonly (readonly string[])[]): XmlFacts {
  if (text.includes('<!') && hasDtd(text)) throw new KsefCryptoError('invalidXml', msg('crypto.xmlDtd'));
  const bad = MAYBE_BAD_CHAR.test(text) ? BAD_CHAR.exec(text) : null;
  if (bad) fail(text, bad.index, msg('crypto.xml.badChar', {char: `U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`}));
  const states: PathState[] = paths.map(() => ({depthIn: 0, chosenAt: [1], done: false}));
  const captures: {state: PathState; depth: number; parts: string[]}[] = [];
  const stack: string[] = []; // qualified names of open elements
  const prefixes: (string[] | undefined)[] = []; // namespace prefixes each open element declares
  const declared = (p: string): boolean => p === 'xml' || prefixes.some((l) => l?.includes(p));
  let root: string | undefined;
  let rootClosed = false;
  let i = 0;
  if (text.startsWith('<?xml')) {
    XML_DECL.lastIndex = 0;
    const decl = XML_DECL.exec(text);
    if (!decl) fail(text, 0, 'badDecl');
    // The text was decoded as UTF-8 (the only encoding KSeF accepts); any other label would be misread.
    if (decl[3] && !/^utf-?8$/i.test(decl[3])) fail(text, 0, msg('crypto.xml.encoding', {encoding: decl[3]}));
    i = XML_DECL.lastIndex;
  }
  const n = text.length;
  let nextAmp = text.indexOf('&');
  let nextCdEnd = text.indexOf(']]>');
  while (i < n) {
    const lt = text.indexOf('<', i);
    const end = lt < 0 ? n : lt;
    if (end > i) {
      if (!stack.length) {
        if (!WS_ONLY.test(text.slice(i, end))) fail(text, i, root ? 'textAfterRoot' : 'textBeforeRoot');
      } else {
        if (nextAmp >= 0 && nextAmp < i) nextAmp = text.indexOf('&', i);
        if (nextCdEnd >= 0 && nextCdEnd < i) nextCdEnd = text.indexOf(']]>', i);
        // Only text with a reference or `]]>` needs a closer look; text is copied only inside a picked element.
        if (captures.length || (nextAmp >= 0 && nextAmp < end) || (nextCdEnd >= 0 && nextCdEnd < end)) {
          const s = charData(text, i, end, captures.length > 0);
          for (const cap of captures) cap.parts.push(s);
        }
      }
    }
    if (lt < 0) break;
    const c = text.charCodeAt(lt + 1);
    if (c === 0x2f /* / */) {
      const top = stack[stack.length - 1];
      // Fast path, no allocation: `</` + the open element's name + optional white space + `>`.
      let closeEnd = -1;
      if (top !== undefined && text.startsWith(top, lt + 2)) {
        let j = lt + 2 + top.length;
        while (isSpace(text.charCodeAt(j))) j++;
        if (text.charCodeAt(j) === 0x3e) closeEnd = j + 1;
      }
      if (closeEnd < 0) {
        const m = endTag(text, lt);
        if (!m) fail(text, lt, 'badClose');
        if (m.qname !== top) fail(text, lt, top !== undefined ? msg('crypto.xml.wrongClose', {found: m.qname, open: top}) : msg('crypto.xml.extraClose', {name: m.qname}));
        closeEnd = m.end;
      }
      stack.pop();
      prefixes.pop();
      const depth = stack.length + 1;
      while (captures.length && captures[captures.length - 1].depth === depth) {
        const cap = captures.pop()!;
        cap.state.text = cap.parts.join('').trim() || undefined;
        cap.state.done = true;
      }
      for (const st of states) {
        // The chosen element of some level closed before the path was complete: the DOM walk would stop here too.
        if (!st.done && st.depthIn > 0 && st.chosenAt[st.depthIn] === depth) st.done = true;
      }
      if (!stack.length) rootClosed = true;
      i = closeEnd;
    } else if (c === 0x21 /* ! */) {
      if (text.startsWith('<!--', lt)) {
        const close = text.indexOf('--', lt + 4);
        if (close < 0 || text.charCodeAt(close + 2) !== 0x3e) fail(text, lt, close < 0 ? 'commentOpen' : 'commentDash');
        i = close + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        if (!stack.length) fail(text, lt, 'cdataOutside');
        const close = text.indexOf(']]>', lt + 9);
        if (close < 0) fail(text, lt, 'cdataOpen');
        for (const cap of captures) cap.parts.push(text.slice(lt + 9, close));
        i = close + 3;
      } else {
        fail(text, lt, 'unsupportedDecl');
      }
    } else if (c === 0x3f /* ? */) {
      PI.lastIndex = lt + 1;
      const m = PI.exec(text);
      if (!m || m[1].toLowerCase() === 'xml') fail(text, lt, 'badPi');
      i = PI.lastIndex;
    } else {
      if (rootClosed) fail(text, lt, 'secondRoot');
      const tag = startTag(text, lt);
      if (!tag) fail(text, lt, 'badOpen');
      const {qname, local, empty} = tag;
      let own: string[] | undefined;
      let prefixed: string[] | undefined;
      for (let k = 0; k < tag.attrs.length; k++) {
        const name = tag.attrs[k];
        for (let l = 0; l < k; l++) if (tag.attrs[l] === name) fail(text, lt, msg('crypto.xml.dupAttr', {name}));
        const colon = name.indexOf(':');
        if (colon > 0) {
          const p = name.slice(0, colon);
          if (p === 'xmlns') (own ??= []).push(name.slice(colon + 1));
          else (prefixed ??= []).push(p);
        }
      }
      i = tag.end;
      prefixes.push(own);
      // Namespace well-formedness (as the DOM parsers check it): every prefix used must be declared in scope.
      if (qname.length > local.length && !declared(qname.slice(0, qname.length - local.length - 1))) {
        fail(text, lt, msg('crypto.xml.undeclaredPrefix', {prefix: qname.slice(0, qname.length - local.length - 1)}));
      }
      for (const p of prefixed ?? []) if (!declared(p)) fail(text, lt, msg('crypto.xml.undeclaredPrefix', {prefix: p}));
      if (empty) prefixes.pop();
      root ??= local;
      const depth = stack.length + 1;
      for (let k = 0; k < states.length; k++) {
        const st = states[k];
        const path = paths[k];
        if (st.done || depth !== st.chosenAt[st.depthIn] + 1 || path[st.depthIn] !== local) continue;
        st.depthIn++;
        st.chosenAt[st.depthIn] = depth;
        if (st.depthIn === path.length) {
          if (empty) st.done = true;
          else captures.push({state: st, depth, parts: []});
        } else if (empty) {
          st.done = true;
        }
      }
      if (!empty) stack.push(qname);
      else if (depth === 1) rootClosed = true;
    }
  }
  if (!root) fail(text, n, 'noRoot');
  if (stack.length) fail(text, n, msg('crypto.xml.unclosed', {name: stack[stack.length - 1]}));
  return {root, values: states.map((s) => s.text)};
}
