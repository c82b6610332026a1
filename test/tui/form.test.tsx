import React from 'react';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {KeyProvider} from '../../src/tui/keys/KeyProvider.js';
import {Form, nodePathFs, type FieldSpec, type FormValues, type PathFs} from '../../src/tui/form/index.js';
import {KEYS, settle, waitForFrame, press} from '../helpers/ink.js';
import {KitProvider} from '../../src/tui/kit-context.js';
import {loadLang, makeT} from '../../src/i18n/index.js';

afterEach(cleanup);

interface Opts {
  fields: FieldSpec[];
  initialValues?: Partial<FormValues>;
  fs?: PathFs;
  derive?: (v: FormValues, id: string) => Partial<FormValues> | undefined;
}

function mount({fields, initialValues, fs: pathFs, derive}: Opts) {
  const onSubmit = vi.fn();
  const onCancel = vi.fn();
  const onChange = vi.fn();
  const r = render(
    <KeyProvider escTimeoutMs={0}>
      <Form fields={fields} initialValues={initialValues} fs={pathFs} derive={derive}
        onSubmit={onSubmit} onCancel={onCancel} onChange={onChange} width={100} />
    </KeyProvider>,
  );
  return {...r, onSubmit, onCancel, onChange};
}


const ENV = {D: 'demo', P: 'produkcja', T: 'test'};

describe('Form navigation and typing', () => {
  const fields: FieldSpec[] = [
    {id: 'a', kind: 'text', label: 'Pierwsze'},
    {id: 'b', kind: 'text', label: 'Drugie'},
    {id: 'c', kind: 'text', label: 'Trzecie'},
  ];

  it('moves with Tab, Enter, arrows and Shift+Tab; Tab wraps, ↓ stops at the last field', async () => {
    const r = mount({fields});
    await waitForFrame(r.lastFrame, '▶ Pierwsze');
    await press(r, KEYS.tab, '▶ Drugie');
    await press(r, KEYS.enter, '▶ Trzecie');
    await press(r, KEYS.up, '▶ Drugie');
    await press(r, KEYS.shiftTab, '▶ Pierwsze');
    await press(r, KEYS.shiftTab, '▶ Trzecie'); // wraps backwards
    await press(r, KEYS.tab, '▶ Pierwsze'); // wraps forwards
    await press(r, KEYS.down, '▶ Drugie');
    await press(r, KEYS.down, '▶ Trzecie');
    r.stdin.write(KEYS.down);
    await settle();
    expect(r.lastFrame()).toContain('▶ Trzecie');
    expect(r.onSubmit).not.toHaveBeenCalled();
  });

  it('takes a multi-key chunk in order, including field changes inside the chunk', async () => {
    const r = mount({fields});
    await waitForFrame(r.lastFrame, '▶ Pierwsze');
    r.stdin.write('Abc1');
    await waitForFrame(r.lastFrame, /Pierwsze\s+Abc1▏/);
    r.stdin.write('\txy\x7fz\tQ');
    await waitForFrame(r.lastFrame, /Trzecie\s+Q▏/);
    expect(r.lastFrame()).toMatch(/Drugie\s+xz\s/);
    expect(r.onChange).toHaveBeenLastCalledWith({a: 'Abc1', b: 'xz', c: 'Q'});
  });

  it('submits with Enter on the last field and passes all values; required fields block it first', async () => {
    const r = mount({fields});
    await waitForFrame(r.lastFrame, '▶ Pierwsze');
    await press(r, KEYS.f2, 'Popraw zaznaczone pola.');
    expect(r.onSubmit).not.toHaveBeenCalled();
    expect(r.lastFrame()).toContain('✗ Pole wymagane.');
    r.stdin.write('jeden\tdwa\ttrzy');
    await waitForFrame(r.lastFrame, /Trzecie\s+trzy▏/);
    expect(r.lastFrame()).not.toContain('Pole wymagane');
    r.stdin.write(KEYS.enter);
    await vi.waitFor(() => expect(r.onSubmit).toHaveBeenCalledTimes(1));
    expect(r.onSubmit).toHaveBeenCalledWith({a: 'jeden', b: 'dwa', c: 'trzy'});
  });

  it('Esc calls onCancel', async () => {
    const r = mount({fields});
    await waitForFrame(r.lastFrame, '▶ Pierwsze');
    r.stdin.write(KEYS.esc);
    await vi.waitFor(() => expect(r.onCancel).toHaveBeenCalledTimes(1));
    expect(r.onSubmit).not.toHaveBeenCalled();
  });

  it('stops typing at maxLength and shows a live validator error while typing', async () => {
    const r = mount({fields: [
      {id: 'n', kind: 'text', label: 'Nazwa', maxLength: 6, live: true, validate: v => (v.length < 5 ? 'Za krótka nazwa.' : undefined)},
    ]});
    await waitForFrame(r.lastFrame, '▶ Nazwa');
    await press(r, 'abc', 'Za krótka nazwa.');
    await press(r, 'defgh', /Nazwa\s+abcdef▏/);
    expect(r.lastFrame()).not.toContain('Za krótka');
  });
});

describe('Form field kinds', () => {
  it('code field: refuses a bad letter with a message, upper-cases a good one, shows its meaning and moves on', async () => {
    const r = mount({fields: [
      {id: 'env', kind: 'code', label: 'Środowisko', options: ENV},
      {id: 'name', kind: 'text', label: 'Nazwa'},
    ]});
    await waitForFrame(r.lastFrame, '▶ Środowisko');
    expect(r.lastFrame()).toContain('D/P/T');
    await press(r, 'x', 'Niedozwolona wartość „x” — dozwolone: D demo, P produkcja, T test.');
    expect(r.lastFrame()).toContain('▶ Środowisko');
    await press(r, 'p', '▶ Nazwa');
    expect(r.lastFrame()).toMatch(/Środowisko\s+P {2}produkcja/);
    expect(r.lastFrame()).not.toContain('Niedozwolona');
  });

  it('date field: rejects 2026-02-30 and a partial date, accepts a real day; auto-inserts dashes', async () => {
    const r = mount({fields: [
      {id: 'from', kind: 'date', label: 'Ważny od', validate: v => (v < '2026-01-01' ? 'Data nie może być w przeszłości.' : undefined)},
      {id: 'x', kind: 'text', label: 'Dalej', required: false},
    ]});
    await waitForFrame(r.lastFrame, '▶ Ważny od');
    await press(r, '20260230', /Ważny od\s+2026-02-30▏/);
    await press(r, KEYS.tab, 'Nieprawidłowa data — podaj RRRR-MM-DD (istniejący dzień).');
    await press(r, KEYS.shiftTab, '▶ Ważny od');
    r.stdin.write('\x7f\x7f\x7f\x7f');
    await waitForFrame(r.lastFrame, /Ważny od\s+2026-0▏/);
    await press(r, '3-01', /2026-03-01▏/);
    expect(r.lastFrame()).not.toContain('Nieprawidłowa data');
    r.stdin.write('\x15'); // Ctrl+U clears
    await press(r, '2025-12-31', 'Data nie może być w przeszłości.');
    await press(r, KEYS.f2, 'Popraw zaznaczone pola.');
    expect(r.onSubmit).not.toHaveBeenCalled();
  });

  it('password: policy hints follow typing; a confirmation mismatch blocks submit', async () => {
    const r = mount({fields: [
      {id: 'pw', kind: 'password', label: 'Hasło klucza', policy: true},
      {id: 'pw2', kind: 'password', label: 'Powtórz hasło', confirmOf: 'pw'},
    ]});
    await waitForFrame(r.lastFrame, '▶ Hasło klucza');
    await press(r, 'abc', 'Brakuje: min. 12 znaków, wielkiej litery, cyfry, znaku specjalnego.');
    await waitForFrame(r.lastFrame, /Hasło klucza\s+\*\*\*▏/); // the hint above shows before the first key too
    expect(r.lastFrame()).toMatch(/Hasło klucza\s+\*\*\*▏/);
    expect(r.lastFrame()).not.toContain('abc');
    await press(r, 'Defgh1', 'Brakuje: min. 12 znaków, znaku specjalnego.');
    await press(r, '!xyz', 'Hasło spełnia zasady.');
    await press(r, KEYS.tab, '▶ Powtórz hasło');
    await press(r, 'abcDefgh1!xz', 'Hasła nie są zgodne.');
    await press(r, KEYS.enter, 'Popraw zaznaczone pola.');
    expect(r.onSubmit).not.toHaveBeenCalled();
    r.stdin.write('\x15abcDefgh1!xyz');
    await waitForFrame(r.lastFrame, 'Hasła zgodne.');
    r.stdin.write(KEYS.f2);
    await vi.waitFor(() => expect(r.onSubmit).toHaveBeenCalledWith({pw: 'abcDefgh1!xyz', pw2: 'abcDefgh1!xyz'}));
  });

  it('select: ↑/↓ and the code letter choose; Tab moves on', async () => {
    const r = mount({fields: [
      {id: 'owner', kind: 'select', label: 'Operator', options: [
        {value: 'ADMIN', label: 'Administrator'}, {value: 'JAN', label: 'Jan Kowalski'}, {value: 'JOLA', label: 'Jolanta Nowak'},
      ]},
      {id: 'x', kind: 'text', label: 'Uwagi', required: false},
    ]});
    await waitForFrame(r.lastFrame, 'ADMIN — Administrator');
    expect(r.lastFrame()).toContain('(1/3)');
    await press(r, KEYS.down, 'JAN — Jan Kowalski');
    await press(r, 'j', 'JOLA — Jolanta Nowak');
    await press(r, 'j', 'JAN — Jan Kowalski'); // cycles among J…
    await press(r, KEYS.up, 'ADMIN — Administrator');
    await press(r, KEYS.tab, '▶ Uwagi');
    r.stdin.write(KEYS.f2);
    await vi.waitFor(() => expect(r.onSubmit).toHaveBeenCalledWith({owner: 'ADMIN', x: ''}));
  });

  it('hides a field by a predicate of the values and derives another value', async () => {
    const r = mount({
      fields: [
        {id: 'mode', kind: 'code', label: 'Tryb', options: {B: 'bieżący', Z: 'następca'}},
        {id: 'note', kind: 'readonly', label: 'Uwaga', text: 'Następca certyfikatu SERIAL-1', hidden: v => v.mode !== 'Z'},
        {id: 'from', kind: 'date', label: 'Ważny od', default: '2026-12-01'},
      ],
      derive: (v, id) => (id === 'mode' ? {from: v.mode === 'Z' ? '2027-03-15' : '2026-12-01'} : undefined),
    });
    await waitForFrame(r.lastFrame, '▶ Tryb');
    expect(r.lastFrame()).not.toContain('Następca certyfikatu');
    await press(r, 'z', 'Następca certyfikatu SERIAL-1');
    expect(r.lastFrame()).toMatch(/▶ Ważny od\s+2027-03-15/);
    await press(r, KEYS.up, '▶ Tryb'); // the read-only note is skipped
    await press(r, 'b', /Ważny od\s+2026-12-01/);
    expect(r.lastFrame()).not.toContain('Następca certyfikatu');
  });
});

describe('Form path field on a real folder', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ksef-form-'));
    fs.mkdirSync(path.join(dir, 'Zażółć gęślą jaźń'));
    fs.mkdirSync(path.join(dir, 'moje certyfikaty'));
    fs.writeFileSync(path.join(dir, 'Zażółć gęślą jaźń', 'firma ąę.crt'), 'x');
    fs.writeFileSync(path.join(dir, 'Zażółć gęślą jaźń', 'firma ąę.key'), 'x');
    fs.writeFileSync(path.join(dir, 'Zażółć gęślą jaźń', 'notatki.txt'), 'x');
    fs.writeFileSync(path.join(dir, 'moje.txt'), 'x');
  });
  afterAll(() => fs.rmSync(dir, {recursive: true, force: true}));

  const fields = (extra: Partial<Extract<FieldSpec, {kind: 'path'}>> = {}): FieldSpec[] => [
    {id: 'p', kind: 'path', label: 'Plik', width: 60, ...extra},
    {id: 'x', kind: 'text', label: 'Dalej', required: false},
  ];

  it('completes a unique folder, lists candidates when ambiguous, extends the common prefix, and moves on', async () => {
    const r = mount({fields: fields(), fs: nodePathFs(dir, dir)});
    await waitForFrame(r.lastFrame, '▶ Plik');
    await press(r, 'Za', /Plik\s+Za▏/);
    await press(r, KEYS.tab, /Plik\s+Zażółć gęślą jaźń\/▏/);
    await press(r, KEYS.tab, 'Pasują: firma ąę.crt  firma ąę.key  notatki.txt');
    await press(r, 'f', /jaźń\/f▏/);
    await press(r, KEYS.tab, /jaźń\/firma ąę\.▏/);
    await press(r, 'k', /ąę\.k▏/);
    await press(r, KEYS.tab, /ąę\.key▏/);
    await press(r, KEYS.tab, '▶ Dalej'); // already complete → next field
    await press(r, KEYS.shiftTab, '▶ Plik');
    r.stdin.write('\x15moje');
    await press(r, KEYS.tab, 'Pasują: moje certyfikaty/  moje.txt');
    r.stdin.write('\x15nic');
    await press(r, KEYS.tab, 'Brak pasujących pozycji.');
    r.stdin.write('\x15Zażółć gęślą jaźń/firma ąę.key');
    await waitForFrame(r.lastFrame, 'Zażółć');
    r.stdin.write(KEYS.f2);
    await vi.waitFor(() => expect(r.onSubmit).toHaveBeenCalledTimes(1));
    expect(r.onSubmit.mock.calls[0][0].p).toBe(path.join(dir, 'Zażółć gęślą jaźń', 'firma ąę.key'));
  });

  it('filters by extension, expands ~, and validates existence and kind', async () => {
    const r = mount({fields: fields({target: 'file', extensions: ['.crt'], mustExist: true}), fs: nodePathFs('/', dir)});
    await waitForFrame(r.lastFrame, '▶ Plik');
    r.stdin.write('~/Z');
    await press(r, KEYS.tab, /~\/Zażółć gęślą jaźń\/▏/);
    await press(r, KEYS.tab, /~\/Zażółć gęślą jaźń\/firma ąę\.crt▏/); // only the .crt is offered
    r.stdin.write(KEYS.f2);
    await vi.waitFor(() => expect(r.onSubmit).toHaveBeenCalledTimes(1));
    expect(r.onSubmit.mock.calls[0][0].p).toBe(path.join(dir, 'Zażółć gęślą jaźń', 'firma ąę.crt'));
  });

  it('refuses a missing file, a folder and a wrong extension with Polish messages', async () => {
    const r = mount({fields: fields({target: 'file', extensions: ['.crt'], mustExist: true}), fs: nodePathFs(dir, dir)});
    await waitForFrame(r.lastFrame, '▶ Plik');
    r.stdin.write('brak.crt');
    await press(r, KEYS.f2, 'Nie znaleziono: brak.crt');
    r.stdin.write('\x15moje certyfikaty');
    await press(r, KEYS.f2, 'To nie jest plik: moje certyfikaty');
    r.stdin.write('\x15moje.txt');
    await press(r, KEYS.f2, 'Oczekiwany plik .crt.');
    expect(r.onSubmit).not.toHaveBeenCalled();
  });
});

describe('Form in the session language', () => {
  it('an empty date field shows the date pattern of the language (RRRR-MM-DD / YYYY-MM-DD)', async () => {
    const fields: FieldSpec[] = [{id: 'd', kind: 'date', label: 'Date'}];
    const pl = mount({fields});
    await waitForFrame(pl.lastFrame, /▶ Date\s+RRRR-MM-DD/);
    pl.unmount();
    await loadLang('en');
    const en = render(
      <KitProvider value={{t: makeT('en'), frame: {env: 'D', demo: false, dataDir: '', e2e: false}}}>
        <KeyProvider escTimeoutMs={0}>
          <Form fields={fields} onSubmit={vi.fn()} onCancel={vi.fn()} width={100} />
        </KeyProvider>
      </KitProvider>,
    );
    await waitForFrame(en.lastFrame, /▶ Date\s+YYYY-MM-DD/);
    expect(en.lastFrame()).not.toContain('RRRR');
  });
});
