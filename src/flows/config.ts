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
import {catalogueError, FlowError, flowError} from './errors.js';
import {joinMessages, makeT, msg, render, type Message, type Translate} from '../i18n/index.js';
import {acceptablePesel} from '../domain/rights.js';
import {makeDir} from './fs-util.js';
import {auditNote} from './audit-notes.js';

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

const plT = makeT('pl');
const rendered = (m: Message | undefined, t: Translate): string | undefined => (m ? render(t, m) : undefined);

/** What is wrong with an InternalId (malformed or not the company's: `NIP-NNNNN`), as a catalogue message. */
export function internalIdIssue(value: string, companyNip: string): Message | undefined {
  const v = value.trim();
  if (!v) return msg('cfgErr.internalId.empty');
  if (!/^\d{10}-\d{5}$/.test(v)) return msg('cfgErr.internalId.format', {value: v});
  if (!isValidInternalId(v)) return msg('cfgErr.internalId.checksum', {value: v});
  const nip = normalizeNip(companyNip);
  if (nip && v.slice(0, 10) !== nip) return msg('cfgErr.internalId.company', {nip});
  return undefined;
}

/** internalIdIssue as text in the language of `t` (Polish by default). */
export const internalIdProblem = (value: string, companyNip: string, t: Translate = plT): string | undefined =>
  rendered(internalIdIssue(value, companyNip), t);

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

/** The API URL check with its refusal or warning as catalogue messages. */
export function apiUrlIssues(text: string): {error?: Message; warning?: Message; url?: string} {
  const v = text.trim();
  if (!v) return {};
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    return {error: msg('cfgErr.url.notUrl', {value: v})};
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return {error: msg('cfgErr.url.protocol', {protocol: u.protocol})};
  if (!u.hostname) return {error: msg('cfgErr.url.noHost', {value: v})};
  if (u.username || u.password) return {error: msg('cfgErr.url.credentials')};
  if (u.search || u.hash) return {error: msg('cfgErr.url.query')};
  const url = v.replace(/\/+$/, '');
  const host = u.hostname.toLowerCase();
  const loopback = LOOPBACK_HOSTS.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
  if (loopback) return {url};
  if (!OFFICIAL_API_HOSTS.includes(host)) return {url, warning: msg('cfgErr.url.notOfficial', {host})};
  if (u.protocol !== 'https:') return {url, warning: msg('cfgErr.url.notHttps')};
  return {url};
}

/** apiUrlIssues with texts in the language of `t` (Polish by default). */
export function checkApiUrl(text: string, t: Translate = plT): ApiUrlCheck {
  const c = apiUrlIssues(text);
  return {
    ...(c.error ? {error: render(t, c.error)} : {}),
    ...(c.warning ? {warning: render(t, c.warning)} : {}),
    ...(c.url !== undefined ? {url: c.url} : {}),
  };
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
  if (!op || op.disabled) throw flowError(msg('flowErr.operatorInactive'), 'forbidden');
  return op;
}

/** Validates and saves a branch configuration. Admin only. Returns what was stored and any URL warning. */
export async function saveBranchConfiguration(
  deps: ConfigDeps, branchCode: string, input: BranchConfigInput, opts: SaveOptions<BranchConfig> = {},
): Promise<{config: BranchConfig; warning?: string; warningMsg?: Message}> {
  const op = await freshOperator(deps.store, deps.operator.code);
  if (op.role !== 'admin') throw flowError(msg('cfgErr.branchAdminOnly'), 'forbidden');
  if (!ENV_CODES.includes(input.defaultEnv)) throw flowError(msg('cfgErr.badEnv', {env: String(input.defaultEnv)}), 'invalid');
  if (!Object.values(AUTH_METHOD_CODES).includes(input.authMethod)) throw flowError(msg('cfgErr.badAuthMethod'), 'invalid');
  const config: BranchConfig = {defaultEnv: input.defaultEnv, authMethod: input.authMethod, contextType: input.contextType};
  if (input.contextType === 'InternalId') {
    const company = await deps.store.company();
    const value = (input.contextValue ?? '').trim();
    const problem = internalIdIssue(value, company.nip);
    if (problem) throw flowError(problem, 'contextValue');
    config.contextValue = value;
  } else if (input.contextType !== 'Nip') {
    throw flowError(msg('cfgErr.badContextType'), 'invalid');
  }
  const url = apiUrlIssues(input.apiUrl ?? '');
  if (url.error) throw flowError(url.error, 'apiUrl');
  if (url.url) config.apiUrl = url.url;
  await deps.store.saveBranchConfig(branchCode, config, op.code, opts.expected);
  return {config, warning: rendered(url.warning, plT), warningMsg: url.warning};
}

// ---------------------------------------------------------------------------------------------------------------
// Workstation configuration [A-1-5-2]

export const SIGN_COMMAND_PLACEHOLDERS = ['{file}', '{dir}'] as const;
export const SIGN_COMMAND_EXAMPLE = 'xdg-open https://www.gov.pl/web/gov/podpisz-dokument-elektronicznie-wykorzystaj-podpis-zaufany {dir}';

/** What is wrong with a sign command (an unknown `{…}` placeholder or control characters), as a message. */
export function signCommandIssue(cmd: string): Message | undefined {
  if (hasControlChars(cmd)) return msg('cfgErr.signCommand.control');
  const unknown = (cmd.match(/\{[^}]*\}/g) ?? []).filter(p => !(SIGN_COMMAND_PLACEHOLDERS as readonly string[]).includes(p));
  if (unknown.length) return msg('cfgErr.signCommand.unknown', {placeholder: unknown[0], file: '{file}', dir: '{dir}'});
  return undefined;
}

export const signCommandProblem = (cmd: string, t: Translate = plT): string | undefined => rendered(signCommandIssue(cmd), t);

const IO_CODES = ['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'ENOSPC', 'ENAMETOOLONG'] as const;
const ioReason = (code: string, detail: string): Message =>
  (IO_CODES as readonly string[]).includes(code) ? msg(`cfgErr.io.${code as (typeof IO_CODES)[number]}`) : msg('err.verbatim', {text: detail});

/** The folders of the workstation configuration; another `what` is a caller's own noun, shown as given. */
export type FolderKind = 'signFolder' | 'exportFolder';

/** Makes sure `dir` is an existing, writable folder (creates it with parents). FlowError with a catalogue message otherwise. */
export async function ensureFolder(dir: string, what: FolderKind | string): Promise<{created: boolean}> {
  const kind = what === 'signFolder' || what === 'exportFolder' ? what : undefined;
  const noun = kind ? msg(`cfgErr.folder.${kind}`) : msg('err.verbatim', {text: what});
  const Noun = kind ? msg(`cfgErr.folder.${kind}Cap`) : msg('err.verbatim', {text: capital(what)});
  if (!dir.trim()) throw flowError(msg('cfgErr.folder.empty', {what: noun}), 'invalid');
  if (!path.isAbsolute(dir)) throw flowError(msg('cfgErr.folder.relative', {what: Noun, dir}), 'invalid');
  let created = false;
  let step: 'cannotUse' | 'cannotCreate' = 'cannotUse';
  try {
    const st = await fs.stat(dir).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return undefined;
      if (e.code === 'ENOTDIR') step = 'cannotCreate'; // a parent is a file: the folder can never exist there
      throw e;
    });
    if (st && !st.isDirectory()) throw Object.assign(new Error('not a directory'), {code: 'ENOTDIR'});
    if (!st) {
      step = 'cannotCreate';
      await makeDir(dir, 0o700);
      created = true;
      step = 'cannotUse';
    }
    await fs.access(dir, fs.constants.W_OK | fs.constants.X_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    throw flowError(msg(`cfgErr.folder.${step}`, {dir, reason: ioReason(code, (e as Error).message)}), 'folder');
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
  const problem = signCommandIssue(ws.signCommand);
  if (problem) throw flowError(problem, 'signCommand');
  const created: string[] = [];
  for (const [dir, field] of [[ws.signFolder, 'signFolder'], [ws.exportFolder, 'exportFolder']] as const) {
    try {
      if ((await ensureFolder(dir, field)).created) created.push(dir);
    } catch (e) {
      throw e instanceof FlowError ? new FlowError(e.message, field, e.msg) : e;
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

/** What is wrong with a new password and its repetition (empty = unchanged, allowed only when `optional`). */
export function newPasswordIssue(password: string, repeat: string, optional: boolean): Message | undefined {
  if (!password && !repeat) return optional ? undefined : msg('cfgErr.password.empty');
  const missing = passwordProblems(password);
  if (missing.length) return msg('storeErr.weakPassword', {missing: joinMessages(missing.map((r: PasswordRule) => msg(`storeErr.rule.${r}`)))});
  if (password !== repeat) return msg('cfgErr.password.mismatch');
  return undefined;
}

export const newPasswordProblem = (password: string, repeat: string, optional: boolean, t: Translate = plT): string | undefined =>
  rendered(newPasswordIssue(password, repeat, optional), t);

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
  if (me.role !== 'admin') throw flowError(msg('cfgErr.operatorsAdminOnly'), 'forbidden');
  const code = input.code.trim().toUpperCase();
  const exists = (await deps.store.listOperators()).some(o => o.code === code);
  if (isNew && exists) throw flowError(msg('cfgErr.operatorExists', {code}), 'code');
  if (!isNew && !exists) throw flowError(msg('cfgErr.noOperator', {code}), 'code');
  const problem = newPasswordIssue(input.password, input.repeat, !isNew);
  if (problem) throw flowError(problem, 'password');
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
    await deps.store.audit({operator: me.code, workstation: deps.workstation ?? '', action: 'passwordFailed', ...auditNote(msg('auditNote.ownPasswordWrong'))});
    throw flowError(msg('cfgErr.oldPasswordWrong'), 'oldPassword');
  }
  const problem = newPasswordIssue(password, repeat, false);
  if (problem) throw flowError(problem, 'password');
  if (password === oldPassword) throw flowError(msg('cfgErr.passwordUnchanged'), 'password');
  await deps.store.upsertOperator({code: me.code, name: me.name, role: me.role, branch: me.branch, disabled: !!me.disabled, password}, me.code);
}
