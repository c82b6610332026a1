// The batch forms of the links (kod1Linker, Kod2Signer.url) remember what they checked for the last seller NIP and
// issue date: they must give exactly the links and errors of kod1Link / kod2Link, whatever came before.
import {beforeAll, describe, expect, it} from 'vitest';
import {invoiceHash, kod1Link, kod1Linker, kod2Link, kod2Signer, parseKod2Link, verifyKod2} from '../../src/ksef/qr-links.js';
import {issueCert, makeCa, type TestCert} from './crypto-fixtures.js';

/** The URL, or the error's message. */
const outcome = (f: () => string): string => {
  try {
    return f();
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
};

const H1 = invoiceHash('a');
const H2 = invoiceHash('b');

describe('kod1Linker', () => {
  it('gives kod1Link\'s link or error for every invoice of a sequence (repeats, changes, bad values between good ones)', () => {
    const seq: [string, string, string][] = [
      ['5265877635', '2026-02-01', H1], ['5265877635', '2026-02-01', H2], ['5265877635', '2026-02-02', H1], ['5265877635', '2026-02-01', H1],
      ['5265877635', '2026-02-01', 'x'], ['5265877635', '2026-02-01', H1.slice(1)], ['5265877635', '2026-02-01', H1 + 'A'],
      ['5265877635', '01-02-2026', H1], ['526-587-76-35', '2026-02-01', H1], ['7740001454', '2026-02-01', H2], ['7740001454', '2026-02-01', H1],
      ['5265877635', '2026-02-01', H2], ['5265877635', '2026-02-01', `${H1.slice(0, 42)}=`], ['5265877635', '2026-02-01', `${H1.slice(0, 42)}ą`],
      ['5265877635', '2026-02-01', H1],
    ];
    for (const env of ['T', 'P'] as const) {
      const linker = kod1Linker(env);
      for (const [sellerNip, issueDate, hash] of seq) {
        expect(outcome(() => linker(sellerNip, issueDate, hash))).toBe(outcome(() => kod1Link({env, sellerNip, issueDate, invoiceHash: hash})));
      }
    }
  });

  it('checks a hash by table exactly as /^[A-Za-z0-9_-]{43}$/ did, for every character at every place', () => {
    const linker = kod1Linker('T');
    const HASH_RE = /^[A-Za-z0-9_-]{43}$/;
    linker('5265877635', '2026-02-01', H1); // the NIP and date remembered: only the hash is checked now
    const chars = [...Array.from({length: 256}, (_, c) => String.fromCharCode(c)), 'ą', '😀', '\u2028'];
    for (const ch of chars) {
      for (const at of [0, 21, 42]) {
        const h = H1.slice(0, at) + ch + H1.slice(at + 1);
        const ok = !outcome(() => linker('5265877635', '2026-02-01', h)).startsWith('error');
        expect(ok, JSON.stringify(h)).toBe(HASH_RE.test(h));
        expect(outcome(() => kod1Link({env: 'T', sellerNip: '5265877635', issueDate: '2026-02-01', invoiceHash: h})).startsWith('error'), JSON.stringify(h)).toBe(!ok);
      }
    }
  });
});

describe('Kod2Signer.url', () => {
  let ca: TestCert;
  let ec: TestCert;
  let rsa: TestCert;
  beforeAll(async () => {
    ca = await makeCa('TEST CCK KSeF');
    ec = await issueCert({ca, type: 'O', serial: '01A2B3C4D5E6F708'});
    rsa = await issueCert({ca, type: 'O', alg: 'RSA-2048', serial: '0123456789ABCDEF'});
  });

  it('signs the signed string kod2Link builds, for seller NIPs changing back and forth (EC and RSA keys)', () => {
    for (const [cert, serial] of [[ec, '01A2B3C4D5E6F708'], [rsa, '0123456789abcdef']] as const) {
      const context = {type: 'Nip' as const, value: '5265877635'};
      const signer = kod2Signer({env: 'T', context, serial, key: cert.key, certType: 'O'});
      for (const [sellerNip, hash] of [['5265877635', H1], ['7740001454', H1], ['7740001454', H2], ['5265877635', H2]]) {
        const url = signer.url(sellerNip, hash);
        const fresh = kod2Link({env: 'T', context, serial, sellerNip, invoiceHash: hash, key: cert.key, certType: 'O'});
        expect(parseKod2Link(url)?.signedString).toBe(fresh.signedString);
        expect(verifyKod2(url, cert.certPem)).toBe(true);
        const link = signer.link(sellerNip, hash);
        expect(link.url.startsWith(`https://${fresh.signedString}/`)).toBe(true);
        expect(link.signedString).toBe(fresh.signedString);
        expect(verifyKod2(link.url, cert.certPem)).toBe(true);
      }
    }
  });

  it('refuses a bad NIP or hash as kod2Link does, and signs correctly afterwards', () => {
    const context = {type: 'Nip' as const, value: '5265877635'};
    const signer = kod2Signer({env: 'T', context, serial: '01A2B3C4D5E6F708', key: ec.key, certType: 'O'});
    const fresh = (sellerNip: string, hash: string) => outcome(() => kod2Link({env: 'T', context, serial: '01A2B3C4D5E6F708', sellerNip, invoiceHash: hash, key: ec.key}).signedString);
    for (const [sellerNip, hash] of [['5265877635', H1], ['52658776', H1], ['526587763X', H2], ['5265877635', 'x'], ['7740001454', `${H1.slice(0, 42)}+`], ['5265877635', H1.slice(2)]]) {
      const got = outcome(() => signer.url(sellerNip, hash));
      const want = fresh(sellerNip, hash);
      if (want.startsWith('error')) expect(got).toBe(want);
      else expect(parseKod2Link(got)?.signedString).toBe(want);
    }
    expect(verifyKod2(signer.url('7740001454', H2), ec.certPem)).toBe(true);
    expect(parseKod2Link(signer.url('7740001454', H2))?.sellerNip).toBe('7740001454');
  });
});
