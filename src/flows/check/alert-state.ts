// Alert de-duplication: a finding is alerted once per channel, again only when it worsens (warning → critical) or
// after --repeat-hours (0 = never repeat). The state lives in the store (`alerts`). Due findings are claimed under the
// store's lock before sending, so two overlapping runs (cron and a manual check) do not both send; a failed delivery
// gives the claim back, so the next run tries again.
import type {AlertState, Store} from '../../store/types.js';
import {worse, type Finding} from './findings.js';

export type Channel = AlertState['channel'];
export type DueReason = 'new' | 'worse' | 'repeat';

export interface DueFinding {
  finding: Finding;
  reason: DueReason;
}

export function dueFindings(findings: readonly Finding[], state: readonly AlertState[] | undefined, channel: Channel, repeatHours: number, now: Date): DueFinding[] {
  const sent = new Map((state ?? []).filter((s) => s.channel === channel).map((s) => [s.finding, s]));
  const out: DueFinding[] = [];
  for (const f of findings) {
    const s = sent.get(f.id);
    if (!s) out.push({finding: f, reason: 'new'});
    else if (worse(f.severity, s.severity)) out.push({finding: f, reason: 'worse'});
    else if (repeatHours > 0 && now.getTime() - new Date(s.sentAt).getTime() >= repeatHours * 3_600_000) out.push({finding: f, reason: 'repeat'});
  }
  return out;
}

export interface Claim {
  channel: Channel;
  due: DueFinding[];
  /** Entries the claim replaced (restored when the delivery fails). */
  previous: AlertState[];
  sentAt: string;
}

/**
 * Under the store's lock: picks the due findings of `channel`, records them as sent now, and forgets entries of
 * findings that went away. Only findings inside this run's scope (`inScope`: filters and rights) are forgotten, so a
 * cron line with other filters keeps its own entries.
 */
export function claimDue(
  store: Store, channel: Channel, findings: readonly Finding[], inScope: (findingId: string) => boolean, repeatHours: number, now: Date,
): Promise<Claim> {
  const live = new Set(findings.map((f) => f.id));
  const sentAt = now.toISOString();
  return store.update((data) => {
    const list = (data.alerts ?? []).filter((s) => s.channel !== channel || live.has(s.finding) || !inScope(s.finding));
    const due = dueFindings(findings, list, channel, repeatHours, now);
    const ids = new Set(due.map((d) => d.finding.id));
    const previous = list.filter((s) => s.channel === channel && ids.has(s.finding));
    data.alerts = [
      ...list.filter((s) => s.channel !== channel || !ids.has(s.finding)),
      ...due.map(({finding}): AlertState => ({channel, finding: finding.id, severity: finding.severity, sentAt})),
    ];
    return {channel, due, previous, sentAt};
  });
}

/** A delivery failed: our claim entries go back to what they were (or away), unless another run replaced them since. */
export async function releaseClaim(store: Store, claim: Claim): Promise<void> {
  const ids = new Set(claim.due.map((d) => d.finding.id));
  await store.update((data) => {
    const mine = (s: AlertState) => s.channel === claim.channel && ids.has(s.finding) && s.sentAt === claim.sentAt;
    const kept = (data.alerts ?? []).filter((s) => !mine(s));
    for (const p of claim.previous) if (!kept.some((s) => s.channel === p.channel && s.finding === p.finding)) kept.push(p);
    data.alerts = kept;
  });
}
