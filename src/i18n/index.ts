// One message catalogue per language; `t(key, params)` fills `{name}` placeholders.
import {pl, type MessageKey} from './pl/index.js';
import {en} from './en/index.js';
import {terminalSafe} from '../domain/index.js';

export type {MessageKey} from './pl/index.js';
export type Lang = 'pl' | 'en';
export const LANGS: readonly Lang[] = ['pl', 'en'];

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const CATALOGUES: Record<Lang, Record<MessageKey, string>> = {pl, en};

/** Fills `{name}` placeholders; parameter values (file names, subjects, KSeF messages) are terminal-safe. */
export function format(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? terminalSafe(String(params[name]), {keepNewlines: true}) : m));
}

export function makeT(lang: Lang): Translate {
  const cat = CATALOGUES[lang];
  return (key, params) => format(cat[key] ?? pl[key] ?? key, params);
}

export const isLang = (v: string): v is Lang => (LANGS as readonly string[]).includes(v);
