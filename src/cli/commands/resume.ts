// `ksef-certs resume ID_OR_REFERENCE`: completes a pending enrollment [A-1-5-4] left behind by an interrupted
// generate (Esc, a crash, a killed process): a fresh KSeF session of the same identity — a file signed outside
// (`--signed`) or a stored type-A certificate (`--auth-cert`) — then poll → retrieve → store, as generate does.
// The key password (optional here) only writes the .crt/.key backup; without it use `export` later. A request whose
// reference number was never received is found in KSeF by its public key; `--abandon` marks one KSeF does not have
// as not sent (the user's decision — nothing is ever re-sent automatically).
import {canManage} from '../../domain/rights.js';
import {publicRecord} from '../../flows/import.js';
import {ownerLabel} from '../../flows/owner-label.js';
import {STATUS_LABEL_PL, buildRows} from '../../flows/list-view.js';
import {readPasswordFile, refusePasswordInArgv} from '../password-source.js';
import {FlowError} from '../../flows/errors.js';
import {passwordPolicyMessage} from '../../flows/export.js';
import {CliError, EXIT, registerCommand, type CliContext} from '../registry.js';
import {flagView, parseOrHelp, runGuarded, writeJson} from '../command-kit.js';
import {usageError, type CommandSpec} from '../options.js';
import {cliServices, enrollmentStepProgress, issuedParams, enrollWaitFromEnv, progressLine, reportEnrollment, resultOf, sessionProgress} from '../enrollment.js';

const SPEC = {
  name: 'resume',
  synopsis: 'cli.resume.synopsis',
  maxPositionals: 1,
  options: {
    signed: {type: 'string', value: 'cli.ph.file', help: 'cli.o.signed'},
    'auth-cert': {type: 'string', value: 'cli.ph.serial', help: 'cli.o.authCert'},
    'key-password-file': {type: 'string', value: 'cli.ph.file', help: 'cli.resume.o.keyPasswordFile'},
    abandon: {type: 'boolean', help: 'cli.resume.o.abandon'},
    json: {type: 'boolean', help: 'cli.o.json'},
  },
} as const satisfies CommandSpec;

async function runResume(ctx: CliContext, argv: string[]): Promise<number> {
  return runGuarded(ctx, argv, async (json) => {
    const parsed = parseOrHelp(ctx, SPEC, argv);
    if (parsed.help) return EXIT.ok;
    const {values, flags, positional} = flagView(parsed);
    const usage = (m: string) => usageError(ctx.t, SPEC, m);
    if (!positional[0]) throw usage(ctx.t('cli.enroll.needRecord'));
    const signed = values['--signed'];
    const authCert = values['--auth-cert'];
    if (flags.has('--abandon')) return abandon(ctx, json, positional[0], !!(signed || authCert || values['--key-password-file']));
    if (!!signed === !!authCert) throw usage(ctx.t('cli.enroll.needAuth'));
    // Only an explicit file writes the backup: resume must not stop at a prompt for an optional password.
    refusePasswordInArgv(argv, {flag: '--key-password-file', env: 'KSEF_CERTS_PASSWORD'});
    const pwFile = values['--key-password-file'];
    const keyPassword = pwFile ? await readPasswordFile(pwFile).catch((e) => {
      throw e instanceof FlowError ? new CliError(e.message) : e;
    }) : undefined;
    const weak = keyPassword !== undefined ? passwordPolicyMessage(keyPassword) : undefined;
    if (weak) throw new CliError(weak);

    const {store, operator} = await ctx.login();
    const services = cliServices(ctx, store, operator).generate;
    const rec = await services.findEnrollment(positional[0]);
    if (!rec) throw new CliError(ctx.t('gen.cli.noEnrollment', {ref: positional[0]}));
    if (rec.state !== 'pending' || !rec.enrollment) {
      const status = STATUS_LABEL_PL[buildRows([rec], new Date())[0].status];
      throw new CliError(ctx.t('gen.cli.notPending', {name: rec.name, status}));
    }
    if (!canManage(operator, rec.owner)) {
      throw new CliError(ctx.t('resume.forbidden', {operator: operator.code, name: rec.name, owner: ownerLabel(rec.owner, ctx.t)}));
    }
    const prepared = await services.prepareResume(rec);
    const progress = progressLine(ctx, json);
    const onSession = sessionProgress(ctx, progress);
    const result = resultOf(await services.resume(prepared, {
      auth: signed ? {kind: 'signedFile', file: signed} : {kind: 'certificate', via: authCert!}, keyPassword,
      onSession: (e) => {
        onSession(e);
        // Once logged in (the last login event): which request is being finished.
        if (e.step === 'redeem' && e.phase === 'done') progress(ctx.t('gen.cli.resuming', {ref: rec.enrollment!.referenceNumber ?? rec.id, name: rec.name}));
      },
      onStep: enrollmentStepProgress(ctx, progress), maxWaitMs: enrollWaitFromEnv(ctx.env),
    }));
    const r = result.record;
    reportEnrollment(ctx, json, result, () =>
      `${ctx.t('gen.cli.resumed', {...issuedParams(r), owner: ownerLabel(r.owner, ctx.t), ref: r.enrollment?.referenceNumber ?? r.id})}\n` +
        (result.backup
          ? `${ctx.t('gen.cli.backup', {crt: result.backup.certPath, key: result.backup.keyPath})}\n`
          : `${ctx.t('gen.cli.exportLater', {serial: r.serial ?? r.id})}\n`),
    );
    return EXIT.ok;
  });
}

/** `resume ID --abandon`: the request never reached KSeF (reconciliation found nothing) — mark it failed. */
async function abandon(ctx: CliContext, json: boolean, idOrRef: string | undefined, withAuth: boolean): Promise<number> {
  if (!idOrRef || withAuth) throw usageError(ctx.t, SPEC, ctx.t('cli.enroll.abandonOnlyId'));
  const {store, operator} = await ctx.login();
  const services = cliServices(ctx, store, operator).generate;
  const rec = await services.findEnrollment(idOrRef);
  if (!rec) throw new CliError(ctx.t('gen.cli.noEnrollment', {ref: idOrRef}));
  const out = await services.abandon(rec.id);
  if (json) writeJson(ctx, {certificate: publicRecord(out)});
  else ctx.stdout.write(`${ctx.t('enroll.abandoned', {name: out.name})}\n`);
  return EXIT.ok;
}

registerCommand({name: 'resume', summary: 'cli.cmd.resume', usage: SPEC.synopsis, run: runResume});
