// State of the list [A-1-5-7]: the certificates read, the filters in force and the F4/F8/F5 command waiting for the
// table's cursor. Pure; the container (cert-list.tsx) reads the store through services and feeds the events.
import type {CertificateRecord, CertTypeCode, DisplayStatus, EnvCode, OwnerKind} from '../domain/index.js';
import {ENV_CODES} from '../domain/index.js';
import type {RowFilter} from '../flows/list-view.js';
import type {Command} from '../tui/keys/keymap.js';

export type ListCommand = 'export' | 'revoke' | 'refresh';

export interface ListState {
  records?: CertificateRecord[];
  error?: string;
  /** Bumped to read the store again (after an action). */
  version: number;
  filter: RowFilter;
  /** Runs once React has drawn every earlier key (the cursor the user saw). */
  pending?: {cmd: ListCommand; n: number};
}

export type ListEvent =
  | {type: 'loaded'; records: CertificateRecord[]}
  | {type: 'failed'; error: string}
  | {type: 'reload'}
  | {type: 'filter'; command: Command}
  | {type: 'command'; cmd: ListCommand}
  | {type: 'done'};

const OWNER_CYCLE: (OwnerKind | undefined)[] = [undefined, 'operator', 'branch', 'company'];
const TYPE_CYCLE: (CertTypeCode | undefined)[] = [undefined, 'A', 'O'];
const ENV_CYCLE: (EnvCode | undefined)[] = [undefined, ...ENV_CODES];
const STATUS_CYCLE: (DisplayStatus | undefined)[] = [undefined, 'active', 'waiting', 'expired', 'revoked', 'pending', 'failed'];
const next = <T,>(cycle: readonly T[], cur: T): T => cycle[(cycle.indexOf(cur) + 1) % cycle.length];

/** Filter keys of the keymap and what each does to the filter. */
export const FILTER_COMMANDS: readonly Command[] = ['filterOwner', 'filterType', 'filterEnv', 'filterStatus', 'filterClear'];

export function nextFilter(f: RowFilter, command: Command): RowFilter {
  switch (command) {
    case 'filterOwner': return {...f, ownerKind: next(OWNER_CYCLE, f.ownerKind)};
    case 'filterType': return {...f, type: next(TYPE_CYCLE, f.type)};
    case 'filterEnv': return {...f, env: next(ENV_CYCLE, f.env)};
    case 'filterStatus': return {...f, status: next(STATUS_CYCLE, f.status)};
    case 'filterClear': return {};
    default: return f;
  }
}

export const initialList: ListState = {version: 0, filter: {}};

export function listReducer(s: ListState, e: ListEvent): ListState {
  switch (e.type) {
    case 'loaded': return {...s, records: e.records, error: undefined};
    case 'failed': return {...s, error: e.error};
    case 'reload': return {...s, version: s.version + 1};
    case 'filter': return {...s, filter: nextFilter(s.filter, e.command)};
    case 'command': return {...s, pending: {cmd: e.cmd, n: (s.pending?.n ?? 0) + 1}};
    case 'done': return {...s, pending: undefined};
  }
}
