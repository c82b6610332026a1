// `ksef-certs simulator` and `ksef-certs simulator-identity` subcommands (routed here from the main entry).
import {createPrivateKey} from 'node:crypto';
import {chmodSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {isValidNip, isValidPesel} from '../domain/index.js';
import {SIM_ENVS, type SimEnv} from './model.js';

const ENV_BY_LETTER: Record<string, SimEnv> = {T: 'TEST', D: 'DEMO', P: 'PROD', TEST: 'TEST', DEMO: 'DEMO', PROD: 'PROD'};

function parseArgs(argv: string[]): {flags: Record<string, string>; bad?: string} {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) return {flags, bad: a};
    const eq = a.indexOf('=');
    if (eq > 0) flags[a.slice(2, eq)] = a.slice(eq + 1);
    else flags[a.slice(2)] = argv[++i] ?? '';
  }
  return {flags};
}

const fail = (msg: string): number => {
  process.stderr.write(`${msg}\n`);
  return 2;
};

export async function runSimulatorCli(argv: string[]): Promise<number> {
  const {flags, bad} = parseArgs(argv);
  if (bad) return fail(`Nieznany argument: ${bad}. Użycie: ksef-certs simulator [--port N] [--data KATALOG]`);
  const port = flags.port === undefined ? 0 : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return fail('Port musi być liczbą z zakresu 0–65535.');
  const {startSimulator} = await import('./index.js');
  const sim = await startSimulator({dataDir: flags.data || join('data', 'simulator'), port, rateLimits: flags['no-rate-limits'] === undefined});
  process.stdout.write(`Symulator KSeF 2.0 działa (tylko 127.0.0.1):\n`);
  for (const env of SIM_ENVS) process.stdout.write(`  ${env.padEnd(4)}  ${sim.apiBase(env)}\n`);
  process.stdout.write('Zatrzymanie: Ctrl+C\n');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sim.close();
  return 0;
}

export async function runSimulatorIdentityCli(argv: string[]): Promise<number> {
  const usage = 'Użycie: ksef-certs simulator-identity --kind person|seal --nip NIP [--pesel PESEL] [--env T|D|P] --out KATALOG [--password-file PLIK] [--data KATALOG]';
  const {flags, bad} = parseArgs(argv);
  if (bad) return fail(`Nieznany argument: ${bad}. ${usage}`);
  const kind = flags.kind;
  if (kind !== 'person' && kind !== 'seal') return fail(`Podaj --kind person (osoba) albo --kind seal (pieczęć). ${usage}`);
  if (!flags.nip || !isValidNip(flags.nip)) return fail('Podaj poprawny NIP (--nip), z prawidłową sumą kontrolną.');
  if (flags.pesel !== undefined && !isValidPesel(flags.pesel)) return fail('PESEL (--pesel) jest nieprawidłowy.');
  const env = ENV_BY_LETTER[(flags.env ?? 'T').toUpperCase()];
  if (!env) return fail('Środowisko (--env) musi mieć wartość T, D lub P.');
  if (!flags.out) return fail(`Podaj katalog wyjściowy (--out). ${usage}`);
  let password: string | undefined;
  if (flags['password-file']) {
    try {
      password = readFileSync(flags['password-file'], 'utf8').replace(/\r?\n$/, '');
    } catch {
      return fail(`Nie można odczytać pliku z hasłem: ${flags['password-file']}`);
    }
  } else password = process.env.KSEF_CERTS_PASSWORD;
  if (!password) return fail('Brak hasła do zaszyfrowania klucza prywatnego: podaj --password-file PLIK albo zmienną KSEF_CERTS_PASSWORD. Klucz nie zostanie zapisany bez szyfrowania.');

  const {startSimulator} = await import('./index.js');
  const sim = await startSimulator({dataDir: flags.data || join('data', 'simulator'), quiet: true});
  try {
    const id = await sim.issueTestIdentity({env, kind, nip: flags.nip, pesel: flags.pesel});
    const encrypted = createPrivateKey(id.keyPem).export({format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: password}) as string;
    mkdirSync(flags.out, {recursive: true, mode: 0o700});
    for (const [name, text] of [['cert.pem', id.certPem], ['key.pem', encrypted]] as const) {
      const p = join(flags.out, name);
      writeFileSync(p, text, {mode: 0o600});
      chmodSync(p, 0o600);
    }
  } finally {
    await sim.close();
  }
  process.stdout.write(
    `Zapisano ${join(flags.out, 'cert.pem')} i ${join(flags.out, 'key.pem')} (klucz zaszyfrowany hasłem).\n` +
      'UWAGA: to tożsamość WYŁĄCZNIE TESTOWA symulatora KSeF (wystawca: Symulator Kwalifikowany CA TEST) — nie działa w prawdziwym KSeF.\n',
  );
  return 0;
}
