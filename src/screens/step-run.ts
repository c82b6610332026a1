// What a screen running a KSeF operation step by step needs (generate, resume): the step list (login steps, then the
// operation's), pure updates of it for the screen's reducer, the window of steps that fits the body (the current
// step and the last lines stay in view), and the AbortController that Esc and unmounting cancel.
import {useEffect, useRef, type MutableRefObject} from 'react';
import type {Translate} from '../i18n/index.js';
import {stepLabelKey, type GenerateStep} from '../flows/generate.js';
import {SESSION_STEPS, type SessionEvent} from '../flows/open-session.js';
import type {Step} from '../tui/components/StepProgress.js';
import {wrappedLines} from '../tui/layout.js';

/** The login steps, then the operation's, all pending. */
export const initialSteps = (t: Translate, ops: readonly GenerateStep[]): Step[] => [
  ...SESSION_STEPS.map((id) => ({id, label: t(`session.step.${id}`), state: 'pending' as const})),
  ...ops.map((id) => ({id, label: t(stepLabelKey(id)), state: 'pending' as const})),
];

export const markStep = (list: readonly Step[], id: string, state: Step['state'], detail?: string): Step[] =>
  list.map((s) => (s.id === id ? {...s, state, ...(detail !== undefined ? {detail} : {})} : s));

/** Marks the step in progress as failed with `detail`. */
export const failActive = (list: readonly Step[], detail: string): Step[] =>
  list.map((s) => (s.state === 'active' ? {...s, state: 'failed', detail} : s));

/** A login or operation event as a step mark. */
export const eventMark = (e: {step: string; phase: 'start' | 'done'; detail?: string} | SessionEvent) =>
  ({id: e.step, state: e.phase === 'start' ? 'active' as const : 'done' as const, detail: e.detail});

/**
 * The steps that fit `rows` lines at `columns`: one line per step, the whole detail of the step under way (what is
 * being waited for), one line of the detail of a finished or failed one (cut to the width). When they do not fit, the earliest finished steps scroll away (`hidden`
 * of them, told on one line) so the current step and what follows it stay in view.
 */
export function stepWindow(steps: readonly Step[], rows: number, columns: number): {steps: Step[]; hidden: number} {
  const width = Math.max(8, columns - 4);
  const cut = (s: Step): Step => (s.detail && [...s.detail].length > width ? {...s, detail: `${[...s.detail].slice(0, width - 1).join('')}…`} : s);
  const shown = steps.map((s) => (s.state === 'pending' ? {...s, detail: undefined} : s.state === 'active' ? s : cut(s)));
  const cost = (s: Step) => 1 + wrappedLines(s.detail, width);
  const total = shown.reduce((n, s) => n + cost(s), 0);
  if (total <= rows) return {steps: shown, hidden: 0};
  // The last step that is not pending anchors the window; the steps still to come follow it (a line each), then as
  // many of the finished ones before it as there is room for.
  let anchor = shown.length - 1;
  while (anchor > 0 && shown[anchor].state === 'pending') anchor--;
  const budget = Math.max(1, rows - 1); // one line says how many steps scrolled away
  let start = anchor;
  let used = cost(shown[anchor]);
  let end = anchor + 1;
  while (end < shown.length && used + cost(shown[end]) <= budget) used += cost(shown[end++]);
  while (start > 0 && used + cost(shown[start - 1]) <= budget) used += cost(shown[--start]);
  return {steps: shown.slice(start, end), hidden: start};
}

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
