// KSeF availability from the status service (Latarnia) for the TUI status line, `ksef-certs status` and the warning
// before a KSeF flow. Never throws and never blocks a caller: a failed or unknown answer is state UNKNOWN.
import type {EnvCode} from '../domain/index.js';
import type {KsefAvailability, LatarniaMessage} from '../ksef/latarnia.js';
import type {KsefGateway} from './gateway.js';

export type KsefState = KsefAvailability | 'UNKNOWN';

export interface KsefStatusView {
  env: EnvCode;
  state: KsefState;
  messages: LatarniaMessage[];
  checkedAt: string;
  /** Why the state is UNKNOWN: `noService` (no address known for the environment) or `unreachable`. */
  reason?: 'noService' | 'unreachable';
}

/** MAINTENANCE / FAILURE / TOTAL_FAILURE: a KSeF flow should warn before it starts. */
export const isDisrupted = (s: KsefState | undefined): boolean => s === 'MAINTENANCE' || s === 'FAILURE' || s === 'TOTAL_FAILURE';

export async function readKsefStatus(gateway: KsefGateway, env: EnvCode, o: {timeoutMs?: number; now?: () => Date} = {}): Promise<KsefStatusView> {
  const now = o.now ?? (() => new Date());
  const base = await gateway.latarniaBase(env).catch(() => undefined);
  if (!base) return {env, state: 'UNKNOWN', messages: [], checkedAt: now().toISOString(), reason: 'noService'};
  try {
    // Loaded on the first check, not with the app: the HTTP client (undici) is not on the way to the first frame.
    const {fetchKsefStatus} = await import('../ksef/latarnia.js');
    const a = await fetchKsefStatus(base, {timeoutMs: o.timeoutMs, now: now()});
    return {env, state: a.status, messages: a.messages, checkedAt: now().toISOString()};
  } catch {
    return {env, state: 'UNKNOWN', messages: [], checkedAt: now().toISOString(), reason: 'unreachable'};
  }
}

/** Refreshes in the background (first at once, then every `intervalMs`); timers never keep the process alive. */
export function watchKsefStatus(gateway: KsefGateway, env: EnvCode, onChange: (v: KsefStatusView) => void, o: {intervalMs?: number; firstDelayMs?: number} = {}): () => void {
  const intervalMs = o.intervalMs ?? 60_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    const v = await readKsefStatus(gateway, env);
    if (stopped) return;
    onChange(v);
    timer = setTimeout(() => void tick(), intervalMs);
    timer.unref?.();
  };
  if (o.firstDelayMs) {
    timer = setTimeout(() => void tick(), o.firstDelayMs);
    timer.unref?.();
  } else void tick();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
