// Client of KSeF's status service "Latarnia": GET {base}/status → {status, messages[]}. Shapes from the official
// C# client (KSeF.Client.Core/Models/Lighthouse); not part of open-api.json. What KSeF does not document (DEMO
// address, error format, refresh rate) is not guessed: an unreadable answer is "unknown".
import {request} from 'undici';

export type KsefAvailability = 'AVAILABLE' | 'MAINTENANCE' | 'FAILURE' | 'TOTAL_FAILURE';
export const KSEF_AVAILABILITY: readonly KsefAvailability[] = ['AVAILABLE', 'MAINTENANCE', 'FAILURE', 'TOTAL_FAILURE'];

export interface LatarniaMessage {
  id: string;
  eventId?: string;
  category?: string;
  type?: string;
  title: string;
  text?: string;
  start?: string;
  end?: string | null;
  published?: string;
}

export interface LatarniaAnswer {
  status: KsefAvailability;
  /** Messages of events that are not over (ended or future-published ones are dropped even if sent). */
  messages: LatarniaMessage[];
}

/** Keeps messages that are published and not ended at `now` — a stale FAILURE message must not alarm anyone. */
export function currentMessages(list: unknown, now: Date): LatarniaMessage[] {
  if (!Array.isArray(list)) return [];
  const t = now.getTime();
  return list
    .filter((m): m is LatarniaMessage => !!m && typeof m === 'object' && typeof (m as LatarniaMessage).title === 'string' && typeof (m as LatarniaMessage).id === 'string')
    .filter((m) => !m.end || Date.parse(m.end) > t)
    .filter((m) => !m.published || Date.parse(m.published) <= t + 60_000)
    .filter((m) => m.type !== 'FAILURE_END');
}

export async function fetchKsefStatus(base: string, o: {timeoutMs?: number; now?: Date; signal?: AbortSignal} = {}): Promise<LatarniaAnswer> {
  const signal = o.signal ? AbortSignal.any([o.signal, AbortSignal.timeout(o.timeoutMs ?? 5000)]) : AbortSignal.timeout(o.timeoutMs ?? 5000);
  const res = await request(`${base.replace(/\/+$/, '')}/status`, {method: 'GET', headers: {accept: 'application/json', 'user-agent': 'ksef-certs'}, signal});
  const text = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`Latarnia: HTTP ${res.statusCode}`);
  const body = JSON.parse(text) as {status?: unknown; messages?: unknown};
  if (!KSEF_AVAILABILITY.includes(body.status as KsefAvailability)) throw new Error('Latarnia: unknown status');
  return {status: body.status as KsefAvailability, messages: currentMessages(body.messages, o.now ?? new Date())};
}
