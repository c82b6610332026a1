// node_exporter textfile-collector metrics of `ksef-certs check --prometheus FILE`: written to a temp file in the
// same folder and renamed over FILE, so the collector never reads half a file. Label values escaped per the text
// exposition format (backslash, double quote, line feed).
import {randomBytes} from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import {ownerKey, type DisplayStatus} from '../../domain/index.js';
import type {CertRow} from '../list-view.js';
import type {Finding} from './findings.js';
import {STATE_EXIT, type CheckState} from './text.js';

export const escapeLabel = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

const labels = (l: Record<string, string>): string => `{${Object.entries(l).map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;

const STATUSES: DisplayStatus[] = ['active', 'waiting', 'expired', 'revoked', 'pending', 'failed'];

export interface MetricsInput {
  rows: readonly CertRow[];
  findings: readonly Finding[];
  state: CheckState;
  now: Date;
}

export function renderMetrics(m: MetricsInput): string {
  const out: string[] = [];
  const metric = (name: string, help: string, samples: [Record<string, string>, number][]) => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
    for (const [l, v] of samples) out.push(`${name}${Object.keys(l).length ? labels(l) : ''} ${Number.isFinite(v) ? v : 'NaN'}`);
  };
  const live = m.rows.filter((r) => (r.status === 'active' || r.status === 'waiting') && r.rec.validTo);
  const certLabels = (r: CertRow) => ({owner: ownerKey(r.rec.owner), type: r.type, env: r.env, serial: r.rec.serial ?? '', name: r.name, status: r.status});
  metric('ksef_certs_days_to_expiry', 'Whole days until the certificate ends (active and waiting certificates).',
    live.map((r) => [certLabels(r), r.days ?? NaN]));
  metric('ksef_certs_not_after_timestamp_seconds', 'End of validity of the certificate (Unix time).',
    live.map((r) => [certLabels(r), Math.floor(new Date(r.rec.validTo!).getTime() / 1000)]));
  metric('ksef_certs_certificates', 'Certificates in the store by status.',
    STATUSES.map((s) => [{status: s}, m.rows.filter((r) => r.status === s).length]));
  metric('ksef_certs_findings', 'Findings of the last check by severity.',
    (['warning', 'critical'] as const).map((s) => [{severity: s}, m.findings.filter((f) => f.severity === s).length]));
  metric('ksef_certs_check_status', 'Result of the last check: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.', [[{}, STATE_EXIT[m.state]]]);
  metric('ksef_certs_last_check_timestamp_seconds', 'When the last check ran (Unix time).', [[{}, Math.floor(m.now.getTime() / 1000)]]);
  return `${out.join('\n')}\n`;
}

/** Temp file in the target folder, fsync, rename; the temp file is removed when anything fails. */
export async function writeAtomic(file: string, text: string, mode = 0o644): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fh = await fs.open(tmp, 'wx', mode);
    try {
      await fh.writeFile(text, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, {force: true});
    throw e;
  }
}
