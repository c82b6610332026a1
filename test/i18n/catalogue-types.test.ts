// The catalogue's typing, proven: the `@ts-expect-error` lines below must each be a type error, or `npm run typecheck`
// fails ("Unused '@ts-expect-error' directive"). The runtime assertions show what the same calls render.
import {describe, expect, it} from 'vitest';
import {makeT} from '../../src/i18n/index.js';
import type {EnglishOf, PlaceholdersAgree, Placeholders} from '../../src/i18n/placeholders.js';
import {placeholdersAgree} from '../../src/i18n/en/index.js';

const t = makeT('en');

describe('t(key, params) requires what the text names', () => {
  it('renders a key with its parameters and refuses missing ones at compile time', () => {
    expect(t('cli.unknownCommand', {name: 'frob'})).toBe('Unknown command: frob');
    // @ts-expect-error — `{name}` is missing
    expect(t('cli.unknownCommand')).toBe('Unknown command: {name}');
    // @ts-expect-error — `{name}` is misspelt
    expect(t('cli.unknownCommand', {nam: 'frob'})).toBe('Unknown command: {name}');
    // @ts-expect-error — one of two placeholders is missing
    t('store.permissionsFixed', {path: '/x', was: '0644'});
    // Extra parameters are allowed (callers pass one parameter object to several keys).
    expect(t('cli.badLang', {value: 'de', extra: 1})).toContain('de');
  });

  it('a key without placeholders needs no parameters; an unknown key is a type error', () => {
    expect(t('cli.usage')).toMatch(/^Usage/);
    // @ts-expect-error — no such key
    expect(t('cli.noSuchKey')).toBe('cli.noSuchKey');
  });

  it('a union of keys needs the placeholders of every member', () => {
    const key = (n: number) => (n > 0 ? 'cli.unknownCommand' : 'cli.unknownOption') as 'cli.unknownCommand' | 'cli.unknownOption';
    expect(t(key(1), {name: 'x'})).toBe('Unknown command: x');
    // @ts-expect-error — both members name `{name}`
    t(key(0));
  });
});

describe('English texts name the same placeholders as Polish ones', () => {
  const pl = {a: 'Plik {file} w {dir}', b: 'bez parametrów'} as const;

  it('extracts placeholders from literal types', () => {
    const names: Placeholders<'x {a} y {b}{c}'>[] = ['a', 'b', 'c'];
    // @ts-expect-error — `d` is not a placeholder of the text
    const wrong: Placeholders<'x {a}'> = 'd';
    expect(names).toHaveLength(3);
    expect(wrong).toBe('d');
  });

  it('a mismatch or a missing key fails; the real catalogue agrees', () => {
    const good = {a: 'File {file} in {dir}', b: 'no parameters'} as const satisfies EnglishOf<typeof pl>;
    const agree: PlaceholdersAgree<typeof pl, typeof good> = true;
    const dropped = {a: 'File {file}', b: 'no parameters'} as const satisfies EnglishOf<typeof pl>;
    // @ts-expect-error — English `a` lacks `{dir}`
    const bad1: PlaceholdersAgree<typeof pl, typeof dropped> = true;
    const renamed = {a: 'File {name} in {dir}', b: 'no {parameters}'} as const satisfies EnglishOf<typeof pl>;
    // @ts-expect-error — English `a` renames `{file}`, `b` adds one
    const bad2: PlaceholdersAgree<typeof pl, typeof renamed> = true;
    // @ts-expect-error — English lacks key `b`
    const missing = {a: 'File {file} in {dir}'} as const satisfies EnglishOf<typeof pl>;
    expect([agree, bad1, bad2, placeholdersAgree, Object.keys(missing)]).toEqual([true, true, true, true, ['a']]);
  });
});
