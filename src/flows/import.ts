// Import of a KSeF certificate (.crt) with its private key (.key) from MCU / Aplikacja Podatnika or an export of
// ours [A-1-5-3 "Import Certyfikatu dla Firmy"], for the company, a branch or an operator. Two steps so the UI
// can show what was read before anything is stored: readImportFiles() → preview, commitImport() → record.
//
// Rules (documented in docs of the CLI `import` command too):
// - the key must decrypt and belong to the certificate; RSA ≥ 2048 or EC P-256 only;
// - control characters in the subject/issuer are refused (terminal-escape injection; KSeF never issues them);
// - expired: refused unless the user insists (`insistExpired`), then stored with a warning; not yet valid: warning;
// - environment: from a recognised KSeF issuer; an override that contradicts it is refused unless `forceEnv`
//   (a production certificate does not work on DEMO — field notes §2.2 — so this is almost always a mistake);
//   with an unrecognised issuer the environment must be given;
// - type: from KeyUsage / CN suffix; an override contradicting a recognised type is refused (KSeF decides the
//   type); when unrecognised it must be given;
// - owner: the operator must be allowed to manage it (domain canManage), branch/operator must exist;
// - duplicate serial: refused by the store.
import {randomUUID, type KeyObject} from 'node:crypto';
import path from 'node:path';
import type {CertificateRecord, CertTypeCode, EnvCode, Operator, Owner} from '../domain/index.js';
import {hasControlChars, ENV_NAME, ownerKey} from '../domain/index.js';
import {canManage} from '../domain/rights.js';
import {parseCertificate, validityProblem, type CertInfo} from '../ksef/cert-info.js';
import {KsefCryptoError} from '../ksef/errors.js';
import {msg, type Message} from '../i18n/index.js';
import {keyAlgorithmName, keyMatchesCertificate, readPrivateKey} from '../ksef/keys.js';
import type {Store} from '../store/types.js';
import {FlowError, flowError} from './errors.js';
import {readBoundedFile} from './import-files.js';

export type ImportProblem = 'expired' | 'notYetValid' | 'envUnknown' | 'typeUnknown';

export interface ImportFiles {
  crtPath: string;
  keyPath: string;
  /** Undefined or '' for an unencrypted key. */
  password?: string;
}

export interface ImportPreview {
  info: CertInfo;
  keyAlgorithm: string;
  /** Type read from the certificate (KeyUsage, CN suffix); undefined when not recognisable. */
  type?: CertTypeCode;
  /** Environment read from the issuer; undefined when the issuer is not a KSeF CA. */
  env?: EnvCode;
  problems: ImportProblem[];
  /** Decrypted key, held in memory only until commitImport seals it (a token key: its public half only). */
  key: KeyObject;
  /** The key is on a PKCS#11 token: the record keeps this URI and public key instead of a sealed key. */
  tokenKey?: {uri: string; publicKeyPem: string};
  files: {crtPath: string; keyPath: string};
}

/** Who reads (for the passwordFailed audit event); optional so previews work without a store. */
export interface ImportAuditDeps {
  store: Store;
  operator: string;
  workstation: string;
}

const SUPPORTED_KEYS = /^(EC-P256|RSA-(\d+))$/;

function assertSupportedKey(alg: string): void {
  const m = SUPPORTED_KEYS.exec(alg);
  if (!m || (m[2] !== undefined && Number(m[2]) < 2048)) {
    throw new KsefCryptoError('unsupportedKey', msg('crypto.keyAlgUnsupported', {alg}));
  }
}

/** Reads and checks both files; nothing is stored. Throws KsefCryptoError / FlowError with a Polish message. */
export async function readImportFiles(files: ImportFiles, audit?: ImportAuditDeps, now: Date = new Date()): Promise<ImportPreview> {
  const crtBytes = await readBoundedFile(files.crtPath, 'crt');
  const keyBytes = await readBoundedFile(files.keyPath, 'key');
  const info = parseCertificate(crtBytes);
  if (hasControlChars(info.subject) || hasControlChars(info.issuer)) {
    throw flowError(msg('flowErr.controlChars'), 'controlChars');
  }
  let key: KeyObject;
  try {
    key = readPrivateKey(keyBytes, files.password);
  } catch (e) {
    if (e instanceof KsefCryptoError && e.code === 'wrongPassword') {
      if (audit) {
        await audit.store.audit({
          operator: audit.operator, workstation: audit.workstation, action: 'passwordFailed', serial: info.serial,
          details: `import: ${path.basename(files.keyPath)}`,
        });
      }
      throw new KsefCryptoError('wrongPassword', msg('crypto.wrongPasswordOrCorrupt'), {cause: e});
    }
    throw e;
  }
  const keyAlgorithm = keyAlgorithmName(key);
  assertSupportedKey(keyAlgorithm);
  if (!keyMatchesCertificate(key, info.der)) {
    throw new KsefCryptoError('keyMismatch', msg('crypto.keyMismatchImport'));
  }
  const problems: ImportProblem[] = [];
  const validity = validityProblem(info, now);
  if (validity) problems.push(validity);
  if (!info.envGuess) problems.push('envUnknown');
  if (!info.typeGuess) problems.push('typeUnknown');
  return {info, keyAlgorithm, type: info.typeGuess, env: info.envGuess, problems, key, files: {crtPath: files.crtPath, keyPath: files.keyPath}};
}

export interface CommitDeps {
  store: Store;
  operator: Pick<Operator, 'code' | 'role' | 'disabled'>;
  workstation: string;
  now?: () => Date;
}

export interface CommitOptions {
  owner: Owner;
  /** Overrides the environment read from the issuer (required when it was not recognised). */
  env?: EnvCode;
  /** Allows an env override that contradicts a recognised KSeF issuer. */
  forceEnv?: boolean;
  /** Required when the type was not recognised; must agree with a recognised type. */
  type?: CertTypeCode;
  name?: string;
  /** Import an expired certificate anyway (stored with a warning). */
  insistExpired?: boolean;
}

export type ImportWarning = 'expired' | 'notYetValid' | 'envForced';

export interface ImportResult {
  record: CertificateRecord;
  warnings: ImportWarning[];
}

const certType = (t: CertTypeCode): Message => msg(`import.certType.${t}`);
const day = (d: Date): string => d.toISOString().slice(0, 10);

/** "for whom" in a refusal: the company, a branch or an operator (genitive in Polish). */
export function ownerLabelMsg(owner: Owner): Message {
  if (owner.kind === 'company') return msg('import.owner.company');
  return owner.kind === 'branch' ? msg('import.owner.branch', {code: owner.code}) : msg('import.owner.operator', {code: owner.code});
}

/** Local label: the user's name, else the CN without the KSeF purpose suffix, else the file name. */
export function defaultImportName(preview: Pick<ImportPreview, 'info' | 'files'>): string {
  const cn = (preview.info.subjectAttrs.CN?.[0] ?? '').replace(/\s+/g, ' ').trim();
  const base = cn || path.basename(preview.files.crtPath).replace(/\.(crt|cer|pem|der)$/i, '');
  return [...base].slice(0, 100).join('');
}

function checkName(name: string): string {
  const n = name.trim();
  if (!n) throw flowError(msg('import.nameEmpty'), 'badName');
  if ([...n].length > 100) throw flowError(msg('import.nameTooLong'), 'badName');
  if (hasControlChars(n)) throw flowError(msg('import.nameControl'), 'badName');
  return n;
}

/** Decides env/type and checks every rule that does not need to write. Shared by commitImport and the screen. */
export function resolveImport(preview: ImportPreview, opts: CommitOptions): {env: EnvCode; type: CertTypeCode; warnings: ImportWarning[]} {
  const warnings: ImportWarning[] = [];
  const {info} = preview;
  let env = preview.env;
  if (opts.env && env && opts.env !== env) {
    if (!opts.forceEnv) {
      throw flowError(msg('import.envConflict', {env: ENV_NAME[env], issuer: info.issuerCn ?? info.issuer, wanted: ENV_NAME[opts.env]}), 'envConflict');
    }
    warnings.push('envForced');
  }
  env = opts.env ?? env;
  if (!env) {
    throw flowError(msg('import.envRequired', {issuer: info.issuerCn ?? info.issuer}), 'envRequired');
  }
  if (opts.type && preview.type && opts.type !== preview.type) {
    throw flowError(msg('import.typeConflict', {type: certType(preview.type), wanted: certType(opts.type)}), 'typeConflict');
  }
  const type = opts.type ?? preview.type;
  if (!type) throw flowError(msg('import.typeRequired'), 'typeRequired');
  if (preview.problems.includes('expired')) {
    if (!opts.insistExpired) {
      throw flowError(msg('import.expired', {date: day(info.notAfter)}), 'expired');
    }
    warnings.push('expired');
  }
  if (preview.problems.includes('notYetValid')) warnings.push('notYetValid');
  return {env, type, warnings};
}

/** Stores the previewed certificate with its key sealed under the store key; audits `import`. */
export async function commitImport(deps: CommitDeps, preview: ImportPreview, opts: CommitOptions): Promise<ImportResult> {
  const now = deps.now?.() ?? new Date();
  const {owner} = opts;
  if (!canManage(deps.operator, owner)) {
    throw flowError(msg('import.forbidden', {owner: ownerLabelMsg(owner)}), 'forbidden');
  }
  if (owner.kind === 'branch' && !(await deps.store.listBranches()).some((b) => b.code === owner.code)) {
    throw flowError(msg('import.noBranch', {code: owner.code}), 'unknownOwner');
  }
  if (owner.kind === 'operator' && !(await deps.store.listOperators()).some((o) => o.code === owner.code)) {
    throw flowError(msg('import.noOperator', {code: owner.code}), 'unknownOwner');
  }
  const {env, type, warnings} = resolveImport(preview, opts);
  const name = checkName(opts.name?.trim() ? opts.name : defaultImportName(preview));
  const {info} = preview;
  const record: CertificateRecord = {
    id: randomUUID(),
    owner,
    name,
    type,
    env,
    mode: 'B',
    state: 'issued',
    serial: info.serial,
    certPem: info.pem,
    ...(preview.tokenKey
      ? {keyPem: '', keyUri: preview.tokenKey.uri, publicKeyPem: preview.tokenKey.publicKeyPem}
      : {keyPem: await deps.store.sealKey(preview.key)}),
    keyAlgorithm: preview.keyAlgorithm,
    subject: info.subject,
    issuer: info.issuer,
    subjectIdentifier: info.subjectIdentifier,
    validFrom: info.notBefore.toISOString(),
    validTo: info.notAfter.toISOString(),
    fingerprintSha256: info.fingerprintSha256,
    source: 'imported',
    createdAt: now.toISOString(),
    createdBy: deps.operator.code,
  };
  await deps.store.addCertificate(record, {
    operator: deps.operator.code, workstation: deps.workstation, action: 'import', certificateId: record.id, serial: record.serial,
    details: [`owner=${ownerKey(owner)}`, `env=${env}`, `type=${type}`, ...warnings.map((w) => `warning=${w}`)].join(' '),
  });
  return {record, warnings};
}

/** The record as shown outside (CLI --json): everything but the sealed key. */
export function publicRecord(rec: CertificateRecord): Omit<CertificateRecord, 'keyPem'> {
  const {keyPem: _sealed, ...rest} = rec;
  return rest;
}
