// Alerts of `ksef-certs check`: a webhook on a loopback HTTP server and e-mail through a real SMTP server process
// (STARTTLS with a self-signed certificate), de-duplication across runs (state in the store), delivery failures in
// the exit status and the audit log.
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {DAY, makeCheckWorld, NOW, summaryOf, type CheckWorld} from './helpers.js';
import {parseMail, selfSigned, startSmtp, startWebhook, type Hook, type Smtp} from './alert-servers.js';

let w: CheckWorld;
beforeEach(async () => {
  w = await makeCheckWorld();
});
afterEach(() => w?.cleanup());

const later = (days: number) => new Date(NOW.getTime() + days * DAY);
const auditOf = async (action: string) => (await w.store.listAudit()).filter((e) => e.action === action);

describe('webhook', () => {
  let hook: Hook;
  beforeEach(async () => {
    hook = await startWebhook('/hooks/SEKRET-TOKEN-123');
  });
  afterEach(() => hook.close());

  it('POSTs the findings as JSON once; again when warning → critical, after --repeat-hours, never with 0', async () => {
    const rec = await w.add({endsIn: 20.5, name: 'Logowanie firmy'});
    const r1 = await w.check(['--webhook', hook.url]);
    expect(r1.code).toBe(1);
    expect(hook.requests).toHaveLength(1);
    const body = hook.requests[0].body as Record<string, any>;
    expect(hook.requests[0].headers['content-type']).toMatch(/^application\/json/);
    expect(body).toMatchObject({source: 'ksef-certs', status: 'WARNING', exitCode: 1, lang: 'pl', totalFindings: 1});
    expect(body.summary).toBe('KSEF-CERTS WARNING - wygasające w ciągu 30 dni: 1');
    expect(body.findings).toHaveLength(1);
    expect(body.findings[0]).toMatchObject({id: `expiring:${rec.id}`, kind: 'expiring', severity: 'warning', reason: 'new', serial: rec.serial, daysLeft: 20});
    expect(body.findings[0].text).toContain('Logowanie firmy (firma, typ A, środowisko D');
    expect(JSON.stringify(body)).not.toMatch(/keyPem|PRIVATE KEY/);
    expect((await w.store.snapshot()).alerts).toEqual([{channel: 'webhook', finding: `expiring:${rec.id}`, severity: 'warning', sentAt: NOW.toISOString()}]);
    const sent = await auditOf('alertSent');
    expect(sent).toHaveLength(1);
    expect(sent[0].details).toContain('webhook http://127.0.0.1:');
    expect(sent[0].details).not.toContain('SEKRET');

    // Same finding, an hour later: nothing new.
    const r2 = await w.check(['--webhook', hook.url], {now: new Date(NOW.getTime() + 3_600_000)});
    expect(r2.code).toBe(1);
    expect(r2.out).toContain('nic nowego do wysłania');
    expect(hook.requests).toHaveLength(1);

    // Worse: 14 days later it is critical.
    expect((await w.check(['--webhook', hook.url], {now: later(14)})).code).toBe(2);
    expect(hook.requests).toHaveLength(2);
    expect((hook.requests[1].body as any).findings[0]).toMatchObject({severity: 'critical', reason: 'worse'});
    expect((hook.requests[1].body as any).status).toBe('CRITICAL');

    // Unchanged within --repeat-hours (default 24): silent; after it: a reminder; --repeat-hours 0: never.
    await w.check(['--webhook', hook.url], {now: new Date(later(14).getTime() + 23 * 3_600_000)});
    expect(hook.requests).toHaveLength(2);
    await w.check(['--webhook', hook.url, '--repeat-hours', '0'], {now: later(16)});
    expect(hook.requests).toHaveLength(2);
    await w.check(['--webhook', hook.url], {now: later(16)});
    expect(hook.requests).toHaveLength(3);
    expect((hook.requests[2].body as any).findings[0].reason).toBe('repeat');
  });

  it('two overlapping runs (cron and a manual check) send the alert once: due findings are claimed under the store lock', async () => {
    await w.add({endsIn: 20});
    const runs = await Promise.all([w.check(['--webhook', hook.url]), w.check(['--webhook', hook.url]), w.check(['--webhook', hook.url])]);
    expect(runs.map((r) => r.code)).toEqual([1, 1, 1]);
    expect(hook.requests).toHaveLength(1);
    expect(await auditOf('alertSent')).toHaveLength(1);
  });

  it('a finding that went away is forgotten, so a recurrence alerts again', async () => {
    const rec = await w.add({endsIn: 20});
    await w.check(['--webhook', hook.url]);
    await w.store.patchCertificate(rec.id, {validTo: new Date(NOW.getTime() + 200 * DAY).toISOString()});
    expect((await w.check(['--webhook', hook.url])).code).toBe(0);
    expect((await w.store.snapshot()).alerts).toEqual([]);
    await w.store.patchCertificate(rec.id, {validTo: new Date(NOW.getTime() + 25 * DAY).toISOString()});
    await w.check(['--webhook', hook.url]);
    expect(hook.requests).toHaveLength(2);
    expect((hook.requests[1].body as any).findings[0].reason).toBe('new');
  });

  it('HTTP 500 → UNKNOWN (3) with the failure in the summary, an alertFailed audit entry, and a retry next run', async () => {
    await w.add({endsIn: 20});
    hook.status = 500;
    const r = await w.check(['--webhook', hook.url]);
    expect(r.code).toBe(3);
    expect(summaryOf(r.out)).toMatch(/^KSEF-CERTS UNKNOWN - wygasające w ciągu 30 dni: 1; alert niedostarczony \(webhook: HTTP 500\) \|/);
    expect(r.out).toContain('NIE WYSŁANO: HTTP 500');
    const failed = await auditOf('alertFailed');
    expect(failed).toHaveLength(1);
    expect(failed[0].details).toMatch(/^webhook http:\/\/127\.0\.0\.1:\d+: HTTP 500; zgłoszenia 1/);
    expect(failed[0].details).not.toContain('SEKRET');
    expect((await w.store.snapshot()).alerts ?? []).toEqual([]);
    hook.status = 200;
    expect((await w.check(['--webhook', hook.url])).code).toBe(1);
    expect(hook.requests).toHaveLength(2);
  });

  it('server down: a CRITICAL stays CRITICAL (2) and still names the failed delivery; audit records it', async () => {
    await w.add({endsIn: 3});
    const url = hook.url;
    await hook.close();
    hook.close = async () => undefined;
    const r = await w.check(['--webhook', url]);
    expect(r.code).toBe(2);
    expect(summaryOf(r.out)).toMatch(/alert niedostarczony \(webhook: .*ECONNREFUSED/);
    expect((await auditOf('alertFailed'))[0].details).toMatch(/ECONNREFUSED/);
  });
});

describe('e-mail through a real SMTP server process', () => {
  let tmp: CheckWorld;
  let tls: {key: string; cert: string};
  beforeAll(async () => {
    tmp = await makeCheckWorld();
    tls = selfSigned(tmp.root);
  });
  afterAll(() => tmp?.cleanup());
  let smtp: Smtp | undefined;
  afterEach(async () => {
    await smtp?.stop();
    smtp = undefined;
  });
  const mailArgs = (port: number, extra: string[] = []) => [
    '--smtp', `smtp://127.0.0.1:${port}`, '--mail-to', 'admin@example.invalid', '--mail-from', 'ksef-certs@example.invalid', ...extra,
  ];

  it('STARTTLS (self-signed server, trusted with --smtp-ca): Polish subject and body, once across runs', async () => {
    smtp = await startSmtp({tls});
    const rec = await w.add({endsIn: 12, name: 'Offline firmy', type: 'O'});
    const r = await w.check(mailArgs(smtp.port, ['--smtp-ca', tls.cert]));
    expect(r.code).toBe(1);
    expect(smtp.mails).toHaveLength(1);
    const m = smtp.mails[0];
    expect(m.secure).toBe(true);
    expect(m.from).toBe('ksef-certs@example.invalid');
    expect(m.to).toEqual(['admin@example.invalid']);
    const parsed = parseMail(m.raw);
    expect(parsed.subject).toBe('[ksef-certs] KSEF-CERTS WARNING - wygasające w ciągu 30 dni: 1');
    expect(parsed.contentType).toBe('text/plain');
    expect(parsed.body).toContain('ksef-certs — kontrola certyfikatów KSeF (Demo Sp. z o.o., NIP 1111111111)');
    expect(parsed.body).toContain(`- OSTRZEŻENIE: Offline firmy (firma, typ O, środowisko D, nr ${rec.serial}) kończy się`);
    expect(r.out).toMatch(/Alerty: e-mail smtp:\/\/127\.0\.0\.1:\d+ → admin@example\.invalid — wysłano 1/);
    // De-duplicated: the next run sends nothing.
    await w.check(mailArgs(smtp.port, ['--smtp-ca', tls.cert]), {now: new Date(NOW.getTime() + 3_600_000)});
    expect(smtp.mails).toHaveLength(1);
    expect((await auditOf('alertSent'))[0].details).toMatch(/^e-mail smtp:\/\/127\.0\.0\.1:\d+ → admin@example\.invalid: zgłoszenia 1/);
  });

  it('--lang en: the e-mail in English', async () => {
    smtp = await startSmtp({tls});
    await w.add({endsIn: 2, name: 'Login cert'});
    expect((await w.check(mailArgs(smtp.port, ['--smtp-ca', tls.cert, '--lang', 'en']))).code).toBe(2);
    const parsed = parseMail(smtp.mails[0].raw);
    expect(parsed.subject).toBe('[ksef-certs] KSEF-CERTS CRITICAL - expiring within 30 days: 1 (within 7 days: 1)');
    expect(parsed.body).toContain('New or worsened findings:');
    expect(parsed.body).toContain('- CRITICAL: Login cert (company, type A, environment D');
  });

  it('an untrusted server certificate is a delivery failure: nothing sent in clear, UNKNOWN, audited', async () => {
    smtp = await startSmtp({tls});
    await w.add({endsIn: 20});
    const r = await w.check(mailArgs(smtp.port));
    expect(r.code).toBe(3);
    expect(smtp.mails).toHaveLength(0);
    expect(summaryOf(r.out)).toMatch(/alert niedostarczony \(mail: .*(self-signed|certificate)/i);
    expect((await auditOf('alertFailed'))[0].details).toMatch(/^e-mail smtp:\/\/127\.0\.0\.1:\d+ → admin@example\.invalid: .*(self-signed|certificate)/i);
  });

  it('SMTP AUTH: user in the URL, password from KSEF_CERTS_SMTP_PASSWORD; a wrong one fails without showing it', async () => {
    smtp = await startSmtp({tls, auth: 'alerts:Smtp-Haslo-2027'});
    await w.add({endsIn: 20});
    const url = `smtp://alerts@127.0.0.1:${smtp.port}`;
    const args = ['--smtp', url, '--mail-to', 'admin@example.invalid', '--smtp-ca', tls.cert];
    const bad = await w.check(args, {env: {KSEF_CERTS_SMTP_PASSWORD: 'Zle-Haslo-SMTP'}});
    expect(bad.code).toBe(3);
    expect(smtp.mails).toHaveLength(0);
    expect(bad.out).not.toContain('Zle-Haslo-SMTP');
    const ok = await w.check(args, {env: {KSEF_CERTS_SMTP_PASSWORD: 'Smtp-Haslo-2027'}});
    expect(ok.code).toBe(1);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]).toMatchObject({secure: true, user: 'alerts'});
    expect(JSON.stringify(await w.store.listAudit())).not.toMatch(/Haslo/);
  });

  it('a server that rejects the message (554) and --smtp-require-tls against a plain server both fail visibly', async () => {
    smtp = await startSmtp({tls, reject: true});
    await w.add({endsIn: 20});
    const r = await w.check(mailArgs(smtp.port, ['--smtp-ca', tls.cert]));
    expect(r.code).toBe(3);
    expect(summaryOf(r.out)).toMatch(/alert niedostarczony \(mail: .*554/);
    await smtp.stop();
    smtp = await startSmtp();
    const plain = await w.check(mailArgs(smtp.port, ['--smtp-require-tls']));
    expect(plain.code).toBe(3);
    expect(smtp.mails).toHaveLength(0);
    expect(await auditOf('alertFailed')).toHaveLength(2);
  });
});
