// `ksef-certs show SERIAL [--json]`: the details of one certificate (as on the details screen), never its key.
import {warsawDateTime} from '../../domain/index.js';
import {daysText} from '../../flows/list-view.js';
import {certDetails} from '../../flows/cert-details.js';
import {REVOCATION_REASON_PL} from '../../flows/revoke.js';
import {EXIT, CliError, registerCommand, type CliContext} from '../registry.js';
import {findBySerial, parseFlags, runGuarded, writeJson} from '../command-kit.js';
import {certJson} from './list.js';

const USAGE = 'ksef-certs show NR_SERYJNY [--json]';

async function runShow(ctx: CliContext, argv: string[]): Promise<number> {
  return runGuarded(ctx, argv, async (json) => {
    const {flags, positional} = parseFlags(argv, [], ['--json'], USAGE, 1);
    if (flags.has('--help')) {
      ctx.stdout.write(`Użycie: ${USAGE}\n`);
      return EXIT.ok;
    }
    if (!positional[0]) throw new CliError(`Podaj numer seryjny certyfikatu.\nUżycie: ${USAGE}`, EXIT.usage);
    const {store} = await ctx.login();
    const rec = await findBySerial(ctx, store, positional[0]);
    const [records, audit] = await Promise.all([store.listCertificates(), store.listAudit()]);
    const d = certDetails(records, audit, rec, new Date());
    if (json) {
      writeJson(ctx, {
        ...certJson(rec, d.row),
        subject: d.subject, issuer: d.issuer, keyAlgorithm: d.keyAlgorithm, keyLocation: d.keyLocation, fingerprintSha256: d.fingerprintSha256, usage: d.usage,
        succeeds: d.succeeds ? {id: d.succeeds.id, serial: d.succeeds.serial ?? null, name: d.succeeds.name} : null,
        succeededBy: d.succeededBy.map((s) => ({id: s.id, serial: s.serial ?? null, name: s.name})),
        history: d.history,
      });
      return EXIT.ok;
    }
    const r = d.row;
    const lines = [
      `Certyfikat:        ${rec.name}`,
      `Właściciel:        ${r.owner}`,
      `Typ / środowisko:  ${rec.type} / ${rec.env}   tryb ${rec.mode}`,
      `Status:            ${r.statusText}${r.days !== undefined ? ` (pozostało: ${daysText(r.days)})` : ''}`,
      `Nr seryjny:        ${rec.serial ?? '—'}`,
      `Ważny:             ${r.validFrom || '—'} – ${r.validTo || '—'}`,
      `Podmiot:           ${d.subject}`,
      `Wystawca:          ${d.issuer}`,
      `Algorytm klucza:   ${d.keyAlgorithm}`,
      `Klucz prywatny:    ${d.keyLocation}${rec.keyUri ? ` — ${rec.keyUri}` : ''}`,
      `Odcisk SHA-256:    ${d.fingerprintSha256}`,
      `Przeznaczenie:     ${d.usage}`,
      `Następuje po:      ${d.succeeds ? `${d.succeeds.name} (${d.succeeds.serial ?? '—'})` : '—'}`,
      `Następca:          ${d.succeededBy.length ? d.succeededBy.map((s) => `${s.name} (${s.serial ?? 'w trakcie wydawania'})`).join(', ') : '—'}`,
      ...(rec.revocationReason ? [`Unieważniony:      ${rec.revokedAt ? warsawDateTime(new Date(rec.revokedAt)) : ''} — ${REVOCATION_REASON_PL[rec.revocationReason]}`] : []),
      ...(rec.ksefStatus ? [`Status w KSeF:     ${rec.ksefStatus} (sprawdzono ${rec.ksefCheckedAt ? warsawDateTime(new Date(rec.ksefCheckedAt)) : '—'})`] : []),
      'Historia:',
      ...(d.history.length ? d.history.map((e) => `  ${warsawDateTime(new Date(e.at))}  ${e.action}  ${e.operator}${e.details ? `  ${e.details}` : ''}`) : ['  (brak zdarzeń)']),
    ];
    ctx.stdout.write(`${lines.join('\n')}\n`);
    return EXIT.ok;
  });
}

registerCommand({name: 'show', summary: 'szczegóły certyfikatu KSeF', usage: USAGE, run: runShow});
