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
});
