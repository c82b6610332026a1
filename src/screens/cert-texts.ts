// The certificate facts the list, details and dialogs show, in the session's language (the flows keep codes).
import type {AuditAction, CertificateRecord, DisplayStatus, Owner, RevocationReason} from '../domain/index.js';
import type {MessageKey, Translate} from '../i18n/index.js';
import type {CertRow, ExpiryAlerts} from '../flows/list-view.js';

export const statusText = (t: Translate, s: DisplayStatus): string => t(`certs.status.${s}` as MessageKey);

/** `operator JAN`, `oddział CENTRALA` / `branch CENTRALA`, `firma` / `company`. */
export const ownerText = (t: Translate, o: Owner): string =>
  (o.kind === 'company' ? t('certs.owner.company') : `${t(`certs.owner.${o.kind}` as MessageKey)} ${o.code}`);

/** The owner after "for" (Polish genitive): `firmy`, `oddziału CENTRALA`, `operatora JAN`. */
export const ownerForText = (t: Translate, o: Owner): string =>
  (o.kind === 'company' ? t('certs.ownerFor.company') : t(`certs.ownerFor.${o.kind}` as MessageKey, {code: o.code}));

export function daysText(t: Translate, days: number | undefined): string {
  if (days === undefined) return '—';
  if (days <= 0) return t('certs.days.last');
  return days === 1 ? t('certs.days.one') : t('certs.days.many', {days});
}

/** KSeF's own status word (Active, Revoked, …) in the UI language. */
export const ksefStatusText = (t: Translate, s: CertificateRecord['ksefStatus']): string =>
  (s ? t(`certs.ksef.${s}` as MessageKey) : t('certs.ksef.unchecked'));

export const reasonText = (t: Translate, r: RevocationReason): string => t(`certs.reason.${r}` as MessageKey);

export const auditActionText = (t: Translate, a: AuditAction): string => t(`certs.audit.${a}` as MessageKey);

/** Rows with the owner and status in the UI language (search and sort then work on what is shown). */
export const localRows = (t: Translate, rows: readonly CertRow[]): CertRow[] =>
  rows.map((r) => ({...r, owner: ownerText(t, r.rec.owner), statusText: statusText(t, r.status)}));

/** One or two banner lines, or [] when there is nothing to say. */
export function alertTexts(t: Translate, a: ExpiryAlerts, maxItems = 3): string[] {
  const lines: string[] = [];
  const more = (n: number) => (n > maxItems ? t('certs.alert.more', {count: n - maxItems}) : '');
  if (a.expiring.length) {
    const sorted = [...a.expiring].sort((x, y) => (x.days ?? 0) - (y.days ?? 0));
    const items = sorted.slice(0, maxItems).map((r) => `${r.name} (${r.owner}, ${r.type}/${r.env}, ${daysText(t, r.days)})`);
    lines.push(t('certs.alert.expiring', {items: items.join('; '), more: more(sorted.length)}));
  }
  if (a.missing.length) {
    const items = a.missing.slice(0, maxItems).map((m) => `${ownerText(t, m.owner)} (${t('certs.alert.typeEnv', {type: m.type, env: m.env})})`);
    lines.push(t('certs.alert.missing', {items: items.join('; '), more: more(a.missing.length)}));
  }
  return lines;
}
