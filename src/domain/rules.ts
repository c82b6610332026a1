// Form rules shared by the TUI, the CLI and the simulator.

/** KSeF `certificateName`: 5-100 chars, API regex (letters incl. Polish, digits, `_`, `-`, space). */
export const CERT_NAME_PATTERN = /^[a-zA-Z0-9_\- ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]+$/;
export const CERT_NAME_MIN = 5;
export const CERT_NAME_MAX = 100;
/** MCU / Taxpayer App accept only 5-50 ASCII chars; we suggest staying inside that. */
export const CERT_NAME_PORTABLE = /^[A-Za-z0-9 _-]{5,50}$/;

export type NameProblem = 'tooShort' | 'tooLong' | 'badChars';
export interface NameCheck {
  ok: boolean;
  problem?: NameProblem;
  /** true when the name would not fit the MCU/Taxpayer App UI rule (≤ 50 ASCII). */
  notPortable: boolean;
}

export function checkCertificateName(name: string): NameCheck {
  const notPortable = !CERT_NAME_PORTABLE.test(name);
  if ([...name].length < CERT_NAME_MIN) return {ok: false, problem: 'tooShort', notPortable};
  if ([...name].length > CERT_NAME_MAX) return {ok: false, problem: 'tooLong', notPortable};
  if (!CERT_NAME_PATTERN.test(name)) return {ok: false, problem: 'badChars', notPortable};
  return {ok: true, notPortable};
}

export type PasswordRule = 'length' | 'upper' | 'lower' | 'digit' | 'special';
export const PASSWORD_MIN_LENGTH = 12;

/** Export / key password policy: ≥ 12 chars with upper, lower, digit and special. Returns the rules not met. */
export function passwordProblems(password: string): PasswordRule[] {
  const out: PasswordRule[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) out.push('length');
  if (!/\p{Lu}/u.test(password)) out.push('upper');
  if (!/\p{Ll}/u.test(password)) out.push('lower');
  if (!/\p{Nd}/u.test(password)) out.push('digit');
  if (!/[^\p{L}\p{Nd}\s]/u.test(password)) out.push('special');
  return out;
}

export const isPasswordStrong = (password: string): boolean => passwordProblems(password).length === 0;

/** Operator and branch codes: short upper-case identifiers as in F2000. */
export const CODE_PATTERN = /^[A-Z0-9_]{1,16}$/;

/** Rejects control characters anywhere in user-entered text (names, paths shown on screen). */
export const hasControlChars = (text: string): boolean => /[\u0000-\u001f\u007f-\u009f]/.test(text);
