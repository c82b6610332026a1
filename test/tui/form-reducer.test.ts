import {describe, expect, it} from 'vitest';
import {parseKeys} from '../../src/tui/keys/parse.js';
import {makeT} from '../../src/i18n/index.js';
import {
  completePath, formConsumes, formReducer, initFormState, type FieldSpec, type FormEnv, type FormState, type PathFs,
} from '../../src/tui/form/index.js';

/** In-memory tree: paths ending with '/' are folders. */
function fakeFs(paths: string[], cwd = '/w', home = '/home/ola'): PathFs {
  const set = new Set(paths);
  return {
    home, cwd,
    list(dir) {
      const d = dir.endsWith('/') ? dir : `${dir}/`;
      if (!set.has(d)) return undefined;
      const names = new Map<string, boolean>();
      for (const p of set) {
        if (!p.startsWith(d) || p === d) continue;
        const rest = p.slice(d.length);
        const i = rest.indexOf('/');
        names.set(i < 0 ? rest : rest.slice(0, i), i >= 0);
      }
      return [...names].map(([name, dir]) => ({name, dir}));
    },
    kind(p) {
      if (set.has(p.endsWith('/') ? p : `${p}/`)) return 'dir';
      return set.has(p) ? 'file' : undefined;
    },
  };
}

const t = makeT('pl');
const env = (fields: FieldSpec[], fs = fakeFs(['/w/'])): FormEnv => ({fields, t, fs});
const type = (s: FormState, e: FormEnv, text: string) =>
  parseKeys(text).reduce((st, key) => formReducer(st, {type: 'key', key, env: e}), s);

describe('formReducer', () => {
  const fields: FieldSpec[] = [
    {id: 'env', kind: 'code', label: 'Środowisko', options: {D: 'demo', P: 'produkcja'}},
    {id: 'name', kind: 'text', label: 'Nazwa', upperCase: true, maxLength: 5},
    {id: 'from', kind: 'date', label: 'Od'},
  ];

  it('starts on the first focusable field with defaults and initial values', () => {
    const s = initFormState(env([{id: 'r', kind: 'readonly', label: 'Info', default: 'x'}, ...fields]), {name: 'AB'});
    expect(s.focus).toBe('env');
    expect(s.values).toEqual({r: 'x', env: '', name: 'AB', from: ''});
  });

  it('processes a whole chunk in order: code auto-advance, upper-case text, maxLength, date dashes', () => {
    const e = env(fields);
    const s = type(initFormState(e), e, 'pabcdefg\t20261231');
    expect(s.values).toEqual({env: 'P', name: 'ABCDE', from: '2026-12-31'});
    expect(s.focus).toBe('from');
  });

  it('a bad code letter leaves the value and focus and sets a Polish error', () => {
    const e = env(fields);
    const s = type(initFormState(e), e, 'q');
    expect(s.focus).toBe('env');
    expect(s.values.env).toBe('');
    expect(s.errors.env).toBe('Niedozwolona wartość „q” — dozwolone: D demo, P produkcja.');
  });

  it('submit validates every field, focuses the first bad one, then succeeds once fixed', () => {
    const e = env(fields);
    let s = type(initFormState(e), e, 'd\x1bOQ'); // D, then F2
    expect(s.submitSeq).toBe(0);
    expect(s.focus).toBe('name');
    expect(s.errors).toEqual({name: 'Pole wymagane.', from: 'Pole wymagane.'});
    s = type(s, e, 'abcde\t2026-02-30\r');
    expect(s.submitSeq).toBe(0);
    expect(s.errors).toEqual({from: 'Nieprawidłowa data — podaj RRRR-MM-DD (istniejący dzień).'});
    s = type(s, e, '\x7f\x7f21\r');
    expect(s.errors).toEqual({});
    expect(s.submitSeq).toBe(1);
    expect(s.submitted).toEqual({env: 'D', name: 'ABCDE', from: '2026-02-21'});
  });

  it('a hidden field is skipped and not validated; focus leaves a field that becomes disabled', () => {
    const f: FieldSpec[] = [
      {id: 'mode', kind: 'code', label: 'Tryb', options: {B: 'b', Z: 'z'}, autoAdvance: false},
      {id: 'extra', kind: 'text', label: 'Dod.', hidden: v => v.mode !== 'Z'},
      {id: 'last', kind: 'text', label: 'Ost.', disabled: v => v.mode === 'B', required: false},
    ];
    const e = env(f);
    let s = type(initFormState(e), e, 'b\x1bOQ');
    expect(s.submitSeq).toBe(1);
    s = type(s, e, 'z\t\tx');
    expect(s.focus).toBe('last');
    expect(s.values.last).toBe('x');
    s = type(s, e, '\x1b[Z\x1b[Z'); // back to mode
    expect(s.focus).toBe('mode');
    s = type(s, e, 'b');
    expect(s.values.mode).toBe('B');
    expect(formReducer(s, {type: 'focus', id: 'last', env: e}).focus).toBe('mode'); // disabled: not focusable
    expect(formReducer(s, {type: 'focus', id: 'extra', env: e}).focus).toBe('mode'); // hidden again
  });

  it('passes F1, F10, Ctrl+C and Alt keys on; consumes editing and navigation keys', () => {
    const ids = (text: string) => parseKeys(text).map(formConsumes);
    expect(ids('\x1bOP\x1b[21~\x03\x1bx')).toEqual([false, false, false, false]);
    expect(ids('a\t\r\x1b[A\x1b[B\x7f\x15\x1bOQ')).toEqual([true, true, true, true, true, true, true, true]);
  });
});

describe('completePath', () => {
  const fs = fakeFs(['/w/', '/w/alfa/', '/w/alfa/a.crt', '/w/alfa/a.key', '/w/alfa/b.txt', '/w/alfabet.crt', '/w/.ukryty/',
    '/home/ola/', '/home/ola/Pobrane/', '/home/ola/Pulpit/']);

  it('extends the common prefix and reports candidates; unique folder gets a slash', () => {
    expect(completePath('al', fs)).toEqual({status: 'completed', value: 'alfa', candidates: ['alfa/', 'alfabet.crt']});
    expect(completePath('alfa', fs).status).toBe('ambiguous');
    expect(completePath('alfa/', fs)).toEqual({status: 'ambiguous', value: 'alfa/', candidates: ['a.crt', 'a.key', 'b.txt']});
    expect(completePath('/w/alfa/b', fs)).toEqual({status: 'completed', value: '/w/alfa/b.txt', candidates: []});
    expect(completePath('/w/alfa/b.txt', fs).status).toBe('unchanged');
  });

  it('filters by extension and target, hides dot entries unless asked, expands ~ and keeps it', () => {
    expect(completePath('alfa/', fs, {extensions: ['.CRT']}).value).toBe('alfa/a.crt');
    expect(completePath('alf', fs, {target: 'dir'}).value).toBe('alfa/');
    expect(completePath('', fs).candidates).toEqual(['alfa/', 'alfabet.crt']);
    expect(completePath('.u', fs).value).toBe('.ukryty/');
    expect(completePath('~/P', fs)).toEqual({status: 'ambiguous', value: '~/P', candidates: ['Pobrane/', 'Pulpit/']});
    expect(completePath('~/Pu', fs).value).toBe('~/Pulpit/');
    expect(completePath('nic/x', fs).status).toBe('unreadable');
    expect(completePath('zzz', fs).status).toBe('none');
  });
});
