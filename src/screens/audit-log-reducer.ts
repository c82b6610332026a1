// [A-1-5-6] state: the loaded events, the two cycling filters and the event shown in detail. Pure.
import type {AuditAction, AuditEvent} from '../domain/index.js';
import {isByOperator} from '../flows/list-view.js';

export interface AuditState {
  events?: AuditEvent[];
  error?: string;
  action?: AuditAction;
  operator?: string;
  /** Id of the event shown in detail (undefined = the list). */
  detail?: string;
}

export type AuditMsg =
  | {type: 'loaded'; events: AuditEvent[]}
  | {type: 'failed'; error: string}
  | {type: 'cycleAction'; actions: readonly AuditAction[]}
  | {type: 'cycleOperator'}
  | {type: 'clearFilters'}
  | {type: 'open'; id: string}
  | {type: 'close'};

export const initialAudit: AuditState = {};

/** Next value of a cycling filter: each value in turn, then "all" (undefined). */
export function cycle<T>(list: readonly T[], cur: T | undefined): T | undefined {
  const i = cur === undefined ? -1 : list.indexOf(cur);
  return i + 1 < list.length ? list[i + 1] : undefined;
}

/** Operators that occur in the log, sorted (the `o` filter cycles through them). */
export const operatorsOf = (events: readonly AuditEvent[]): string[] => [...new Set(events.map(e => e.operator))].sort();

export function visibleEvents(s: AuditState): AuditEvent[] {
  const all = s.events ?? [];
  return s.action || s.operator ? all.filter(e => (!s.action || e.action === s.action) && isByOperator(e, s.operator)) : all;
}

export function auditReducer(s: AuditState, m: AuditMsg): AuditState {
  switch (m.type) {
    case 'loaded':
      return {...s, events: m.events, error: undefined};
    case 'failed':
      return {...s, error: m.error};
    case 'cycleAction':
      return {...s, action: cycle(m.actions, s.action)};
    case 'cycleOperator':
      return {...s, operator: cycle(operatorsOf(s.events ?? []), s.operator)};
    case 'clearFilters':
      return {...s, action: undefined, operator: undefined};
    case 'open':
      return s.events?.some(e => e.id === m.id) ? {...s, detail: m.id} : s;
    case 'close':
      return {...s, detail: undefined};
  }
}
