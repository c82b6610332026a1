// The app's only input path: Ink's per-sequence 'input' events → parseKeys → Esc-digit fallback → a queue that
// hands keys, one per macrotask, to a priority stack of subscribers (modals first; newest first within a level;
// a handler returns true to consume). One key per macrotask lets React commit the previous key's state change
// (a new screen registers its handler in a layout effect) before the next key of the same chunk is delivered.
// "Committed" is checked, not assumed: after each key the provider re-renders itself and takes the next key only
// from that commit's layout effect, so state changes the key caused (focus moved, a screen opened) are rendered.
// A consumer that needs more than one macrotask (a wrapped Ink widget re-subscribes in a passive effect) holds the
// queue until its change is committed: see useKeyHold. So does a screen still loading (KeyHoldWhileMounted): keys
// typed ahead wait for its handlers instead of falling through to the navigator.
import React, {createContext, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState} from 'react';
import {useStdin} from 'ink';
import type {Key} from './key.js';
import {parseKeys} from './parse.js';
import {createEscFallback, DEFAULT_ESC_TIMEOUT_MS, realTimer, type Timer} from './esc-fallback.js';

export type KeyHandler = (key: Key) => boolean | void;

/** Priorities: higher runs first. `input` = a text/select widget inside a form (before the form's own keys). */
export const PRIORITY = {global: 0, screen: 10, field: 20, input: 30, modal: 100} as const;

interface Subscriber {
  id: number;
  priority: number;
  handler: {current: KeyHandler};
}

interface KeyBus {
  subscribe(sub: Subscriber): () => void;
  /** Pauses delivery until the returned release runs (idempotent), at most `limitMs` (default HOLD_LIMIT_MS). */
  hold(limitMs?: number): () => void;
}

/** A hold never released (a bug) must not freeze the keyboard for good. */
const HOLD_LIMIT_MS = 1000;

const KeyBusContext = createContext<KeyBus | undefined>(undefined);

export interface KeyProviderProps {
  children?: React.ReactNode;
  /** Esc-digit window; 0 disables the fallback (Esc delivered at once). */
  escTimeoutMs?: number;
  timer?: Timer;
  /** Observes every delivered key (after the fallback), e.g. for debugging. */
  onKey?: (key: Key) => void;
}

export function KeyProvider({children, escTimeoutMs = DEFAULT_ESC_TIMEOUT_MS, timer = realTimer, onKey}: KeyProviderProps) {
  const {internal_eventEmitter: emitter, setRawMode, isRawModeSupported} = useStdin();
  const subscribers = useRef<Subscriber[]>([]);
  const onKeyRef = useRef(onKey);
  onKeyRef.current = onKey;

  const holds = useRef(0);
  const resume = useRef<() => void>(() => undefined);
  // Bumped after each delivered key; its layout effect runs once React has committed what the key changed.
  const [delivered, setDelivered] = useState(0);
  const committed = useRef(true);
  useLayoutEffect(() => {
    if (committed.current) return;
    committed.current = true;
    resume.current();
  }, [delivered]);

  const bus = useMemo<KeyBus>(() => ({
    subscribe(sub) {
      subscribers.current = [...subscribers.current, sub];
      return () => {
        subscribers.current = subscribers.current.filter(s => s !== sub);
      };
    },
    hold(limitMs = HOLD_LIMIT_MS) {
      holds.current++;
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        clearTimeout(limit);
        holds.current--;
        if (holds.current === 0) resume.current();
      };
      const limit = setTimeout(release, limitMs);
      return release;
    },
  }), []);

  useEffect(() => {
    const queue: Key[] = [];
    let scheduled: ReturnType<typeof setImmediate> | undefined;

    const deliver = (key: Key) => {
      onKeyRef.current?.(key);
      const ordered = [...subscribers.current].sort((a, b) => b.priority - a.priority || b.id - a.id);
      for (const s of ordered) {
        if (s.handler.current(key) === true) return;
      }
    };
    const schedule = () => {
      if (!scheduled && queue.length > 0 && holds.current === 0 && committed.current) scheduled = setImmediate(drain);
    };
    const drain = () => {
      scheduled = undefined;
      if (holds.current > 0 || !committed.current) return; // resumed by the last release / the commit
      const key = queue.shift();
      if (!key) return;
      committed.current = false;
      deliver(key);
      setDelivered(n => n + 1);
    };
    const enqueue = (key: Key) => {
      queue.push(key);
      schedule();
    };
    resume.current = schedule;
    const fallback = createEscFallback(enqueue, escTimeoutMs, timer);
    const onInput = (data: unknown) => {
      for (const key of parseKeys(String(data))) fallback.push(key);
    };
    emitter.on('input', onInput);
    if (isRawModeSupported) setRawMode(true);
    return () => {
      emitter.removeListener('input', onInput);
      fallback.dispose();
      if (scheduled) clearImmediate(scheduled);
      resume.current = () => undefined;
      committed.current = true;
      if (isRawModeSupported) setRawMode(false);
    };
  }, [emitter, setRawMode, isRawModeSupported, escTimeoutMs, timer]);

  return <KeyBusContext.Provider value={bus}>{children}</KeyBusContext.Provider>;
}

let nextId = 1;

export interface UseKeysOptions {
  active?: boolean;
  priority?: number;
}

/**
 * Subscribes `handler` to keys while `active`. The latest handler is always called (kept in a ref), but keep
 * state changes in reducers: several keys may arrive before a re-render. Return true to consume the key.
 */
export function useKeys(handler: KeyHandler, {active = true, priority = PRIORITY.screen}: UseKeysOptions = {}): void {
  const bus = useContext(KeyBusContext);
  if (!bus) throw new Error('useKeys needs a <KeyProvider>');
  const ref = useRef(handler);
  ref.current = handler;
  // Layout effect: registered during commit, before the provider delivers the next queued key.
  useLayoutEffect(() => {
    if (!active) return;
    return bus.subscribe({id: nextId++, priority, handler: ref});
  }, [bus, active, priority]);
}

/**
 * Returns `hold()`: pauses key delivery until the returned release function runs. Call it from a key handler whose
 * effect needs a React commit (and its passive effects) before the next key of the same chunk may be delivered.
 */
export function useKeyHold(): (limitMs?: number) => () => void {
  const bus = useContext(KeyBusContext);
  if (!bus) throw new Error('useKeyHold needs a <KeyProvider>');
  return bus.hold;
}

/**
 * Holds the key bus while mounted (e.g. the Suspense fallback of a screen still loading): keys typed ahead reach
 * the screen's handlers, registered in the commit that replaces this, instead of whatever listens meanwhile.
 */
export function KeyHoldWhileMounted({limitMs = 10_000, children}: {limitMs?: number; children?: React.ReactNode}) {
  const hold = useKeyHold();
  // A layout effect: taken in the commit that shows the fallback, before the provider delivers the next key.
  useLayoutEffect(() => hold(limitMs), [hold, limitMs]);
  return <>{children}</>;
}
