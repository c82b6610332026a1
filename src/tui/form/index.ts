// Shared F2000-style form.
//
// A screen declares its fields and renders <Form>; the form owns the values (reducer), takes keys through useKeys
// at PRIORITY.field and hands the values to onSubmit once every shown, enabled field is valid:
//
//   const fields: FieldSpec[] = [
//     {id: 'env', kind: 'code', label: 'Środowisko', options: {D: 'demo', P: 'produkcja', T: 'test'}, default: 'D'},
//     {id: 'name', kind: 'text', label: 'Nazwa', maxLength: 100, live: true, validate: v => nameError(v)},
//     {id: 'from', kind: 'date', label: 'Ważny od', default: today, validate: v => (v < today ? 'Data w przeszłości.' : undefined)},
//     {id: 'mode', kind: 'code', label: 'Tryb', options: {B: 'bieżący', Z: 'następca'}},
//     {id: 'note', kind: 'readonly', label: '', text: 'Następca certyfikatu …', hidden: v => v.mode !== 'Z'},
//     {id: 'pw', kind: 'password', label: 'Hasło klucza', policy: true},
//     {id: 'pw2', kind: 'password', label: 'Powtórz hasło', confirmOf: 'pw'},
//     {id: 'crt', kind: 'path', label: 'Plik .crt', target: 'file', extensions: ['.crt', '.pem'], mustExist: true},
//     {id: 'owner', kind: 'select', label: 'Operator', options: ops.map(o => ({value: o.code, label: o.name}))},
//   ];
//   <Form fields={fields} active={active} onSubmit={values => …} onCancel={nav.back}
//         derive={(v, changed) => (changed === 'mode' && v.mode === 'Z' ? {from: successorStart} : undefined)} />
//
// Keys: Tab / Enter / ↓ next field, Shift+Tab / ↑ previous (Tab and Shift+Tab wrap); Enter on the last field or F2
// (`save` in the keymap) anywhere submits: all fields are validated, errors appear next to the fields and focus
// jumps to the first bad one. Esc calls onCancel (not consumed when onCancel is absent). In a select field ↑/↓ (and
// ←/→) change the option and a letter jumps to the next option with that code; Tab/Enter/Shift+Tab move. In a path
// field Tab completes like a shell (common prefix; candidates listed when ambiguous); Tab on a complete, unique path
// (or an empty field) moves to the next field. A code field upper-cases the letter, refuses others with a message
// and moves on. Values are strings; path values reach onSubmit as absolute paths. To start over, remount with a key.
// Hooks for custom layouts: useForm() + <FormView>. Pure reducer for unit tests: formReducer/initFormState.
export {Form, FormView, type FormProps, type FormViewProps} from './Form.js';
export {useForm, type UseFormOptions, type UseFormResult} from './use-form.js';
export {
  formReducer, initFormState, fieldError, submit, focusable, formConsumes, describeRules, outputValues, codeChoices,
  type FormState, type FormAction, type FormEnv,
} from './reducer.js';
export {completePath, expandHome, resolveTypedPath, type Completion, type CompletionStatus} from './path-complete.js';
export {nodePathFs, type PathFs, type DirEntry} from './path-fs.js';
export {useTranslate} from './use-translate.js';
export type * from './types.js';
