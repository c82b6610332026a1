// What a screen running a KSeF operation step by step needs (generate, resume): the step list for StepProgress, a
// "still mounted" guard for results that arrive after the screen closed, and the AbortController that Esc and
// unmounting cancel.
import {useEffect, useRef, useState, type MutableRefObject} from 'react';
import type {Step} from '../tui/components/StepProgress.js';

export interface StepRun {
  steps: Step[];
  mounted: MutableRefObject<boolean>;
  /** All steps back to pending (no run started). */
  reset(): void;
  /** Resets the steps and starts a run: the returned controller is the one `abort()` cancels. */
  begin(): AbortController;
  abort(): void;
  markStep(id: string, state: Step['state'], detail?: string): void;
  /** Marks the step in progress as failed with `detail`. */
  failActive(detail: string): void;
}

export function useStepRun(initialSteps: () => Step[]): StepRun {
  const [steps, setSteps] = useState<Step[]>(initialSteps);
  const controller = useRef<AbortController | undefined>(undefined);
  const mounted = useRef(true);
  useEffect(() => () => {
    mounted.current = false;
    controller.current?.abort();
  }, []);
  const update = (f: (list: Step[]) => Step[]) => mounted.current && setSteps(f);
  return {
    steps,
    mounted,
    reset: () => setSteps(initialSteps()),
    begin: () => {
      controller.current = new AbortController();
      setSteps(initialSteps());
      return controller.current;
    },
    abort: () => controller.current?.abort(),
    markStep: (id, state, detail) => update((list) => list.map((s) => (s.id === id ? {...s, state, ...(detail !== undefined ? {detail} : {})} : s))),
    failActive: (detail) => update((list) => list.map((s) => (s.state === 'active' ? {...s, state: 'failed', detail} : s))),
  };
}
