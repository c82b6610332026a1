import {describe, expect, it} from 'vitest';
import {parseKeys} from '../../src/tui/keys/parse.js';
import {keyId} from '../../src/tui/keys/key.js';

const ids = (chunk: string) => parseKeys(chunk).map(keyId);

describe('parseKeys', () => {
  const catalogue: [string, string, string[]][] = [
    ['text run', 'a15\r', ['a', '1', '5', 'enter']],
    ['CRLF is one Enter', 'x\r\ny', ['x', 'enter', 'y']],
    ['Polish letters and astral chars', 'ąŻ😀', ['ą', 'Ż', '😀']],
    ['arrows (CSI)', '\x1b[A\x1b[B\x1b[C\x1b[D', ['up', 'down', 'right', 'left']],
    ['arrows (SS3 application mode)', '\x1bOA\x1bOB', ['up', 'down']],
    ['Home/End variants', '\x1b[H\x1b[F\x1b[1~\x1b[4~\x1b[7~\x1b[8~\x1bOH\x1bOF', ['home', 'end', 'home', 'end', 'home', 'end', 'home', 'end']],
    ['PgUp/PgDn', '\x1b[5~\x1b[6~', ['pageUp', 'pageDown']],
    ['Tab, Shift+Tab', '\t\x1b[Z', ['tab', 'shift+backtab']],
    ['Backspace 0x7f and 0x08', '\x7f\x08', ['backspace', 'backspace']],
    ['Delete and Insert', '\x1b[3~\x1b[2~', ['delete', 'insert']],
    ['lone Esc', '\x1b', ['escape']],
    ['Esc Esc', '\x1b\x1b', ['escape', 'escape']],
    ['Ctrl+letters', '\x01\x03\x15\x1a', ['ctrl+a', 'ctrl+c', 'ctrl+u', 'ctrl+z']],
    ['Alt+x', '\x1bx\x1b1', ['alt+x', 'alt+1']],
    ['Alt+arrow (ESC ESC [A)', '\x1b\x1b[A', ['alt+up']],
    ['xterm F1–F4 (SS3)', '\x1bOP\x1bOQ\x1bOR\x1bOS', ['f1', 'f2', 'f3', 'f4']],
    ['vt220/PuTTY F1–F4', '\x1b[11~\x1b[12~\x1b[13~\x1b[14~', ['f1', 'f2', 'f3', 'f4']],
    ['F5–F12', '\x1b[15~\x1b[17~\x1b[18~\x1b[19~\x1b[20~\x1b[21~\x1b[23~\x1b[24~', ['f5', 'f6', 'f7', 'f8', 'f9', 'f10', 'f11', 'f12']],
    ['Linux console F1–F5', '\x1b[[A\x1b[[B\x1b[[C\x1b[[D\x1b[[E', ['f1', 'f2', 'f3', 'f4', 'f5']],
    ['xterm-modified F1–F4', '\x1b[1;2S\x1b[1;5P\x1b[1;3Q', ['shift+f4', 'ctrl+f1', 'alt+f2']],
    ['xterm-modified F5+', '\x1b[15;5~\x1b[21;2~', ['ctrl+f5', 'shift+f10']],
    ['modified arrows', '\x1b[1;5A\x1b[1;2B', ['ctrl+up', 'shift+down']],
    ['SS3 with modifier digit', '\x1bO2P', ['shift+f1']],
    ['keys around sequences', 'a\x1bOPb\x1b[21~c', ['a', 'f1', 'b', 'f10', 'c']],
  ];
  for (const [name, chunk, expected] of catalogue) {
    it(name, () => expect(ids(chunk)).toEqual(expected));
  }

  const dropped: [string, string][] = [
    ['bracketed paste markers', '\x1b[200~\x1b[201~'],
    ['focus in/out', '\x1b[I\x1b[O'],
    ['private mode report', '\x1b[?1;2c'],
    ['unknown tilde code', '\x1b[99~'],
    ['incomplete CSI', '\x1b[1;2'],
    ['Linux console unknown', '\x1b[[Z'],
    ['unknown SS3', '\x1bOz'],
    ['other C0 controls', '\x00\x1c\x1f'],
    ['bare CSI final without params that is not a key', '\x1b[P'],
  ];
  for (const [name, chunk] of dropped) {
    it(`drops ${name}`, () => expect(parseKeys(chunk)).toEqual([]));
  }

  it('keeps text after a dropped sequence and never emits its bytes as text', () => {
    expect(ids('\x1b[1;2Sab')).toEqual(['shift+f4', 'a', 'b']);
    expect(ids('\x1b[?25hxy')).toEqual(['x', 'y']);
    expect(ids('\x1b[1;2S').join('')).not.toContain('[');
  });

  it('records the raw sequence of each key', () => {
    expect(parseKeys('a\x1b[[B').map(k => k.seq)).toEqual(['a', '\x1b[[B']);
  });
});
