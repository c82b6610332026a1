// What `generate`, `resume` and `login` share: their bound services (the same use cases the screens call), login and
// enrollment progress lines on stderr, and how the result is reported.
import type {CertificateRecord, Operator} from '../domain/index.js';
import {warsawDateTime} from '../domain/index.js';
import type {GenerateResult, StepEvent} from '../flows/generate.js';
import {publicRecord} from '../flows/import.js';
import type {SessionEvent} from '../flows/open-session.js';
import {makeServices} from '../flows/services/index.js';
import type {RunOutcome} from '../flows/services/generate.js';
import type {Store} from '../store/types.js';
import {writeJson} from './command-kit.js';
import type {CliContext} from './registry.js';

/** A progress line on stderr; silent with --json (stdout holds the one document). */
export const progressLine = (ctx: CliContext, json: boolean) => (text: string): void => {
  if (!json) ctx.stderr.write(`${text}\n`);
};

/** `KSEF_CERTS_ENROLL_WAIT_MS`: how long generate/resume poll KSeF for the certificate (default 5 min). */
export function enrollWaitFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const ms = Number(env.KSEF_CERTS_ENROLL_WAIT_MS);
  return Number.isInteger(ms) && ms > 0 ? ms : undefined;
}

/** Seconds between two "still waiting" lines while KSeF is polled (every tick would flood a log). */
const WAIT_LINE_EVERY_MS = 5000;

/**
 * `✓ step — detail` once each enrollment step is done; while polling, `… step — detail` every few seconds with the
 * time KSeF has been silent and the wait left, so a hung KSeF is never silence.
 */
export const enrollmentStepProgress = (ctx: CliContext, progress: (text: string) => void) => {
  let lastWaitLine = -Infinity;
  return (e: StepEvent): void => {
    if (e.phase === 'done') {
      progress(`✓ ${ctx.t(`gen.step.${e.step}`)}${e.detail ? ` — ${e.detail}` : ''}`);
      return;
    }
    if (!e.wait || e.wait.waitedMs - lastWaitLine < WAIT_LINE_EVERY_MS) return;
    lastWaitLine = e.wait.waitedMs;
    progress(`… ${ctx.t(`gen.step.${e.step}`)}${e.detail ? ` — ${e.detail}` : ''}`);
  };
};

/** Services of `generate`, `resume` and `login`, bound once the operator has logged in. */
export function cliServices(ctx: CliContext, store: Store, operator: Operator) {
  return makeServices({
    store, gateway: ctx.gateway(), clock: ctx.now ?? (() => new Date()), workstation: ctx.workstation, operator,
    dataDir: ctx.options.dataDir, lang: ctx.options.lang,
  });
}

/**
 * Login progress lines: a stored certificate says which one logs in; a file signed outside says when it is sent,
 * accepted and the session open.
 */
export const sessionProgress = (ctx: CliContext, progress: (text: string) => void) => {
  let signedOutside = false;
  return (e: SessionEvent): void => {
    if (e.step === 'sign' && e.phase === 'start' && e.via) progress(ctx.t('gen.cli.loggingIn', {name: e.via.name, serial: e.via.serial}));
    if (e.step === 'sign' && e.phase === 'done' && !e.via) {
      signedOutside = true;
      progress(ctx.t('gen.cli.sending'));
    }
    if (!signedOutside) return;
    if (e.step === 'submit' && e.phase === 'done') progress(ctx.t('gen.cli.accepted'));
    if (e.step === 'redeem' && e.phase === 'done') progress(ctx.t('gen.cli.loggedIn'));
  };
};

/** What the issued-certificate lines of `generate` and `resume` name. */
export const issuedParams = (r: CertificateRecord) => ({
  name: r.name, type: r.type, env: r.env, mode: r.mode, serial: r.serial ?? r.id,
  from: r.validFrom ? warsawDateTime(new Date(r.validFrom)) : '—', to: r.validTo ? warsawDateTime(new Date(r.validTo)) : '—',
});

/** A failed run: the error as thrown (the command's error contract renders it). */
export function resultOf(outcome: RunOutcome): GenerateResult {
  if (!outcome.ok) throw outcome.error;
  return outcome.result;
}

/** The issued certificate: one JSON document, or the text on stdout and every warning on stderr. */
export function reportEnrollment(ctx: CliContext, json: boolean, result: GenerateResult, text: () => string): void {
  if (json) {
    writeJson(ctx, {
      certificate: publicRecord(result.record), backup: result.backup ?? null, backupError: result.backupError ?? null, warnings: result.warnings,
      ...(result.tokenBackup ? {tokenBackup: result.tokenBackup} : {}),
    });
    return;
  }
  ctx.stdout.write(text());
  if (result.backupError) ctx.stderr.write(`${ctx.t('gen.cli.note', {text: result.backupError})}\n`);
  for (const w of result.warnings) ctx.stderr.write(`${ctx.t('gen.cli.note', {text: w})}\n`);
}
