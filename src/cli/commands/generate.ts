// `ksef-certs generate`: a new KSeF certificate [A-1-5-4] for the company, a branch or an operator, authorised by a
// file signed outside (`--signed`, for a challenge from `auth-request`, at most 10 minutes old — KSeF checks it) or
// by a stored type-A certificate (`--auth-cert SERIAL`). The key password (for the .key backup in the export folder)
// comes from --key-password-file, env KSEF_CERTS_PASSWORD or a hidden prompt — never from argv.
import {CERT_TYPE_CODES, ENV_CODES, MODE_CODES, parseOwner, type CertTypeCode, type EnvCode, type ModeCode} from '../../domain/index.js';
import {branchCodeFor} from '../../flows/authorize.js';
import {contextFor} from '../../flows/context-id.js';
import {enrollCertificate, planGenerate, type GenerateResult} from '../../flows/generate.js';
import {loadParties} from '../../flows/generate-rights.js';
import {ownerLabelPl} from '../../flows/import.js';
import {readPasswordOption} from '../password-source.js';
import {warsawDateTime} from '../../domain/index.js';
import {CliError, EXIT, registerCommand, type CliContext} from '../registry.js';
import {flagView, parseOrHelp, runGuarded} from '../command-kit.js';
import type {CommandSpec} from '../options.js';
import {cliTokenAccess} from '../token.js';
import {TokenError} from '../../ksef/pkcs11/errors.js';
import {warnIfKsefDisrupted} from './status.js';
import {enrollmentStepProgress, enrollWaitFromEnv, openEnrollmentSession, progressLine, reportEnrollment} from '../enrollment.js';

const USAGE =
  'ksef-certs generate --owner company|branch:KOD|operator:KOD --env D|P|T --type A|O --name NAZWA\n' +
  '                    [--valid-from RRRR-MM-DD] [--mode B|Z] (--key-password-file PLIK | --pkcs11-token ETYKIETA [--pin-file PLIK])\n' +
  '                    (--signed PODPISANY_auth.xml | --auth-cert NR_SERYJNY) [--api URL] [--json]';

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

const PASSWORD_SPEC = {
  flag: '--key-password-file', env: 'KSEF_CERTS_PASSWORD', prompt: 'Hasło kopii klucza (.key): ', required: true,
};

async function runGenerate(ctx: CliContext, argv: string[]): Promise<number> {
  return runGuarded(ctx, argv, async (json) => {
    const parsed = parseOrHelp(ctx, SPEC, argv);
    if (parsed.help) return EXIT.ok;
    const {values} = flagView(parsed);
    const usage = (m: string) => new CliError(`${m}\nUżycie: ${USAGE}`, EXIT.usage);
    const owner = values['--owner'] ? parseOwner(values['--owner']) : undefined;
    if (!owner) throw usage('Podaj właściciela: --owner company, branch:KOD lub operator:KOD.');
    const env = values['--env']?.toUpperCase();
    if (!env || !(ENV_CODES as readonly string[]).includes(env)) throw usage('Podaj środowisko: --env D, P lub T.');
    const type = values['--type']?.toUpperCase();
    if (!type || !(CERT_TYPE_CODES as readonly string[]).includes(type)) throw usage('Podaj typ: --type A (uwierzytelnianie) lub O (offline).');
    if (!values['--name']) throw usage('Podaj nazwę certyfikatu: --name NAZWA.');
    const mode = (values['--mode'] ?? 'B').toUpperCase();
    if (!(MODE_CODES as readonly string[]).includes(mode)) throw usage('Tryb: --mode B (bieżący) lub Z (po wygaśnięciu bieżącego).');
    const signed = values['--signed'];
    const authCert = values['--auth-cert'];
    if (!!signed === !!authCert) throw usage('Wskaż sposób autoryzacji: --signed PLIK (podpisany auth.xml) albo --auth-cert NR_SERYJNY.');

    const tokenLabel = values['--pkcs11-token'];
    // A key generated on a token has no .key backup: no key password then.
    const keyPassword = tokenLabel ? '' : (await readPasswordOption(ctx, argv, PASSWORD_SPEC))!;
    const {store, operator} = await ctx.login();
    const token = await cliTokenAccess(ctx, argv, store);
    const keyOnToken = tokenLabel ? {access: token ?? {module: '', pin: () => ''}, label: tokenLabel} : undefined;
    const [company, branches, operators, records] = await Promise.all([store.company(), store.listBranches(), store.listOperators(), store.listCertificates()]);
    // The form's rules first: a bad name, date or password, or an authorising certificate the operator may not use
    // for this owner, is reported before anything is sent to KSeF.
    planGenerate(records, operator, {
      owner, env: env as EnvCode, type: type as CertTypeCode, name: values['--name'], mode: mode as ModeCode, validFrom: values['--valid-from'], keyPassword, keyOnToken,
      ...(authCert ? {authCertId: authCert} : {}),
    }, new Date(), await loadParties(store));
    if (keyOnToken && !token) throw new TokenError('noModule', {token: keyOnToken.label});
    const branch = branches.find((b) => b.code === branchCodeFor(owner, operators, operator));
    const apiUrl = branch?.config.apiUrl;
    const gateway = ctx.gateway();
    await warnIfKsefDisrupted(ctx, env as EnvCode);
    const progress = progressLine(ctx, json);
    const session = await openEnrollmentSession(ctx, {
      store, operator, gateway, env: env as EnvCode, apiUrl, signed, authCert, progress, token,
      context: contextFor(company, owner.kind === 'company' ? undefined : branch?.config),
    });
    let result: GenerateResult;
    try {
      result = await enrollCertificate(
        {store, gateway, operator, workstation: ctx.workstation, t: ctx.t},
        session,
        {
          owner, env: env as EnvCode, type: type as CertTypeCode, name: values['--name'], mode: mode as ModeCode, validFrom: values['--valid-from'], keyPassword, apiUrl, keyOnToken,
          ...(authCert ? {authCertId: authCert} : {}),
        },
        {onStep: enrollmentStepProgress(progress), maxWaitMs: enrollWaitFromEnv(ctx.env)},
      );
    } finally {
      await session.logout().catch(() => undefined);
    }
    const r = result.record;
    reportEnrollment(ctx, json, result, () =>
      `Wygenerowano certyfikat „${r.name}” dla ${ownerLabelPl(r.owner)}: typ ${r.type}, środowisko ${r.env}, tryb ${r.mode}, nr seryjny ${r.serial}, ` +
        `ważny ${warsawDateTime(new Date(r.validFrom!))} – ${warsawDateTime(new Date(r.validTo!))}.\n` +
        (result.backup ? `Kopia: ${result.backup.certPath}\n       ${result.backup.keyPath} (klucz zaszyfrowany podanym hasłem)\n` : '') +
        (result.tokenBackup ? `${result.tokenBackup.note}\n` : ''),
    );
    return EXIT.ok;
  });
}

registerCommand({name: 'generate', summary: 'cli.cmd.generate', usage: USAGE, run: runGenerate});
