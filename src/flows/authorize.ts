// Authorisation by an external signature (F2000 "program do e-podpisu" / Profil Zaufany): a fresh challenge is
// written as auth.xml into the workstation's sign folder [A-1-5-2], the configured signing command is launched
// (or not — "kontynuuj bez uruchamiania"), the folder is watched for the signed file, and that file goes to KSeF
// byte-for-byte. The challenge lives 10 minutes; after that a new auth.xml is needed.
import {spawn} from 'node:child_process';
import {watch, promises as fs, type FSWatcher} from 'node:fs';
import path from 'node:path';
import type {ContextIdentifier, EnvCode} from '../domain/index.js';
import {buildAuthTokenRequest} from '../ksef/auth-xml.js';
import {inspectSignedFile} from '../ksef/xades.js';
import {authenticateWithSignedXml, type AuthStep, type KsefClient, type KsefSession} from '../ksef/client/index.js';
import type {Store} from '../store/types.js';
import {catalogueError, flowError, type FlowError} from './errors.js';
import {makeT, render, type MessageKey, type Translate} from '../i18n/index.js';
import type {KsefGateway} from './gateway.js';
import {makeDir, writePrivateFile} from './fs-util.js';

/** KSeF: a challenge is valid for 10 minutes. */
export const CHALLENGE_TTL_MS = 10 * 60_000;
export const AUTH_FILE_NAME = 'auth.xml';
/** The largest signed file we read (inspectSignedFile refuses more than 1 MiB anyway). */
const MAX_SIGNED_BYTES = 2 * 1024 * 1024;

export interface AuthRequestDeps {
  /** Read for the workstation's sign folder unless `dir` is given. */
  store?: Pick<Store, 'workstation'>;
  gateway: KsefGateway;
  /** Host name: key of the workstation configuration (sign folder, sign command). */
  workstation: string;
  now?: () => Date;
}

export interface PreparedAuthRequest {
  /** Absolute path of the written auth.xml. */
  file: string;
  /** The sign folder it was written to (watched for the signed file). */
  dir: string;
  challenge: string;
  /** Challenge timestamp + 10 minutes. */
  expiresAt: Date;
  /** When the file was written (signed files older than this are ignored). */
  writtenAt: Date;
  context: ContextIdentifier;
  env: EnvCode;
}

/**
 * Gets a fresh challenge and writes the unsigned AuthTokenRequest, byte-exact, as `<signFolder>/auth.xml` (the
 * folder is created when missing). An older auth.xml is overwritten: its challenge is useless once a new one is
 * asked for, and keeping one file name lets the user's signing program stay pointed at it.
 */
export async function prepareAuthRequest(
  deps: AuthRequestDeps,
  o: {env: EnvCode; context: ContextIdentifier; apiUrl?: string; dir?: string; fileName?: string; signal?: AbortSignal},
): Promise<PreparedAuthRequest> {
  if (!o.dir && !deps.store) throw catalogueError('sign.noFolder', undefined, 'signFolder');
  const dir = path.resolve(o.dir ?? (await deps.store!.workstation(deps.workstation)).signFolder);
  const client = await deps.gateway.client(o.env, {apiUrl: o.apiUrl});
  const ch = await client.challenge({signal: o.signal});
  const xml = buildAuthTokenRequest({challenge: ch.challenge, context: o.context, subjectIdentifierType: 'certificateSubject'});
  try {
    await makeDir(dir);
  } catch (e) {
    throw folderError(e, dir);
  }
  const file = path.join(dir, o.fileName ?? AUTH_FILE_NAME);
  try {
    await writePrivateFile(file, xml); // 0600, never through a planted symlink; removed by cleanupAuthFiles
  } catch (e) {
    throw folderError(e, dir);
  }
  const now = deps.now?.() ?? new Date();
  return {file, dir, challenge: ch.challenge, expiresAt: challengeExpiry(ch.timestamp, now), writtenAt: now, context: o.context, env: o.env};
}

/**
 * Removes what an authorisation left in the sign folder once it succeeded or was abandoned: auth.xml (when it is
 * still the one for this challenge — a newer request may have replaced it) and the signed file when it lies in the
 * sign folder (consumed: its bytes went to KSeF; a file the user picked elsewhere is theirs and stays).
 */
export async function cleanupAuthFiles(req: Pick<PreparedAuthRequest, 'file' | 'dir' | 'challenge'>, signedFile?: string): Promise<void> {
  const ours = await fs.readFile(req.file, 'utf8').then((x) => x.includes(`>${req.challenge}<`), () => false);
  if (ours) await fs.rm(req.file, {force: true}).catch(() => undefined);
  if (signedFile && path.dirname(path.resolve(signedFile)) === path.resolve(req.dir)) {
    await fs.rm(signedFile, {force: true}).catch(() => undefined);
  }
}

/**
 * Challenge timestamp + 10 min, on our clock: when KSeF's timestamp cannot be read or our clock disagrees with it by
 * more than a minute, the 10 minutes are counted from when we received the challenge (the countdown runs on our clock).
 */
export function challengeExpiry(timestamp: string | undefined, now: Date): Date {
  const t = timestamp ? Date.parse(timestamp) : NaN;
  const base = Number.isNaN(t) || Math.abs(t - now.getTime()) > 60_000 ? now.getTime() : t;
  return new Date(base + CHALLENGE_TTL_MS);
}

function folderError(e: unknown, dir: string): FlowError {
  const code = (e as {code?: string})?.code;
  const key: Record<string, MessageKey> = {
    EACCES: 'sign.folder.denied', EPERM: 'sign.folder.denied', EROFS: 'sign.folder.readOnly', ENOSPC: 'sign.folder.full',
    ENOTDIR: 'sign.folder.notDir', EEXIST: 'sign.folder.notDir',
  };
  return catalogueError(key[code ?? ''] ?? 'sign.folder.other', {dir}, code ?? 'signFolder');
}

/** `'…'` for /bin/sh: the substituted paths may hold spaces or quotes. */
const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** The command line with `{file}` and `{dir}` replaced by shell-quoted paths. */
export function expandSignCommand(cmd: string, o: {file: string; dir: string}): string {
  return cmd.replace(/\{file\}/g, shellQuote(o.file)).replace(/\{dir\}/g, shellQuote(o.dir));
}

export interface LaunchResult {
  launched: boolean;
  /** Why it could not be started (in `t`'s language). */
  error?: string;
}

/**
 * Starts the workstation's signing command (e-signature page / program) detached, output ignored. An empty command
 * does nothing. `onExit` reports a failure exit (e.g. 127 "command not found") in Polish; success is silent because
 * a browser or signer may run for a long time.
 */
export function launchSignCommand(cmd: string, o: {file: string; dir: string; onExit?: (message: string | undefined) => void; t?: Translate}): Promise<LaunchResult> {
  const t = o.t ?? makeT('pl');
  const line = cmd.trim();
  if (!line) return Promise.resolve({launched: false});
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn('/bin/sh', ['-c', expandSignCommand(line, o)], {detached: true, stdio: 'ignore', cwd: o.dir});
    } catch (e) {
      resolve({launched: false, error: t('sign.launchFailed', {error: (e as Error).message})});
      return;
    }
    child.once('error', (e) => resolve({launched: false, error: t('sign.launchFailed', {error: e.message})}));
    child.once('spawn', () => {
      child.unref();
      resolve({launched: true});
    });
    child.once('exit', (code, signal) => {
      if (code === 0) return o.onExit?.(undefined);
      const why = code === 127 ? t('sign.exit.notFound') : code !== null ? t('sign.exit.code', {code}) : t('sign.exit.signal', {signal: String(signal)});
      o.onExit?.(t('sign.exitFailed', {why}));
    });
  });
}

export type SignedFileVerdict = {ok: true} | {ok: false; reason: string; code: string; error: FlowError};

/** Local check of a signed file before it is sent: well-formed, one enveloped signature, signed for OUR challenge. */
export function checkSignedFile(bytes: Buffer, challenge?: string, t: Translate = makeT('pl')): SignedFileVerdict {
  const r = inspectSignedFile(bytes);
  if (!r.ok) {
    // The XAdES inspector's reason is catalogue data: the error renders in the session's language at the edge.
    return {ok: false, reason: render(t, r.msg), code: r.reason, error: flowError(r.msg, r.reason)};
  }
  if (challenge !== undefined && r.challenge !== challenge) {
    const error = catalogueError('sign.otherChallenge', {theirs: r.challenge ?? '—', ours: challenge}, 'otherChallenge');
    return {ok: false, code: 'otherChallenge', reason: t('sign.otherChallenge', {theirs: r.challenge ?? '—', ours: challenge}), error};
  }
  return {ok: true};
}

export interface SignedFile {
  file: string;
  bytes: Buffer;
}

export interface WatchOptions {
  challenge: string;
  /** Only files modified at or after this moment count (an older signed file belongs to an older challenge). */
  since: Date;
  signal?: AbortSignal;
  /** Polling fallback interval (fs.watch misses events on network folders). Default 1000 ms. */
  pollMs?: number;
  /** A candidate that was skipped, with the reason in `t`'s language (reported once per file version). */
  onRejected?: (file: string, reason: string) => void;
  t?: Translate;
}

const SIGNED_EXT = /\.(xml|xades)$/i;

/**
 * Resolves with the first `*.xml` / `*.xades` file in `dir` (not auth.xml itself) modified after `since` that is a
 * signed AuthTokenRequest for `challenge`. Broken files and files for another challenge are reported through
 * onRejected and skipped. Uses fs.watch plus polling; rejects with an AbortError when the signal fires.
 */
export function watchForSignedFile(dir: string, o: WatchOptions): Promise<SignedFile> {
  return new Promise((resolve, reject) => {
    const seen = new Map<string, number>();
    let watcher: FSWatcher | undefined;
    let timer: ReturnType<typeof setInterval> | undefined;
    let done = false;
    let scanning = false;
    let again = false;
    const finish = (err: unknown, value?: SignedFile) => {
      if (done) return;
      done = true;
      watcher?.close();
      if (timer) clearInterval(timer);
      o.signal?.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve(value!);
    };
    const onAbort = () => finish(abortError());
    const scan = async () => {
      if (done) return;
      if (scanning) {
        again = true;
        return;
      }
      scanning = true;
      try {
        const names = await fs.readdir(dir).catch(() => [] as string[]);
        for (const name of names.sort()) {
          if (done) return;
          if (!SIGNED_EXT.test(name) || name.toLowerCase() === AUTH_FILE_NAME) continue;
          const file = path.join(dir, name);
          const st = await fs.stat(file).catch(() => undefined);
          if (!st?.isFile() || st.mtimeMs < o.since.getTime() - 1000) continue;
          if (seen.get(file) === st.mtimeMs) continue;
          if (st.size === 0) continue; // still being copied
          if (st.size > MAX_SIGNED_BYTES) {
            seen.set(file, st.mtimeMs);
            o.onRejected?.(file, (o.t ?? makeT('pl'))('sign.tooLarge'));
            continue;
          }
          const bytes = await fs.readFile(file).catch(() => undefined);
          if (!bytes) continue;
          const verdict = checkSignedFile(bytes, o.challenge, o.t);
          if (verdict.ok) return finish(undefined, {file, bytes});
          // A file still being written shows up as broken XML: look again when it changes.
          seen.set(file, st.mtimeMs);
          o.onRejected?.(file, verdict.reason);
        }
      } finally {
        scanning = false;
        if (again && !done) {
          again = false;
          void scan();
        }
      }
    };
    if (o.signal?.aborted) return finish(abortError());
    o.signal?.addEventListener('abort', onAbort);
    try {
      watcher = watch(dir, () => void scan());
      watcher.on('error', () => undefined); // polling carries on
    } catch {
      watcher = undefined;
    }
    timer = setInterval(() => void scan(), o.pollMs ?? 1000);
    void scan();
  });
}

/** Reads a signed file chosen by the user ("kontynuuj bez uruchamiania") and checks it against our challenge. */
export async function readSignedFile(file: string, challenge?: string): Promise<SignedFile> {
  const abs = path.resolve(file);
  let st;
  try {
    st = await fs.stat(abs);
  } catch {
    throw catalogueError('sign.noFile', {file: abs}, 'ENOENT');
  }
  if (st.isDirectory()) throw catalogueError('sign.isDir', {file: abs}, 'EISDIR');
  // A FIFO or device would block the read (or never end).
  if (!st.isFile()) throw catalogueError('sign.notRegular', {file: abs}, 'notRegularFile');
  if (st.size > MAX_SIGNED_BYTES) throw catalogueError('sign.tooLargeFile', undefined, 'tooLarge');
  const bytes = await fs.readFile(abs);
  const verdict = checkSignedFile(bytes, challenge);
  if (!verdict.ok) throw verdict.error;
  return {file: abs, bytes};
}

/** Sends the signed file to KSeF untouched and completes the login (submit → status → redeem). */
export function submitSignedFile(
  client: KsefClient,
  bytes: Buffer,
  o: {onStep?: (step: AuthStep) => void; signal?: AbortSignal; pollIntervalMs?: number} = {},
): Promise<KsefSession> {
  return authenticateWithSignedXml(client, bytes, {onStep: (s) => o.onStep?.(s), signal: o.signal, pollIntervalMs: o.pollIntervalMs});
}

export function abortError(): Error {
  // The message in Polish for callers that print error.message; userMessage translates an AbortError.
  const e = new Error(makeT('pl')('gen.aborted'));
  e.name = 'AbortError';
  return e;
}

// The authorisation plan (which way a request logs in) lives in auth-plan.ts; re-exported for existing callers.
export {branchCodeFor, chooseAuthorization, type AuthorizationPlan} from './auth-plan.js';
