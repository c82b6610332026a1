// What a screen running a KSeF operation step by step needs (generate, resume): the step list (login steps, then the
// operation's), pure updates of it for the screen's reducer, and the AbortController that Esc and unmounting cancel.
import {useEffect, useRef, type MutableRefObject} from 'react';
import type {Translate} from '../i18n/index.js';
import {stepLabelKey, type GenerateStep} from '../flows/generate.js';
import {SESSION_STEPS, type SessionEvent} from '../flows/open-session.js';
import type {Step} from '../tui/components/StepProgress.js';
import type {Key} from '../tui/keys/key.js';
import {matches} from '../tui/keys/keymap.js';

/** The login steps, then the operation's, all pending. */
export const initialSteps = (t: Translate, ops: readonly GenerateStep[]): Step[] => [
  ...SESSION_STEPS.map((id) => ({id, label: t(`session.step.${id}`), state: 'pending' as const})),
  ...ops.map((id) => ({id, label: t(stepLabelKey(id)), state: 'pending' as const})),
];

/** Sets a step's state (and detail), stamping when it started and ended for the elapsed time shown. */
export const markStep = (list: readonly Step[], id: string, state: Step['state'], detail?: string, at = Date.now()): Step[] =>
  list.map((s) => (s.id === id ? stamp({...s, state, ...(detail !== undefined ? {detail} : {})}, at) : s));

/** Marks the step in progress as failed with `detail`. */
export const failActive = (list: readonly Step[], detail: string, at = Date.now()): Step[] =>
  list.map((s) => (s.state === 'active' ? stamp({...s, state: 'failed', detail}, at) : s));

function stamp(s: Step, at: number): Step {
  if (s.state === 'active') return {...s, startedAt: s.startedAt ?? at, endedAt: undefined};
  if (s.state === 'done' || s.state === 'failed') return {...s, startedAt: s.startedAt ?? at, endedAt: s.endedAt ?? at};
  return s;
}

/** A login or operation event as a step mark. */
export const eventMark = (e: {step: string; phase: 'start' | 'done'; detail?: string} | SessionEvent) =>
  ({id: e.step, state: e.phase === 'start' ? 'active' as const : 'done' as const, detail: e.detail});

/** Keys the steps' scroll region takes (the screen lets them through). */
export const isScrollKey = (key: Key): boolean => (['up', 'down', 'pageUp', 'pageDown', 'first', 'last'] as const).some((c) => matches(key, c));

export interface RunControl {
  mounted: MutableRefObject<boolean>;
  /** A new run: the returned controller is the one `abort()` cancels. */
  begin(): AbortController;
  abort(): void;
}

/** The "still mounted" guard for results that arrive after the screen closed, and the run's AbortController. */
export function useRunControl(): RunControl {
  const controller = useRef<AbortController | undefined>(undefined);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      controller.current?.abort();
    };
  }, []);
  return {
    mounted,
    begin: () => (controller.current = new AbortController()),
    abort: () => controller.current?.abort(),
  };
}
