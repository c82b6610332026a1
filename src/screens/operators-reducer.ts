// [A-1-5-5] state: the list, which form is open, the status line and what was typed (kept across a refused save).
import type {Branch, Operator} from '../domain/index.js';
import type {FormValues} from '../tui/form/index.js';

export type OperatorsMode = {kind: 'list'} | {kind: 'edit'; op: Operator} | {kind: 'new'} | {kind: 'password'};

export interface OperatorsState {
  ops?: Operator[];
  branches: Branch[];
  mode: OperatorsMode;
  status?: {text: string; tone: 'ok' | 'error'};
  busy: boolean;
  /** Bumped to remount the form (with `typed` values and `focus`). */
  formKey: number;
  typed?: FormValues;
  focus?: string;
}

export type OperatorsMsg =
  | {type: 'loaded'; ops: Operator[]; branches: Branch[]}
  | {type: 'failed'; text: string}
  | {type: 'open'; mode: OperatorsMode}
  | {type: 'typed'; values: FormValues}
  | {type: 'saving'}
  /** The save worked: back to the list with a message. */
  | {type: 'saved'; text: string}
  /** Refused: the form comes back with what was typed, focus on the field the refusal names. */
  | {type: 'refused'; text: string; focus?: string}
  /** Changed elsewhere: the form shows the current record (typed values dropped). */
  | {type: 'conflict'; text: string; fresh?: Operator}
  | {type: 'close'};

export const initialOperators: OperatorsState = {branches: [], mode: {kind: 'list'}, busy: false, formKey: 0};

export function operatorsReducer(s: OperatorsState, m: OperatorsMsg): OperatorsState {
  switch (m.type) {
    case 'loaded':
      return {...s, ops: m.ops, branches: m.branches};
    case 'failed':
      return {...s, status: {text: m.text, tone: 'error'}};
    case 'open':
      return {...s, mode: m.mode, typed: undefined, focus: undefined, status: undefined, formKey: s.formKey + 1};
    case 'typed':
      return {...s, typed: m.values};
    case 'saving':
      return {...s, busy: true, status: undefined};
    case 'saved':
      return {...s, busy: false, mode: {kind: 'list'}, status: {text: m.text, tone: 'ok'}};
    case 'refused':
      return {...s, busy: false, status: {text: m.text, tone: 'error'}, focus: m.focus, formKey: s.formKey + 1};
    case 'conflict': {
      const mode = m.fresh && s.mode.kind === 'edit' ? {kind: 'edit' as const, op: m.fresh} : s.mode;
      return {...s, busy: false, mode, typed: undefined, status: {text: m.text, tone: 'error'}, formKey: s.formKey + 1};
    }
    case 'close':
      return {...s, mode: {kind: 'list'}, status: undefined};
  }
}
