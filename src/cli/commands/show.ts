// `ksef-certs show SERIAL [--json]`: the details of one certificate (as on the details screen), never its key.
import {certDetails} from '../../flows/cert-details.js';
import {keyTokenLabel} from '../../flows/key-label.js';
import {auditDetails, auditEventJson, langOf} from '../../flows/audit-notes.js';
import type {MessageKey} from '../../i18n/index.js';
import {EXIT, registerCommand, type CliContext} from '../registry.js';
import {findBySerial, parseOrHelp, runGuarded, usage, writeJson} from '../command-kit.js';
import type {CommandSpec} from '../options.js';
import {actionName, daysName, ownerName, reasonName, statusName, zonedTime} from '../format.js';
import {certJson} from './list.js';

const SPEC = {
  name: 'show',
  synopsis: 'cli.show.synopsis',
  maxPositionals: 1,
  options: {json: {type: 'boolean', help: 'cli.o.json'}},
} as const satisfies CommandSpec;

async function runShow(ctx: CliContext, argv: string[]): Promise<number> {
  return runGuarded(ctx, argv, async (json) => {
    const {positionals, help} = parseOrHelp(ctx, SPEC, argv);
    if (help) return EXIT.ok;
    if (!positionals[0]) throw usage(ctx, SPEC, 'cli.needSerial');
    const {store} = await ctx.login();
    const t = ctx.t;
    const rec = await findBySerial(ctx, store, positionals[0]);
    const [records, audit] = await Promise.all([store.listCertificates(), store.listAudit()]);
    const d = certDetails(records, audit, rec, new Date());
    if (json) {
      writeJson(ctx, {
        ...certJson(rec, d.row),
        subject: d.subject, issuer: d.issuer, keyAlgorithm: d.keyAlgorithm, keyLocation: d.keyLocation, fingerprintSha256: d.fingerprintSha256, usage: d.usage,
        succeeds: d.succeeds ? {id: d.succeeds.id, serial: d.succeeds.serial ?? null, name: d.succeeds.name} : null,
        succeededBy: d.succeededBy.map((s) => ({id: s.id, serial: s.serial ?? null, name: s.name})),
        historyLang: langOf(t), // the language of each history event's detailsText
        history: d.history.map((e) => auditEventJson(t, e)),
      });
      return EXIT.ok;
    }
    const r = d.row;
    const token = keyTokenLabel(rec);
    const rows: [MessageKey, string][] = [
      ['cli.show.name', rec.name],
      ['cli.show.owner', ownerName(t, rec.owner)],
      ['cli.show.typeEnv', t('cli.show.typeEnvValue', {type: rec.type, env: rec.env, mode: rec.mode})],
      ['cli.show.status', `${statusName(t, r.status)}${r.days !== undefined ? ` (${t('cli.show.left', {days: daysName(t, r.days)})})` : ''}`],
      ['cli.show.serial', rec.serial ?? '—'],
      ['cli.show.valid', `${r.validFrom || '—'} – ${r.validTo || '—'}`],
      ['cli.show.subject', d.subject],
      ['cli.show.issuer', d.issuer],
      ['cli.show.keyAlgorithm', d.keyAlgorithm],
      ['cli.show.key', `${token === undefined ? t('pkcs11.keyStore') : t('pkcs11.keyToken', {token})}${rec.keyUri ? ` — ${rec.keyUri}` : ''}`],
      ['cli.show.fingerprint', d.fingerprintSha256],
      ['cli.show.usage', t(`cli.typeUsage.${rec.type}`)],
      ['cli.show.succeeds', d.succeeds ? `${d.succeeds.name} (${d.succeeds.serial ?? '—'})` : '—'],
      ['cli.show.successor', d.succeededBy.length ? d.succeededBy.map((s) => `${s.name} (${s.serial ?? statusName(t, 'pending')})`).join(', ') : '—'],
      ...(rec.revocationReason
        ? [['cli.show.revoked', `${rec.revokedAt ? zonedTime(rec.revokedAt) : ''} — ${reasonName(t, rec.revocationReason)}`] as [MessageKey, string]]
        : []),
      ...(rec.ksefStatus
        ? [['cli.show.ksefStatus', t('cli.show.ksefStatusValue', {status: t(`cli.ksefStatus.${rec.ksefStatus}`), at: rec.ksefCheckedAt ? zonedTime(rec.ksefCheckedAt) : '—'})] as [MessageKey, string]]
        : []),
    ];
    // Pad on the longest label of the language, so the values line up in either.
    const labels = rows.map(([k]) => `${t(k)}:`);
    const width = Math.max(...labels.map((l) => l.length)) + 2;
    const lines = [
      ...rows.map(([, v], i) => `${labels[i].padEnd(width)}${v}`),
      `${t('cli.show.history')}:`,
      ...(d.history.length
        ? d.history.map((e) => {
          const details = auditDetails(t, e);
          return `  ${zonedTime(e.at)}  ${actionName(t, e.action)}  ${e.operator}${details ? `  ${details}` : ''}`;
        })
        : [`  ${t('cli.show.noEvents')}`]),
    ];
    ctx.stdout.write(`${lines.join('\n')}\n`);
    return EXIT.ok;
  });
}

registerCommand({name: 'show', summary: 'cli.cmd.show', usage: SPEC.synopsis, run: runShow});
