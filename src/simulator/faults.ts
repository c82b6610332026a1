// Fault injection (not part of KSeF): forced 429/5xx, latency, dropped connections, enrollment outcomes.
export interface FaultRule {
  /** Regular expression tested against the request path (e.g. `/test/v2/certificates/enrollments`). */
  path?: string;
  method?: string;
  status?: 429 | 500 | 503;
  retryAfter?: number;
  delayMs?: number;
  dropConnection?: true;
  /** Served normally, with this X-System-Warning added (a KSeF technical warning). */
  warning?: string;
  /** How many matching requests are affected; unlimited when absent. */
  times?: number;
}

export interface EnrollmentOutcomeFault {
  code: 400 | 550;
  times?: number;
}

export interface FaultController {
  add(rule: FaultRule): void;
  /** Makes the next `times` (default 1) enrollments end with status 400 or 550. */
  enrollmentOutcome(code: 400 | 550, times?: number): void;
  /** Makes the next `times` (default 1) XAdES authentications end with this status (450/500/550: no other trigger). */
  authOutcome(code: 450 | 500 | 550, times?: number): void;
  clear(): void;
  list(): FaultRule[];
}

export class Faults implements FaultController {
  private rules: Array<FaultRule & {re?: RegExp}> = [];
  private outcomes: EnrollmentOutcomeFault[] = [];
  private authOutcomes: Array<{code: 450 | 500 | 550; times: number}> = [];

  add(rule: FaultRule): void {
    if (rule.status !== undefined && ![429, 500, 503].includes(rule.status)) throw new Error('status must be 429, 500 or 503');
    this.rules.push({...rule, re: rule.path ? new RegExp(rule.path) : undefined});
  }

  enrollmentOutcome(code: 400 | 550, times = 1): void {
    if (code !== 400 && code !== 550) throw new Error('code must be 400 or 550');
    this.outcomes.push({code, times});
  }

  authOutcome(code: 450 | 500 | 550, times = 1): void {
    if (![450, 500, 550].includes(code)) throw new Error('code must be 450, 500 or 550');
    this.authOutcomes.push({code, times});
  }

  takeAuthOutcome(): 450 | 500 | 550 | undefined {
    const o = this.authOutcomes[0];
    if (!o) return undefined;
    if (--o.times <= 0) this.authOutcomes.shift();
    return o.code;
  }

  clear(): void {
    this.rules = [];
    this.outcomes = [];
    this.authOutcomes = [];
  }

  list(): FaultRule[] {
    return this.rules.map(({re: _re, ...r}) => r);
  }

  /** Consumes the first rule matching the request. */
  take(method: string, path: string): FaultRule | undefined {
    const i = this.rules.findIndex((r) => (!r.method || r.method.toUpperCase() === method) && (!r.re || r.re.test(path)));
    if (i < 0) return undefined;
    const rule = this.rules[i];
    if (rule.times !== undefined && --rule.times <= 0) this.rules.splice(i, 1);
    return rule;
  }

  takeEnrollmentOutcome(): 400 | 550 | undefined {
    const o = this.outcomes[0];
    if (!o) return undefined;
    if (o.times === undefined || --o.times <= 0) this.outcomes.shift();
    return o.code;
  }
}
