// Input checks shared by both store backends (lowdb folder and PostgreSQL), so both refuse the same things with the
// same Polish messages.
import {
  CODE_PATTERN, hasControlChars, isValidPesel, passwordProblems, type BranchConfig, type Operator, type PasswordRule, type WorkstationConfig,
} from '../domain/index.js';
import {ENCRYPTED_PEM_HEADER, hasPlainPrivateKey} from './secrets.js';
import {StoreError} from './types.js';

const PASSWORD_RULE_PL: Record<PasswordRule, string> = {
  length: 'co najmniej 12 znaków',
  upper: 'wielka litera',
  lower: 'mała litera',
  digit: 'cyfra',
  special: 'znak specjalny',
};

export type OperatorInput = Omit<Operator, 'passwordHash'> & {password?: string};

/** Checks an operator edit; returns the normalised code and name. */
export function checkOperatorInput(input: OperatorInput): {code: string; name: string} {
  const code = input.code.trim().toUpperCase();
  if (!CODE_PATTERN.test(code)) throw new StoreError('invalid', `Kod operatora „${input.code}” jest nieprawidłowy (A–Z, 0–9, _; do 16 znaków).`);
  const name = input.name.trim();
  if (!name || hasControlChars(name)) throw new StoreError('invalid', 'Nazwa operatora jest pusta albo zawiera znaki sterujące.');
  if (input.role !== 'admin' && input.role !== 'operator') throw new StoreError('invalid', `Nieznana rola „${String(input.role)}”.`);
  if (input.password !== undefined) {
    const problems = passwordProblems(input.password);
    if (problems.length) {
      throw new StoreError('invalid', `Hasło jest za słabe — brakuje: ${problems.map((p) => PASSWORD_RULE_PL[p]).join(', ')}.`);
    }
  }
  const pesel = input.pesel?.trim();
  if (pesel && !isValidPesel(pesel)) throw new StoreError('invalid', `PESEL „${pesel}” jest nieprawidłowy.`);
  return {code, name};
}

/** Applies an operator edit to the list (in place); refuses removing the last active admin. Returns the audit text. */
export function applyOperator(operators: Operator[], branches: readonly {code: string}[], input: OperatorInput, code: string, name: string, passwordHash?: string): string {
  if (!branches.some((b) => b.code === input.branch)) throw new StoreError('invalid', `Nie ma oddziału „${input.branch}”.`);
  const existing = operators.find((o) => o.code === code);
  if (!existing && !passwordHash) throw new StoreError('invalid', `Nowy operator ${code} musi mieć hasło.`);
  // undefined keeps the stored PESEL (e.g. a password change), '' clears it.
  const peselIn = input.pesel?.trim();
  const pesel = peselIn === undefined ? existing?.pesel : peselIn;
  if (pesel && operators.some((o) => o.code !== code && o.pesel === pesel)) {
    throw new StoreError('invalid', `PESEL ${pesel} ma już inny operator.`);
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
    throw new StoreError('forbidden', 'Nie można odebrać uprawnień ostatniemu aktywnemu administratorowi.');
  }
  return `${existing ? 'zmieniono' : 'dodano'} operatora ${code}${passwordHash ? ' (nowe hasło)' : ''}`;
}

/** Checks a workstation config and returns a copy with only the known fields. */
export function cleanWorkstation(ws: WorkstationConfig): WorkstationConfig {
  for (const text of [ws.host, ws.signFolder, ws.exportFolder, ws.signCommand, ws.pkcs11Module ?? '', ws.pkcs11Token ?? '']) {
    if (hasControlChars(text)) throw new StoreError('invalid', 'Konfiguracja stanowiska zawiera znaki sterujące.');
  }
  if (!ws.host.trim()) throw new StoreError('invalid', 'Brak nazwy stanowiska (hosta).');
  if (ws.lang !== 'pl' && ws.lang !== 'en') throw new StoreError('invalid', `Nieznany język „${String(ws.lang)}”.`);
  const clean: WorkstationConfig = {host: ws.host, signFolder: ws.signFolder, exportFolder: ws.exportFolder, signCommand: ws.signCommand, lang: ws.lang};
  if (ws.pkcs11Module) clean.pkcs11Module = ws.pkcs11Module;
  if (ws.pkcs11Token) clean.pkcs11Token = ws.pkcs11Token;
  return clean;
}

export function checkKeyPem(keyPem: string): void {
  if (hasPlainPrivateKey(keyPem) || (keyPem.trim() !== '' && !keyPem.trimStart().startsWith(ENCRYPTED_PEM_HEADER))) {
    throw new StoreError('invalid', 'Klucz prywatny musi być zaszyfrowany (sealKey) przed zapisaniem w magazynie.');
  }
}

export const duplicateSerial = (serial: string, otherName: string): StoreError =>
  new StoreError('duplicateSerial', `Certyfikat o numerze seryjnym ${serial} jest już w magazynie („${otherName}”).`);

// Optimistic concurrency of the configuration forms: the values a form was opened with are compared, inside the
// update, with the store's; a difference means someone else saved meanwhile, and saving would silently revert it.
export const branchFields = (c: BranchConfig) => ({
  defaultEnv: c.defaultEnv, authMethod: c.authMethod, contextType: c.contextType, contextValue: c.contextValue ?? '', apiUrl: c.apiUrl ?? '',
});
export const workstationFields = (w: WorkstationConfig) => ({signFolder: w.signFolder, signCommand: w.signCommand, exportFolder: w.exportFolder, lang: w.lang});
export const operatorFields = (o: Operator) => ({name: o.name, role: o.role, branch: o.branch, disabled: !!o.disabled, pesel: o.pesel ?? ''});

export function conflict(what: string, fields: string[]): StoreError {
  return new StoreError(
    'conflict',
    `${what} zmienił w międzyczasie ktoś inny (${fields.join(', ')}) — nic nie zapisano, aby nie cofnąć tej zmiany.`,
    fields,
  );
}

export function assertUnchanged<T extends Record<string, unknown>>(what: string, current: T, expected: T): void {
  const changed = Object.keys(current).filter((k) => current[k] !== expected[k]);
  if (changed.length) throw conflict(what, changed);
}
