// Input checks shared by both store backends (lowdb folder and PostgreSQL), so both refuse the same things with the
// same catalogue messages.
import {
  CODE_PATTERN, hasControlChars, isValidPesel, passwordProblems, type BranchConfig, type Operator, type PasswordRule, type WorkstationConfig,
} from '../domain/index.js';
import {ENCRYPTED_PEM_HEADER, hasPlainPrivateKey} from './secrets.js';
import {StoreError} from './types.js';
import {joinMessages, msg, type Message} from '../i18n/index.js';


export type OperatorInput = Omit<Operator, 'passwordHash'> & {password?: string};

/** Checks an operator edit; returns the normalised code and name. */
export function checkOperatorInput(input: OperatorInput): {code: string; name: string} {
  const code = input.code.trim().toUpperCase();
  if (!CODE_PATTERN.test(code)) throw new StoreError('invalid', msg('storeErr.badCode', {code: input.code}));
  const name = input.name.trim();
  if (!name || hasControlChars(name)) throw new StoreError('invalid', msg('storeErr.badName'));
  if (input.role !== 'admin' && input.role !== 'operator') throw new StoreError('invalid', msg('storeErr.badRole', {role: String(input.role)}));
  if (input.password !== undefined) {
    const problems = passwordProblems(input.password);
    if (problems.length) {
      const missing = problems.map((p: PasswordRule) => msg(`storeErr.rule.${p}`));
      // One placeholder per rule keeps the list translatable: "a, b, c".
      throw new StoreError('invalid', msg('storeErr.weakPassword', {missing: joinMessages(missing)}));
    }
  }
  const pesel = input.pesel?.trim();
  if (pesel && !isValidPesel(pesel)) throw new StoreError('invalid', msg('storeErr.badPesel', {pesel}));
  return {code, name};
}

/** Applies an operator edit to the list (in place); refuses removing the last active admin. Returns the audit note. */
export function applyOperator(operators: Operator[], branches: readonly {code: string}[], input: OperatorInput, code: string, name: string, passwordHash?: string): Message {
  if (!branches.some((b) => b.code === input.branch)) throw new StoreError('invalid', msg('storeErr.noBranch', {code: input.branch}));
  const existing = operators.find((o) => o.code === code);
  if (!existing && !passwordHash) throw new StoreError('invalid', msg('storeErr.newOperatorPassword', {code}));
  // undefined keeps the stored PESEL (e.g. a password change), '' clears it.
  const peselIn = input.pesel?.trim();
  const pesel = peselIn === undefined ? existing?.pesel : peselIn;
  if (pesel && operators.some((o) => o.code !== code && o.pesel === pesel)) {
    throw new StoreError('invalid', msg('storeErr.peselTaken', {pesel}));
  }
  const next: Operator = {
    code, name, role: input.role, branch: input.branch,
    passwordHash: passwordHash ?? existing!.passwordHash,
    ...(input.disabled ? {disabled: true} : {}),
    ...(pesel ? {pesel} : {}),
  };
  if (existing) operators[operators.indexOf(existing)] = next;
  else operators.push(next);
  if (!operators.some((o) => o.role === 'admin' && !o.disabled)) {
    throw new StoreError('forbidden', msg('storeErr.lastAdmin'));
  }
  if (existing) return passwordHash ? msg('auditNote.operatorChangedPassword', {code}) : msg('auditNote.operatorChanged', {code});
  return passwordHash ? msg('auditNote.operatorAddedPassword', {code}) : msg('auditNote.operatorAdded', {code});
}

/** Checks a workstation config and returns a copy with only the known fields. */
export function cleanWorkstation(ws: WorkstationConfig): WorkstationConfig {
  for (const text of [ws.host, ws.signFolder, ws.exportFolder, ws.signCommand, ws.pkcs11Module ?? '', ws.pkcs11Token ?? '']) {
    if (hasControlChars(text)) throw new StoreError('invalid', msg('storeErr.wsControlChars'));
  }
  if (!ws.host.trim()) throw new StoreError('invalid', msg('storeErr.wsNoHost'));
  if (ws.lang !== 'pl' && ws.lang !== 'en') throw new StoreError('invalid', msg('storeErr.badLang', {lang: String(ws.lang)}));
  const clean: WorkstationConfig = {host: ws.host, signFolder: ws.signFolder, exportFolder: ws.exportFolder, signCommand: ws.signCommand, lang: ws.lang};
  if (ws.pkcs11Module) clean.pkcs11Module = ws.pkcs11Module;
  if (ws.pkcs11Token) clean.pkcs11Token = ws.pkcs11Token;
  return clean;
}

export function checkKeyPem(keyPem: string): void {
  if (hasPlainPrivateKey(keyPem) || (keyPem.trim() !== '' && !keyPem.trimStart().startsWith(ENCRYPTED_PEM_HEADER))) {
    throw new StoreError('invalid', msg('storeErr.plainKey'));
  }
}

export const duplicateSerial = (serial: string, otherName: string): StoreError =>
  new StoreError('duplicateSerial', msg('storeErr.duplicateSerial', {serial, name: otherName}));

// Optimistic concurrency of the configuration forms: the values a form was opened with are compared, inside the
// update, with the store's; a difference means someone else saved meanwhile, and saving would silently revert it.
export const branchFields = (c: BranchConfig) => ({
  defaultEnv: c.defaultEnv, authMethod: c.authMethod, contextType: c.contextType, contextValue: c.contextValue ?? '', apiUrl: c.apiUrl ?? '',
});
export const workstationFields = (w: WorkstationConfig) => ({signFolder: w.signFolder, signCommand: w.signCommand, exportFolder: w.exportFolder, lang: w.lang});
export const operatorFields = (o: Operator) => ({name: o.name, role: o.role, branch: o.branch, disabled: !!o.disabled, pesel: o.pesel ?? ''});

/** What a conflict is about: an operator, a branch's or a workstation's configuration. */
export type ConflictSubject = {operator: string} | {branch: string} | {workstation: string};

const subjectMsg = (s: ConflictSubject): Message =>
  'operator' in s ? msg('storeErr.conflict.operator', {code: s.operator})
    : 'branch' in s ? msg('storeErr.conflict.branch', {code: s.branch})
      : msg('storeErr.conflict.workstation', {host: s.workstation});

export function conflict(what: ConflictSubject, fields: string[]): StoreError {
  return new StoreError('conflict', msg('storeErr.conflict', {what: subjectMsg(what), fields: fields.join(', ')}), fields);
}

export function assertUnchanged<T extends Record<string, unknown>>(what: ConflictSubject, current: T, expected: T): void {
  const changed = Object.keys(current).filter((k) => current[k] !== expected[k]);
  if (changed.length) throw conflict(what, changed);
}
