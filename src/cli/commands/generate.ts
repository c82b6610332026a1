// `ksef-certs generate`: a new KSeF certificate [A-1-5-4] for the company, a branch or an operator, authorised by a
// file signed outside (`--signed`, for a challenge from `auth-request`, at most 10 minutes old — KSeF checks it) or
// by a stored type-A certificate (`--auth-cert SERIAL`). The key password (for the .key backup in the export folder)
// comes from --key-password-file, env KSEF_CERTS_PASSWORD or a hidden prompt — never from argv.
import {CERT_TYPE_CODES, ENV_CODES, MODE_CODES, parseOwner, type CertTypeCode, type EnvCode, type ModeCode} from '../../domain/index.js';
import {ownerLabel} from '../../flows/owner-label.js';
import {readPasswordOption} from '../password-source.js';
import {CliError, EXIT, registerCommand, type CliContext} from '../registry.js';
import {flagView, parseOrHelp, runGuarded} from '../command-kit.js';
import {usageError, type CommandSpec} from '../options.js';
import {cliTokenAccess} from '../token.js';
import {warnIfKsefDisrupted} from './status.js';
import {cliServices, enrollmentStepProgress, issuedParams, enrollWaitFromEnv, progressLine, reportEnrollment, resultOf, sessionProgress} from '../enrollment.js';

const SPEC = {
  name: 'generate',
  synopsis: 'cli.generate.synopsis',
  options: {
    owner: {type: 'string', value: 'cli.ph.owner', help: 'cli.o.owner'},
    env: {type: 'string', value: 'D|P|T', help: 'cli.o.env'},
    type: {type: 'string', value: 'A|O', help: 'cli.o.type'},
    name: {type: 'string', value: 'cli.ph.name', help: 'cli.generate.o.name'},
    'valid-from': {type: 'string', value: 'cli.ph.date', help: 'cli.generate.o.validFrom'},
    mode: {type: 'string', value: 'B|Z', help: 'cli.generate.o.mode'},
    'key-password-file': {type: 'string', value: 'cli.ph.file', help: 'cli.o.keyPasswordFile'},
    'pkcs11-token': {type: 'string', value: 'cli.ph.label', help: 'cli.generate.o.pkcs11Token'},
    'pin-file': {type: 'string', value: 'cli.ph.file', help: 'cli.o.pinFile'},
    signed: {type: 'string', value: 'cli.ph.file', help: 'cli.o.signed'},
    'auth-cert': {type: 'string', value: 'cli.ph.serial', help: 'cli.o.authCert'},
    json: {type: 'boolean', help: 'cli.o.json'},
  },
} as const satisfies CommandSpec;


async function runGenerate(ctx: CliContext, argv: string[]): Promise<number> {
  return runGuarded(ctx, argv, async (json) => {
    const parsed = parseOrHelp(ctx, SPEC, argv);
    if (parsed.help) return EXIT.ok;
    const {values} = flagView(parsed);
    const usage = (m: string) => usageError(ctx.t, SPEC, m);
    const owner = values['--owner'] ? parseOwner(values['--owner']) : undefined;
    if (!owner) throw usage(ctx.t('cli.enroll.needOwner'));
    const env = values['--env']?.toUpperCase();
    if (!env || !(ENV_CODES as readonly string[]).includes(env)) throw usage(ctx.t('cli.enroll.needEnv'));
    const type = values['--type']?.toUpperCase();
    if (!type || !(CERT_TYPE_CODES as readonly string[]).includes(type)) throw usage(ctx.t('cli.enroll.needType'));
    if (!values['--name']) throw usage(ctx.t('cli.enroll.needName'));
    const mode = (values['--mode'] ?? 'B').toUpperCase();
    if (!(MODE_CODES as readonly string[]).includes(mode)) throw usage(ctx.t('cli.enroll.badMode'));
    const signed = values['--signed'];
    const authCert = values['--auth-cert'];
    if (!!signed === !!authCert) throw usage(ctx.t('cli.enroll.needAuth'));

    const tokenLabel = values['--pkcs11-token'];
    // A key generated on a token has no .key backup: no key password then.
    const keyPassword = tokenLabel ? '' : (await readPasswordOption(ctx, argv, {flag: '--key-password-file', env: 'KSEF_CERTS_PASSWORD', prompt: ctx.t('cli.enroll.keyPasswordPrompt'), required: true}))!;
    const {store, operator} = await ctx.login();
    const token = await cliTokenAccess(ctx, argv, store);
    const keyOnToken = tokenLabel ? {access: token ?? {module: '', pin: () => ''}, label: tokenLabel} : undefined;
    const services = cliServices(ctx, store, operator).generate;
    // The form's rules first (once): a bad name, date or password, or an authorising certificate the operator may not
    // use for this owner, is reported before anything is sent to KSeF.
    const prepared = await services.prepare({
      owner, env: env as EnvCode, type: type as CertTypeCode, name: values['--name'], mode: mode as ModeCode, validFrom: values['--valid-from'], keyPassword, keyOnToken,
      ...(authCert ? {authCertId: authCert} : {}),
    });
    await warnIfKsefDisrupted(ctx, env as EnvCode);
    const progress = progressLine(ctx, json);
    const result = resultOf(await services.generate(prepared, {
      auth: signed ? {kind: 'signedFile', file: signed} : {kind: 'certificate', via: authCert!}, token,
      onSession: sessionProgress(ctx, progress), onStep: enrollmentStepProgress(ctx, progress), maxWaitMs: enrollWaitFromEnv(ctx.env),
    }));
    const r = result.record;
    reportEnrollment(ctx, json, result, () =>
      `${ctx.t('gen.cli.generated', {...issuedParams(r), owner: ownerLabel(r.owner, ctx.t)})}\n` +
        (result.backup ? `${ctx.t('gen.cli.backup', {crt: result.backup.certPath, key: result.backup.keyPath})}\n` : '') +
        (result.tokenBackup ? `${result.tokenBackup.note}\n` : ''),
    );
    return EXIT.ok;
  });
}

registerCommand({name: 'generate', summary: 'cli.cmd.generate', usage: SPEC.synopsis, run: runGenerate});
