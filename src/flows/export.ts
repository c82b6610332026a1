// F4 export from the list [A-1-5-7]: writes `<name>_<serial>.crt` (PEM) and `<name>_<serial>.key` (PKCS#8 encrypted
// with the user's password, mode 0600) into a folder, for use by another program (F2000 manual, "F4").
// Both files or neither, never over another export's files: see publish-pair.ts.
import {promises as fs, constants as fsc} from 'node:fs';
import path from 'node:path';
import type {CertificateRecord, Operator} from '../domain/index.js';
import {encryptPrivateKey, writeCertFile, writeKeyFile} from '../ksef/keys.js';
import {KsefCryptoError} from '../ksef/errors.js';
import type {Store} from '../store/types.js';
import {FlowError, flowError} from './errors.js';
import {makeDir} from './fs-util.js';
import {keyTokenLabel} from './token-keys.js';
import {PairExists, publishPair, sweepKilledExports, tempName} from './publish-pair.js';
import {makeT, msg, render, type Translate} from '../i18n/index.js';
import {assertCanManage, passwordPolicyIssue, passwordPolicyMessage, type ManageAction} from './manage-rules.js';
import {auditNote} from './audit-notes.js';

export {assertCanManage, passwordPolicyIssue, passwordPolicyMessage, type ManageAction};

export interface ExportDeps {
  store: Store;
  operator: Pick<Operator, 'code' | 'role' | 'disabled'>;
  workstation: string;
  /** File writers (tests inject failures such as ENOSPC); default: the atomic writers of src/ksef/keys.ts. */
  files?: {writeCert(file: string, pem: string): Promise<void>; writeKey(file: string, pem: string): Promise<void>};
  /** PBKDF2 iterations of the written key (default: the ksef core's figure). */
  keyIterations?: number;
}

export interface ExportOptions {
  dir: string;
  password: string;
  /** Replace existing files of the same name (default: refuse). */
  overwrite?: boolean;
  /** Create the folder when missing (the workstation's configured export folder [A-1-5-2]). */
  createFolder?: boolean;
}

export interface ExportResult {
  certPath: string;
  keyPath: string;
}

/** Base of the file names: the certificate name with anything but letters, digits, `-` and `_` turned into `_`. */
export function exportBaseName(rec: Pick<CertificateRecord, 'name' | 'serial'>): string {
  const name = rec.name.normalize('NFC').replace(/[^\p{L}\p{Nd}_-]+/gu, '_').replace(/^_+|_+$/g, '') || 'certyfikat';
  return `${name}_${rec.serial ?? 'bez-numeru'}`;
}

export function exportPaths(rec: Pick<CertificateRecord, 'name' | 'serial'>, dir: string): ExportResult {
  const base = path.join(path.resolve(dir), exportBaseName(rec));
  return {certPath: `${base}.crt`, keyPath: `${base}.key`};
}

function ioCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const code = (cur as {code?: unknown}).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
    cur = (cur as {cause?: unknown}).cause;
  }
  return undefined;
}

const WRITE_CODES = ['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'ENOENT', 'ENOTDIR'] as const;

/** The refusal for a failed write into the export folder. */
export function writeFailureMessage(e: unknown, dir: string): FlowError {
  const code = ioCode(e);
  const known = (WRITE_CODES as readonly (string | undefined)[]).includes(code) ? (code as (typeof WRITE_CODES)[number]) : undefined;
  return flowError(known ? msg(`flowErr.write.${known}`, {dir}) : msg('flowErr.write.other', {dir}), code ?? 'writeFailed');
}

async function checkFolder(dir: string): Promise<void> {
  let st;
  try {
    st = await fs.stat(dir);
  } catch (e) {
    throw writeFailureMessage(e, dir);
  }
  if (!st.isDirectory()) throw writeFailureMessage({code: 'ENOTDIR'}, dir);
  try {
    await fs.access(dir, fsc.W_OK);
  } catch (e) {
    throw writeFailureMessage(e, dir);
  }
}

const exists = (file: string): Promise<boolean> => fs.lstat(file).then(() => true, () => false);

function existsError(dir: string, files: (string | false)[]): FlowError {
  const names = files.filter((f): f is string => !!f).map((f) => path.basename(f));
  const listed = names.length > 1 ? msg('flowErr.and', {a: names[0], b: names[1]}) : names[0] ?? '';
  return flowError(msg(names.length > 1 ? 'flowErr.exists.many' : 'flowErr.exists.one', {dir, names: listed}), 'exists');
}

/**
 * Exports the certificate and its key. Refusals (FlowError): no right to manage it, no certificate yet, weak
 * password, missing / read-only folder, files already there (unless overwrite), write failure (full disk …).
 * Audit `export` (folder only — never the password).
 */
export async function exportCertificate(deps: ExportDeps, rec: CertificateRecord, opts: ExportOptions): Promise<ExportResult> {
  assertCanManage(deps.operator, rec, 'export');
  if (!rec.certPem || !rec.serial) {
    throw flowError(msg('flowErr.exportNotIssued', {name: rec.name}), 'notIssued');
  }
  const onToken = keyTokenLabel(rec);
  const weak = onToken === undefined ? passwordPolicyIssue(opts.password) : undefined;
  if (weak) throw flowError(weak, 'weakPassword');
  const dir = opts.dir.trim();
  if (!dir) throw flowError(msg('flowErr.exportNoFolder'), 'noFolder');
  if (opts.createFolder) await makeDir(dir, 0o700).catch((e) => Promise.reject(writeFailureMessage(e, dir)));
  await checkFolder(dir);
  await sweepKilledExports(dir);
  const {certPath, keyPath} = exportPaths(rec, dir);
  const existed = {cert: await exists(certPath), key: await exists(keyPath)};
  if (!opts.overwrite && (existed.cert || existed.key)) throw existsError(dir, [existed.cert && certPath, existed.key && keyPath]);

  if (onToken !== undefined) return exportTokenCertificate(deps, rec, certPath, existed.cert, dir, onToken);

  const key = await deps.store.unsealKey(rec.keyPem);
  const keyPem = encryptPrivateKey(key, opts.password, {iterations: deps.keyIterations});
  const files = deps.files ?? {writeCert: writeCertFile, writeKey: writeKeyFile};
  const pairs = [{temp: tempName(certPath), final: certPath}, {temp: tempName(keyPath), final: keyPath}];
  try {
    await files.writeCert(pairs[0].temp, rec.certPem);
    await files.writeKey(pairs[1].temp, keyPem);
    // Exclusive publication: of two exports racing past the check above, one writes and the other is refused here.
    await publishPair(pairs, !!opts.overwrite);
  } catch (e) {
    // Leave no half export behind: a .crt without its .key is useless and confusing.
    await Promise.all(pairs.map((p) => fs.rm(p.temp, {force: true}).catch(() => undefined)));
    if (e instanceof PairExists) throw existsError(dir, e.which);
    if (e instanceof KsefCryptoError && e.code !== 'writeFailed') throw e;
    throw writeFailureMessage(e, dir);
  }
  await deps.store.audit({
    operator: deps.operator.code, workstation: deps.workstation, action: 'export', certificateId: rec.id, serial: rec.serial,
    ...auditNote(msg('auditNote.exported', {dir: path.resolve(dir)})),
  });
  return {certPath, keyPath};
}

/**
 * A certificate whose key is on a PKCS#11 token: the .crt is written (the public part is useful to other programs),
 * the key cannot be, and the caller gets FlowError 'keyOnToken' naming the .crt (exit 1 in the CLI).
 */
async function exportTokenCertificate(deps: ExportDeps, rec: CertificateRecord, certPath: string, existed: boolean, dir: string, token: string): Promise<never> {
  const files = deps.files ?? {writeCert: writeCertFile, writeKey: writeKeyFile};
  try {
    await files.writeCert(certPath, rec.certPem!);
  } catch (e) {
    if (!existed) await fs.rm(certPath, {force: true}).catch(() => undefined);
    throw writeFailureMessage(e, dir);
  }
  await deps.store.audit({
    operator: deps.operator.code, workstation: deps.workstation, action: 'export', certificateId: rec.id, serial: rec.serial,
    ...auditNote(msg('auditNote.exportedCertOnly', {dir: path.resolve(dir), token})),
  });
  throw new FlowError(makeT('pl')('pkcs11.exportRefused', {name: rec.name, token, crt: certPath}), 'keyOnToken');
}

/** Writes only the .crt of a token certificate (the generate backup): the key stays on the token. */
export async function writeTokenCertificateCopy(rec: CertificateRecord, dir: string): Promise<string> {
  await makeDir(dir, 0o700).catch((e) => Promise.reject(writeFailureMessage(e, dir)));
  const {certPath} = exportPaths(rec, dir);
  await writeCertFile(certPath, rec.certPem!).catch((e) => Promise.reject(writeFailureMessage(e, dir)));
  return certPath;
}
