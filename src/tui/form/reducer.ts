// Form state machine: values, focus, shown errors, per-field notes. Pure except for the injected PathFs, which the
// path field reads on Tab and on validation. Every key arrives as its own action, so a chunk like 'Abc1\t' is
// processed in order against the latest state.
import type {Key} from '../keys/key.js';
import {isText} from '../keys/key.js';
import {matches} from '../keys/keymap.js';
import {editText} from '../components/TextField.js';
import {parseDate} from '../../domain/dates.js';
import {passwordProblems, PASSWORD_MIN_LENGTH, type PasswordRule} from '../../domain/rules.js';
import type {Translate} from '../../i18n/index.js';
import type {FieldSpec, FormValues, PathFieldSpec} from './types.js';
import type {PathFs} from './path-fs.js';
import {completePath, hasExtension, resolveTypedPath} from './path-complete.js';

export interface FormEnv {
  fields: readonly FieldSpec[];
  t: Translate;
  fs: PathFs;
  /** Called after a field's value changed; returned values are merged (e.g. a date default that follows a mode). */
  derive?: (values: FormValues, changedId: string) => Partial<FormValues> | undefined;
}

export interface FormState {
  values: FormValues;
  /** Id of the focused field ('' when no field can take focus). */
  focus: string;
  /** Errors on display, by field id. */
  errors: Record<string, string>;
  /** Fields whose errors are shown (left once, or a submit was tried); their errors follow the value live. */
  touched: Record<string, boolean>;
  /** Info notes (path candidates), by field id; cleared when the field is edited. */
  notes: Record<string, string>;
  /** Form-level message (e.g. "Popraw zaznaczone pola."). */
  message?: string;
  /** Incremented on each successful submit; `submitted` holds the values handed to onSubmit. */
  submitSeq: number;
  submitted?: FormValues;
}

export type FormAction =
  | {type: 'key'; key: Key; env: FormEnv}
  | {type: 'submit'; env: FormEnv}
  | {type: 'focus'; id: string; env: FormEnv}
  /** A new value typed into a free-text field (text, password, path) by the kit's text input. */
  | {type: 'input'; id: string; value: string; env: FormEnv}
  | {type: 'reset'; env: FormEnv; initialValues?: Partial<FormValues>};

const MAX_PATH = 1024;
const MAX_CANDIDATES = 8;

export const isShown = (f: FieldSpec, v: FormValues) => !f.hidden?.(v);
export const isEnabled = (f: FieldSpec, v: FormValues) => isShown(f, v) && !f.disabled?.(v);
/** Fields that take focus: shown, enabled, not read-only. */
export const focusable = (fields: readonly FieldSpec[], v: FormValues) =>
  fields.filter(f => f.kind !== 'readonly' && isEnabled(f, v));

export function initialValueOf(f: FieldSpec, initial?: Partial<FormValues>): string {
  const given = initial?.[f.id];
  if (given !== undefined) return given;
  if (f.default !== undefined) return f.default;
  if (f.kind === 'select') return f.options[0]?.value ?? '';
  return '';
}

export function initFormState(env: FormEnv, initialValues?: Partial<FormValues>, initialFocus?: string): FormState {
  const values: FormValues = {};
  for (const f of env.fields) values[f.id] = initialValueOf(f, initialValues);
  const list = focusable(env.fields, values);
  const focus = list.find(f => f.id === initialFocus)?.id ?? list[0]?.id ?? '';
  return {values, focus, errors: {}, touched: {}, notes: {}, submitSeq: 0};
}

const RULE_KEY: Record<PasswordRule, Parameters<Translate>[0]> = {
  length: 'form.password.rule.length', upper: 'form.password.rule.upper', lower: 'form.password.rule.lower',
  digit: 'form.password.rule.digit', special: 'form.password.rule.special',
};

/** "min. 12 znaków, cyfry" — the password rules still missing, in words. */
export function describeRules(rules: readonly PasswordRule[], t: Translate): string {
  return rules.map(r => t(RULE_KEY[r], {n: PASSWORD_MIN_LENGTH})).join(', ');
}

export const codeChoices = (options: Readonly<Record<string, string>>): string =>
  Object.entries(options).map(([k, v]) => `${k} ${v}`).join(', ');

function checkPath(f: PathFieldSpec, value: string, env: FormEnv): string | undefined {
  const {t} = env;
  const abs = resolveTypedPath(value, env.fs);
  const kind = env.fs.kind(abs);
  if (f.mustExist && !kind) return t('form.path.notFound', {path: value});
  const target = f.target ?? 'any';
  if (target === 'file' && kind === 'dir') return t('form.path.notFile', {path: value});
  if (target === 'dir' && kind === 'file') return t('form.path.notDir', {path: value});
  if (target !== 'dir' && kind !== 'dir' && !hasExtension(abs, f.extensions)) {
    return t('form.path.badExt', {ext: (f.extensions ?? []).join(' / ')});
  }
  return undefined;
}

/** The error of one field under the current values (undefined = valid, hidden, disabled or read-only). */
export function fieldError(f: FieldSpec, values: FormValues, env: FormEnv): string | undefined {
  if (f.kind === 'readonly' || !isEnabled(f, values)) return undefined;
  const {t} = env;
  const value = values[f.id] ?? '';
  if (value === '') return f.required === false ? undefined : t('form.required');
  switch (f.kind) {
    case 'text':
      if ([...value].length > (f.maxLength ?? 100)) return t('form.tooLong', {n: f.maxLength ?? 100});
      break;
    case 'code':
      if (!(value in f.options)) return t('form.code.bad', {ch: value, allowed: codeChoices(f.options)});
      break;
    case 'date':
      if (!parseDate(value)) return t('form.date.bad');
      break;
    case 'password': {
      if (f.policy) {
        const missing = passwordProblems(value);
        if (missing.length) return t('form.password.weak', {rules: describeRules(missing, t)});
      }
      if (f.confirmOf !== undefined && value !== (values[f.confirmOf] ?? '')) return t('form.password.mismatch');
      break;
    }
    case 'path': {
      const e = checkPath(f, value, env);
      if (e) return e;
      break;
    }
    case 'select':
      if (!f.options.some(o => o.value === value)) return t('form.required');
      break;
  }
  return f.validate?.(value, values);
}

/** Recomputes errors of touched fields (live follow-up after a value change). */
function refreshErrors(s: FormState, env: FormEnv): FormState {
  const errors: Record<string, string> = {};
  for (const f of env.fields) {
    if (!s.touched[f.id]) continue;
    const e = fieldError(f, s.values, env);
    if (e) errors[f.id] = e;
  }
  return {...s, errors};
}

/** Keeps focus on a focusable field after values changed (a field may have been hidden or disabled). */
function fixFocus(s: FormState, env: FormEnv): FormState {
  const list = focusable(env.fields, s.values);
  if (list.some(f => f.id === s.focus)) return s;
  const order = env.fields.map(f => f.id);
  const at = order.indexOf(s.focus);
  const after = list.find(f => order.indexOf(f.id) > at) ?? list[list.length - 1];
  return {...s, focus: after?.id ?? ''};
}

function setValue(s: FormState, id: string, value: string, env: FormEnv): FormState {
  if (s.values[id] === value) return s;
  let values = {...s.values, [id]: value};
  const derived = env.derive?.(values, id);
  if (derived) values = {...values, ...(derived as FormValues)};
  const notes = {...s.notes};
  delete notes[id];
  return fixFocus(refreshErrors({...s, values, notes, message: undefined}, env), env);
}

/** Marks the focused field touched and shows its error, if any. */
function touch(s: FormState, id: string, env: FormEnv): FormState {
  if (!id) return s;
  return refreshErrors({...s, touched: {...s.touched, [id]: true}}, env);
}

function move(s: FormState, env: FormEnv, delta: 1 | -1, wrap: boolean): FormState {
  const list = focusable(env.fields, s.values);
  if (!list.length) return s;
  const at = list.findIndex(f => f.id === s.focus);
  let i = at + delta;
  if (i >= list.length) i = wrap ? 0 : list.length - 1;
  if (i < 0) i = wrap ? list.length - 1 : 0;
  const left = delta > 0 ? touch(s, s.focus, env) : s;
  return {...left, focus: list[i].id};
}

const isLastFocusable = (s: FormState, env: FormEnv): boolean => {
  const list = focusable(env.fields, s.values);
  return list.length > 0 && list[list.length - 1].id === s.focus;
};

/** The values handed to onSubmit: path fields resolved to absolute paths. */
export function outputValues(values: FormValues, env: FormEnv): FormValues {
  const out = {...values};
  for (const f of env.fields) if (f.kind === 'path') out[f.id] = resolveTypedPath(values[f.id] ?? '', env.fs);
  return out;
}

export function submit(s: FormState, env: FormEnv): FormState {
  const touched = {...s.touched};
  const errors: Record<string, string> = {};
  let firstBad: string | undefined;
  for (const f of env.fields) {
    if (f.kind === 'readonly' || !isEnabled(f, s.values)) continue;
    touched[f.id] = true;
    const e = fieldError(f, s.values, env);
    if (e) {
      errors[f.id] = e;
      firstBad ??= f.id;
    }
  }
  if (firstBad) return {...s, touched, errors, focus: firstBad, message: env.t('form.invalid')};
  return {...s, touched, errors, message: undefined, submitSeq: s.submitSeq + 1, submitted: outputValues(s.values, env)};
}

function dateEdit(value: string, key: Key): string | undefined {
  if (isText(key)) {
    if (/^[0-9]$/.test(key.ch)) {
      if (value.length >= 10) return value;
      return value.length === 4 || value.length === 7 ? `${value}-${key.ch}` : value + key.ch;
    }
    if (key.ch === '-' && (value.length === 4 || value.length === 7)) return `${value}-`;
    return value; // other characters are ignored in a date
  }
  return editText(value, key, 10);
}

function pathTab(s: FormState, f: PathFieldSpec, env: FormEnv): FormState {
  const value = s.values[f.id] ?? '';
  const c = completePath(value, env.fs, {target: f.target, extensions: f.extensions});
  const list = (names: string[]) => {
    const shown = names.slice(0, MAX_CANDIDATES).join('  ');
    const more = names.length > MAX_CANDIDATES ? ` ${env.t('form.path.more', {n: names.length - MAX_CANDIDATES})}` : '';
    return env.t('form.path.candidates', {list: shown + more});
  };
  switch (c.status) {
    case 'unchanged':
      return move(s, env, 1, true);
    case 'completed': {
      const next = setValue(s, f.id, c.value, env);
      return c.candidates.length > 1 ? {...next, notes: {...next.notes, [f.id]: list(c.candidates)}} : next;
    }
    case 'ambiguous': {
      const next = setValue(s, f.id, c.value, env);
      return {...next, notes: {...next.notes, [f.id]: list(c.candidates)}};
    }
    case 'none':
      // Nothing to complete in an empty field: Tab just moves on.
      if (!value) return move(s, env, 1, true);
      return {...s, notes: {...s.notes, [f.id]: env.t('form.path.noMatch')}};
    case 'unreadable':
      return {...s, notes: {...s.notes, [f.id]: env.t('form.path.unreadable', {path: c.dir ?? value})}};
  }
}

function selectStep(s: FormState, f: Extract<FieldSpec, {kind: 'select'}>, delta: number, env: FormEnv): FormState {
  if (!f.options.length) return s;
  const at = f.options.findIndex(o => o.value === s.values[f.id]);
  const i = at < 0 ? 0 : Math.min(f.options.length - 1, Math.max(0, at + delta));
  return setValue(s, f.id, f.options[i].value, env);
}

function selectByLetter(s: FormState, f: Extract<FieldSpec, {kind: 'select'}>, ch: string, env: FormEnv): FormState {
  const n = f.options.length;
  const at = f.options.findIndex(o => o.value === s.values[f.id]);
  const want = ch.toLocaleUpperCase('pl');
  for (let k = 1; k <= n; k++) {
    const o = f.options[(at + k + n) % n];
    if ((o.code ?? o.value).toLocaleUpperCase('pl').startsWith(want)) return setValue(s, f.id, o.value, env);
  }
  return s;
}

function onKey(s: FormState, key: Key, env: FormEnv): FormState {
  if (matches(key, 'save')) return submit(s, env);
  const f = env.fields.find(x => x.id === s.focus);
  if (!f) return key.name === 'enter' ? submit(s, env) : s;

  // Field-specific keys first.
  if (f.kind === 'select') {
    if (key.name === 'up' || key.name === 'left') return selectStep(s, f, -1, env);
    if (key.name === 'down' || key.name === 'right') return selectStep(s, f, 1, env);
    if (isText(key)) return selectByLetter(s, f, key.ch, env);
  }
  if (f.kind === 'path' && key.name === 'tab') return pathTab(s, f, env);

  switch (key.name) {
    case 'enter':
      return isLastFocusable(s, env) ? submit(s, env) : move(s, env, 1, false);
    case 'tab':
      return move(s, env, 1, true);
    case 'down':
      return move(s, env, 1, false);
    case 'backtab':
      return move(s, env, -1, true);
    case 'up':
      return move(s, env, -1, false);
    default:
      break;
  }

  const value = s.values[f.id] ?? '';
  switch (f.kind) {
    case 'code': {
      if (isText(key)) {
        const letter = key.ch.toLocaleUpperCase('pl');
        if (!(letter in f.options)) {
          return {...s, touched: {...s.touched, [f.id]: true},
            errors: {...s.errors, [f.id]: env.t('form.code.bad', {ch: key.ch, allowed: codeChoices(f.options)})}};
        }
        const next = setValue(s, f.id, letter, env);
        const cleared = {...next, errors: Object.fromEntries(Object.entries(next.errors).filter(([id]) => id !== f.id))};
        return f.autoAdvance === false || isLastFocusable(cleared, env) ? cleared : move(cleared, env, 1, false);
      }
      const edited = editText(value, key, 1);
      return edited === undefined ? s : setValue(s, f.id, edited, env);
    }
    case 'date': {
      const edited = dateEdit(value, key);
      return edited === undefined ? s : setValue(s, f.id, edited, env);
    }
    case 'text': {
      const edited = editText(value, key, f.maxLength ?? 100);
      if (edited === undefined) return s;
      const next = setValue(s, f.id, f.upperCase ? edited.toLocaleUpperCase('pl') : edited, env);
      return f.live ? touch(next, f.id, env) : next;
    }
    case 'password': {
      const edited = editText(value, key, f.maxLength ?? 128);
      return edited === undefined ? s : setValue(s, f.id, edited, env);
    }
    case 'path': {
      const edited = editText(value, key, MAX_PATH);
      return edited === undefined ? s : setValue(s, f.id, edited, env);
    }
    default:
      return s;
  }
}

/** Fields edited by the kit's text input (ink-text-input); code and date fields keep per-key editing here. */
export const isFreeText = (f: FieldSpec): boolean => f.kind === 'text' || f.kind === 'password' || f.kind === 'path';

const clip = (value: string, max: number): string => {
  const chars = [...value];
  return chars.length > max ? chars.slice(0, max).join('') : value;
};

function onInput(s: FormState, id: string, value: string, env: FormEnv): FormState {
  const f = env.fields.find(x => x.id === id);
  if (!f || !isEnabled(f, s.values)) return s;
  switch (f.kind) {
    case 'text': {
      const clipped = clip(value, f.maxLength ?? 100);
      const next = setValue(s, f.id, f.upperCase ? clipped.toLocaleUpperCase('pl') : clipped, env);
      return f.live ? touch(next, f.id, env) : next;
    }
    case 'password':
      return setValue(s, f.id, clip(value, f.maxLength ?? 128), env);
    case 'path':
      return setValue(s, f.id, clip(value, MAX_PATH), env);
    default:
      return s;
  }
}

export function formReducer(s: FormState, a: FormAction): FormState {
  switch (a.type) {
    case 'key':
      return onKey(s, a.key, a.env);
    case 'submit':
      return submit(s, a.env);
    case 'input':
      return onInput(s, a.id, a.value, a.env);
    case 'focus':
      return focusable(a.env.fields, s.values).some(f => f.id === a.id) ? {...s, focus: a.id} : s;
    case 'reset':
      return {...initFormState(a.env, a.initialValues), submitSeq: s.submitSeq};
  }
}

/** Keys the form takes (the rest — F1, F10, F4… — go on to the screen and the navigator). */
export function formConsumes(key: Key): boolean {
  if (matches(key, 'save')) return true;
  if (key.name === 'char') return !key.alt && (!key.ctrl || key.ch === 'u');
  return ['enter', 'tab', 'backtab', 'up', 'down', 'left', 'right', 'backspace', 'delete'].includes(key.name);
}
