// Text field: a pure editing function for reducers plus a labelled view. Cursor is always at the end (F2000 fields
// are short); Backspace deletes, Ctrl+U clears. Keep the value in the screen's reducer, not in closure state. Given
// `onChange`, the focused field is edited by the kit's text input (ink-text-input fed key by key).
import React from 'react';
import {Box} from 'ink';
import {Text} from '../text.js';
import type {Key} from '../keys/key.js';
import {isText} from '../keys/key.js';
import {theme} from '../theme.js';
import {KitTextInput} from './KitTextInput.js';

/** New value after `key`, or undefined when the key is not an editing key (leave it to the caller). */
export function editText(value: string, key: Key, maxLength = 200): string | undefined {
  if (isText(key)) return value.length < maxLength ? value + key.ch : value;
  if (key.name === 'backspace') return value.slice(0, -1);
  if (key.name === 'char' && key.ctrl && key.ch === 'u') return '';
  return undefined;
}

export interface TextFieldProps {
  label: string;
  value: string;
  focused: boolean;
  /** Mask character for passwords. */
  mask?: string;
  /** Visible width of the input area. */
  width?: number;
  labelWidth?: number;
  /** Edits of the focused field (typed text; the caller may change it, e.g. upper-case). */
  onChange?(value: string): void;
  /** Keys reach the text input only while true. Default true. */
  active?: boolean;
}

export function TextField({label, value, focused, mask, width = 30, labelWidth = 16, onChange, active = true}: TextFieldProps) {
  if (focused && onChange) {
    return (
      <Box>
        <Text bold>{label.padEnd(labelWidth)}</Text>
        <Box width={width}>
          <KitTextInput value={value} onChange={onChange} active={active} cursor mask={mask} width={width}
            style={{backgroundColor: theme.highlightBg, color: theme.highlightFg, wrap: 'truncate-start'}} />
        </Box>
      </Box>
    );
  }
  const shown = mask ? mask.repeat(value.length) : value;
  const visible = shown.length >= width ? shown.slice(shown.length - width + 1) : shown;
  return (
    <Box>
      <Text bold={focused}>{label.padEnd(labelWidth)}</Text>
      <Text backgroundColor={focused ? theme.highlightBg : undefined} color={focused ? theme.highlightFg : undefined}>
        {(visible + (focused ? '▏' : '')).padEnd(width)}
      </Text>
    </Box>
  );
}
