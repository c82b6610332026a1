// Feeds a wrapped Ink widget (ink-text-input, ink-select-input) one key at a time from the kit's key bus.
//
// Why: Ink hands `useInput` a whole run of text as one event ('abc\r' is one "key", so a text input inserts
// "abc\r" and submits nothing) and emits the parts of a chunk synchronously, before React re-renders, so a widget's
// stale handler sees '↓' and Enter with the same state (Enter selects the old item). Here the widget listens on a
// private emitter instead of Ink's: each key the kit routes to it is emitted alone, and the key bus is held until
// the widget's re-render is committed and its effects (the re-subscribed useInput handler) have run.
import React, {useEffect, useLayoutEffect, useMemo, useRef, useState} from 'react';
import {EventEmitter} from 'node:events';
import {useStdin} from 'ink';
import type {Key} from '../keys/key.js';
import {PRIORITY, useKeyHold, useKeys} from '../keys/KeyProvider.js';
import {InkStdinContext} from './ink-stdin.js';

export interface FedInputOptions {
  /** Keys reach the widget only while true. */
  active: boolean;
  /** The raw sequence to emit for a key the widget should get, or undefined to leave the key to others. */
  toWidget(key: Key): string | undefined;
  /** Default PRIORITY.input (ahead of a form's own keys). */
  priority?: number;
  /** Change it when the widget is remounted (its handler subscribes anew in that commit's effects). */
  generation?: number;
}

/** Wraps `children` (the Ink widget) so that its `useInput` hears only the keys fed by this hook. */
export function FedInput({active, toWidget, priority = PRIORITY.input, generation = 0, children}: FedInputOptions & {children: React.ReactNode}) {
  const real = useStdin();
  const emitter = useMemo(() => new EventEmitter(), []);
  const hold = useKeyHold();
  const release = useRef<(() => void) | undefined>(undefined);
  const [fed, setFed] = useState(0);
  const toWidgetRef = useRef(toWidget);
  toWidgetRef.current = toWidget;

  // A widget subscribes to its emitter in a passive effect (after mount, activation or a remount); a key arriving
  // before that would be emitted to nobody, so it waits (the bus held) until the widget listens.
  const ready = useRef(false);
  const pending = useRef<string | undefined>(undefined);

  const count = useRef(0);
  const feed = (seq: string) => {
    release.current?.();
    release.current = hold();
    emitter.emit('input', seq);
    setFed(++count.current); // after the widget's own update, so this commit's effects run after the widget's
  };

  useKeys(key => {
    const seq = toWidgetRef.current(key);
    if (seq === undefined) return false;
    if (ready.current) {
      feed(seq);
    } else {
      pending.current = seq;
      release.current?.();
      release.current = hold();
    }
    return true;
  }, {active, priority});

  useLayoutEffect(() => {
    ready.current = false;
  }, [active, generation]);
  // Passive effects run children first: when these run, the widget's handler is (re-)subscribed.
  useEffect(() => {
    if (!active) return;
    ready.current = true;
    const seq = pending.current;
    pending.current = undefined;
    if (seq !== undefined) feed(seq);
    else if (release.current) {
      release.current();
      release.current = undefined;
    }
  }, [active, generation]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (fed !== count.current || pending.current !== undefined) return; // not the commit of the last fed key
    release.current?.();
    release.current = undefined;
  }, [fed]);
  useLayoutEffect(() => () => release.current?.(), []);

  // The widget never touches the terminal's raw mode itself (the KeyProvider owns it).
  const value = useMemo(() => ({...real, internal_eventEmitter: emitter, setRawMode: () => undefined}), [real, emitter]);
  return <InkStdinContext.Provider value={value}>{children}</InkStdinContext.Provider>;
}

/**
 * The widgets keep their own state (cursor, highlight); a value that changes from outside must remount them there.
 * `report(v)` records a value the widget itself produced; `generation` grows when any other value arrives.
 */
export function useOutsideValue<V>(value: V): {generation: number; report(v: V): void} {
  const own = useRef(value);
  const generation = useRef(0);
  if (value !== own.current) {
    own.current = value;
    generation.current++;
  }
  return {generation: generation.current, report: (v) => void (own.current = v)};
}
