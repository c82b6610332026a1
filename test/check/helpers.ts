// A demo store in a temp dir, synthetic certificate records around a fake clock, and `ksef-certs check` run
// in-process with that clock (CliIo.now). Real files, real store; KSeF only in the --refresh tests.
import {randomUUID} from 'node:crypto';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {CertificateRecord} from '../../src/domain/index.js';
import {run} from '../../src/cli/run.js';
import {createDemoStore, DEMO_CREDENTIALS, openStore} from '../../src/store/index.js';
import type {Store} from '../../src/store/types.js';
import {captureIo} from '../helpers/cli-io.js';

export const NOW = new Date('2027-06-01T10:00:00Z');
export const DAY = 86_400_000;
/** An instant `days` (fractional allowed) from NOW. */
export const at = (days: number, from = NOW): string => new Date(from.getTime() + days * DAY).toISOString();

export interface CheckWorld {
  root: string;
  dataDir: string;
  store: Store;
  /** Adds a record (company, D, A, issued, 2 years ending `endsIn` days after NOW unless given). */
  add(r: Partial<CertificateRecord> & {endsIn?: number}): Promise<CertificateRecord>;
  check(args: string[], o?: {now?: Date; as?: 'admin' | 'operator'; env?: NodeJS.ProcessEnv; apiBase?: string}): Promise<{code: number; out: string; err: string}>;
  cleanup(): Promise<void>;
}

let serialNo = 0x100;

export async function makeCheckWorld(): Promise<CheckWorld> {
  const root = await mkdtemp(path.join(tmpdir(), 'ksef-certs-check-'));
  const dataDir = path.join(root, 'data');
  await createDemoStore(dataDir);
  const store = await openStore(dataDir);
  return {
    root, dataDir, store,
    async add({endsIn = 365, ...r}) {
      const validTo = r.validTo ?? at(endsIn);
      const rec: CertificateRecord = {
        id: randomUUID(), owner: {kind: 'company'}, name: `Certyfikat ${serialNo}`, type: 'A', env: 'D', mode: 'B', state: 'issued',
        serial: (serialNo++).toString(16).toUpperCase().padStart(16, '0'), keyPem: '', keyAlgorithm: 'EC-P256',
        validFrom: new Date(new Date(validTo).getTime() - 730 * DAY).toISOString(), validTo,
        source: 'imported', createdAt: at(-800), createdBy: 'ADMIN', ...r,
      };
      await store.addCertificate(rec);
      return rec;
    },
    async check(args, o = {}) {
      const who = o.as === 'operator' ? DEMO_CREDENTIALS.operator : DEMO_CREDENTIALS.admin;
      const x = captureIo({KSEF_CERTS_OPERATOR: who.code, KSEF_CERTS_OPERATOR_PASSWORD: who.password, ...o.env});
      const now = o.now ?? NOW;
      const code = await run(['--data', dataDir, ...(o.apiBase ? ['--api', o.apiBase] : []), 'check', ...args], {...x, now: () => now});
      return {code, out: x.out(), err: x.err()};
    },
    cleanup: () => rm(root, {recursive: true, force: true}),
  };
}

/** The first stdout line: what monitoring shows. */
export const summaryOf = (out: string): string => out.split('\n')[0];
