// The catalogue at run time: complete in English, not a copy of the Polish texts, same placeholders.
import {describe, expect, it} from 'vitest';
import {pl} from '../../src/i18n/pl/index.js';
import {en} from '../../src/i18n/en/index.js';
import {POLISH} from '../helpers/polish-lines.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map(m => m[1]).sort();

describe('English catalogue', () => {
  const keys = Object.keys(pl) as (keyof typeof pl)[];

  it('has a text for every Polish key and nothing else', () => {
    expect(Object.keys(en).sort()).toEqual([...keys].sort());
  });

  it('translates every Polish text that carries Polish letters (no copy-paste "translations")', () => {
    const copied = keys.filter(k => POLISH.test(pl[k]) && en[k] === pl[k]);
    expect(copied).toEqual([]);
  });

  it('carries no Polish letters of its own', () => {
    // Proper names spelt the Polish way would be the only exception; none is needed today.
    expect(keys.filter(k => POLISH.test(en[k]))).toEqual([]);
  });

  it('names the same placeholders as the Polish text (the run-time twin of the type check)', () => {
    expect(keys.filter(k => placeholders(en[k]).join() !== placeholders(pl[k]).join())).toEqual([]);
  });
});
