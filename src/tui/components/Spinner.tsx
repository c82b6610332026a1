// A one-character spinner animated with setInterval; the interval stops on unmount.
import React, {useEffect, useState} from 'react';
import {Text} from '../text.js';
import {theme} from '../theme.js';

export const SPINNER_FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'] as const;

export interface SpinnerProps {
  label?: string;
  /** Frame interval. Default 80 ms. */
  intervalMs?: number;
  color?: string;
}

export function Spinner({label, intervalMs = 80, color = theme.crumb}: SpinnerProps) {
  const [frame, setFrame] = useState(0);
  useEffect(() => {
    const h = setInterval(() => setFrame(f => (f + 1) % SPINNER_FRAMES.length), intervalMs);
    return () => clearInterval(h);
  }, [intervalMs]);
  return (
    <Text>
      <Text color={color}>{SPINNER_FRAMES[frame]}</Text>
      {label ? ` ${label}` : ''}
    </Text>
  );
}
