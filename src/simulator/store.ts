// The simulator's own state file (never the app's store): one JSON document, written atomically with mode 0600
// because it holds the CA private keys.
import {randomBytes} from 'node:crypto';
import {chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {emptyEnvState, SIM_ENVS, type SimEnv, type SimState} from './model.js';
import {createIssuingCa, createQualifiedCa} from './pki.js';

export const STATE_FILE = 'ksef-simulator.json';

export async function loadOrCreateState(dataDir: string, now: Date): Promise<SimState> {
  mkdirSync(dataDir, {recursive: true, mode: 0o700});
  const file = join(dataDir, STATE_FILE);
  if (existsSync(file)) {
    const state = JSON.parse(readFileSync(file, 'utf8')) as SimState;
    if (state.version === 1) return state;
    throw new Error(`Nieobsługiwana wersja pliku stanu symulatora: ${file}`);
  }
  const issuingCa = {} as SimState['issuingCa'];
  for (const env of SIM_ENVS) issuingCa[env] = await createIssuingCa(env, now);
  const envs = {} as Record<SimEnv, ReturnType<typeof emptyEnvState>>;
  for (const env of SIM_ENVS) envs[env] = emptyEnvState();
  const state: SimState = {version: 1, jwtSecret: randomBytes(32).toString('base64url'), issuingCa, qualifiedCa: await createQualifiedCa(now), envs};
  saveState(dataDir, state);
  return state;
}

export function saveState(dataDir: string, state: SimState): void {
  const file = join(dataDir, STATE_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state), {mode: 0o600});
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}
