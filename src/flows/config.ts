// Use cases of [A-1-5-1] Konfiguracja oddziału, [A-1-5-2] Konfiguracja stanowiska and [A-1-5-5] Operatorzy:
// input rules with Polish messages, rights, folder creation. The store writes and audits (configChanged,
// operatorChanged); these functions decide what may reach it.
import fs from 'node:fs/promises';
import path from 'node:path';
import type {AuthMethod, BranchConfig, EnvCode, Operator, Role, WorkstationConfig} from '../domain/index.js';
import {ENV_CODES} from '../domain/index.js';
import {isValidInternalId, normalizeNip} from '../domain/identifiers.js';
import {hasControlChars, passwordProblems, type PasswordRule} from '../domain/rules.js';
import {KSEF_ENVIRONMENTS} from '../ksef/environments.js';
import type {Store} from '../store/types.js';
import {verifyPassword} from '../store/secrets.js';
import {catalogueError, FlowError} from './errors.js';
import {acceptablePesel} from '../domain/rights.js';
import {makeDir} from './fs-util.js';

export interface ConfigDeps {
  store: Store;
  /** The logged-in operator (rights are checked against a fresh copy from the store). */
  operator: Pick<Operator, 'code'>;
  workstation?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Branch configuration [A-1-5-1]

/** Single-letter codes of the authorisation method (F2000 form). */
export const AUTH_METHOD_CODES: Record<string, AuthMethod> = {E: 'esignature', Z: 'trustedProfile', C: 'ksefCertificate'};
export const authMethodCode = (m: AuthMethod): string =>
  Object.keys(AUTH_METHOD_CODES).find(k => AUTH_METHOD_CODES[k] === m) ?? 'E';

/** Context identifier type codes: N NIP firmy, W identyfikator wewnętrzny. */
export const CONTEXT_TYPE_CODES: Record<string, BranchConfig['contextType']> = {N: 'Nip', W: 'InternalId'};
export const contextTypeCode = (t: BranchConfig['contextType']): string => (t === 'InternalId' ? 'W' : 'N');

/** Last day on which a Profil Zaufany signature is accepted for KSeF authentication (regulation of 12 Dec 2025). */
export const TRUSTED_PROFILE_END = '2026-03-31';

/** Polish error for an InternalId that is malformed or does not belong to the company (`NIP-NNNNN`). */
export function internalIdProblem(value: string, companyNip: string): string | undefined {
  const v = value.trim();
  if (!v) return 'Podaj identyfikator wewnętrzny (NIP firmy, myślnik, 5 cyfr, np. 1111111111-00001).';
  if (!/^\d{10}-\d{5}$/.test(v)) return `Identyfikator wewnętrzny „${v}” ma nieprawidłowy format — oczekiwano NIP-NNNNN (10 cyfr, myślnik, 5 cyfr).`;
  if (!isValidInternalId(v)) return `Identyfikator wewnętrzny „${v}” zawiera NIP z błędną sumą kontrolną.`;
  const nip = normalizeNip(companyNip);
  if (nip && v.slice(0, 10) !== nip) return `Identyfikator wewnętrzny musi zaczynać się od NIP firmy (${nip}).`;
  return undefined;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Host names of the official KSeF API endpoints (TEST, DEMO, PROD). */
export const OFFICIAL_API_HOSTS: readonly string[] = ENV_CODES.map(c => new URL(KSEF_ENVIRONMENTS[c].apiBase).hostname);

export interface ApiUrlCheck {
  /** Refusal (not an http(s) URL). */
  error?: string;
  /** Accepted, but worth a second look (neither loopback nor an official KSeF host). */
  warning?: string;
  /** Normalised URL (no trailing slash); undefined for an empty input (= default of the environment). */
  url?: string;
}

export function checkApiUrl(text: string): ApiUrlCheck {
  const v = text.trim();
  if (!v) return {};
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    return {error: `„${v}” nie jest adresem URL — podaj adres zaczynający się od http:// lub https://.`};
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return {error: `Adres API KSeF musi zaczynać się od http:// lub https:// (podano ${u.protocol}).`};
  if (!u.hostname) return {error: `W adresie „${v}” brakuje nazwy serwera.`};
  if (u.username || u.password) return {error: 'Adres API nie może zawierać nazwy użytkownika ani hasła.'};
  if (u.search || u.hash) return {error: 'Adres API nie może zawierać parametrów (?…) ani kotwicy (#…).'};
  const url = v.replace(/\/+$/, '');
  const host = u.hostname.toLowerCase();
  const loopback = LOOPBACK_HOSTS.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
  if (loopback) return {url};
  if (!OFFICIAL_API_HOSTS.includes(host)) {
    return {url, warning: `Uwaga: ${host} nie jest serwerem KSeF Ministerstwa Finansów ani adresem lokalnym — upewnij się, że to zamierzony adres.`};
  }
  if (u.protocol !== 'https:') return {url, warning: 'Uwaga: serwery KSeF działają tylko przez https://.'};
  return {url};
}

export interface BranchConfigInput {
  defaultEnv: EnvCode;
  authMethod: AuthMethod;
  contextType: BranchConfig['contextType'];
  contextValue?: string;
  apiUrl?: string;
}

/**
 * `expected`: the record as the form loaded it. When given, the save is refused (StoreError 'conflict', naming the
 * changed fields) if the store holds something else by now, instead of silently reverting another operator's change.
 */
export interface SaveOptions<T> {
  expected?: T;
}

async function freshOperator(store: Store, code: string): Promise<Operator> {
  const op = (await store.listOperators()).find(o => o.code === code);
  if (!op || op.disabled) throw new FlowError('Operator jest nieaktywny lub nie istnieje.', 'forbidden');
  return op;
}

/** Validates and saves a branch configuration. Admin only. Returns what was stored and any URL warning. */
export async function saveBranchConfiguration(
  deps: ConfigDeps, branchCode: string, input: BranchConfigInput, opts: SaveOptions<BranchConfig> = {},
): Promise<{config: BranchConfig; warning?: string}> {
  const op = await freshOperator(deps.store, deps.operator.code);
  if (op.role !== 'admin') throw new FlowError('Konfigurację oddziału może zmieniać tylko administrator.', 'forbidden');
  if (!ENV_CODES.includes(input.defaultEnv)) throw new FlowError(`Nieznane środowisko „${String(input.defaultEnv)}” (D, P lub T).`, 'invalid');
  if (!Object.values(AUTH_METHOD_CODES).includes(input.authMethod)) throw new FlowError('Nieznana metoda autoryzacji.', 'invalid');
  const config: BranchConfig = {defaultEnv: input.defaultEnv, authMethod: input.authMethod, contextType: input.contextType};
  if (input.contextType === 'InternalId') {
    const company = await deps.store.company();
    const value = (input.contextValue ?? '').trim();
    const problem = internalIdProblem(value, company.nip);
    if (problem) throw new FlowError(problem, 'contextValue');
    config.contextValue = value;
  } else if (input.contextType !== 'Nip') {
    throw new FlowError('Nieznany typ identyfikatora kontekstu (N lub W).', 'invalid');
  }
  const url = checkApiUrl(input.apiUrl ?? '');
  if (url.error) throw new FlowError(url.error, 'apiUrl');
  if (url.url) config.apiUrl = url.url;
  await deps.store.saveBranchConfig(branchCode, config, op.code, opts.expected);
  return {config, warning: url.warning};
}

// ---------------------------------------------------------------------------------------------------------------
// Workstation configuration [A-1-5-2]

export const SIGN_COMMAND_PLACEHOLDERS = ['{file}', '{dir}'] as const;
export const SIGN_COMMAND_EXAMPLE = 'xdg-open https://www.gov.pl/web/gov/podpisz-dokument-elektronicznie-wykorzystaj-podpis-zaufany {dir}';

/** Polish error for a sign command with an unknown `{…}` placeholder or control characters. */
export function signCommandProblem(cmd: string): string | undefined {
  if (hasControlChars(cmd)) return 'Polecenie zawiera znaki sterujące.';
  const unknown = (cmd.match(/\{[^}]*\}/g) ?? []).filter(p => !(SIGN_COMMAND_PLACEHOLDERS as readonly string[]).includes(p));
  if (unknown.length) return `Nieznany znacznik ${unknown[0]} — dozwolone są {file} (plik auth.xml) i {dir} (folder).`;
  return undefined;
}

const IO_TEXT: Record<string, string> = {
  EACCES: 'brak uprawnień',
  EPERM: 'operacja niedozwolona',
  EROFS: 'system plików tylko do odczytu',
  ENOTDIR: 'część ścieżki nie jest folderem',
  EEXIST: 'istnieje plik o tej nazwie',
  ENOSPC: 'brak miejsca na dysku',
  ENAMETOOLONG: 'zbyt długa nazwa',
};

/** Makes sure `dir` is an existing, writable folder (creates it with parents). Polish FlowError otherwise. */
export async function ensureFolder(dir: string, what: string): Promise<{created: boolean}> {
  if (!dir.trim()) throw new FlowError(`Podaj ${what}.`, 'invalid');
  if (!path.isAbsolute(dir)) throw new FlowError(`${capital(what)} musi być podany jako pełna ścieżka (${dir}).`, 'invalid');
  let created = false;
  let step = 'użyć';
  try {
    const st = await fs.stat(dir).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return undefined;
      if (e.code === 'ENOTDIR') step = 'utworzyć'; // a parent is a file: the folder can never exist there
      throw e;
    });
    if (st && !st.isDirectory()) throw Object.assign(new Error('not a directory'), {code: 'ENOTDIR'});
    if (!st) {
      step = 'utworzyć';
      await makeDir(dir, 0o700);
      created = true;
      step = 'użyć';
    }
    await fs.access(dir, fs.constants.W_OK | fs.constants.X_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    const reason = IO_TEXT[code] ?? (e as Error).message;
    throw new FlowError(`Nie można ${step} folderu ${dir}: ${reason}.`, 'folder');
  }
  return {created};
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export interface WorkstationSaveResult {
  config: WorkstationConfig;
  /** Folders created by this save. */
  created: string[];
}

/** Only an administrator may set the command `K` runs for everyone on the host (a shared SSH server has one name). */
export const maySetSignCommand = (op: Pick<Operator, 'role' | 'disabled'>): boolean => op.role === 'admin' && !op.disabled;

/**
 * Validates, creates the folders and saves the workstation configuration. Folders and language: any logged-in
 * operator; the sign command: administrators only (the store records who set it and when, and audits it verbatim).
 */
export async function saveWorkstationConfiguration(
  deps: ConfigDeps, ws: WorkstationConfig, opts: SaveOptions<WorkstationConfig> = {},
): Promise<WorkstationSaveResult> {
  const op = await freshOperator(deps.store, deps.operator.code);
  const current = await deps.store.workstation(ws.host);
  if (ws.signCommand.trim() !== current.signCommand.trim() && !maySetSignCommand(op)) {
    throw catalogueError('rights.signCommandAdminOnly', undefined, 'forbidden');
  }
  // The PKCS#11 module is a library loaded into every session on this host: like the sign command, admins only.
  if ((ws.pkcs11Module ?? '').trim() !== (current.pkcs11Module ?? '').trim() && !maySetSignCommand(op)) {
    throw catalogueError('pkcs11.moduleAdminOnly', undefined, 'forbidden');
  }
  const problem = signCommandProblem(ws.signCommand);
  if (problem) throw new FlowError(problem, 'signCommand');
  const created: string[] = [];
  for (const [dir, what, field] of [[ws.signFolder, 'folder plików do podpisu', 'signFolder'], [ws.exportFolder, 'folder eksportu', 'exportFolder']] as const) {
    try {
      if ((await ensureFolder(dir, what)).created) created.push(dir);
    } catch (e) {
      throw e instanceof FlowError ? new FlowError(e.message, field) : e;
    }
  }
  const config: WorkstationConfig = {host: ws.host, signFolder: ws.signFolder, signCommand: ws.signCommand.trim(), exportFolder: ws.exportFolder, lang: ws.lang};
  // PKCS#11 module and token label [A-1-5-2] (optional: keys on a card / HSM).
  if (ws.pkcs11Module?.trim()) config.pkcs11Module = ws.pkcs11Module.trim();
  if (ws.pkcs11Token?.trim()) config.pkcs11Token = ws.pkcs11Token.trim();
  await deps.store.saveWorkstation(config, op.code, opts.expected);
  return {config, created};
}

// ---------------------------------------------------------------------------------------------------------------
// Operators [A-1-5-5]

const RULE_PL: Record<PasswordRule, string> = {
  length: 'co najmniej 12 znaków', upper: 'wielka litera', lower: 'mała litera', digit: 'cyfra', special: 'znak specjalny',
};

/** Polish error for a new password and its repetition (empty = unchanged, allowed only when `optional`). */
export function newPasswordProblem(password: string, repeat: string, optional: boolean): string | undefined {
  if (!password && !repeat) return optional ? undefined : 'Podaj hasło.';
  const missing = passwordProblems(password);
  if (missing.length) return `Hasło jest za słabe — brakuje: ${missing.map(r => RULE_PL[r]).join(', ')}.`;
  if (password !== repeat) return 'Hasła nie są zgodne.';
  return undefined;
}

/** The operators the logged-in operator may see on [A-1-5-5]: all for an admin, only themself otherwise. */
export async function visibleOperators(deps: ConfigDeps): Promise<Operator[]> {
  const all = await deps.store.listOperators();
  const me = all.find(o => o.code === deps.operator.code);
  if (me?.role === 'admin' && !me.disabled) return all;
  return me ? [me] : [];
}

export interface OperatorInput {
  code: string;
  name: string;
  role: Role;
  branch: string;
  disabled: boolean;
  /** Empty = keep the current password (existing operators only). */
  password: string;
  repeat: string;
  /** PESEL of the person (personal KSeF certificates); '' clears it, undefined keeps it. */
  pesel?: string;
}

/** Adds or changes an operator. Admin only (the store keeps the last active admin). */
export async function saveOperator(deps: ConfigDeps, input: OperatorInput, isNew: boolean, opts: SaveOptions<Operator> = {}): Promise<void> {
  const me = await freshOperator(deps.store, deps.operator.code);
  if (me.role !== 'admin') throw new FlowError('Operatorów może dodawać i zmieniać tylko administrator.', 'forbidden');
  const code = input.code.trim().toUpperCase();
  const exists = (await deps.store.listOperators()).some(o => o.code === code);
  if (isNew && exists) throw new FlowError(`Operator ${code} już istnieje.`, 'code');
  if (!isNew && !exists) throw new FlowError(`Nie ma operatora ${code}.`, 'code');
  const problem = newPasswordProblem(input.password, input.repeat, !isNew);
  if (problem) throw new FlowError(problem, 'password');
  const pesel = input.pesel?.trim();
  if (pesel !== undefined && !acceptablePesel(pesel)) throw catalogueError('rights.badPesel', {pesel}, 'pesel');
  await deps.store.upsertOperator({
    code, name: input.name, role: input.role, branch: input.branch, disabled: input.disabled,
    ...(input.password ? {password: input.password} : {}),
    ...(pesel !== undefined ? {pesel} : {}),
  }, me.code, isNew ? undefined : opts.expected);
}

/** An operator changes their own password: the old one is required (a wrong one is audited as passwordFailed). */
export async function changeOwnPassword(deps: ConfigDeps, oldPassword: string, password: string, repeat: string): Promise<void> {
  const me = await freshOperator(deps.store, deps.operator.code);
  if (!(await verifyPassword(oldPassword, me.passwordHash))) {
    await deps.store.audit({operator: me.code, workstation: deps.workstation ?? '', action: 'passwordFailed', details: 'zmiana własnego hasła: błędne obecne hasło'});
    throw new FlowError('Obecne hasło jest nieprawidłowe.', 'oldPassword');
  }
  const problem = newPasswordProblem(password, repeat, false);
  if (problem) throw new FlowError(problem, 'password');
  if (password === oldPassword) throw new FlowError('Nowe hasło musi różnić się od obecnego.', 'password');
  await deps.store.upsertOperator({code: me.code, name: me.name, role: me.role, branch: me.branch, disabled: !!me.disabled, password}, me.code);
}
