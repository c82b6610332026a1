// `ksef-certs simulator` and `ksef-certs simulator-identity` subcommands (routed here from the main entry).
import {createPrivateKey} from 'node:crypto';
import {chmodSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {isValidNip, isValidPesel} from '../domain/index.js';
import {SIM_ENVS, type SimEnv} from './model.js';

const ENV_BY_LETTER: Record<string, SimEnv> = {T: 'TEST', D: 'DEMO', P: 'PROD', TEST: 'TEST', DEMO: 'DEMO', PROD: 'PROD'};

/** The state folder the app chose: DATA/simulator of its data folder (global `--data`, default ./data). */
export interface SimulatorCliDefaults {
  stateDir: string;
}

const SIM_USAGE =
  'Użycie: ksef-certs [--data KATALOG] simulator [--port N] [--no-rate-limits] [--test-endpoints]\n' +
  '  --data KATALOG     folder danych programu; stan symulatora (z kluczami CA) w KATALOG/simulator (domyślnie ./data)\n' +
  '  --port N           port na 127.0.0.1 (domyślnie wolny)\n' +
  '  --no-rate-limits   bez limitów liczby żądań\n' +
  '  --test-endpoints   włącza punkty testowe /_sim/* (usterki, tokeny) dostępne tylko z wypisanym tokenem (nagłówek X-Sim-Token)';
const ID_USAGE =
  'Użycie: ksef-certs [--data KATALOG] simulator-identity --kind person|seal --nip NIP [--pesel PESEL] [--env T|D|P] --out KATALOG [--password-file PLIK]';

interface Parsed {
  flags: Record<string, string>;
  help?: boolean;
  error?: string;
}

/** Strict options: each known one once, values where needed, nothing else (exit 2 otherwise). */
function parseArgs(argv: string[], valued: readonly string[], boolean: readonly string[]): Parsed {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') return {flags, help: true};
    const eq = a.indexOf('=');
    const name = a.startsWith('--') ? (eq > 0 ? a.slice(2, eq) : a.slice(2)) : undefined;
    if (name === undefined) return {flags, error: `Nieoczekiwany argument: ${a}`};
    if (boolean.includes(name) && eq < 0) flags[name] = '';
    else if (valued.includes(name)) {
      const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined || v === '' || (eq < 0 && v.startsWith('--'))) return {flags, error: `Opcja --${name} wymaga wartości.`};
      flags[name] = v;
    } else return {flags, error: `Nieznana opcja: ${a.split('=')[0]}`};
  }
  return {flags};
}

const fail = (msg: string, usage?: string): number => {
  process.stderr.write(`${msg}\n${usage ? `${usage}\n` : ''}`);
  return 2;
};

/** The state folder: `--data` given to this function directly (the app's parser takes a global one), else the app's. */
const stateDir = (flags: Record<string, string>, d: SimulatorCliDefaults): string => resolve(flags.data ?? d.stateDir);

export async function runSimulatorCli(argv: string[], defaults: SimulatorCliDefaults = {stateDir: join('data', 'simulator')}): Promise<number> {
  const {flags, help, error} = parseArgs(argv, ['port', 'data'], ['no-rate-limits', 'test-endpoints']);
  if (help) {
    process.stdout.write(`${SIM_USAGE}\n`);
    return 0;
  }
  if (error) return fail(error, SIM_USAGE);
  const port = flags.port === undefined ? 0 : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return fail('Port musi być liczbą z zakresu 0–65535.', SIM_USAGE);
  const {startSimulator} = await import('./index.js');
  const dir = stateDir(flags, defaults);
  const sim = await startSimulator({dataDir: dir, port, rateLimits: flags['no-rate-limits'] === undefined, testEndpoints: flags['test-endpoints'] !== undefined});
  process.stdout.write(`Symulator KSeF 2.0 działa (tylko 127.0.0.1), stan: ${dir}\n`);
  for (const env of SIM_ENVS) process.stdout.write(`  ${env.padEnd(4)}  ${sim.apiBase(env)}\n`);
  if (sim.testToken) process.stdout.write(`Punkty testowe /_sim/* — nagłówek X-Sim-Token: ${sim.testToken}\n`);
  process.stdout.write('Zatrzymanie: Ctrl+C\n');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sim.close();
  return 0;
}

export async function runSimulatorIdentityCli(argv: string[], defaults: SimulatorCliDefaults = {stateDir: join('data', 'simulator')}): Promise<number> {
  const usage = ID_USAGE;
  const {flags, help, error} = parseArgs(argv, ['kind', 'nip', 'pesel', 'env', 'out', 'password-file', 'data'], []);
  if (help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (error) return fail(error, usage);
  const kind = flags.kind;
  if (kind !== 'person' && kind !== 'seal') return fail('Podaj --kind person (osoba) albo --kind seal (pieczęć).', usage);
  if (!flags.nip || !isValidNip(flags.nip)) return fail('Podaj poprawny NIP (--nip), z prawidłową sumą kontrolną.', usage);
  if (flags.pesel !== undefined && !isValidPesel(flags.pesel)) return fail('PESEL (--pesel) jest nieprawidłowy.', usage);
  const env = ENV_BY_LETTER[(flags.env ?? 'T').toUpperCase()];
  if (!env) return fail('Środowisko (--env) musi mieć wartość T, D lub P.', usage);
  if (!flags.out) return fail('Podaj katalog wyjściowy (--out).', usage);
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
  const sim = await startSimulator({dataDir: stateDir(flags, defaults), quiet: true});
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
