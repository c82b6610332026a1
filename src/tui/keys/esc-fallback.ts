// Esc-then-digit = F-key fallback (Midnight Commander convention) for terminals or emulators that swallow F-keys.
//
// Trade-off: a lone Esc cannot be delivered until we know no digit follows, so Esc ("back") is delayed by up to
// `timeoutMs` (default 400 ms). Any other key ends the wait at once (Esc is delivered, then that key). A digit
// typed right after Esc therefore never reaches a screen as "back + digit". Alt+digit (Esc and digit arriving in
// one read) maps to the F-key immediately.
import type {Key} from './key.js';
import {digitToFunctionKey} from './parse.js';

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
