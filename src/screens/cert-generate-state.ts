// State of the generate screen [A-1-5-4] (cert-generate.tsx): what the form needs (setup), the phase (form →
// external signature → progress → result / error / cancelled), the step list and the request prepared by the rules.
// Pure: the container runs the effects (services.generate) and dispatches their results.
import type {UserMessage} from '../flows/errors.js';
import type {GenerateResult} from '../flows/generate.js';
import type {GenerateSetup, PreparedGenerate} from '../flows/services/generate.js';
import type {Step} from '../tui/components/StepProgress.js';
import {failActive, markStep} from './step-run.js';

export type GeneratePhase =
  | {kind: 'form'; error?: string}
  | {kind: 'auth'}
  | {kind: 'progress'}
  | {kind: 'done'; result: GenerateResult}
  | {kind: 'failed'; message: UserMessage; pendingLeft: boolean}
  | {kind: 'cancelled'; pendingName?: string};

export interface GenerateState {
  setup?: GenerateSetup;
  loadError?: string;
  phase: GeneratePhase;
  /** Bumped to remount the form with the values typed so far (after an error or a cancelled authorisation). */
  formKey: number;
  steps: Step[];
  prepared?: PreparedGenerate;
}

export type GenerateAction =
  | {type: 'loaded'; setup: GenerateSetup}
  | {type: 'loadFailed'; error: string}
  | {type: 'toForm'; error?: string}
  | {type: 'prepared'; prepared: PreparedGenerate}
  | {type: 'start'; steps: Step[]}
  | {type: 'mark'; id: string; state: Step['state']; detail?: string}
  | {type: 'failActive'; detail: string}
  | {type: 'done'; result: GenerateResult}
  | {type: 'failed'; message: UserMessage; pendingLeft: boolean}
  | {type: 'cancelled'; pendingName?: string};

export const initialGenerate = (): GenerateState => ({phase: {kind: 'form'}, formKey: 0, steps: []});

export function generateReducer(s: GenerateState, a: GenerateAction): GenerateState {
  switch (a.type) {
    case 'loaded': return {...s, setup: a.setup};
    case 'loadFailed': return {...s, loadError: a.error};
    case 'toForm': return {...s, phase: {kind: 'form', error: a.error}, formKey: s.formKey + 1};
    // An automatic authorisation (stored certificate) goes straight to the progress; otherwise the signature step.
    case 'prepared': return {...s, prepared: a.prepared, phase: {kind: a.prepared.auth.kind === 'certificate' ? 'progress' : 'auth'}};
    case 'start': return {...s, steps: a.steps, phase: {kind: 'progress'}};
    case 'mark': return {...s, steps: markStep(s.steps, a.id, a.state, a.detail)};
    case 'failActive': return {...s, steps: failActive(s.steps, a.detail)};
    // A result arriving after Esc does not undo the cancellation.
    case 'done': return s.phase.kind === 'cancelled' ? s : {...s, phase: {kind: 'done', result: a.result}};
    case 'failed': return s.phase.kind === 'cancelled' ? s : {...s, phase: {kind: 'failed', message: a.message, pendingLeft: a.pendingLeft}};
    case 'cancelled': return {...s, phase: {kind: 'cancelled', pendingName: a.pendingName ?? (s.phase.kind === 'cancelled' ? s.phase.pendingName : undefined)}};
  }
}
