// What every route handler receives, and bearer-token resolution shared by the auth and certificate routes.
import type {IncomingHttpHeaders} from 'node:http';
import type {Faults} from './faults.js';
import type {Latarnia} from './latarnia.js';
import type {AuthOperation, EnvState, SimEnv, SimState} from './model.js';
import {ProblemError} from './replies.js';
import {verifyToken, type TokenClaims, type TokenType} from './tokens.js';

export interface SimOptions {
  enrollmentDelayMs: number;
  authDelayMs: number;
  /** How long a revoked certificate stays Blocked before it is Revoked. */
  revocationDelayMs: number;
  rateLimits: boolean;
}

export interface SimCore {
  state: SimState;
  opts: SimOptions;
  faults: Faults;
  /** KSeF status service state (test switch). */
  latarnia: Latarnia;
  now(): Date;
  save(): void;
}

export interface Call {
  core: SimCore;
  env: SimEnv;
  envState: EnvState;
  method: string;
  /** Path below `/{env}/v2`, e.g. `/auth/challenge`. */
  route: string;
  /** Full request path, used as Problem Details `instance`. */
  path: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
  ip: string;
  now: Date;
}

export function bearer(call: Call, types: TokenType[]): {claims: TokenClaims; op: AuthOperation} {
  const h = call.headers.authorization ?? '';
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  if (!m) throw new ProblemError(401, 'Brak tokena uwierzytelniającego w nagłówku Authorization.');
  const res = verifyToken(call.core.state.jwtSecret, m[1], call.env, call.now.getTime());
  if ('error' in res) throw new ProblemError(401, res.error);
  if (!types.includes(res.typ)) throw new ProblemError(401, `Nieprawidłowy typ tokena (${res.typ}).`);
  const op = call.envState.authOps[res.arn];
  if (!op) throw new ProblemError(401, 'Token nie odpowiada żadnej operacji uwierzytelniania.');
  if (res.typ === 'RefreshToken' && op.refreshRevoked) throw new ProblemError(401, 'Token odświeżający został unieważniony.');
  if (res.typ === 'AccessToken' && op.allowedIps && !ipAllowed(call.ip, op.allowedIps)) {
    throw new ProblemError(403, 'Adres IP nie jest dozwolony przez politykę uwierzytelnienia.', {reasonCode: 'ip-not-allowed', security: {clientIp: call.ip}});
  }
  return {claims: res, op};
}

const ipNum = (ip: string): number => ip.split('.').reduce((a, o) => a * 256 + Number(o), 0);

/** AuthorizationPolicy/AllowedIps: single addresses, `a-b` ranges and `a/n` masks (IPv4). */
export function ipAllowed(ipRaw: string, allowed: string[]): boolean {
  const ip = ipRaw.replace(/^::ffff:/, '');
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return false;
  const n = ipNum(ip);
  return allowed.some((rule) => {
    if (rule.includes('-')) {
      const [a, b] = rule.split('-');
      return n >= ipNum(a) && n <= ipNum(b);
    }
    if (rule.includes('/')) {
      const [a, bits] = rule.split('/');
      const mask = Number(bits) === 0 ? 0 : (0xffffffff << (32 - Number(bits))) >>> 0;
      return ((n & mask) >>> 0) === ((ipNum(a) & mask) >>> 0);
    }
    return rule === ip;
  });
}

export function parseJsonBody<T>(call: Call): T | undefined {
  if (call.body.length === 0) return undefined;
  return JSON.parse(call.body.toString('utf8')) as T;
}
