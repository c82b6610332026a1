// What `generate` and `resume` share: the KSeF session for an enrollment — a file signed outside (`--signed`) or a
// stored type-A certificate (`--auth-cert`) — with progress lines on stderr, and how the result is reported.
import type {ContextIdentifier, EnvCode, Operator} from '../domain/index.js';
import {readSignedFile, submitSignedFile} from '../flows/authorize.js';
import {GENERATE_STEP_PL, type GenerateResult, type StepEvent} from '../flows/generate.js';
import {publicRecord} from '../flows/import.js';
import {loginWithCertificate} from '../flows/login.js';
import {assertMayAuthoriseWith} from '../flows/generate-rights.js';
import type {KsefGateway} from '../flows/gateway.js';
import type {KsefSession} from '../ksef/client/index.js';
import type {TokenAccess} from '../flows/token-keys.js';
import type {Store} from '../store/types.js';
import {findBySerial, writeJson} from './command-kit.js';
import type {CliContext} from './registry.js';

/** A progress line on stderr; silent with --json (stdout holds the one document). */
export const progressLine = (ctx: CliContext, json: boolean) => (text: string): void => {
  if (!json) ctx.stderr.write(`${text}\n`);
};

/** `✓ step — detail` once each enrollment step is done. */
export const enrollmentStepProgress = (progress: (text: string) => void) => (e: StepEvent): void => {
  if (e.phase === 'done') progress(`✓ ${GENERATE_STEP_PL[e.step]}${e.detail ? ` — ${e.detail}` : ''}`);
};

export interface EnrollmentLogin {
  store: Store;
  operator: Operator;
  gateway: KsefGateway;
  env: EnvCode;
  apiUrl: string | undefined;
  /** The context a stored certificate logs in to (the owner's branch InternalId or the company NIP). */
  context: ContextIdentifier;
  /** Exactly one of these. */
  signed?: string;
  authCert?: string;
  progress: (text: string) => void;
  /** PKCS#11 access, for an --auth-cert whose key is on a token. */
  token?: TokenAccess;
}

export async function openEnrollmentSession(ctx: CliContext, o: EnrollmentLogin): Promise<KsefSession> {
  if (o.signed) {
    const file = await readSignedFile(o.signed);
    o.progress('Wysyłanie podpisanego pliku do KSeF…');
    return submitSignedFile(await o.gateway.client(o.env, {apiUrl: o.apiUrl}), file.bytes, {
      onStep: (s) => o.progress(s === 'submitted' ? 'Podpis przyjęty, trwa uwierzytelnianie…' : s === 'redeemed' ? 'Zalogowano w KSeF.' : 'Oczekiwanie na wynik uwierzytelnienia…'),
    });
  }
  const via = await findBySerial(ctx, o.store, o.authCert!);
  assertMayAuthoriseWith(o.operator, via);
  o.progress(`Logowanie do KSeF certyfikatem „${via.name}” (${via.serial})…`);
  return loginWithCertificate({store: o.store, gateway: o.gateway, operator: o.operator.code, workstation: ctx.workstation, token: o.token}, via, {context: o.context, apiUrl: o.apiUrl});
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
  if (result.backupError) ctx.stderr.write(`Uwaga: ${result.backupError}\n`);
  for (const w of result.warnings) ctx.stderr.write(`Uwaga: ${w}\n`);
}
