// The byte-level fast pass of the strict XML check must never differ from xmlFacts on the decoded text: it either
// gives exactly xmlFacts' result or leaves the document to it (undefined) — never accepts what xmlFacts refuses.
import {describe, expect, it} from 'vitest';
import {readFileSync} from 'node:fs';
import {xmlFacts} from '../../src/ksef/xml-facts.js';
import {xmlFactsFast} from '../../src/ksef/xml-facts-fast.js';
import {sampleInvoiceXml} from '../../src/flows/qr-batch.js';
import {readInvoiceFacts} from '../../src/flows/qr-invoice.js';
import {rng} from '../helpers/rng.js';

const PATHS = [['Podmiot1', 'DaneIdentyfikacyjne', 'NIP'], ['Fa', 'P_1']];
const invoice = readFileSync('test/fixtures/invoices/fa3-beta-2026-02-01.xml');

/** xmlFacts as readInvoiceFacts feeds it: UTF-8 decoded, one BOM dropped. */
function decoded(bytes: Buffer): {ok: true; root: string; values: (string | undefined)[]} | {ok: false} {
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return {ok: true, ...xmlFacts(text, PATHS)};
  } catch {
    return {ok: false};
  }
}

describe('xmlFactsFast', () => {
  it('decides common invoices itself, with the values xmlFacts gives', () => {
    const docs = [invoice, ...Array.from({length: 50}, (_, i) => Buffer.from(sampleInvoiceXml(i * 37))),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), invoice]),
      Buffer.from(invoice.toString('utf8').replace('<NIP>5265877635</NIP>', '<NIP> 52658&#55;7635 </NIP>')),
      Buffer.from(invoice.toString('utf8').replace(/<(\/?)([A-Za-z])/g, '<$1fa:$2').replace('xmlns=', 'xmlns:fa='))];
    for (const d of docs) {
      const fast = xmlFactsFast(d, PATHS);
      expect(fast).toBeDefined();
      expect({ok: true, ...fast}).toEqual(decoded(d));
    }
    expect(xmlFactsFast(docs[docs.length - 2], PATHS)?.values[0]).toBe('5265877635');
    expect(readInvoiceFacts(invoice)).toMatchObject({sellerNip: '5265877635', issueDate: '2026-02-01'});
  });

  it('leaves to xmlFacts what it cannot prove: DTD, comments, CDATA, PIs, Unicode names, broken UTF-8, errors', () => {
    const text = invoice.toString('utf8');
    const open = [
      '<!DOCTYPE a><a/>', text.replace('<Fa>', '<Fa><!-- c -->'), text.replace('<P_1>', '<P_1><![CDATA[x]]>'), text.replace('<Fa>', '<Fa><?pi x?>'),
      text.replace('<Fa>', '<Fa><Zażółć/>'), text.replace('<a/>', '<a/>').replace('</Faktura>', '</Faktura>x'), '<a><b></a></b>', '<a b="1" b="2"/>',
      '<x:a/>', '<a>&bogus;</a>', '<a>\u0001</a>', '<a>\uFFFE</a>', '<?xml version="1.0" encoding="windows-1250"?><a/>',
    ].map((t) => Buffer.from(t));
    open.push(Buffer.concat([Buffer.from('<a>'), Buffer.from([0xc3, 0x28]), Buffer.from('</a>')])); // not UTF-8: decoded as U+FFFD by the slow pass
    for (const d of open) expect(xmlFactsFast(d, PATHS), d.toString('latin1')).toBeUndefined();
  });

  it('never differs from xmlFacts on 3,000 truncated and mutated invoices (bytes, references, namespaces, UTF-8)', () => {
    const random = rng(20261129);
    const tokens = ['<', '>', '&', '&amp;', '&bogus;', '&#0;', '&#x41;', '&#233;', ']]>', '"', "'", '</Fa>', '<a/>', '<1a>', '\u0001', 'x:y',
      ' a="1"', ' a="1" a="2"', ' a="&lt;é"', ' b:c="1"', ' xmlns:b="u"', '/', '<b:c xmlns:b="u"/>', '<b:c/>', 'é', '\uFFFE', ' ', '\t', '=', 'ś'];
    const source = [invoice, Buffer.from(sampleInvoiceXml(7))];
    let decided = 0;
    let refused = 0;
    for (let k = 0; k < 3000; k++) {
      const base = source[k % 2];
      const at = Math.floor(random() * base.length);
      const r = random();
      const doc = r < 0.1 ? base.subarray(0, at)
        : r < 0.2 ? Buffer.concat([base.subarray(0, at), Buffer.from([Math.floor(random() * 256)]), base.subarray(at)]) // any byte, UTF-8 or not
        : r < 0.85 ? Buffer.concat([base.subarray(0, at), Buffer.from(tokens[Math.floor(random() * tokens.length)]), base.subarray(at)])
        : Buffer.concat([base.subarray(0, at), base.subarray(at + 1 + Math.floor(random() * 6))]);
      const fast = xmlFactsFast(doc, PATHS);
      const slow = decoded(doc);
      if (!slow.ok) refused++;
      if (fast === undefined) continue;
      decided++;
      expect({ok: true, ...fast}, doc.toString('utf8')).toEqual(slow);
    }
    // Both sides are exercised in quantity: the fast pass decides many documents, and many are refused.
    expect(decided).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(1000);
  });

  // Each branch of the byte scan against xmlFacts: `agrees` (fast undecided or equal), `decides` (fast equal).
  const agrees = (d: Buffer | string): void => {
    const bytes = typeof d === 'string' ? Buffer.from(d) : d;
    const fast = xmlFactsFast(bytes, PATHS);
    if (fast !== undefined) expect({ok: true, ...fast}, bytes.toString('latin1')).toEqual(decoded(bytes));
  };
  const decides = (d: Buffer | string): void => {
    const bytes = typeof d === 'string' ? Buffer.from(d) : d;
    const fast = xmlFactsFast(bytes, PATHS);
    expect(fast, bytes.toString('latin1')).toBeDefined();
    expect({ok: true, ...fast}).toEqual(decoded(bytes));
  };
  const refuses = (d: Buffer | string): void => {
    const bytes = typeof d === 'string' ? Buffer.from(d) : d;
    expect(xmlFactsFast(bytes, PATHS), bytes.toString('latin1')).toBeUndefined();
  };
  /** A small invoice with `nip` as the seller NIP's content and `attr` inside the Fa start tag. */
  const doc = (nip: string, attr = ''): string =>
    `<Faktura><Podmiot1><DaneIdentyfikacyjne><NIP>${nip}</NIP></DaneIdentyfikacyjne></Podmiot1><Fa${attr}><P_1>2026-02-01</P_1></Fa></Faktura>`;
  const bytesDoc = (nip: number[], attr: number[] = []): Buffer => {
    const [a, rest] = doc('#', '@').split('@');
    const [head, tail] = a.split('#');
    return Buffer.concat([Buffer.from(head), Buffer.from(nip), Buffer.from(tail), Buffer.from(attr.length ? [0x20, 0x61, 0x3d, 0x22, ...attr, 0x22] : []), Buffer.from(rest)]);
  };

  it('checks UTF-8 itself in text and attribute values: well-formed sequences read, malformed ones and U+FFFE/U+FFFF left', () => {
    for (const seq of [[0xc3, 0xa9], [0xe2, 0x82, 0xac], [0xf0, 0x9d, 0x84, 0x9e], [0xef, 0xbf, 0xbd], [0xee, 0x80, 0x80], [0xf4, 0x8f, 0xbf, 0xbf], [0xc2, 0x80], [0xed, 0x9f, 0xbf]]) {
      decides(bytesDoc([0x31, ...seq, 0x32]));
      decides(bytesDoc([0x31], [...seq]));
    }
    expect(xmlFactsFast(bytesDoc([0x20, 0xc5, 0x82, 0x20]), PATHS)?.values[0]).toBe('ł');
    const bad = [[0x80], [0xbf], [0xc0, 0xaf], [0xc1, 0xbf], [0xe0, 0x80, 0xaf], [0xe0, 0x9f, 0xbf], [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf],
      [0xf0, 0x80, 0x80, 0xaf], [0xf0, 0x8f, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0xf5, 0x80, 0x80, 0x80], [0xff], [0xfe], [0xc3], [0xe2, 0x82],
      [0xf0, 0x9d, 0x84], [0xc3, 0x28], [0xe2, 0x28, 0xac], [0xef, 0xbf, 0xbe], [0xef, 0xbf, 0xbf]];
    for (const seq of bad) {
      refuses(bytesDoc([0x31, ...seq]));
      refuses(bytesDoc([0x31], seq));
      agrees(bytesDoc([0x31, ...seq]));
    }
    // A sequence cut by the end of the file.
    refuses(Buffer.concat([Buffer.from('<a>'), Buffer.from([0xe2, 0x82])]));
    refuses(Buffer.concat([Buffer.from('<a/>'), Buffer.from([0xc3, 0xa9])])); // non-ASCII outside the root
    refuses('<a>&#xFFFE;</a>');
    refuses('<a b="&#xFFFF;"/>');
  });

  it('checks characters in text and attribute values: forbidden controls left, tab/LF/CR and DEL read', () => {
    for (let c = 0; c < 0x20; c++) {
      const allowed = c === 0x09 || c === 0x0a || c === 0x0d;
      for (const d of [bytesDoc([0x31, c, 0x32]), bytesDoc([0x31], [c])]) (allowed ? decides : refuses)(d);
      if (!allowed) refuses(`<a>${String.fromCharCode(c)}</a>`);
    }
    decides(bytesDoc([0x7f, 0x31]));
    refuses(Buffer.from('<Faktura>\u0001</Faktura>'));
    refuses(Buffer.from('<Faktura\u0001/>'));
  });

  it('reads the white space between tags (indentation) as character data, in picked values too', () => {
    for (const ws of [' ', '\n', '\n    ', '\r\n  ', '\t', ' \t\r\n ', '\n\u00a0 ']) {
      decides(doc(`${ws}5265877635${ws}`));
      decides(doc(`${ws}`));
      decides(doc(`${ws}<x/>${ws}1${ws}<y>2</y>${ws}`));
      decides(doc(`${ws}&amp;${ws}`));
      refuses(doc(`${ws}\u0001`));
      refuses(`<a>${ws}`);
      refuses(`<a>${ws}x`);
    }
    expect(xmlFactsFast(Buffer.from(doc('\n  <x/>\n  1 <y>2</y>\n')), PATHS)?.values[0]).toBe('1 2');
    expect(xmlFactsFast(Buffer.from(doc('\n   \n')), PATHS)?.values[0]).toBeUndefined();
    expect(xmlFactsFast(Buffer.from(doc('\u00a05\u00a0')), PATHS)?.values[0]).toBe('5'); // trimmed as JavaScript trims
  });

  it('reads names by table exactly at the edges of the ASCII name classes', () => {
    // Around each class edge: / 0 9 : ; @ A Z [ ^ _ ` a z { and - . (name characters that may not start a name).
    const edges = [0x2c, 0x2d, 0x2e, 0x2f, 0x30, 0x39, 0x3a, 0x3b, 0x40, 0x41, 0x5a, 0x5b, 0x5e, 0x5f, 0x60, 0x61, 0x7a, 0x7b, 0x7f];
    let decided = 0;
    for (const e of edges) {
      const ch = String.fromCharCode(e);
      for (const d of [`<${ch}a/>`, `<a${ch}/>`, `<a${ch}b></a${ch}b>`, `<a ${ch}b="1"/>`, `<a b${ch}="1"/>`, `<a${ch}b:c xmlns:a${ch}b="u"/>`,
        doc('1', ` x${ch}y="1"`), `<Faktura><Fa><P_1${ch}>x</P_1${ch}></Fa></Faktura>`]) {
        agrees(d);
        if (xmlFactsFast(Buffer.from(d), PATHS)) decided++;
      }
    }
    expect(decided).toBeGreaterThan(30);
    decides('<_a.b-c9 x_.-1="2"/>');
    refuses('<a:b:c/>');
    refuses('<a:1b/>');
    refuses('<Zażółć/>');
  });

  it('matches end tags to their start by bytes, also past 4-byte steps', () => {
    for (const name of ['a', 'ab', 'abc', 'abcd', 'abcde', 'abcdefgh', 'abcdefghi', 'DaneIdentyfikacyjne']) {
      decides(`<${name}></${name}>`);
      decides(`<${name}></${name} \t\r\n>`);
      for (let k = 0; k < name.length; k++) {
        const wrong = name.slice(0, k) + (name[k] === 'x' ? 'y' : 'x') + name.slice(k + 1);
        refuses(`<${name}></${wrong}>`);
        agrees(`<${name}></${wrong}>`);
      }
      refuses(`<${name}></${name}x>`);
      refuses(`<${name}x></${name}>`);
      refuses(`<${name}></${name}`);
      refuses(`<${name}></${name} x>`);
    }
    refuses('<a><b></a></b>');
    refuses('</a>');
    refuses('<a></a></a>');
    refuses('<a/><b/>');
    decides('<a:b xmlns:a="u"></a:b>');
    refuses('<a:b xmlns:a="u"></b>');
  });

  it('follows namespace prefixes in scope as xmlFacts does', () => {
    decides('<p:Faktura xmlns:p="u"><p:Fa><p:P_1>d</p:P_1></p:Fa></p:Faktura>');
    decides('<a xmlns:p="u"><p:b p:c="1" xml:lang="pl"/></a>');
    decides('<a><p:b xmlns:p="u"><p:c/></p:b></a>');
    refuses('<a><p:b xmlns:p="u"/><p:c/></a>'); // an empty element's declarations end with it
    refuses('<a><p:b xmlns:p="u"></p:b><p:c/></a>');
    refuses('<a q:c="1"/>');
    refuses('<a xmlns:p="u" q:c="1"/>');
    refuses('<a p:c="1" p:c="2" xmlns:p="u"/>');
    decides('<a p:c="1" xmlns:p="u"/>');
    for (const d of ['<a p:c="1" xmlns:p="u"/>', '<a><p:b xmlns:p="u"/><p:c/></a>', '<xmlns:a/>', '<a xmlns:xmlns="u"><xmlns:b/></a>']) agrees(d);
  });

  it('skips one BOM, and reads XML declarations as xmlFacts does', () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    decides(Buffer.concat([bom, Buffer.from(doc('1'))]));
    decides(Buffer.concat([bom, Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>${doc('1')}`)]));
    refuses(Buffer.concat([bom, bom, Buffer.from(doc('1'))]));
    refuses(bom);
    refuses(Buffer.concat([Buffer.from(' '), bom, Buffer.from(doc('1'))]));
    for (const decl of [`<?xml version='1.0'?>`, '<?xml version="1.1" encoding="utf8" standalone="no" ?>', '<?xml version = "1.0"\nencoding="UTF-8"?>\n\n']) {
      decides(decl + doc('1'));
    }
    for (const decl of ['<?xml version="1.0" encoding="ISO-8859-2"?>', '<?xml-stylesheet href="a"?>', '<?xml version="2.0"?>', '<?xml?>', ' <?xml version="1.0"?>', '<?xml version="1.0"']) {
      refuses(decl + doc('1'));
      agrees(decl + doc('1'));
    }
  });

  it('checks references and decodes them in the values read', () => {
    for (const ref of ['&amp;', '&lt;', '&gt;', '&apos;', '&quot;', '&#65;', '&#x41;', '&#x1F600;', '&#128512;', '&#0000065;', '&#x000041;', '&#9;', '&#xD7FF;', '&#xE000;', '&#x10FFFF;']) {
      decides(doc(` 1${ref}2 `));
      decides(doc('1', ` a="${ref}"`));
    }
    expect(xmlFactsFast(Buffer.from(doc(' &#x41;&amp;&#233;&#x1F600; ')), PATHS)?.values[0]).toBe('A&é😀');
    for (const ref of ['&', '&amp', '&AMP;', '&#X41;', '&#x;', '&#;', '&#0;', '&#xFFFE;', '&#xD800;', '&#x110000;', '&#1114112;', '&#99999999999999999999;', '&#x-1;', '&nbsp;', '&#65', '&#x41 ;']) {
      refuses(doc(`1${ref}2`));
      refuses(doc('1', ` a="${ref}"`));
      agrees(doc(`1${ref}2`));
    }
    refuses(doc('1]]>2'));
    decides(doc('1]]2] ]>'));
    decides(doc('1', ' a="]]>"'));
    refuses(doc('1', ' a="<"'));
    decides(doc('1', ` a='"' b="'"`));
  });

  it('reads the same values invoice after invoice, whatever it read before (remembered texts, other paths, deep files)', () => {
    const same = ['5265877635', '5265877636', '5265877635', ' 5265877635 ', '5265877635', '&#53;265877635', 'ąę', 'ąę', 'ąć'];
    for (const nip of same) expect(xmlFactsFast(Buffer.from(doc(nip)), PATHS)?.values[0]).toBe(xmlFacts(doc(nip), PATHS).values[0]);
    const other = [['Fa', 'P_1'], ['Podmiot1'], []];
    const d = Buffer.from(doc('1'));
    expect(xmlFactsFast(d, other)).toEqual(xmlFacts(doc('1'), other));
    expect(xmlFactsFast(d, PATHS)).toEqual(xmlFacts(doc('1'), PATHS));
    expect(xmlFactsFast(Buffer.from('<Root/>'), PATHS)).toEqual({root: 'Root', values: [undefined, undefined]});
    expect(xmlFactsFast(d, PATHS)?.root).toBe('Faktura');
    const deep = `<a>${'<b>'.repeat(300)}${'</b>'.repeat(300)}</a>`;
    expect(decoded(Buffer.from(deep)).ok).toBe(true);
    agrees(deep);
    decides(`<a>${'<b>'.repeat(200)}${'</b>'.repeat(200)}</a>`);
    // A view into a larger buffer (the batch packs a chunk's invoices into one), and a plain Uint8Array.
    const packed = Buffer.concat([Buffer.from('xyz'), d, Buffer.from('<<<')]);
    expect(xmlFactsFast(packed.subarray(3, 3 + d.length), PATHS)).toEqual(xmlFacts(doc('1'), PATHS));
    expect(xmlFactsFast(new Uint8Array(d), PATHS)).toEqual(xmlFacts(doc('1'), PATHS));
  });
});
