// State shared by the two configuration screens ([A-1-5-1] branch, [A-1-5-2] workstation): what the form loaded,
// what was typed (kept across a refused save), the status lines and the remount key. Pure.
import type {FormValues} from '../tui/form/index.js';

export interface ConfigState<T> {
  /** The record as the form loaded it (the save's `expected`). */
  saved?: T;
  typed?: FormValues;
  status?: {lines: string[]; tone: 'ok' | 'error' | 'warning' | 'muted'};
  busy: boolean;
  formKey: number;
}

export type ConfigMsg<T> =
  | {type: 'loaded'; saved: T}
  | {type: 'failed'; text: string}
  | {type: 'typed'; values: FormValues}
  | {type: 'saving'; text: string}
  /** Saved, or refused because changed elsewhere: the form shows `values` of `saved` afresh. */
  | {type: 'reloaded'; saved: T; values: FormValues; lines: string[]; tone: 'ok' | 'error' | 'warning'}
  | {type: 'refused'; text: string};

export const initialConfig = <T,>(): ConfigState<T> => ({busy: false, formKey: 0});

export function configReducer<T>(s: ConfigState<T>, m: ConfigMsg<T>): ConfigState<T> {
  switch (m.type) {
    case 'loaded':
      return {...s, saved: m.saved};
    case 'failed':
      return {...s, status: {lines: [m.text], tone: 'error'}};
    case 'typed':
      return {...s, typed: m.values};
    case 'saving':
      return {...s, busy: true, status: {lines: [m.text], tone: 'muted'}};
    case 'reloaded':
      return {...s, busy: false, saved: m.saved, typed: m.values, formKey: s.formKey + 1, status: {lines: m.lines, tone: m.tone}};
    case 'refused':
      return {...s, busy: false, status: {lines: [m.text], tone: 'error'}};
  }
}
