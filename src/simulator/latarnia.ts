// "Latarnia" — KSeF's status service (CS: LighthouseClient, LighthouseEnvironmentsUris): GET /status →
// {status, messages[]}, GET /messages → messages[]. Served per environment under /{env}/latarnia/…; the state is a
// test switch (in memory, not persisted): an outage with its announcement, or stale messages of an ended event.
import type {SimEnv} from './model.js';

export type LatarniaStatus = 'AVAILABLE' | 'MAINTENANCE' | 'FAILURE' | 'TOTAL_FAILURE';
export interface LatarniaMessage {
  id: string;
  eventId: string;
  category: 'FAILURE' | 'TOTAL_FAILURE' | 'MAINTENANCE';
  type: 'FAILURE_START' | 'FAILURE_END' | 'MAINTENANCE_ANNOUNCEMENT';
  title: string;
  text: string;
  start: string;
  end: string | null;
  version: number;
  published: string;
}

export interface LatarniaSwitch {
  status: LatarniaStatus;
  /** Adds messages of an event that ended an hour ago (GET /messages still lists them; /status must not). */
  stale?: boolean;
  /** Title of the announcement for MAINTENANCE / FAILURE / TOTAL_FAILURE. */
  title?: string;
}

const TITLES: Record<Exclude<LatarniaStatus, 'AVAILABLE'>, string> = {
  MAINTENANCE: 'Prace serwisowe KSeF',
  FAILURE: 'Awaria KSeF',
  TOTAL_FAILURE: 'Awaria całkowita KSeF',
};

export class Latarnia {
  private state = new Map<SimEnv, {sw: LatarniaSwitch; messages: LatarniaMessage[]}>();
  constructor(private readonly now: () => Date) {}

  set(env: SimEnv, sw: LatarniaSwitch): void {
    const t = this.now().getTime();
    const iso = (ms: number) => new Date(ms).toISOString();
    const messages: LatarniaMessage[] = [];
    if (sw.stale) {
      const base = {category: 'FAILURE' as const, title: 'Awaria KSeF (zakończona)', version: 1, start: iso(t - 3 * 3600_000), end: iso(t - 3600_000)};
      messages.push({...base, id: 'stale-1', eventId: 'stale', type: 'FAILURE_START', text: 'Awaria KSeF.', published: iso(t - 3 * 3600_000)});
      messages.push({...base, id: 'stale-2', eventId: 'stale', type: 'FAILURE_END', text: 'Awaria zakończona.', version: 2, published: iso(t - 3600_000)});
    }
    if (sw.status !== 'AVAILABLE') {
      const category = sw.status;
      messages.push({
        id: `msg-${t}`, eventId: `event-${t}`, category, type: category === 'MAINTENANCE' ? 'MAINTENANCE_ANNOUNCEMENT' : 'FAILURE_START',
        title: sw.title ?? TITLES[category], text: `${sw.title ?? TITLES[category]} (symulator).`, start: iso(t - 60_000), end: category === 'MAINTENANCE' ? iso(t + 2 * 3600_000) : null,
        version: 1, published: iso(t - 60_000),
      });
    }
    this.state.set(env, {sw, messages});
  }

  /** GET /status: the current state and the messages of events that are not over. */
  status(env: SimEnv): {status: LatarniaStatus; messages: LatarniaMessage[]} {
    const s = this.state.get(env);
    const nowIso = this.now().toISOString();
    return {status: s?.sw.status ?? 'AVAILABLE', messages: (s?.messages ?? []).filter((m) => m.end === null || m.end > nowIso)};
  }

  /** GET /messages: every published message, ended events included. */
  messages(env: SimEnv): LatarniaMessage[] {
    return [...(this.state.get(env)?.messages ?? [])];
  }
}
