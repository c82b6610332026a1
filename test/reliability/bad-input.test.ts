// Bad-input corpus against the BUILT CLI (child processes): every case → exit code 1 (2 where it is a usage error),
// a Polish message, no stack trace or crash, and no change to the store. Static inputs: test/fixtures/bad/{xml,
// invoice}/ (+ the import corpus in test/fixtures/bad/import, exercised by test/flows|cli/import*); large and
// environment-dependent inputs (50 MB files, FIFOs, read-only and full file systems, paths under a regular file)
// are made here in a temp folder. Commands missing from `ksef-certs --help` fail their cases with a clear reason.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {warsawDate, type CertificateRecord} from '../../src/domain/index.js';
import {makeCertWorld, type CertWorld} from '../helpers/revoke-world.js';
import {MAIN, POLISH, runCli, STACK_TRACE, storeView, type ChildRun} from './cli-child.js';

const FIX = path.resolve(import.meta.dirname, '../fixtures');
const BAD = path.join(FIX, 'bad');
const GOOD_INVOICE = path.join(FIX, 'invoices/fa3-beta-2026-02-01.xml');
const EXPORT_PASSWORD = 'Eksport#Hasło2026';

let w: CertWorld;
let typeO: CertificateRecord;
let typeA: CertificateRecord;
/** Inputs made at test time (never committed); created at load so the case table can name paths. */
const ROOT = fs.mkdtempSync(path.join(os.tmpdir(), 'ksef-bad-input-'));
const tmp = path.join(ROOT, 'wejście z odstępami');
const pwFile = path.join(tmp, 'hasło eksportu.txt');
const RO_DIR = path.join(ROOT, 'tylko-do-odczytu');
const FULL_DIR = path.join(ROOT, 'pełny dysk');
const EMPTY_DIR = path.join(ROOT, 'pusty');
// The company's type-O certificate is issued today, and KOD II needs it valid on P_1: the invoice is of today.
const TODAY_INVOICE = path.join(ROOT, 'faktura-dzis.xml');
fs.writeFileSync(TODAY_INVOICE, fs.readFileSync(GOOD_INVOICE, 'utf8').replace('<P_1>2026-02-01</P_1>', `<P_1>${warsawDate(new Date())}</P_1>`));
let commands: Set<string>;
const mounts: string[] = [];

/** Mounts a tmpfs (root in CI can); undefined when the system refuses (then the case says it was simulated otherwise). */
function tryMount(dir: string, opts: string): string | undefined {
  fs.mkdirSync(dir, {recursive: true});
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', opts, 'tmpfs', dir], {stdio: 'ignore'});
    mounts.push(dir);
    return dir;
  } catch {
    return undefined;
  }
}

let roDir: string | undefined;
let fullDir: string | undefined;

beforeAll(async () => {
  if (!fs.existsSync(MAIN)) throw new Error('Build first: npm run build (the suite runs dist/bin/main.js)');
  w = await makeCertWorld();
  typeO = await w.enroll({type: 'O', owner: {kind: 'company'}, name: 'Offline firmy'});
  typeA = await w.enroll({type: 'A', owner: {kind: 'company'}, name: 'Logowanie firmy'});
  fs.mkdirSync(tmp, {recursive: true});
  fs.writeFileSync(pwFile, `${EXPORT_PASSWORD}\n`, {mode: 0o600});
  const help = execFileSync(process.execPath, [MAIN, '--help'], {encoding: 'utf8'});
  commands = new Set([...help.matchAll(/^ {2}([a-z-]+) {2,}/gm)].map((m) => m[1]));

  // Generated inputs.
  const huge = path.join(tmp, 'ogromna faktura.xml');
  fs.writeFileSync(huge, '<?xml version="1.0"?><Faktura>');
  fs.truncateSync(huge, 50 * 1024 * 1024); // sparse 50 MB
  fs.copyFileSync(huge, path.join(tmp, 'ogromny auth.xml'));
  execFileSync('mkfifo', [path.join(tmp, 'kolejka.xml')]);
  fs.writeFileSync(path.join(tmp, 'zwykły plik'), 'to nie jest katalog');
  fs.writeFileSync(path.join(tmp, 'słabe hasło.txt'), 'haslo\n');
  const batch = path.join(tmp, 'wsad złych faktur');
  fs.mkdirSync(batch);
  for (const f of ['junk.xml', 'empty.xml', 'billion-laughs.xml', 'wrong-root.xml']) fs.copyFileSync(path.join(BAD, 'invoice', f), path.join(batch, f));
  roDir = tryMount(RO_DIR, 'ro,size=1m');
  fullDir = tryMount(FULL_DIR, 'size=64k');
  if (fullDir) {
    // Leave less room than one exported .crt: the first write hits ENOSPC.
    try {
      fs.writeFileSync(path.join(fullDir, 'wypełniacz'), Buffer.alloc(64 * 1024 - 512));
    } catch {
      // tmpfs rounds to pages: whatever fitted stays, the disk is full either way
    }
  }
  fs.mkdirSync(EMPTY_DIR);
}, 60_000);

afterAll(async () => {
  for (const m of mounts) {
    try {
      execFileSync('umount', [m], {stdio: 'ignore'});
    } catch {
      // already gone
    }
  }
  await w?.cleanup();
  fs.rmSync(ROOT, {recursive: true, force: true});
});

interface Case {
  id: string;
  /** Arguments after the global options; a function when it needs the world. */
  args: () => string[];
  message: RegExp;
  code?: 1 | 2;
  as?: 'admin' | 'operator';
  env?: NodeJS.ProcessEnv;
  /** Skips with the reason when the environment cannot provide the condition (e.g. no mount). */
  needs?: () => string | undefined;
  /** Audit actions this refusal may legitimately record (e.g. a failed batch is logged as such). */
  audit?: string[];
  /** Extra check after the run (e.g. nothing written to the export folder). */
  after?: (r: ChildRun) => void;
}

const xml = (f: string) => path.join(BAD, 'xml', f);
const inv = (f: string) => path.join(BAD, 'invoice', f);
const t = (f: string) => path.join(tmp, f);
const qr = (...a: string[]) => () => ['qr', '--cert', typeO.serial!, ...a];
const qrInv = (file: string, ...a: string[]) => qr('--invoice', file, ...a);
const generate = (...a: string[]) => () => [
  'generate', '--owner', 'company', '--env', 'D', '--type', 'A', '--name', 'Nowy certyfikat firmy', '--key-password-file', pwFile, ...a,
];
const exportTo = (dir: () => string, ...a: string[]) => () => ['export', typeA.serial!, '--dir', dir(), '--password-file', pwFile, ...a];
const emptyDir = (dir: () => string | undefined) => () => {
  const d = dir();
  if (d) expect(fs.readdirSync(d).filter((n) => !n.startsWith('wypełniacz'))).toEqual([]);
};

const CASES: Case[] = [
  // --- qr: the invoice file ----------------------------------------------------------------------------------
  {id: 'qr: XML bomb (entity expansion) as invoice', args: qrInv(inv('billion-laughs.xml')), message: /DOCTYPE|encj|ENTITY/i},
  {id: 'qr: XXE invoice (DOCTYPE + SYSTEM entity)', args: qrInv(path.join(FIX, 'invoices/bad-xxe.xml')), message: /DOCTYPE|encj|ENTITY/i},
  {id: 'qr: empty invoice file', args: qrInv(inv('empty.xml')), message: /pusty/},
  {id: 'qr: binary junk as invoice', args: qrInv(inv('junk.xml')), message: /nie jest dokumentem XML|XML/},
  {id: 'qr: HTML page saved as invoice', args: qrInv(inv('html-page.xml')), message: /XML|faktur/},
  {id: 'qr: XML that is not an invoice', args: qrInv(inv('wrong-root.xml')), message: /<Zamowienie>/},
  {id: 'qr: unclosed XML', args: qrInv(inv('unclosed.xml')), message: /XML/},
  {id: 'qr: 50 MB invoice', args: qrInv(t('ogromna faktura.xml')), message: /za duży/},
  {id: 'qr: FIFO as invoice', args: qrInv(t('kolejka.xml')), message: /zwykły plik|nie jest plikiem|potok|FIFO/i},
  {id: 'qr: folder as invoice', args: qrInv(t('')), message: /katalog|folder/i},
  {id: 'qr: missing invoice, Polish letters and spaces in the path', args: qrInv(t('Zażółć gęślą jaźń/brak faktury.xml')), message: /Zażółć gęślą jaźń\/brak faktury\.xml/},
  {id: 'qr: P_1 = 2026-02-30 in the file', args: qrInv(inv('bad-date.xml')), message: /2026-02-30/},
  {id: 'qr: seller NIP with a bad checksum in the file', args: qrInv(inv('bad-nip.xml')), message: /1234567890/},
  // --- qr: options -----------------------------------------------------------------------------------------
  {id: 'qr: --issue-date 2026-02-30', args: qrInv(TODAY_INVOICE, '--issue-date', '2026-02-30'), message: /2026-02-30/},
  {id: 'qr: --issue-date 2026-13-01', args: qrInv(TODAY_INVOICE, '--issue-date', '2026-13-01'), message: /2026-13-01/},
  {id: 'qr: --issue-date in Polish order 30.01.2026', args: qrInv(TODAY_INVOICE, '--issue-date', '30.01.2026'), message: /30\.01\.2026|RRRR-MM-DD/},
  {id: 'qr: --seller-nip with a bad checksum', args: qrInv(TODAY_INVOICE, '--seller-nip', '1234567890'), message: /1234567890/},
  {id: 'qr: --seller-nip too short', args: qrInv(TODAY_INVOICE, '--seller-nip', '12345'), message: /12345/},
  {id: 'qr: --seller-nip with letters', args: qrInv(TODAY_INVOICE, '--seller-nip', 'PL526587763A'), message: /PL526587763A|NIP/},
  {id: 'qr: --context Nip with a bad checksum', args: qrInv(TODAY_INVOICE, '--context', 'Nip:1234567890'), message: /1234567890/},
  {id: 'qr: type-A certificate refused for KOD II', args: () => ['qr', '--cert', typeA.serial!, '--invoice', TODAY_INVOICE], message: /typu O|offline/i},
  {id: 'qr: unknown certificate serial', args: () => ['qr', '--cert', '0000000000000000', '--invoice', TODAY_INVOICE], message: /0000000000000000/},
  {id: 'qr: --png under a regular file (ENOTDIR)', args: qrInv(TODAY_INVOICE, '--png', t('zwykły plik/qr')), message: /zwykły plik|katalog|folder/i},
  {id: 'qr: --png under /proc (cannot create)', args: qrInv(TODAY_INVOICE, '--png', '/proc/ksef-certs-qr'), message: /ksef-certs-qr|katalog|folder|zapis/i},
  {
    id: 'qr: --png on a read-only file system (tmpfs ro)', args: qrInv(TODAY_INVOICE, '--png', RO_DIR), message: /tylko do odczytu|zapis|uprawnie/i,
    needs: () => (roDir ? undefined : 'mount -t tmpfs -o ro not permitted'),
  },
  {id: 'qr: batch of bad invoices → exit 1, each file named', args: () => ['qr', '--cert', typeO.serial!, '--batch', t('wsad złych faktur'), '--out', path.join(ROOT, 'wyniki wsadu')], message: /junk\.xml[\s\S]*wrong-root\.xml|wrong-root\.xml[\s\S]*junk\.xml/, audit: ['qrBatch']},
  {id: 'qr: batch --out under a regular file', args: () => ['qr', '--cert', typeO.serial!, '--batch', t('wsad złych faktur'), '--out', t('zwykły plik/wyniki')], message: /zwykły plik|katalog|folder/i},
  // --- export: target folder and password ------------------------------------------------------------------
  {id: 'export: --dir under a regular file (ENOTDIR)', args: exportTo(() => t('zwykły plik/eksport')), message: /zwykły plik|katalog|folder/i},
  {id: 'export: --dir under /proc (cannot create)', args: exportTo(() => '/proc/ksef-certs-eksport'), message: /ksef-certs-eksport|katalog|folder|zapis/i},
  {
    id: 'export: read-only folder (tmpfs ro → EROFS)', args: exportTo(() => RO_DIR), message: /tylko do odczytu|zapis|uprawnie/i,
    needs: () => (roDir ? undefined : 'mount -t tmpfs -o ro not permitted'), after: emptyDir(() => roDir),
  },
  {
    id: 'export: full disk (64 kB tmpfs → ENOSPC), no half-written file left', args: exportTo(() => FULL_DIR), message: /miejsca|pełny|zapis/i,
    needs: () => (fullDir ? undefined : 'mount -t tmpfs not permitted'), after: emptyDir(() => fullDir),
  },
  {id: 'export: weak password from the file', args: () => ['export', typeA.serial!, '--dir', EMPTY_DIR, '--password-file', t('słabe hasło.txt')], message: /brakuje/, after: emptyDir(() => EMPTY_DIR)},
  {id: 'export: password file missing (Polish path)', args: () => ['export', typeA.serial!, '--dir', EMPTY_DIR, '--password-file', t('brak hasła żółw.txt')], message: /brak hasła żółw\.txt/},
  {id: 'export: unknown serial', args: () => ['export', 'FFFFFFFFFFFFFFFF', '--dir', EMPTY_DIR, '--password-file', pwFile], message: /FFFFFFFFFFFFFFFF/},
  // --- revoke / show ---------------------------------------------------------------------------------------
  {id: 'revoke: unknown serial', args: () => ['revoke', 'ABCDEF0123456789', '--reason', 'Superseded', '--yes'], message: /ABCDEF0123456789/},
  {id: 'revoke: unknown reason', args: () => ['revoke', typeA.serial!, '--reason', 'Zgubiony', '--yes'], message: /Zgubiony/, code: 2},
  {id: 'show: serial with control characters', args: () => ['show', 'AB\u001b[2JCD'], message: /Nie ma|nie znaleziono|Nieprawidłowy/i},
  // --- generate --signed: the signed auth.xml brought back by the user (issue 5) ------------------------------
  {id: 'generate: binary junk as signed auth.xml', args: generate('--signed', xml('junk-auth.xml')), message: /XML/},
  {id: 'generate: empty signed file', args: generate('--signed', xml('empty-auth.xml')), message: /pusty/},
  {id: 'generate: 50 MB signed file', args: generate('--signed', t('ogromny auth.xml')), message: /za duży/},
  {id: 'generate: PDF given as auth.xml', args: generate('--signed', xml('pdf-as-auth.xml')), message: /XML/},
  {id: 'generate: ASiC/ZIP container as .xades', args: generate('--signed', xml('asic-as-auth.xades')), message: /XML|asic|zip/i},
  {id: 'generate: XML bomb as signed file', args: generate('--signed', xml('billion-laughs-auth.xml')), message: /DOCTYPE|ENTITY/},
  {id: 'generate: XXE as signed file', args: generate('--signed', xml('xxe-auth.xml')), message: /DOCTYPE|ENTITY/},
  {id: 'generate: unsigned AuthTokenRequest', args: generate('--signed', xml('unsigned-auth.xml')), message: /nie jest podpisany/},
  {id: 'generate: double-signed AuthTokenRequest', args: generate('--signed', xml('double-signed-auth.xml')), message: /więcej niż jeden podpis/},
  {id: 'generate: detached XAdES', args: generate('--signed', xml('detached-auth.xml')), message: /detached|zewnętrzny/},
  {id: 'generate: truncated signed file', args: generate('--signed', xml('truncated-signed-auth.xml')), message: /XML|uszkodz/i},
  {id: 'generate: signed invoice instead of AuthTokenRequest', args: generate('--signed', xml('other-document.xml')), message: /AuthTokenRequest/},
  {id: 'generate: FIFO as signed file', args: generate('--signed', t('kolejka.xml')), message: /zwykły plik|nie jest plikiem|potok|FIFO/i},
  // --- generate: form fields ---------------------------------------------------------------------------------
  {id: 'generate: --valid-from 2026-02-30', args: generate('--valid-from', '2026-02-30', '--signed', xml('unsigned-auth.xml')), message: /2026-02-30/},
  {id: 'generate: --valid-from in the past', args: generate('--valid-from', '2020-01-01', '--signed', xml('unsigned-auth.xml')), message: /2020-01-01|przeszło/},
  {id: 'generate: --name with control characters', args: () => ['generate', '--owner', 'company', '--env', 'D', '--type', 'A', '--name', 'Firma\u001b[2J\u0007 zła', '--key-password-file', pwFile, '--signed', xml('unsigned-auth.xml')], message: /znaki sterujące/},
  {id: 'generate: --name too short', args: () => ['generate', '--owner', 'company', '--env', 'D', '--type', 'A', '--name', 'Abc', '--key-password-file', pwFile, '--signed', xml('unsigned-auth.xml')], message: /5|nazw/i},
  {id: 'generate: weak key password', args: () => ['generate', '--owner', 'company', '--env', 'D', '--type', 'A', '--name', 'Nowy certyfikat firmy', '--key-password-file', t('słabe hasło.txt'), '--signed', xml('unsigned-auth.xml')], message: /brakuje|hasło/i},
  // --- auth-request ------------------------------------------------------------------------------------------
  {id: 'auth-request: --nip with a bad checksum', args: () => ['auth-request', '--env', 'D', '--nip', '1234567890', '--out', t('auth.xml')], message: /1234567890/},
  {id: 'auth-request: --nip with letters', args: () => ['auth-request', '--env', 'D', '--nip', 'ABCDEFGHIJ', '--out', t('auth.xml')], message: /ABCDEFGHIJ|NIP/},
  {id: 'auth-request: --out under a regular file', args: () => ['auth-request', '--env', 'D', '--nip', '1111111111', '--out', t('zwykły plik/auth.xml')], message: /zwykły plik|katalog|folder/i},
  // --- store and operator ----------------------------------------------------------------------------------
  {id: 'wrong operator password', args: () => ['list'], env: {KSEF_CERTS_OPERATOR_PASSWORD: 'Złe hasło 123!'}, message: /hasło|Nieprawidłow/i},
  {id: 'unknown operator code', args: () => ['list'], env: {KSEF_CERTS_OPERATOR: 'NIKT'}, message: /hasło|Nieprawidłow|operator/i},
];

const commandOf = (c: Case): string => c.args()[0];

describe('bad input → Polish message, exit 1, no crash, store unchanged', () => {
  it('the corpus has at least 60 cases across this suite and the import corpus', () => {
    const importFiles = fs.readdirSync(path.join(BAD, 'import')).length;
    const staticFiles = fs.readdirSync(path.join(BAD, 'xml')).length + fs.readdirSync(path.join(BAD, 'invoice')).length;
    expect(CASES.length + importFiles).toBeGreaterThanOrEqual(60);
    expect(staticFiles).toBeGreaterThanOrEqual(19);
  });

  it('control: the good invoice and a Polish-named export folder work (exit 0)', async () => {
    const before = storeView(w.dataDir);
    const ok = await runCli(['qr', '--cert', typeO.serial!, '--invoice', TODAY_INVOICE], {dataDir: w.dataDir, api: w.sim.apiBase('DEMO')});
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/KOD II/);
    const dir = path.join(ROOT, 'Eksport Zażółć gęślą jaźń');
    fs.mkdirSync(dir);
    const ex = await runCli(exportTo(() => dir)(), {dataDir: w.dataDir, api: w.sim.apiBase('DEMO')});
    expect(ex.code, ex.err).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual([`Logowanie_firmy_${typeA.serial}.crt`, `Logowanie_firmy_${typeA.serial}.key`]);
    expect(storeView(w.dataDir)).not.toBe(before); // the audit got qrSign/export: the view does see real changes
  });

  // Cases run one after another (each is a fresh Node process); the file stays well under a minute.
  for (const c of CASES) {
    it(c.id, async (ctx) => {
      const missing = c.needs?.();
      if (missing) ctx.skip(missing);
      const cmd = commandOf(c);
      if (!commands.has(cmd)) throw new Error(`command "${cmd}" is not in \`ksef-certs --help\` yet — this case cannot run until it exists`);
      const before = storeView(w.dataDir, c.audit);
      const r = await runCli(c.args(), {dataDir: w.dataDir, api: w.sim.apiBase('DEMO'), as: c.as, env: c.env});
      const shown = `exit ${r.code} ${r.signal ?? ''}\nstderr: ${r.err}\nstdout: ${r.out}`;
      expect(r.signal, shown).toBeNull();
      expect(r.code, shown).toBe(c.code ?? 1);
      expect(r.err, shown).not.toMatch(STACK_TRACE);
      expect(r.err, shown).toMatch(POLISH);
      expect(r.err, shown).toMatch(c.message);
      expect(storeView(w.dataDir, c.audit) === before, 'store changed').toBe(true);
      c.after?.(r);
    });
  }
});

describe('store folder problems', () => {
  it('--data is a regular file → Polish message, exit 1, file untouched', async () => {
    const f = path.join(tmp, 'zwykły plik');
    const bytes = fs.readFileSync(f);
    const r = await runCli(['list'], {dataDir: f});
    expect(r.code).toBe(1);
    expect(r.err).toMatch(POLISH);
    expect(r.err).not.toMatch(STACK_TRACE);
    expect(fs.readFileSync(f)).toEqual(bytes);
  });

  it('corrupt store.json → Polish message naming the file, exit 1, bytes unchanged', async () => {
    const dir = path.join(ROOT, 'uszkodzony magazyn');
    fs.mkdirSync(dir);
    const raw = fs.readFileSync(path.join(w.dataDir, 'store.json'));
    const cut = raw.subarray(0, Math.floor(raw.length / 2));
    fs.writeFileSync(path.join(dir, 'store.json'), cut);
    const r = await runCli(['list'], {dataDir: dir});
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/uszkodzony/);
    expect(r.err).not.toMatch(STACK_TRACE);
    expect(fs.readFileSync(path.join(dir, 'store.json'))).toEqual(cut);
  });

  it('missing store folder without --demo → Polish hint, nothing created', async () => {
    const dir = path.join(ROOT, 'nie ma takiego folderu');
    const r = await runCli(['list'], {dataDir: dir});
    expect(r.code).toBe(1);
    expect(r.err).toMatch(POLISH);
    expect(fs.existsSync(dir)).toBe(false);
  });
});
