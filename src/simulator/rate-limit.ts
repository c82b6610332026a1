// Sliding-window rate limits as documented in limity-api.md / OAS x-rate-limits, counted per (group, context or IP).
export type RateGroup = 'auth' | 'other';
const WINDOWS: Record<RateGroup, Array<{ms: number; max: number; label: string}>> = {
  auth: [{ms: 1000, max: 60, label: 'na sekundę'}],
  other: [
    {ms: 1000, max: 10, label: 'na sekundę'},
    {ms: 60_000, max: 30, label: 'na minutę'},
    {ms: 3600_000, max: 120, label: 'na godzinę'},
  ],
};

export interface RateVerdict {
  retryAfterSec: number;
  message: string;
}

export class RateLimiter {
  private hits = new Map<string, number[]>();
  constructor(private readonly clock: () => number = Date.now) {}

  /** Records one request; returns a verdict when a limit is exceeded (the request is then not counted). */
  hit(group: RateGroup, key: string): RateVerdict | undefined {
    const now = this.clock();
    const k = `${group}|${key}`;
    const list = (this.hits.get(k) ?? []).filter((t) => now - t < 3600_000);
    for (const w of WINDOWS[group]) {
      const inWindow = list.filter((t) => now - t < w.ms);
      if (inWindow.length >= w.max) {
        const retryAfterSec = Math.max(1, Math.ceil((inWindow[0] + w.ms - now) / 1000));
        this.hits.set(k, list);
        return {retryAfterSec, message: `Przekroczono limit ${w.max} żądań ${w.label}. Spróbuj ponownie po ${retryAfterSec} sekundach.`};
      }
    }
    list.push(now);
    this.hits.set(k, list);
    return undefined;
  }

  reset(): void {
    this.hits.clear();
  }
}
