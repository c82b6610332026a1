// Field specs of the shared F2000-style form. A screen declares an array of these; the form reducer owns the values.
// Every value is a string: code → its letter, select → the option value, date → `RRRR-MM-DD`, path → as typed
// (expanded to an absolute path in the values handed to onSubmit).

export type FormValues = Record<string, string>;

/** Returns a Polish message (error or hint) or undefined. Gets the field's value and all current values. */
export type FieldCheck = (value: string, values: FormValues) => string | undefined;

interface FieldBase {
  id: string;
  /** Already translated label (left column). */
  label: string;
  /** Muted note right of the value, shown live (a string, or computed from the value). */
  hint?: string | FieldCheck;
  /** Extra rule (Polish error text). Runs when the field is left, on submit, and live after an error was shown. */
  validate?: FieldCheck;
  /** Empty value is an error on submit. Default true. */
  required?: boolean;
  /** Not shown, skipped by navigation and validation while true. */
  hidden?: (values: FormValues) => boolean;
  /** Shown greyed, skipped by navigation and validation while true. */
  disabled?: (values: FormValues) => boolean;
  /** Initial value (the form's `initialValues` prop wins). */
  default?: string;
  /** Value column width for this field (default: the form's valueWidth), e.g. wider for paths. */
  width?: number;
}

export interface TextFieldSpec extends FieldBase {
  kind: 'text';
  /** Typing stops at this length. Default 100. */
  maxLength?: number;
  upperCase?: boolean;
  /** Run `validate` on every key (error shown while typing), not only when leaving the field. */
  live?: boolean;
}

export interface CodeFieldSpec extends FieldBase {
  kind: 'code';
  /** Allowed letters (upper case) → meaning shown next to the letter, e.g. {D: 'demo', P: 'produkcja'}. */
  options: Readonly<Record<string, string>>;
  /** Move to the next field after a valid letter. Default true. */
  autoAdvance?: boolean;
}

export interface DateFieldSpec extends FieldBase {
  kind: 'date';
}

export interface PasswordFieldSpec extends FieldBase {
  kind: 'password';
  /** Enforce and hint the key/export password policy of domain/rules.ts (passwordProblems). */
  policy?: boolean;
  /** Id of the password field this one must repeat. */
  confirmOf?: string;
  maxLength?: number;
}

export interface PathFieldSpec extends FieldBase {
  kind: 'path';
  /** What the path must name. Default 'any'. Tab completion offers only folders for 'dir'. */
  target?: 'file' | 'dir' | 'any';
  /** Allowed file extensions with the dot, e.g. ['.crt', '.pem']; folders are always offered by completion. */
  extensions?: readonly string[];
  /** Refuse a path that does not exist. Default false (e.g. an export target). */
  mustExist?: boolean;
}

export interface SelectOption {
  value: string;
  label: string;
  /** Letter/short code typed to jump to the option (default: first letter of value). */
  code?: string;
}

export interface SelectFieldSpec extends FieldBase {
  kind: 'select';
  options: readonly SelectOption[];
  /** While focused, shown as a list (the kit's select, ink-select-input): ↑↓ move, Enter picks and moves on. */
  list?: boolean;
}

export interface ReadonlyFieldSpec extends FieldBase {
  kind: 'readonly';
  /** Shown text; default the field's value. */
  text?: string | ((values: FormValues) => string);
}

export type FieldSpec =
  | TextFieldSpec | CodeFieldSpec | DateFieldSpec | PasswordFieldSpec | PathFieldSpec | SelectFieldSpec | ReadonlyFieldSpec;

export type FieldKind = FieldSpec['kind'];
