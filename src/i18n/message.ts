// A message as data: a catalogue key with parameters, possibly nested (a KSeF explanation = text + hint + details).
// The lower layers (ksef, store, flows) build and throw these; the edge renders them in the session's language.
import {makeT, type MessageKey, type Translate} from './index.js';
import type {pl} from './pl/index.js';
import type {Placeholders} from './placeholders.js';

export type ParamValue = string | number | Message;

export interface Message {
  readonly key: MessageKey;
  readonly params?: Readonly<Record<string, ParamValue>>;
}

/** The parameters `msg(key, …)` needs: every placeholder of the key's text (a nested message fills one too). */
export type MsgArgs<K extends MessageKey> = MessageKey extends K
  ? [params?: Record<string, ParamValue>]
  : [Placeholders<(typeof pl)[K]>] extends [never]
    ? [params?: Record<string, ParamValue>]
    : [params: Record<string, ParamValue> & {readonly [P in Placeholders<(typeof pl)[K]>]: ParamValue}];

/** Builds a message; the compiler checks that `params` fills every placeholder of the key's text. */
export function msg<K extends MessageKey>(key: K, ...[params]: MsgArgs<K>): Message {
  return params ? {key, params} : {key};
}

export const isMessage = (v: unknown): v is Message =>
  !!v && typeof v === 'object' && typeof (v as Message).key === 'string' && ((v as Message).params === undefined || typeof (v as Message).params === 'object');

/** "a, b, c" of messages (each part renders in the session's language). */
export function joinMessages(parts: readonly Message[]): Message {
  return parts.slice(1).reduce<Message>((acc, p) => msg('err.list', {head: acc, next: p}), parts[0] ?? msg('err.verbatim', {text: ''}));
}

/** Error codes of the file system with a catalogue text (`err.io.<code>`). */
const IO_CODES = ['ENOENT', 'EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EISDIR', 'ENOTDIR', 'EFBIG'] as const;

/** The catalogue text of a file-system error code, or undefined when the catalogue has none for it. */
export function ioMessage(code: string | undefined): Message | undefined {
  return code !== undefined && (IO_CODES as readonly string[]).includes(code) ? msg(`err.io.${code as (typeof IO_CODES)[number]}`) : undefined;
}

/** Renders a message (nested messages first) in the language of `t`. */
export function render(t: Translate, m: Message): string {
  if (!m.params) return t(m.key);
  const flat: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(m.params)) flat[k] = typeof v === 'object' ? render(t, v) : v;
  return t(m.key, flat);
}

let plT: Translate | undefined;
/** The Polish rendering: Error.message of a localized error (logs, `String(e)`); users see `render(t, e.msg)`. */
export const renderPl = (m: Message): string => render((plT ??= makeT('pl')), m);

/** An error that carries a catalogue message: `message` is its Polish text, `msg` is rendered at the edge. */
export interface Localized {
  readonly msg: Message;
}

export const isLocalized = (e: unknown): e is Error & Localized => e instanceof Error && isMessage((e as Partial<Localized>).msg);
