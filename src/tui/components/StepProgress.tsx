// Step list of a long operation (authorise → … → store): ✓ done, spinner + elapsed time on the active step,
// ✗ failed with its detail, · pending. Start/end times are taken from the steps when given, otherwise recorded
// when a step is first seen active / no longer active.
import React, {useEffect, useRef, useState} from 'react';
import {Box} from 'ink';
import {Text} from '../text.js';
import {theme} from '../theme.js';
import {Spinner} from './Spinner.js';

export type StepState = 'pending' | 'active' | 'done' | 'failed';

export interface Step {
  id: string;
  label: string;
  state: StepState;
  /** Extra line (error text with its KSeF code, or what is being waited for). */
  detail?: string;
  startedAt?: number;
  endedAt?: number;
}

export interface StepProgressProps {
  steps: readonly Step[];
  /** ms clock (default Date.now). */
  clock?: () => number;
  /** Elapsed-time refresh while a step is active. Default 1000 ms. */
  tickMs?: number;
}

/** `0 s`, `42 s`, `1:05`, `12:00`. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function StepProgress({steps, clock = Date.now, tickMs = 1000}: StepProgressProps) {
  const times = useRef(new Map<string, {start: number; end?: number}>());
  const now = clock();
  for (const s of steps) {
    const rec = times.current.get(s.id);
    if (s.state === 'active' && !rec) times.current.set(s.id, {start: s.startedAt ?? now});
    if ((s.state === 'done' || s.state === 'failed') && rec && rec.end === undefined) rec.end = s.endedAt ?? now;
    if (s.state === 'pending' && rec) times.current.delete(s.id); // restarted
  }
  const anyActive = steps.some(s => s.state === 'active');
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!anyActive) return;
    const h = setInterval(() => setTick(x => x + 1), tickMs);
    return () => clearInterval(h);
  }, [anyActive, tickMs]);

  return (
    <Box flexDirection="column">
      {steps.map(s => {
        const rec = times.current.get(s.id);
        const start = s.startedAt ?? rec?.start;
        const end = s.endedAt ?? rec?.end;
        const elapsed = start === undefined ? '' : ` (${formatElapsed((s.state === 'active' ? now : end ?? now) - start)})`;
        return (
          <Box key={s.id} flexDirection="column">
            <Text>
              {s.state === 'active' ? <Spinner /> : null}
              {s.state === 'done' ? <Text color={theme.ok}>✓</Text> : null}
              {s.state === 'failed' ? <Text color={theme.error}>✗</Text> : null}
              {s.state === 'pending' ? <Text color={theme.muted}>·</Text> : null}
              <Text bold={s.state === 'active'} color={s.state === 'pending' ? theme.muted : s.state === 'failed' ? theme.error : undefined}>
                {` ${s.label}`}
              </Text>
              {s.state !== 'pending' ? <Text color={theme.muted}>{elapsed}</Text> : null}
            </Text>
            {s.detail && s.state !== 'pending' ? (
              <Box marginLeft={2}>
                <Text color={s.state === 'failed' ? theme.error : theme.muted} wrap="wrap">{s.detail}</Text>
              </Box>
            ) : null}
          </Box>
        );
      })}
    </Box>
  );
}
