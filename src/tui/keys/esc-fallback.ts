// Esc-then-digit = F-key fallback (Midnight Commander convention) for terminals or emulators that swallow F-keys.
//
// Trade-off: a lone Esc cannot be delivered until we know no digit follows, so Esc ("back") is delayed by up to
// `timeoutMs` (default 400 ms). Any other key ends the wait at once (Esc is delivered, then that key). A digit
// typed right after Esc therefore never reaches a screen as "back + digit". Alt+digit (Esc and digit arriving in
// one read) maps to the F-key immediately.
//
// Esc and another key arriving in one read (typed ahead, or two writes Ink joins: it holds a lone Esc until the next
// tick) look like Alt+key. The app binds no Alt+letter / Alt+arrow / Alt+Enter, so such a key is what it was: Esc,
// then the key (a menu's ↓ or Enter, a letter) — else both would be lost. Alt+digit stays the F-key (above).
import {keyId, type Key} from './key.js';
import {KEYMAP} from './keymap.js';
import {digitToFunctionKey, parseKeys} from './parse.js';

export interface Timer {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimer: Timer = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: handle => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export const DEFAULT_ESC_TIMEOUT_MS = 400;

export interface EscFallback {
  /** Feeds one parsed key; resulting keys are passed to `emit` (possibly later, from the timer). */
  push(key: Key): void;
  /** Delivers a pending Esc now (e.g. on unmount). */
  flush(): void;
  dispose(): void;
}

const fnKey = (name: ReturnType<typeof digitToFunctionKey> & string, seq: string): Key => ({name, seq});

const BOUND = new Set<string>(Object.values(KEYMAP).flat());

/** The key after a leading Esc when `key` is such an unbound Esc-prefixed Alt+key, else undefined. */
function escThen(key: Key): Key | undefined {
  if (!key.alt || key.seq[0] !== '\x1b' || key.seq.length < 2 || BOUND.has(keyId(key))) return undefined;
  const inner = parseKeys(key.seq.slice(1));
  if (inner.length !== 1 || inner[0].alt || inner[0].name !== key.name) return undefined;
  return inner[0];
}
const ESC_KEY: Key = {name: 'escape', seq: '\x1b'};

export function createEscFallback(emit: (key: Key) => void, timeoutMs = DEFAULT_ESC_TIMEOUT_MS, timer: Timer = realTimer): EscFallback {
  let pending: Key | undefined;
  let handle: unknown;

  const cancel = () => {
    if (handle !== undefined) timer.clear(handle);
    handle = undefined;
  };
  const flush = () => {
    cancel();
    if (pending) {
      const esc = pending;
      pending = undefined;
      emit(esc);
    }
  };

  return {
    push(key) {
      const plainEsc = key.name === 'escape' && !key.ctrl && !key.alt && !key.shift;
      const digitFn = key.name === 'char' && !key.ctrl ? digitToFunctionKey(key.ch ?? '') : undefined;
      if (pending && digitFn && !key.alt) {
        cancel();
        pending = undefined;
        emit(fnKey(digitFn, `\x1b${key.seq}`));
        return;
      }
      flush();
      if (digitFn && key.alt) {
        emit(fnKey(digitFn, key.seq));
        return;
      }
      const after = escThen(key);
      if (after) {
        emit(ESC_KEY);
        emit(after);
        return;
      }
      if (plainEsc && timeoutMs > 0) {
        pending = key;
        handle = timer.set(flush, timeoutMs);
        return;
      }
      emit(key);
    },
    flush,
    dispose() {
      cancel();
      pending = undefined;
    },
  };
}
