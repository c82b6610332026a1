// Alert de-duplication: a finding is alerted once per channel, again only when it worsens (warning → critical) or
// after --repeat-hours (0 = never repeat). The state lives in the store (`alerts`), written under its lock.
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

/**
 * Records what was delivered on `channel` and forgets findings that are gone (so a recurrence alerts again). Only
 * findings inside this run's scope (`inScope`: filters and rights) are forgotten: another cron line with other
 * filters keeps its own entries.
 */
export async function recordAlerts(store: Store, channel: Channel, delivered: readonly Finding[], current: readonly Finding[], inScope: (findingId: string) => boolean, now: Date): Promise<void> {
  const live = new Set(current.map((f) => f.id));
  await store.update((data) => {
    const list = (data.alerts ?? []).filter((s) => s.channel !== channel || live.has(s.finding) || !inScope(s.finding));
    for (const f of delivered) {
      const i = list.findIndex((s) => s.channel === channel && s.finding === f.id);
      const entry: AlertState = {channel, finding: f.id, severity: f.severity, sentAt: now.toISOString()};
      if (i >= 0) list[i] = entry;
      else list.push(entry);
    }
    data.alerts = list;
  });
}
