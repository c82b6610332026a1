// mm:ss until a deadline (e.g. the 10-minute validity of an auth challenge); red in the last minute; calls
// onExpire once when it reaches zero.
import React, {useEffect, useRef, useState} from 'react';
import {Text} from '../text.js';
import {theme} from '../theme.js';
import {useTranslate} from '../form/use-translate.js';

export interface CountdownProps {
  deadline: Date | number;
  onExpire?(): void;
  /** ms clock (default Date.now). */
  clock?: () => number;
  /** Refresh interval. Default 250 ms (the text changes once a second). */
  tickMs?: number;
  /** Prefix "Pozostało" / show "Czas minął". Default true; false shows only mm:ss. */
  withLabel?: boolean;
}

export interface CountdownView {
  /** Whole seconds left, rounded up (0 = expired). */
  seconds: number;
  text: string;
  urgent: boolean;
}

/** Pure: what the countdown shows `remainingMs` before the deadline. */
export function countdownView(remainingMs: number): CountdownView {
  const seconds = Math.max(0, Math.ceil(remainingMs / 1000));
  const text = `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
  return {seconds, text, urgent: seconds <= 60};
}

export function Countdown({deadline, onExpire, clock = Date.now, tickMs = 250, withLabel = true}: CountdownProps) {
  const t = useTranslate();
  const end = typeof deadline === 'number' ? deadline : deadline.getTime();
  const [, setTick] = useState(0);
  const view = countdownView(end - clock());
  const expired = view.seconds === 0;
  useEffect(() => {
    if (expired) return;
    const h = setInterval(() => setTick(x => x + 1), tickMs);
    return () => clearInterval(h);
  }, [expired, tickMs]);
  const fired = useRef(false);
  const onExpireRef = useRef(onExpire);
  onExpireRef.current = onExpire;
  useEffect(() => {
    if (!expired) {
      fired.current = false; // a new deadline re-arms it
      return;
    }
    if (fired.current) return;
    fired.current = true;
    onExpireRef.current?.();
  }, [expired]);
  const text = !withLabel ? view.text : expired ? t('widget.expired') : t('widget.remaining', {time: view.text});
  return <Text color={view.urgent ? theme.error : undefined} bold={view.urgent}>{text}</Text>;
}
