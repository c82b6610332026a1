// The catalogue of each language is its area files merged (src/i18n/merge.ts): every key comes from exactly one
// area, so the merge order cannot decide a text, and the merged object holds every area's keys and texts.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {mergeAreas} from '../../src/i18n/merge.js';
import {pl} from '../../src/i18n/pl/index.js';
import {en} from '../../src/i18n/en/index.js';

const DIR = path.resolve(import.meta.dirname, '../../src/i18n');

async function areas(lang: 'pl' | 'en'): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  for (const f of fs.readdirSync(path.join(DIR, lang)).filter((n) => n.endsWith('.ts') && n !== 'index.ts')) {
    const mod = (await import(path.join(DIR, lang, f))) as Record<string, unknown>;
    for (const v of Object.values(mod)) if (v && typeof v === 'object') out.set(f, v as Record<string, string>);
  }
  return out;
}

describe('catalogue merge', () => {
  it('mergeAreas keeps every key and text (later areas do not hide earlier ones: there is nothing to hide)', () => {
    expect(mergeAreas({a: 'A'}, {b: 'B'}, {c: 'C'})).toEqual({a: 'A', b: 'B', c: 'C'});
  });

  for (const [lang, merged] of [['pl', pl], ['en', en]] as const) {
    it(`${lang}: each key is in exactly one area file, and the catalogue is all of them`, async () => {
      const owner = new Map<string, string>();
      const twice: string[] = [];
      for (const [file, texts] of await areas(lang)) {
        for (const key of Object.keys(texts)) {
          if (owner.has(key)) twice.push(`${key}: ${owner.get(key)} and ${file}`);
          owner.set(key, file);
        }
      }
      expect(twice).toEqual([]);
      expect(owner.size).toBeGreaterThan(1000);
      expect(Object.keys(merged).sort()).toEqual([...owner.keys()].sort());
    });
  }
});
