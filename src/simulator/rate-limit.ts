// Sliding-window rate limits as documented in limity-api.md: every endpoint has its own counter with the thresholds
// of its `x-rate-limits` in open-api.json (1 s / 60 s / 60 min in parallel), counted per (context, client IP) for
// authenticated calls and per client IP for anonymous ones (e.g. /auth/challenge).
import {contractFile} from './contract-files.js';

export interface EndpointLimits {
  perSecond?: number;
  perMinute?: number;
  perHour?: number;
}

const WINDOWS: Array<{key: keyof EndpointLimits; ms: number; label: string}> = [
  {key: 'perSecond', ms: 1000, label: 'na sekundę'},
  {key: 'perMinute', ms: 60_000, label: 'na minutę'},
  {key: 'perHour', ms: 3600_000, label: 'na godzinę'},
];

let contractLimits: Map<string, EndpointLimits> | undefined;

/** `x-rate-limits` of every operation, keyed `METHOD /template` (e.g. `GET /auth/{referenceNumber}`). */
export function limitsFromContract(): Map<string, EndpointLimits> {
  if (contractLimits) return contractLimits;
  const spec = JSON.parse(contractFile('open-api.json')) as {paths: Record<string, Record<string, {'x-rate-limits'?: EndpointLimits}>>};
  contractLimits = new Map();
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) if (op['x-rate-limits']) contractLimits.set(`${method.toUpperCase()} ${path}`, op['x-rate-limits']);
  }
  return contractLimits;
}

export interface RateVerdict {
  retryAfterSec: number;
  message: string;
}

export class RateLimiter {
  private hits = new Map<string, number[]>();
  constructor(private readonly clock: () => number = Date.now) {}

  /** Records one request on counter `key`; returns a verdict when a limit is exceeded (the request is then not counted). */
  hit(limits: EndpointLimits, key: string): RateVerdict | undefined {
    const now = this.clock();
    const list = (this.hits.get(key) ?? []).filter((t) => now - t < 3600_000);
    for (const w of WINDOWS) {
      const max = limits[w.key];
      if (max === undefined || max < 0) continue;
      const inWindow = list.filter((t) => now - t < w.ms);
      if (inWindow.length >= max) {
        const retryAfterSec = Math.max(1, Math.ceil((inWindow[0] + w.ms - now) / 1000));
        this.hits.set(key, list);
        return {retryAfterSec, message: `Przekroczono limit ${max} żądań ${w.label}. Spróbuj ponownie po ${retryAfterSec} sekundach.`};
      }
    }
    list.push(now);
    this.hits.set(key, list);
    return undefined;
  }

  reset(): void {
    this.hits.clear();
  }
}
