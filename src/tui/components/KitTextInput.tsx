// ink-text-input (the design card's text field) fed one key at a time by FedInput. It edits; the caller owns the
// value (and may change it: upper-case, a limit, path completion). Deviations from the bare widget, each for a
// proven defect (README "Design-card widgets"):
// - its cursor is `chalk.inverse`, invisible without colour, so it runs with showCursor=false and we draw an end
//   cursor '▏' (F2000 fields are edited at the end; ←/→ are not passed);
// - with showCursor=false it never re-clamps its cursor when the value changes from outside (clear, upper-case,
//   completion), so the next key lands at a stale offset: such a change remounts it (cursor at the end again);
// - Ctrl+letter would be inserted as the letter, Delete acts as Backspace: neither is passed to it;
// - it draws the value with Ink's bare Text: a Transform passes it through terminalSafe (a completed file name may
//   be hostile).
import React from 'react';
import {Transform} from 'ink';
import TextInput from 'ink-text-input';
import {terminalSafe} from '../../domain/index.js';
import {Text, type TextProps} from '../text.js';
import {isText, type Key} from '../keys/key.js';
import {FedInput, useOutsideValue} from './fed-input.js';

export interface KitTextInputProps {
  value: string;
  onChange(value: string): void;
  /** Enter (fed to the widget, which submits the committed value). Without it Enter is left to the caller. */
  onSubmit?(value: string): void;
  /** Keys reach the field only while true. */
  active: boolean;
  /** Shown instead of each character (passwords). */
  mask?: string;
  /** End cursor shown. Default: while active. */
  cursor?: boolean;
  priority?: number;
  /** Colours and wrap of the drawn field (e.g. the form's highlight, wrap 'truncate-start'). */
  style?: Omit<TextProps, 'children'>;
  /** Pads the drawn field with spaces to this many columns (a highlighted field shows its full width). */
  width?: number;
}

const BACKSPACE = '\x7f';

export function KitTextInput({value, onChange, onSubmit, active, mask, cursor = active, priority, style, width}: KitTextInputProps) {
  const pad = width === undefined ? 0 : width - [...value].length - (cursor ? 1 : 0);
  // The value this widget last reported; anything else came from outside → remount (cursor back at the end).
  const outside = useOutsideValue(value);
  const toWidget = (key: Key): string | undefined => {
    if (isText(key)) return key.ch;
    if (key.name === 'backspace') return BACKSPACE;
    if (key.name === 'enter' && onSubmit) return '\r';
    return undefined;
  };
  return (
    <FedInput active={active} toWidget={toWidget} priority={priority} generation={outside.generation}>
      <Text {...style}>
        <Transform transform={line => terminalSafe(line)}>
          <TextInput
            key={outside.generation}
            value={value}
            mask={mask}
            showCursor={false}
            focus={active}
            onChange={v => {
              outside.report(v);
              onChange(v);
            }}
            onSubmit={v => onSubmit?.(v)}
          />
        </Transform>
        {cursor ? '▏' : ''}
        {pad > 0 ? ' '.repeat(pad) : ''}
      </Text>
    </FedInput>
  );
}
