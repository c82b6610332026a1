// Binds the form reducer to the key bus (ink-ui pattern: state in a reducer, a thin input hook, a view).
import {useEffect, useLayoutEffect, useMemo, useReducer, useRef} from 'react';
import {PRIORITY, useKeys} from '../keys/KeyProvider.js';
import {useTranslate} from './use-translate.js';
import {formConsumes, formReducer, initFormState, type FormEnv, type FormState} from './reducer.js';
import {nodePathFs, type PathFs} from './path-fs.js';
import type {FieldSpec, FormValues} from './types.js';

export interface UseFormOptions {
  fields: readonly FieldSpec[];
  /** Read once at mount (remount the form with a new `key` to start over). */
  initialValues?: Partial<FormValues>;
  initialFocus?: string;
  /** Keys reach the form only while true (pass the screen's `active`). Default true. */
  active?: boolean;
  /** Called with all values (path fields absolute) after every field validated. */
  onSubmit(values: FormValues): void;
  /** Esc. Without it Esc is not consumed and goes on to the navigator (back). */
  onCancel?(): void;
  /** After each value change. */
  onChange?(values: FormValues): void;
  derive?: FormEnv['derive'];
  /** File system for path fields; default the real one with process.cwd(). */
  fs?: PathFs;
  /** Key priority; default PRIORITY.field (above the screen's own keys). */
  priority?: number;
}

export interface UseFormResult {
  state: FormState;
  env: FormEnv;
  /** Validates everything and submits (e.g. from a screen's own "accept" key). */
  submit(): void;
  focus(id: string): void;
  /** A free-text field's new value from the kit's text input (or a list field's pick). */
  input(id: string, value: string): void;
  /** Enter as the form takes it (next field, or submit on the last). */
  enter(): void;
}

export function useForm(o: UseFormOptions): UseFormResult {
  const t = useTranslate();
  const fsRef = useRef<PathFs | undefined>(o.fs);
  fsRef.current ??= nodePathFs();
  const env: FormEnv = useMemo(
    () => ({fields: o.fields, t, fs: o.fs ?? fsRef.current!, derive: o.derive}),
    [o.fields, t, o.fs, o.derive],
  );
  const envRef = useRef(env);
  envRef.current = env;
  const [state, dispatch] = useReducer(formReducer, undefined, () => initFormState(env, o.initialValues, o.initialFocus));
  const cb = useRef(o);
  cb.current = o;

  useKeys(key => {
    if (key.name === 'escape' && !key.ctrl && !key.alt) {
      if (!cb.current.onCancel) return false;
      cb.current.onCancel();
      return true;
    }
    if (!formConsumes(key)) return false;
    dispatch({type: 'key', key, env: envRef.current});
    return true;
  }, {active: o.active ?? true, priority: o.priority ?? PRIORITY.field});

  useEffect(() => {
    if (state.submitSeq > 0 && state.submitted) cb.current.onSubmit(state.submitted);
  }, [state.submitSeq]); // eslint-disable-line react-hooks/exhaustive-deps

  // A layout effect, not a passive one: the caller's state update (e.g. a screen's 'typed') is then rendered in
  // the same commit. From a passive effect every typed key's commit scheduled an update that rode on the next key's
  // commit, whose passive effects scheduled one again: after 50 keys typed ahead (a pasted path) React reported
  // "Maximum update depth exceeded" (test/tui/qr-no-cascade.test.tsx).
  const first = useRef(true);
  useLayoutEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    cb.current.onChange?.(state.values);
  }, [state.values]);

  return {
    state,
    env,
    submit: () => dispatch({type: 'submit', env: envRef.current}),
    focus: id => dispatch({type: 'focus', id, env: envRef.current}),
    input: (id, value) => dispatch({type: 'input', id, value, env: envRef.current}),
    enter: () => dispatch({type: 'key', key: {name: 'enter', seq: '\r'}, env: envRef.current}),
  };
}
