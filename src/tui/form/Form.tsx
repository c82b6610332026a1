// The form view: one row per shown field — label column, value, then a wrapping note (error in red, path
// candidates in cyan, hints muted). The focused value is highlighted with an end cursor, as in the login screen.
import React from 'react';
import {Box} from 'ink';
import {Text} from '../text.js';
import {passwordProblems} from '../../domain/rules.js';
import {theme} from '../theme.js';
import {useTerminalSize} from '../use-terminal-size.js';
import {useTranslate} from './use-translate.js';
import {useForm, type UseFormOptions} from './use-form.js';
import {describeRules, isEnabled, isFreeText, isShown, type FormEnv, type FormState} from './reducer.js';
import {KitTextInput} from '../components/KitTextInput.js';
import {KitSelect} from '../components/KitSelect.js';
import type {FieldSpec, FormValues} from './types.js';

type Tone = 'error' | 'note' | 'ok' | 'muted';
interface Note {
  text: string;
  tone: Tone;
}

const TONE: Record<Tone, string> = {error: theme.error, note: theme.crumb, ok: theme.ok, muted: theme.muted};

function liveNote(f: FieldSpec, values: FormValues, env: FormEnv, focused: boolean): Note | undefined {
  const {t} = env;
  const value = values[f.id] ?? '';
  if (f.kind === 'password') {
    if (f.confirmOf !== undefined) {
      if (!value) return undefined;
      const other = values[f.confirmOf] ?? '';
      if (value === other) return {text: t('form.password.match'), tone: 'ok'};
      return other.startsWith(value) ? undefined : {text: t('form.password.mismatch'), tone: 'error'};
    }
    if (f.policy && (value || focused)) {
      const missing = passwordProblems(value);
      return missing.length
        ? {text: t('form.password.missing', {rules: describeRules(missing, t)}), tone: focused ? 'note' : 'muted'}
        : {text: t('form.password.ok'), tone: 'ok'};
    }
  }
  const hint = typeof f.hint === 'function' ? f.hint(value, values) : f.hint;
  if (hint) return {text: hint, tone: 'muted'};
  if (!focused) return undefined;
  if (f.kind === 'path') return {text: t('form.path.hint'), tone: 'muted'};
  if (f.kind === 'select') {
    const at = f.options.findIndex(o => o.value === value);
    return {text: `${t('form.select.hint')} (${at + 1}/${f.options.length})`, tone: 'muted'};
  }
  return undefined;
}

function noteOf(f: FieldSpec, state: FormState, env: FormEnv, focused: boolean): Note | undefined {
  const err = state.errors[f.id];
  if (err) return {text: err, tone: 'error'};
  const note = state.notes[f.id];
  if (note) return {text: note, tone: 'note'};
  return liveNote(f, state.values, env, focused);
}

function shownValue(f: FieldSpec, values: FormValues, env: FormEnv): {text: string; placeholder?: boolean} {
  const value = values[f.id] ?? '';
  switch (f.kind) {
    case 'password':
      return {text: '*'.repeat([...value].length)};
    case 'code':
      return value
        ? {text: `${value}  ${f.options[value] ?? ''}`.trimEnd()}
        : {text: Object.keys(f.options).join('/'), placeholder: true};
    case 'date':
      return value ? {text: value} : {text: env.t('form.date.placeholder'), placeholder: true};
    case 'select': {
      const o = f.options.find(x => x.value === value);
      if (!o) return {text: env.t('form.select.empty'), placeholder: true};
      if (f.list) return {text: listLabel(o)};
      return {text: o.label === o.value ? o.value : `${o.value} — ${o.label}`};
    }
    case 'readonly':
      return {text: typeof f.text === 'function' ? f.text(values) : f.text ?? value};
    default:
      return {text: value};
  }
}

/** A list field's option as a code and its meaning, like a code field: `E  English`. */
const listLabel = (o: {value: string; label: string}): string => (o.label === o.value ? o.value : `${o.value}  ${o.label}`);

/** Keeps the end of a long value visible (the cursor is at the end). */
const tail = (text: string, width: number): string => (text.length >= width ? `…${text.slice(text.length - width + 2)}` : text);

export interface FormViewProps {
  state: FormState;
  env: FormEnv;
  /** Label column width. Default 24. */
  labelWidth?: number;
  /** Value column width. Default 30. */
  valueWidth?: number;
  /** Total width (default: terminal columns − 4, i.e. inside the Shell). */
  width?: number;
  /** Show the key legend line under the form. Default true. */
  showKeys?: boolean;
  /** Free-text fields (text, password, path) are edited by the kit's text input while this is given and `active`. */
  onInput?(id: string, value: string): void;
  /** Keys reach the focused text input only while true. Default true. */
  active?: boolean;
  /** Key priority of the text input (above the form's own keys). Default PRIORITY.input. */
  inputPriority?: number;
  /** Enter as the form takes it; a list field calls it after its pick. */
  onEnter?(): void;
}

export function FormView({state, env, labelWidth = 24, valueWidth = 30, width, showKeys = true, onInput, active = true, inputPriority, onEnter}: FormViewProps) {
  const t = useTranslate();
  const {columns} = useTerminalSize();
  const total = width ?? Math.max(40, columns - 4);
  const {values} = state;
  return (
    <Box flexDirection="column" width={total}>
      {env.fields.filter(f => isShown(f, values)).map(f => {
        const focused = f.id === state.focus;
        const enabled = isEnabled(f, values);
        const shown = shownValue(f, values, env);
        const note = enabled ? noteOf(f, state, env, focused) : undefined;
        const label = (
          <Box width={labelWidth} flexShrink={0}>
            <Text bold={focused} color={enabled ? undefined : theme.muted} wrap="truncate">
              {focused ? '▶ ' : '  '}{f.label}
            </Text>
          </Box>
        );
        if (f.kind === 'select' && f.list && focused && enabled && onInput) {
          return (
            <Box key={f.id}>
              {label}
              <KitSelect
                items={f.options.map(o => ({value: o.value, label: listLabel(o)}))}
                value={values[f.id]}
                active={active}
                priority={inputPriority}
                onHighlight={v => onInput(f.id, v)}
                onSelect={v => {
                  onInput(f.id, v);
                  onEnter?.();
                }}
              />
            </Box>
          );
        }
        if (f.kind === 'readonly') {
          return (
            <Box key={f.id}>
              {label}
              <Box flexGrow={1} flexShrink={1}><Text wrap="wrap">{shown.text}</Text></Box>
            </Box>
          );
        }
        const vw = Math.min(f.width ?? valueWidth, total - labelWidth);
        const body = focused ? tail(shown.text, vw - 1) + '▏' : tail(shown.text, vw);
        const noteText = note ? (note.tone === 'error' ? `✗ ${note.text}` : note.text) : '';
        // A note that does not fit beside the value goes on its own line under it.
        const inline = noteText.length <= total - labelWidth - vw - 1;
        const noteEl = note ? <Text color={TONE[note.tone]} wrap="wrap">{noteText}</Text> : null;
        return (
          <Box key={f.id} flexDirection="column">
            <Box>
              {label}
              <Box width={vw} flexShrink={0}>
                {focused && enabled && onInput && isFreeText(f) ? (
                  <KitTextInput
                    value={values[f.id] ?? ''}
                    onChange={v => onInput(f.id, v)}
                    active={active}
                    priority={inputPriority}
                    cursor
                    mask={f.kind === 'password' ? '*' : undefined}
                    width={vw}
                    style={{backgroundColor: theme.highlightBg, color: theme.highlightFg, wrap: 'truncate-start'}}
                  />
                ) : (
                  <Text
                    backgroundColor={focused ? theme.highlightBg : undefined}
                    color={focused ? theme.highlightFg : shown.placeholder || !enabled ? theme.muted : undefined}
                    wrap="truncate"
                  >
                    {body.padEnd(vw)}
                  </Text>
                )}
              </Box>
              {inline && noteEl ? <Box flexGrow={1} flexShrink={1} marginLeft={1}>{noteEl}</Box> : null}
            </Box>
            {!inline && noteEl ? <Box marginLeft={labelWidth} width={total - labelWidth}>{noteEl}</Box> : null}
          </Box>
        );
      })}
      {state.message ? <Box marginTop={1}><Text color={theme.error}>{state.message}</Text></Box> : null}
      {showKeys ? <Box marginTop={state.message ? 0 : 1}><Text color={theme.muted} wrap="wrap">{t('form.keys')}</Text></Box> : null}
    </Box>
  );
}

export type FormProps = UseFormOptions & Omit<FormViewProps, 'state' | 'env'>;

/** A complete form: reducer + keys + view. */
export function Form(props: FormProps) {
  const {state, env, input, enter} = useForm(props);
  return (
    <FormView
      state={state} env={env} labelWidth={props.labelWidth} valueWidth={props.valueWidth} width={props.width}
      showKeys={props.showKeys} onInput={input} onEnter={enter} active={props.active ?? true}
      inputPriority={props.priority === undefined ? undefined : props.priority + 1}
    />
  );
}

