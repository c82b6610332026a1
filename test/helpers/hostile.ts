// The escape/bidi corpus for "strings from outside are hostile when drawn": what a file name, folder, certificate
// subject, KSeF message or stored value may carry, and the checks that output shows it escaped, never raw.
import {expect} from 'vitest';

export const OSC_TITLE = '\x1b]0;pwned\x07';
export const CSI_CLEAR = '\x1b[2J\x1b[H';
export const SGR_RED = '\x1b[31m';
export const C1_CSI = '\u009b2J';
export const DEL = '\x7f';
export const BEL = '\x07';
export const BIDI = '\u202a\u202b\u202c\u202d\u202e';
export const ISOLATES = '\u2066\u2067\u2068\u2069';

/** Every kind in one string. */
export const CORPUS = `A${OSC_TITLE}B${CSI_CLEAR}C${SGR_RED}D${C1_CSI}E${DEL}F${BEL}G${BIDI}H${ISOLATES}I`;

/** Any character that drives a terminal: C0 but line feed, DEL, C1, bidi embeddings/overrides/isolates. */
export const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** `text` reached the terminal with no raw control or bidi character. */
export function expectInert(text: string): void {
  const m = RAW_CONTROL.exec(text);
  expect(m ? `raw U+${m[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${m.index}: …${JSON.stringify(text.slice(Math.max(0, m.index - 20), m.index + 20))}…` : 'inert').toBe('inert');
}
