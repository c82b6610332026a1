// Renewal plan (`check --plan`, the start-up banner): for every certificate ending within the window, the mode-Z
// successor to create (same owner, type, environment) or the one already prepared, and whether KSeF limits allow it.
import type {CertTypeCode, EnvCode, Owner} from '../../domain/index.js';
import {ownerKey, warsawDate} from '../../domain/index.js';
import type {CertRow} from '../list-view.js';
import {successorOf, type KsefLimits} from './findings.js';

export interface PlanItem {
  certificateId: string;
  serial?: string;
  name: string;
  owner: Owner;
  type: CertTypeCode;
  env: EnvCode;
  validTo?: string;
  daysLeft?: number;
  /** A successor already prepared (waiting, active or being issued): nothing to create. */
  successor?: {id: string; serial?: string; name: string; status: string};
  /** What to create when there is no successor. */
  create?: {
    mode: 'Z';
    /** `YYYY-MM-DD` (Europe/Warsaw): the predecessor's end. */
    validFrom: string;
    /** Type-A certificate of the same owner and environment that can authorise the request (no signature step). */
    authCert?: string;
    /** The CLI line that creates it. */
    command: string;
  };
  /** With --refresh: whether the environment's KSeF limits leave room for every successor planned in it. */
  limitsAllow?: boolean;
}

const LIVE = new Set(['active', 'waiting']);

/** Quotes an argument for a POSIX shell only when needed. */
const shellArg = (s: string) => (/^[A-Za-z0-9_.:\/-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

export function renewalPlan(rows: readonly CertRow[], warnDays: number, limits?: ReadonlyMap<EnvCode, KsefLimits>): PlanItem[] {
  const items: PlanItem[] = [];
  for (const r of rows) {
    if (!LIVE.has(r.status) || r.days === undefined || r.days > warnDays) continue;
    const item: PlanItem = {
      certificateId: r.id, serial: r.rec.serial, name: r.name, owner: r.rec.owner, type: r.type, env: r.env, validTo: r.rec.validTo, daysLeft: r.days,
    };
    const next = successorOf(rows, r);
    if (next) {
      item.successor = {id: next.id, serial: next.rec.serial, name: next.name, status: next.status};
    } else {
      const key = ownerKey(r.rec.owner);
      const auth = rows.find((x) => x.ownerKey === key && x.type === 'A' && x.env === r.env && x.status === 'active' && x.rec.serial);
      const validFrom = r.rec.validTo ? warsawDate(new Date(r.rec.validTo)) : '';
      const command = [
        'ksef-certs generate', `--owner ${shellArg(key)}`, `--env ${r.env}`, `--type ${r.type}`, `--name ${shellArg(r.name)}`, '--mode Z',
        // Placeholder file names in no particular language: the command is data (`check --plan --json`) as well as text.
        auth ? `--auth-cert ${auth.rec.serial}` : '--signed auth-signed.xml', '--key-password-file key-password.txt',
      ].join(' ');
      item.create = {mode: 'Z', validFrom, ...(auth ? {authCert: auth.rec.serial} : {}), command};
    }
    items.push(item);
  }
  items.sort((a, b) => (a.daysLeft ?? 0) - (b.daysLeft ?? 0));
  if (limits) {
    for (const env of new Set(items.filter((i) => i.create).map((i) => i.env))) {
      const l = limits.get(env);
      if (!l) continue;
      const need = items.filter((i) => i.create && i.env === env).length;
      const ok = l.canRequest && l.enrollment.remaining >= need && l.certificate.remaining >= need;
      for (const i of items) if (i.create && i.env === env) i.limitsAllow = ok;
    }
  }
  return items;
}

/** How many successors are still to be created (the banner's count). */
export const toCreate = (plan: readonly PlanItem[]): number => plan.filter((p) => p.create).length;
