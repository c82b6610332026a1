// `ksef-certs check` on a fake clock: one case per finding with its monitoring exit code (0 OK, 1 WARNING,
// 2 CRITICAL, 3 UNKNOWN), the summary line first, filters, rights, usage errors and the password rules for cron.
import fs from 'node:fs/promises';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {at, DAY, makeCheckWorld, NOW, summaryOf, type CheckWorld} from './helpers.js';

let w: CheckWorld;
beforeEach(async () => {
  w = await makeCheckWorld();
});
afterEach(() => w?.cleanup());

describe('findings and exit codes (fake clock)', () => {
  it('nothing ending soon → 0 OK with counts and perfdata', async () => {
    await w.add({endsIn: 120});
    const r = await w.check([]);
    expect(r.code).toBe(0);
    expect(summaryOf(r.out)).toMatch(/^KSEF-CERTS OK - certyfikaty: 1, aktywne: 1 \| certificates=1;;;0 active=1;;;0 .*min_days_left=120;31:;8:$/);
  });

  it('a certificate ending within --warn-days → 1 WARNING; within --crit-days → 2 CRITICAL; the clock decides', async () => {
    const rec = await w.add({endsIn: 20.5, name: 'Logowanie firmy'});
    let r = await w.check([]);
    expect(r.code).toBe(1);
    expect(summaryOf(r.out)).toMatch(/^KSEF-CERTS WARNING - wygasające w ciągu 30 dni: 1 \| .*expiring=1;;;0/);
    expect(r.out).toContain(`OSTRZEŻENIE: Logowanie firmy (firma, typ A, środowisko D, nr ${rec.serial}) kończy się`);
    expect(r.out).toContain('zostało dni: 20');
    r = await w.check([], {now: new Date(NOW.getTime() + 14 * DAY)});
    expect(r.code).toBe(2);
    expect(summaryOf(r.out)).toContain('KSEF-CERTS CRITICAL - wygasające w ciągu 30 dni: 1 (w ciągu 7 dni: 1)');
    expect((await w.check(['--warn-days', '10'])).code).toBe(0);
    expect((await w.check(['--warn-days', '60', '--crit-days', '21'])).code).toBe(2);
  });

  it('a mode-Z successor waiting (or an enrollment in flight) covers the expiring one → OK, and the plan names it', async () => {
    const old = await w.add({endsIn: 10, name: 'Stary certyfikat'});
    await w.add({name: 'Następca', mode: 'Z', predecessorId: old.id, validFrom: old.validTo, validTo: at(10 + 730)});
    const r = await w.check(['--plan']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Stary certyfikat .*następca już jest: Następca/);
  });

  it('a mode-Z successor that took over is logged once in the audit by the check (nobody opens the TUI)', async () => {
    const old = await w.add({endsIn: -0.5, name: 'Poprzednik'});
    const next = await w.add({name: 'Następca', mode: 'Z', predecessorId: old.id, validFrom: old.validTo, validTo: at(730)});
    expect((await w.check([])).code).toBe(0);
    await w.check([]);
    const switched = (await w.store.listAudit()).filter((e) => e.action === 'switchOver');
    expect(switched.map((e) => e.certificateId)).toEqual([next.id]);
  });

  it('an owner left without a valid certificate of a type it had → 2 CRITICAL; not for a disabled operator', async () => {
    await w.add({endsIn: -3, owner: {kind: 'branch', code: 'ODDZIAL1'}, type: 'O', name: 'Offline oddziału'});
    await w.add({endsIn: -3, owner: {kind: 'operator', code: 'ZWOLNIONY'}, name: 'Byłego pracownika'});
    const r = await w.check([]);
    expect(r.code).toBe(2);
    expect(summaryOf(r.out)).toContain('CRITICAL - bez ważnego certyfikatu: 1');
    expect(r.out).toContain('oddział ODDZIAL1: brak ważnego certyfikatu typu O w środowisku D (ostatni: Offline oddziału');
    expect(r.out).not.toContain('ZWOLNIONY');
    // Revoked by us counts too (no valid certificate left).
    await w.add({state: 'revoked', revokedAt: at(-1), owner: {kind: 'operator', code: 'JKOWALSKI'}, endsIn: 300, name: 'Unieważniony'});
    expect(summaryOf((await w.check([])).out)).toContain('bez ważnego certyfikatu: 2');
  });

  it('a revoked certificate whose mode-Z successor only waits for the planned end leaves the owner without one now', async () => {
    const old = await w.add({endsIn: 40, name: 'Unieważniony przed czasem', state: 'revoked', revokedAt: at(-1)});
    await w.add({name: 'Następca czeka', mode: 'Z', predecessorId: old.id, validFrom: old.validTo, validTo: at(40 + 730)});
    const r = await w.check([]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('firma: brak ważnego certyfikatu typu A w środowisku D (ostatni: Unieważniony przed czasem');
  });

  it('an enrollment pending for more than a day → 1 WARNING with the resume line; less than a day → OK', async () => {
    await w.add({endsIn: 200});
    await w.add({
      state: 'pending', serial: undefined, validFrom: undefined, validTo: undefined, name: 'Wniosek wiszący', source: 'generated',
      enrollment: {referenceNumber: '20270531-CE-AAAAAAAAAA-BBBBBBBBBB-01', apiUrl: 'http://127.0.0.1:1/demo/v2', requestedAt: new Date(NOW.getTime() - 23 * 3_600_000).toISOString(), ksefType: 'Authentication'},
    });
    expect((await w.check([])).code).toBe(0);
    const r = await w.check([], {now: new Date(NOW.getTime() + 2 * 3_600_000)});
    expect(r.code).toBe(1);
    expect(summaryOf(r.out)).toContain('wnioski czekające ponad dobę: 1');
    expect(r.out).toContain('czeka od 25 h — dokończ: ksef-certs resume 20270531-CE-AAAAAAAAAA-BBBBBBBBBB-01');
  });

  it('master.key readable by others → 2 CRITICAL; a loose data folder → 1 WARNING; reported even though opening the store repairs them', async () => {
    await w.add({endsIn: 200});
    await fs.chmod(w.dataDir, 0o755);
    let r = await w.check([]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${path.resolve(w.dataDir)}: uprawnienia były 0755 (powinny być 0700) — program przywrócił 0700 przy otwarciu bazy`);
    await fs.chmod(w.dataDir, 0o750);
    await fs.chmod(path.join(w.dataDir, 'master.key'), 0o644);
    r = await w.check([]);
    expect(r.code).toBe(2);
    expect(summaryOf(r.out)).toContain('złe uprawnienia plików: 2');
    expect(r.out).toMatch(/KRYTYCZNE: .*master\.key: uprawnienia były 0644 \(powinny być 0600\)/);
    expect((await w.check([])).code).toBe(0); // repaired: the exposure is an event, reported once
  });

  it('a mode the store cannot repair stays a finding with the chmod line', async () => {
    const {permissionFindings, markRepaired} = await import('../../src/flows/check/permissions.js');
    await fs.chmod(w.dataDir, 0o755);
    const f = await markRepaired(await permissionFindings(w.dataDir), w.dataDir); // nothing opened the store in between
    expect(f).toHaveLength(1);
    expect(f[0].repaired).toBeUndefined();
    const {findingText} = await import('../../src/flows/check/text.js');
    const {makeT} = await import('../../src/i18n/index.js');
    expect(findingText(makeT('pl'), f[0])).toBe(`${path.resolve(w.dataDir)}: uprawnienia 0755, powinny być 0700 (chmod 0700 ${path.resolve(w.dataDir)})`);
    await fs.chmod(w.dataDir, 0o700);
  });

  it('--env, --type and --owner narrow what is checked', async () => {
    await w.add({endsIn: 5, env: 'P', type: 'O', owner: {kind: 'branch', code: 'ODDZIAL1'}});
    expect((await w.check([])).code).toBe(2);
    expect((await w.check(['--env', 'D'])).code).toBe(0);
    expect((await w.check(['--type', 'a'])).code).toBe(0);
    expect((await w.check(['--owner', 'company'])).code).toBe(0);
    expect((await w.check(['--owner', 'branch:oddzial1', '--env', 'p', '--type', 'O'])).code).toBe(2);
  });

  it('rights: an ordinary operator is told about own, own-branch and company certificates only', async () => {
    await w.add({endsIn: 5, owner: {kind: 'operator', code: 'ADMIN'}, name: 'Certyfikat admina'});
    expect((await w.check([], {as: 'operator'})).code).toBe(0);
    expect((await w.check([], {as: 'admin'})).code).toBe(2);
    await w.add({endsIn: 20, owner: {kind: 'company'}, name: 'Firmowy'});
    const r = await w.check([], {as: 'operator'});
    expect(r.code).toBe(1);
    expect(r.out).toContain('Firmowy');
    expect(r.out).not.toContain('Certyfikat admina');
  });

  it('--json: one document with state, exit code, findings (with text) and no key material', async () => {
    await w.add({endsIn: 3, name: 'Pilny'});
    const r = await w.check(['--json', '--plan']);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.out);
    expect(doc.state).toBe('CRITICAL');
    expect(doc.exitCode).toBe(2);
    expect(doc.findings).toHaveLength(1);
    expect(doc.findings[0]).toMatchObject({kind: 'expiring', severity: 'critical', daysLeft: 3, name: 'Pilny'});
    expect(doc.plan[0].create.command).toMatch(/^ksef-certs generate --owner company --env D --type A --name Pilny --mode Z --auth-cert [0-9A-F]{16} --key-password-file key-password\.txt$/);
    expect(r.out).not.toMatch(/keyPem|PRIVATE KEY/);
  });

  it('--lang en: the summary and details in English, state words and perfdata unchanged', async () => {
    await w.add({endsIn: 12, name: 'Login cert'});
    const r = await w.check(['--lang', 'en']);
    expect(r.code).toBe(1);
    expect(summaryOf(r.out)).toMatch(/^KSEF-CERTS WARNING - expiring within 30 days: 1 \| certificates=1/);
    expect(r.out).toContain('WARNING: Login cert (company, type A, environment D');
  });

  it('a name with terminal control characters is shown defanged', async () => {
    await w.add({endsIn: 12, name: 'Zły\u001b[2Jnazwa'});
    const r = await w.check([]);
    expect(r.out).not.toContain('\u001b');
    expect(r.out).toContain('Zły\\x1b[2Jnazwa');
    expect(JSON.parse((await w.check(['--json'])).out).findings[0].name).toBe('Zły\u001b[2Jnazwa'); // --json keeps the exact value
  });
});

describe('usage errors and cron rules → 3 UNKNOWN', () => {
  it.each([
    [['--warn-days', 'x'], /--warn-days wymaga liczby całkowitej/],
    [['--warn-days', '5', '--crit-days', '9'], /--crit-days \(9\) nie może być większe niż --warn-days \(5\)/],
    [['--env', 'X'], /Nieprawidłowe środowisko: X/],
    [['--type', 'B'], /Nieprawidłowy typ: B/],
    [['--owner', 'someone'], /Nieprawidłowy właściciel/],
    [['--bogus'], /Nieznana opcja: --bogus/],
    [['--refresh=yes'], /Opcja --refresh nie przyjmuje wartości/],
    [['--env'], /Opcja --env wymaga wartości/],
    [['extra'], /Nieoczekiwany argument: extra/],
    [['--webhook', 'ftp://x'], /Nieprawidłowy adres --webhook/],
    [['--smtp', 'smtp://127.0.0.1:25'], /podaj --mail-to/],
    [['--smtp', 'smtp://u:tajne@127.0.0.1:25', '--mail-to', 'a@b.pl'], /KSEF_CERTS_SMTP_PASSWORD/],
    [['--mail-to', 'a@b.pl'], /tylko z --smtp/],
  ])('%j', async (args, message) => {
    const r = await w.check(args as string[]);
    expect(r.code).toBe(3);
    expect(summaryOf(r.out)).toMatch(/^KSEF-CERTS UNKNOWN - /);
    expect(summaryOf(r.out)).toMatch(message);
    expect(r.out).not.toContain('tajne');
  });

  it('--help prints the usage with the exit codes and exits 0 without asking for a password', async () => {
    const r = await w.check(['--help'], {env: {KSEF_CERTS_OPERATOR_PASSWORD: undefined}});
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Użycie: ksef-certs .* check \[--warn-days 30\]/);
    expect(r.out).toContain('0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN');
    expect(r.out).toContain('--password-file PLIK');
    // English: the synopsis's placeholders and notes too, not only the label.
    const en = await w.check(['--lang', 'en', '--help'], {env: {KSEF_CERTS_OPERATOR_PASSWORD: undefined}});
    expect(en.code).toBe(0);
    expect(en.out).toMatch(/^Usage: ksef-certs .* check \[--warn-days 30\]/);
    expect(en.out).toContain('--password-file FILE');
    expect(en.out).toContain('exit codes: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN; password:');
    expect(en.out).not.toMatch(/\b(KOD|PLIK|ADRES|KATALOG|kody|hasło)\b/);
  });

  it('a bad global option after check (--lang xx) is UNKNOWN too; other commands keep exit 2', async () => {
    expect((await w.check(['--lang', 'xx'])).code).toBe(3);
    const {run} = await import('../../src/cli/run.js');
    const {captureIo} = await import('../helpers/cli-io.js');
    expect(await run(['--data', w.dataDir, 'list', '--lang', 'xx'], captureIo())).toBe(2);
  });

  it('no password and no terminal → UNKNOWN at once, no prompt; wrong password → UNKNOWN', async () => {
    const r = await w.check([], {env: {KSEF_CERTS_OPERATOR_PASSWORD: undefined}});
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/^KSEF-CERTS UNKNOWN - Brak hasła operatora ADMIN: ustaw zmienną KSEF_CERTS_OPERATOR_PASSWORD albo podaj --password-file/);
    expect(r.err).not.toMatch(/Hasło operatora/);
    expect((await w.check([], {env: {KSEF_CERTS_OPERATOR_PASSWORD: 'zle-haslo'}})).code).toBe(3);
    expect((await w.check([], {env: {KSEF_CERTS_OPERATOR: undefined}})).out).toMatch(/UNKNOWN - Podaj operatora/);
  });

  it('--password-file (first line) logs in without the environment variable', async () => {
    await w.add({endsIn: 20});
    const file = path.join(w.root, 'operator.pass');
    await fs.writeFile(file, 'Demo2026!ksef\n', {mode: 0o600});
    const r = await w.check(['--password-file', file], {env: {KSEF_CERTS_OPERATOR_PASSWORD: undefined}});
    expect(r.code).toBe(1);
    const missing = await w.check(['--password-file', path.join(w.root, 'nope')], {env: {KSEF_CERTS_OPERATOR_PASSWORD: undefined}});
    expect(missing.code).toBe(3);
  });
});
