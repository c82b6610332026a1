// `ksef-certs resume ID_OR_REFERENCE`: completes a pending enrollment [A-1-5-4] left behind by an interrupted
// generate (Esc, a crash, a killed process): a fresh KSeF session of the same identity — a file signed outside
// (`--signed`) or a stored type-A certificate (`--auth-cert`) — then poll → retrieve → store, as generate does.
// The key password (optional here) only writes the .crt/.key backup; without it use `export` later. A request whose
// reference number was never received is found in KSeF by its public key; `--abandon` marks one KSeF does not have
// as not sent (the user's decision — nothing is ever re-sent automatically).
import type {CertificateRecord} from '../../domain/index.js';
import {warsawDateTime} from '../../domain/index.js';
import {canManage} from '../../domain/rights.js';
import {branchCodeFor} from '../../flows/authorize.js';
import {contextFor} from '../../flows/context-id.js';
import {abandonEnrollment, resumeEnrollment, type GenerateResult} from '../../flows/generate.js';
import {ownerLabelPl, publicRecord} from '../../flows/import.js';
import {STATUS_LABEL_PL, buildRows} from '../../flows/list-view.js';
import {readPasswordFile, refusePasswordInArgv} from '../password-source.js';
import {FlowError} from '../../flows/errors.js';
import {passwordPolicyMessage} from '../../flows/export.js';
import type {Store} from '../../store/types.js';
import {CliError, EXIT, registerCommand, type CliContext} from '../registry.js';
import {flagView, parseOrHelp, runGuarded, writeJson} from '../command-kit.js';
import type {CommandSpec} from '../options.js';
import {enrollmentStepProgress, enrollWaitFromEnv, openEnrollmentSession, progressLine, reportEnrollment} from '../enrollment.js';

const USAGE =
  'ksef-certs resume ID_LUB_NR_REFERENCYJNY (--signed PODPISANY_auth.xml | --auth-cert NR_SERYJNY)\n' +
  '                  [--key-password-file PLIK] [--api URL] [--json]\n' +
  '       ksef-certs resume ID --abandon [--json]';

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

/** The record by id, enrollment reference number (case-insensitive) or serial. */
export async function findEnrollment(store: Store, idOrRef: string): Promise<CertificateRecord | undefined> {
  const ref = idOrRef.trim().toUpperCase();
  return (await store.getCertificate(idOrRef.trim())) ??
    (await store.listCertificates()).find((c) => c.enrollment?.referenceNumber?.toUpperCase() === ref);
}

async function runResume(ctx: CliContext, argv: string[]): Promise<number> {
  return runGuarded(ctx, argv, async (json) => {
    const parsed = parseOrHelp(ctx, SPEC, argv);
    if (parsed.help) return EXIT.ok;
    const {values, flags, positional} = flagView(parsed);
    const usage = (m: string) => new CliError(`${m}\nUżycie: ${USAGE}`, EXIT.usage);
    if (!positional[0]) throw usage('Podaj identyfikator rekordu albo numer referencyjny wniosku (pokazuje je `ksef-certs list`).');
    const signed = values['--signed'];
    const authCert = values['--auth-cert'];
    if (flags.has('--abandon')) return abandon(ctx, json, positional[0], !!(signed || authCert || values['--key-password-file']));
    if (!!signed === !!authCert) throw usage('Wskaż sposób autoryzacji: --signed PLIK (podpisany auth.xml) albo --auth-cert NR_SERYJNY.');
    // Only an explicit file writes the backup: resume must not stop at a prompt for an optional password.
    refusePasswordInArgv(argv, {flag: '--key-password-file', env: 'KSEF_CERTS_PASSWORD'});
    const pwFile = values['--key-password-file'];
    const keyPassword = pwFile ? await readPasswordFile(pwFile).catch((e) => {
      throw e instanceof FlowError ? new CliError(e.message) : e;
    }) : undefined;
    const weak = keyPassword !== undefined ? passwordPolicyMessage(keyPassword) : undefined;
    if (weak) throw new CliError(weak);

    const {store, operator} = await ctx.login();
    const rec = await findEnrollment(store, positional[0]);
    if (!rec) throw new CliError(`Nie ma w bazie wniosku ani certyfikatu „${positional[0]}” — sprawdź identyfikator lub numer referencyjny w \`ksef-certs list\`.`);
    if (rec.state !== 'pending' || !rec.enrollment) {
      const status = STATUS_LABEL_PL[buildRows([rec], new Date())[0].status];
      throw new CliError(`Certyfikat „${rec.name}” nie czeka na wydanie (status: ${status}) — wznowić można tylko wniosek w trakcie wydawania.`);
    }
    if (!canManage(operator, rec.owner)) {
      throw new CliError(`Brak uprawnień: operator ${operator.code} nie może dokończyć wniosku „${rec.name}” (${ownerLabelPl(rec.owner)}).`);
    }
    const [company, branches, operators] = await Promise.all([store.company(), store.listBranches(), store.listOperators()]);
    const branch = branches.find((b) => b.code === branchCodeFor(rec.owner, operators, operator));
    const apiUrl = branch?.config.apiUrl;
    const gateway = ctx.gateway();
    const progress = progressLine(ctx, json);
    const session = await openEnrollmentSession(ctx, {
      store, operator, gateway, env: rec.env, apiUrl, signed, authCert, progress,
      context: contextFor(company, rec.owner.kind === 'company' ? undefined : branch?.config),
    });
    progress(`Wznawianie wniosku ${rec.enrollment.referenceNumber ?? rec.id} („${rec.name}”)…`);
    let result: GenerateResult;
    try {
      result = await resumeEnrollment({store, gateway, operator, workstation: ctx.workstation, t: ctx.t}, rec.id, session, {
        keyPassword, apiUrl,
        onStep: enrollmentStepProgress(progress), maxWaitMs: enrollWaitFromEnv(ctx.env),
      });
    } finally {
      await session.logout().catch(() => undefined);
    }
    const r = result.record;
    reportEnrollment(ctx, json, result, () =>
      `Wydano certyfikat „${r.name}” dla ${ownerLabelPl(r.owner)} (wniosek ${r.enrollment?.referenceNumber ?? r.id}): typ ${r.type}, środowisko ${r.env}, ` +
        `tryb ${r.mode}, nr seryjny ${r.serial}, ważny ${warsawDateTime(new Date(r.validFrom!))} – ${warsawDateTime(new Date(r.validTo!))}.\n` +
        (result.backup
          ? `Kopia: ${result.backup.certPath}\n       ${result.backup.keyPath} (klucz zaszyfrowany podanym hasłem)\n`
          : `Kopię .crt/.key zapiszesz poleceniem: ksef-certs export ${r.serial} …\n`),
    );
    return EXIT.ok;
  });
}

/** `resume ID --abandon`: the request never reached KSeF (reconciliation found nothing) — mark it failed. */
async function abandon(ctx: CliContext, json: boolean, idOrRef: string | undefined, withAuth: boolean): Promise<number> {
  if (!idOrRef || withAuth) throw new CliError(`Podaj tylko identyfikator wniosku: ksef-certs resume ID --abandon\nUżycie: ${USAGE}`, EXIT.usage);
  const {store, operator} = await ctx.login();
  const rec = await findEnrollment(store, idOrRef);
  if (!rec) throw new CliError(`Nie ma w bazie wniosku ani certyfikatu „${idOrRef}” — sprawdź identyfikator lub numer referencyjny w \`ksef-certs list\`.`);
  const out = await abandonEnrollment({store, gateway: ctx.gateway(), operator, workstation: ctx.workstation, t: ctx.t}, rec.id);
  if (json) writeJson(ctx, {certificate: publicRecord(out)});
  else ctx.stdout.write(`${ctx.t('enroll.abandoned', {name: out.name})}\n`);
  return EXIT.ok;
}

registerCommand({name: 'resume', summary: 'cli.cmd.resume', usage: USAGE, run: runResume});
