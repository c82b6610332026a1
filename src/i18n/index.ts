// One message catalogue per language; `t(key, params)` fills `{name}` placeholders.
import {pl, type MessageKey} from './pl/index.js';
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

// English is loaded on demand (`loadLang`): ~10 ms of every start that speaks Polish. The entries that turn to
// English (--lang, the workstation's language, the CLI's English status/action words) await it first.
const CATALOGUES: {pl: Record<MessageKey, string>; en?: Record<MessageKey, string>} = {pl};
let englishLoading: Promise<void> | undefined;

/** Loads a language's catalogue (Polish is always there). */
export function loadLang(lang: Lang): Promise<void> {
  if (lang === 'pl' || CATALOGUES.en) return Promise.resolve();
  return (englishLoading ??= import('./en/index.js').then((m) => {
    CATALOGUES.en = m.en;
  }));
}

export const isLangLoaded = (lang: Lang): boolean => lang === 'pl' || CATALOGUES.en !== undefined;

/** Fills `{name}` placeholders; parameter values (file names, subjects, KSeF messages) are terminal-safe. */
export function format(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? terminalSafe(String(params[name]), {keepNewlines: true}) : m));
}

/** A translator; one made before its language was loaded speaks Polish until it is (and starts the load). */
export function makeT(lang: Lang): Translate {
  if (!isLangLoaded(lang)) loadLang(lang).catch(() => {});
  return (key, ...[params]) => format(CATALOGUES[lang]?.[key] ?? pl[key] ?? key, params);
}

export const isLang = (v: string): v is Lang => (LANGS as readonly string[]).includes(v);
export {msg, joinMessages, ioMessage, render, renderPl, isMessage, isLocalized, type Message, type ParamValue, type Localized} from './message.js';
