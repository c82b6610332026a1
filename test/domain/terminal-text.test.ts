// terminalSafe / terminalSafeJson: the one rule for drawing outside text on a terminal.
import {describe, expect, it} from 'vitest';
import {hasTerminalControls, terminalSafe, terminalSafeJson} from '../../src/domain/index.js';
import {CORPUS, expectInert, OSC_TITLE} from '../helpers/hostile.js';

describe('terminalSafe', () => {
  it('escapes OSC, CSI, SGR, C1 CSI, DEL, BEL, bidi overrides and isolates visibly', () => {
    const s = terminalSafe(CORPUS);
    expectInert(s);
    expect(s).toBe('A\\x1b]0;pwned\\x07B\\x1b[2J\\x1b[HC\\x1b[31mD\\x9b2JE\\x7fF\\x07G\\u202a\\u202b\\u202c\\u202d\\u202eH\\u2066\\u2067\\u2068\\u2069I');
  });

  it('leaves ordinary text (Polish letters, box drawing, emoji) untouched and is idempotent', () => {
    const plain = 'Zażółć gęślą jaźń │ ▶ ✓ … 😀';
    expect(terminalSafe(plain)).toBe(plain);
    expect(terminalSafe(terminalSafe(CORPUS))).toBe(terminalSafe(CORPUS));
  });

  it('escapes line breaks and tabs unless the caller keeps line breaks', () => {
    expect(terminalSafe('a\nb\tc\rd')).toBe('a\\nb\\tc\\rd');
    expect(terminalSafe('a\nb\r', {keepNewlines: true})).toBe('a\nb\\r');
    expect(hasTerminalControls('a\nb')).toBe(true);
    expect(hasTerminalControls('a\nb', false)).toBe(false);
    expect(hasTerminalControls(OSC_TITLE, false)).toBe(true);
  });
});

describe('terminalSafeJson', () => {
  it('is valid JSON that parses back to exactly the same value, with no raw control or bidi character', () => {
    const doc = {name: CORPUS, nested: [{s: `x${'\u2028'}y`}]};
    const text = terminalSafeJson(doc, 2);
    expectInert(text);
    expect(JSON.parse(text)).toEqual(doc);
    expect(text).toContain('\\u202e');
    expect(text).toContain('\\u001b]0;pwned\\u0007');
  });
});
