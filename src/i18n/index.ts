// One message catalogue per language; `t(key, params)` fills `{name}` placeholders.
import {pl, type MessageKey} from './pl/index.js';
import {en} from './en/index.js';
import {terminalSafe} from '../domain/index.js';
import type {Placeholders} from './placeholders.js';

export type {MessageKey} from './pl/index.js';
export type Lang = 'pl' | 'en';
export const LANGS: readonly Lang[] = ['pl', 'en'];

export type Params = Record<string, string | number>;

/**
 * What `t` needs after the key: nothing for a text without placeholders, otherwise every `{name}` its Polish text
 * names (extra parameters are allowed). A key typed as the whole `MessageKey` union (computed at run time) cannot be
 * checked and takes optional parameters; prefer a template-literal key type such as `latarnia.${State}`.
 */
export type ParamArgs<K extends MessageKey> = MessageKey extends K
  ? [params?: Params]
  : [Placeholders<(typeof pl)[K]>] extends [never]
    ? [params?: Params]
    : [params: Params & {readonly [P in Placeholders<(typeof pl)[K]>]: string | number}];

export type Translate = <K extends MessageKey>(key: K, ...params: ParamArgs<K>) => string;

const CATALOGUES: Record<Lang, Record<MessageKey, string>> = {pl, en};

/** Fills `{name}` placeholders; parameter values (file names, subjects, KSeF messages) are terminal-safe. */
export function format(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? terminalSafe(String(params[name]), {keepNewlines: true}) : m));
}

export function makeT(lang: Lang): Translate {
  const cat = CATALOGUES[lang];
  return (key, ...[params]) => format(cat[key] ?? pl[key] ?? key, params);
}

export const isLang = (v: string): v is Lang => (LANGS as readonly string[]).includes(v);
