// Alert dispatch of `ksef-certs check`: for each configured channel the findings that are due (claimed under the
// store's lock, alert-state.ts), one webhook POST / one e-mail with them, and the audit log — success or failure.
import type {EnvCode, Operator} from '../../domain/index.js';
import {warsawDateTime} from '../../domain/index.js';
import type {Store} from '../../store/types.js';
import {msg, type Lang, type Translate} from '../../i18n/index.js';
import {claimDue, releaseClaim, type Channel, type DueFinding} from './alert-state.js';
import {postWebhook, redactUrl, sendMail, type MailTarget} from './deliver.js';
import type {Finding} from './findings.js';
import type {CertRow} from '../list-view.js';
import {findingText, safe, severityLabel, STATE_EXIT, type CheckState} from './text.js';
import {auditNote} from '../audit-notes.js';

export interface ChannelReport {
  channel: Channel;
  /** Redacted target: `https://host`, `smtp://host:port → to`. */
  target: string;
  sent: number;
  error?: string;
}

export interface AlertContext {
  store: Store;
  operator: Operator;
  workstation: string;
  t: Translate;
  lang: Lang;
  now: Date;
  /** State and summary (without perfdata) of the certificates, as the alert reports them. */
  state: CheckState;
  summary: string;
  findings: readonly Finding[];
  /** What this run looked at (filters, rights): only such old entries may be forgotten. */
  rows: readonly CertRow[];
  /** Environments KSeF answered for in this run (--refresh): only there can KSeF-only findings have gone away. */
  refreshedEnvs: ReadonlySet<EnvCode>;
}

type Send = (due: DueFinding[]) => Promise<{ok: true} | {ok: false; error: string}>;

export async function dispatchAlerts(a: AlertContext, o: {webhook?: string; mail?: MailTarget; repeatHours: number}): Promise<ChannelReport[]> {
  const channels: {channel: Channel; target: string; send: Send}[] = [];
  if (o.webhook) {
    const url = o.webhook;
    channels.push({channel: 'webhook', target: redactUrl(url), send: (due) => postWebhook(url, webhookBody(a, due))});
  }
  if (o.mail) {
    const mail = o.mail;
    const company = await a.store.company();
    channels.push({
      channel: 'mail', target: `${redactUrl(mail.url)} → ${mail.to.join(', ')}`,
      send: (due) => sendMail(mail, {subject: a.t('check.mail.subject', {summary: a.summary}), text: mailText(a, company, due)}),
    });
  }
  if (!channels.length) return [];
  const inScope = scopeOf(a);
  const out: ChannelReport[] = [];
  for (const ch of channels) {
    const claim = await claimDue(a.store, ch.channel, a.findings, inScope, o.repeatHours, a.now);
    if (!claim.due.length) {
      out.push({channel: ch.channel, target: ch.target, sent: 0});
      continue;
    }
    const {due} = claim;
    const res = await ch.send(due);
    const where = {channel: ch.channel === 'mail' ? 'e-mail' : 'webhook', target: ch.target};
    const audit = {operator: a.operator.code, workstation: a.workstation};
    if (res.ok) {
      await a.store.audit({...audit, action: 'alertSent', ...auditNote(msg('auditNote.alertSent', {...where, n: due.length, ids: due.map((d) => d.finding.id).join(', ').slice(0, 300)}))});
      out.push({channel: ch.channel, target: ch.target, sent: due.length});
    } else {
      // Not kept as sent: the next run tries again.
      await releaseClaim(a.store, claim);
      await a.store.audit({...audit, action: 'alertFailed', ...auditNote(msg('auditNote.alertFailed', {...where, error: safe(res.error), n: due.length}))});
      out.push({channel: ch.channel, target: ch.target, sent: 0, error: res.error});
    }
  }
  return out;
}

/** Whether an old finding id belongs to what this run checked (so its absence means it went away). */
function scopeOf(a: AlertContext): (id: string) => boolean {
  const rows = new Map(a.rows.map((r) => [r.id, r]));
  const groups = new Set(a.rows.map((r) => `${r.ownerKey}|${r.type}|${r.env}`));
  return (id) => {
    const i = id.indexOf(':');
    const [kind, subject] = [id.slice(0, i), id.slice(i + 1)];
    if (kind === 'missing') return groups.has(subject);
    if (kind === 'permissions') return true;
    // Found only by asking KSeF: a run without --refresh (the hourly one) says nothing about them.
    if (kind === 'limits') return a.refreshedEnvs.has(subject.split(':')[0] as EnvCode);
    const row = rows.get(subject);
    if (kind === 'ksefUnknown') return !!row && a.refreshedEnvs.has(row.env);
    return !!row;
  };
}

function webhookBody(a: AlertContext, due: readonly DueFinding[]) {
  return {
    source: 'ksef-certs', version: 1, host: a.workstation, lang: a.lang, checkedAt: a.now.toISOString(),
    status: a.state, exitCode: STATE_EXIT[a.state], summary: a.summary, totalFindings: a.findings.length,
    findings: due.map(({finding, reason}) => ({...finding, reason, text: findingText(a.t, finding)})),
  };
}

function mailText(a: AlertContext, company: {name: string; nip: string}, due: readonly DueFinding[]): string {
  const t = a.t;
  return [
    t('check.mail.intro', {company: safe(company.name), nip: company.nip, at: warsawDateTime(a.now)}),
    '',
    t('check.mail.due'),
    ...due.map(({finding}) => `- ${severityLabel(t, finding)}: ${findingText(t, finding)}`),
    '',
    t('check.mail.all', {n: a.findings.length}),
    '',
  ].join('\n');
}
