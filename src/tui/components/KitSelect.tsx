// ink-select-input (the design card's choice list) fed one key at a time by FedInput, so ↓ + Enter arriving in one
// chunk selects the item ↓ moved to. Only ↑/↓ (keymap up/down), Enter (confirm) and, for numbered lists, the digits
// 1–9 reach it: its j/k shortcuts would steal letters that are menu codes in F2000 screens. The marker is a glyph,
// so the highlighted item stays visible without colour.
import React from 'react';
import {Box} from 'ink';
import SelectInput from 'ink-select-input';
import {Text} from '../text.js';
import type {Key} from '../keys/key.js';
import {matches} from '../keys/keymap.js';
import {theme} from '../theme.js';
import {FedInput, useOutsideValue} from './fed-input.js';

export interface KitSelectItem<V extends string> {
  value: V;
  label: string;
}

export interface KitSelectProps<V extends string> {
  items: readonly KitSelectItem<V>[];
  onSelect(value: V): void;
  onHighlight?(value: V): void;
  /** Keys reach the list only while true. */
  active: boolean;
  /** Value highlighted at mount. */
  initial?: V;
  /** The highlighted value when the caller owns it (e.g. a form): a change from outside moves the highlight. */
  value?: V;
  /** Digits 1–9 select the n-th item at once (the labels should show the numbers). */
  numbered?: boolean;
  /** Items shown at once (the list rotates). */
  limit?: number;
  priority?: number;
}

function Indicator({isSelected = false}: {isSelected?: boolean}) {
  return <Text color={theme.crumb}>{isSelected ? '▶ ' : '  '}</Text>;
}

function Item({isSelected = false, label}: {isSelected?: boolean; label: string}) {
  return <Text bold={isSelected} color={isSelected ? theme.crumb : undefined} wrap="truncate">{label}</Text>;
}

const UP = '\x1b[A';
const DOWN = '\x1b[B';

export function KitSelect<V extends string>({items, onSelect, onHighlight, active, initial, value, numbered, limit, priority}: KitSelectProps<V>) {
  // The widget keeps its highlight to itself: a value changed from outside remounts it there.
  const outside = useOutsideValue(value);
  const toWidget = (key: Key): string | undefined => {
    if (matches(key, 'up')) return UP;
    if (matches(key, 'down')) return DOWN;
    // F2 accepts like Enter: in F2000 forms and dialogs F2 is "zatwierdź".
    if (matches(key, 'confirm') || matches(key, 'save')) return '\r';
    if (numbered && key.name === 'char' && !key.ctrl && !key.alt && /^[1-9]$/.test(key.ch ?? '')) return key.ch;
    return undefined;
  };
  const start = value ?? initial;
  const at = start === undefined ? 0 : Math.max(0, items.findIndex(i => i.value === start));
  return (
    <FedInput active={active} toWidget={toWidget} priority={priority} generation={outside.generation}>
      <Box flexDirection="column">
        <SelectInput
          key={outside.generation}
          items={items.map(i => ({key: i.value, value: i.value, label: i.label}))}
          initialIndex={at}
          isFocused={active}
          limit={limit}
          indicatorComponent={Indicator}
          itemComponent={Item}
          onSelect={item => onSelect(item.value)}
          onHighlight={item => {
            outside.report(item.value);
            onHighlight?.(item.value);
          }}
        />
      </Box>
    </FedInput>
  );
}
