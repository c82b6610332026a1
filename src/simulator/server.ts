// HTTP front of the simulator: env prefixes, routing, rate limits, fault injection and the /_sim admin endpoints.
import {timingSafeEqual} from 'node:crypto';
import http from 'node:http';
import {deleteCurrentSession, getAuthStatus, getSessions, postChallenge, postRedeem, postRefresh, postXadesSignature} from './auth-routes.js';
import type {Call, SimCore} from './call.js';
import {getEnrollmentData, getEnrollmentStatus, getLimits, postEnrollment, postQuery, postRetrieve, postRevoke} from './cert-routes.js';
import {KsefError} from './errors.js';
import type {FaultRule} from './faults.js';
import {verifyKod2} from './kod2.js';
import {ENV_PREFIX, SIM_ENVS, type SimEnv} from './model.js';
import {RateLimiter, type RateGroup} from './rate-limit.js';
import {ksefErrorReply, ProblemError, problemReply, tooManyReply, type Reply} from './replies.js';
import {postTestPermissions, postTestPerson} from './testdata-routes.js';
import {verifyToken} from './tokens.js';

type Handler = (call: Call, ...params: string[]) => Reply | Promise<Reply>;
interface Route {
  method: string;
  re: RegExp;
  group: RateGroup | null;
  handler: Handler;
  testdata?: boolean;
}

const SEG = '([^/]+)';
const ROUTES: Route[] = [
  {method: 'POST', re: /^\/auth\/challenge$/, group: 'auth', handler: postChallenge},
  {method: 'POST', re: /^\/auth\/xades-signature$/, group: 'auth', handler: postXadesSignature},
  {method: 'POST', re: /^\/auth\/token\/redeem$/, group: 'auth', handler: postRedeem},
  {method: 'POST', re: /^\/auth\/token\/refresh$/, group: 'auth', handler: postRefresh},
  {method: 'GET', re: /^\/auth\/sessions$/, group: 'other', handler: getSessions},
  {method: 'DELETE', re: /^\/auth\/sessions\/current$/, group: 'other', handler: deleteCurrentSession},
  {method: 'GET', re: new RegExp(`^/auth/${SEG}$`), group: 'auth', handler: getAuthStatus},
  {method: 'GET', re: /^\/certificates\/limits$/, group: 'other', handler: getLimits},
  {method: 'GET', re: /^\/certificates\/enrollments\/data$/, group: 'other', handler: getEnrollmentData},
  {method: 'POST', re: /^\/certificates\/enrollments$/, group: 'other', handler: postEnrollment},
  {method: 'GET', re: new RegExp(`^/certificates/enrollments/${SEG}$`), group: 'other', handler: getEnrollmentStatus},
  {method: 'POST', re: /^\/certificates\/retrieve$/, group: 'other', handler: postRetrieve},
  {method: 'POST', re: new RegExp(`^/certificates/${SEG}/revoke$`), group: 'other', handler: postRevoke},
  {method: 'POST', re: /^\/certificates\/query$/, group: 'other', handler: postQuery},
  {method: 'POST', re: /^\/testdata\/person$/, group: null, handler: postTestPerson, testdata: true},
  {method: 'POST', re: /^\/testdata\/permissions$/, group: null, handler: postTestPermissions, testdata: true},
];

const ENV_BY_PREFIX = Object.fromEntries(SIM_ENVS.map((e) => [ENV_PREFIX[e], e])) as Record<string, SimEnv>;
const MAX_BODY = 2 * 1024 * 1024;
/** Beyond this the connection is cut instead of drained. */
const MAX_DRAIN = 64 * 1024 * 1024;

export interface AdminHooks {
  /** Test hook: an access token for a session that was opened with a KSeF token (no XAdES). */
  tokenSession(env: SimEnv, nip: string): string;
}

function send(res: http.ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = {...(reply.headers ?? {})};
  let payload: string | undefined;
  if (reply.json !== undefined) {
    payload = JSON.stringify(reply.json);
    headers['Content-Type'] = reply.contentType ?? 'application/json; charset=utf-8';
  } else if (reply.text !== undefined) {
    payload = reply.text;
    headers['Content-Type'] = reply.contentType ?? 'text/plain; charset=utf-8';
  }
  if (payload !== undefined) headers['Content-Length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}

/** Reads the body; past MAX_BODY the rest is drained (up to a cap) so the client can read the 413 reply. */
function readBody(req: http.IncomingMessage): Promise<Buffer | 'tooLarge'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_DRAIN) req.destroy();
      else if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY ? 'tooLarge' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const notFound = (): Reply => ({status: 404, json: {title: 'Not Found', status: 404, detail: 'Nieznany adres.'}});

/** Constant-time check of the X-Sim-Token header against the token of a test simulator. */
function testTokenOk(req: http.IncomingMessage, token: string | undefined): boolean {
  const given = Buffer.from(String(req.headers['x-sim-token'] ?? ''));
  const want = Buffer.from(token ?? '');
  return token !== undefined && given.length === want.length && timingSafeEqual(given, want);
}

export function createSimulatorServer(core: SimCore, admin: AdminHooks, log: (line: string) => void): http.Server {
  const limiter = new RateLimiter();

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const body = await readBody(req);
    const now = core.now();
    const ip = req.socket.remoteAddress ?? '127.0.0.1';
    const problem = String(req.headers['x-error-format'] ?? '').toLowerCase() === 'problem-details';
    const path = url.pathname;
    if (body === 'tooLarge') {
      return send(res, {status: 413, headers: {Connection: 'close'}, json: {title: 'Payload Too Large', status: 413, detail: `Treść żądania przekracza ${MAX_BODY} bajtów.`}});
    }

    // Test endpoints exist only on a simulator started for tests, and only for whoever holds its token.
    if (path.startsWith('/_sim/')) return send(res, testTokenOk(req, core.testToken) ? await core.sync(() => adminRoute(method, path, body)) : notFound());

    const fault = core.faults.take(method, path);
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault?.dropConnection) {
      req.socket.destroy();
      return;
    }
    if (fault?.status === 429) return send(res, tooManyReply(fault.retryAfter ?? 1, 'Przekroczono limit żądań (wymuszone przez symulator).', problem, path, now));
    if (fault?.status) {
      const headers: Record<string, string> = fault.retryAfter ? {'Retry-After': String(fault.retryAfter)} : {};
      return send(res, {status: fault.status, headers, json: {title: fault.status === 503 ? 'Service Unavailable' : 'Internal Server Error', status: fault.status, detail: 'Błąd wymuszony przez symulator.'}});
    }

    const m = /^\/([a-z]+)(\/v2)?(\/.*)$/.exec(path);
    const env = m ? ENV_BY_PREFIX[m[1]] : undefined;
    if (!m || !env) return send(res, notFound());

    // KOD II page: /{env}/certificate/{ctxType}/{ctxValue}/{sellerNip}/{serial}/{hash}/{signature}
    if (!m[2]) {
      const segs = m[3].split('/').slice(1);
      if (method === 'GET' && segs[0] === 'certificate' && segs.length === 7) {
        return send(res, await core.sync(() => ({status: 200, json: verifyKod2(env, core.state.envs[env], segs.slice(1), now.getTime())})));
      }
      return send(res, notFound());
    }

    const route = m[3];
    let params: string[] = [];
    let badEscape = false;
    const found = ROUTES.find((r) => {
      if (r.method !== method) return false;
      const mm = r.re.exec(route);
      if (mm) {
        try {
          params = mm.slice(1).map(decodeURIComponent);
        } catch {
          badEscape = true; // a malformed %-escape: the client's error, not ours
        }
      }
      return !!mm;
    });
    if (badEscape) return send(res, {status: 400, json: {title: 'Bad Request', status: 400, detail: 'Nieprawidłowe kodowanie znaków (%) w adresie.'}});
    if (!found || (found.testdata && env === 'PROD')) return send(res, notFound());

    // Under the state file's lock: the latest state of the data folder, whichever process wrote it.
    const reply = await core.sync(async (): Promise<Reply> => {
      if (found.group && core.opts.rateLimits) {
        const verdict = limiter.hit(found.group, `${env}|${rateKey(req, env, ip)}`);
        if (verdict) return tooManyReply(verdict.retryAfterSec, verdict.message, problem, path, now);
      }
      const call: Call = {core, env, envState: core.state.envs[env], method, route, path, url, headers: req.headers, body, ip, now};
      try {
        return await found.handler(call, ...params);
      } catch (e) {
        if (e instanceof KsefError) return ksefErrorReply(e, problem, path, now);
        if (e instanceof ProblemError) return problemReply(e, path, now);
        throw e;
      }
    });
    send(res, reply);
  }

  /** Rate limits count per context (taken from a valid bearer token) or else per client IP. */
  function rateKey(req: http.IncomingMessage, env: SimEnv, ip: string): string {
    const tok = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (tok) {
      const claims = verifyToken(core.state.jwtSecret, tok, env, core.now().getTime());
      const op = 'arn' in claims ? core.state.envs[env].authOps[claims.arn] : undefined;
      if (op) return `ctx:${op.context.type}:${op.context.value}|${ip}`;
    }
    return `ip:${ip}`;
  }

  function adminRoute(method: string, path: string, body: Buffer): Reply {
    try {
      const json = body.length ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {};
      if (path === '/_sim/faults' && method === 'POST') {
        core.faults.add(json as FaultRule);
        return {status: 204};
      }
      if (path === '/_sim/faults' && method === 'DELETE') {
        core.faults.clear();
        return {status: 204};
      }
      if (path === '/_sim/faults' && method === 'GET') return {status: 200, json: core.faults.list()};
      if (path === '/_sim/enrollment-outcome' && method === 'POST') {
        core.faults.enrollmentOutcome(json.code as 400 | 550, json.times as number | undefined);
        return {status: 204};
      }
      if (path === '/_sim/token-session' && method === 'POST') {
        const env = String(json.env ?? 'TEST').toUpperCase() as SimEnv;
        if (!SIM_ENVS.includes(env)) throw new Error('env must be TEST, DEMO or PROD');
        return {status: 200, json: {accessToken: admin.tokenSession(env, String(json.nip ?? ''))}};
      }
      return {status: 404, json: {error: 'unknown admin endpoint'}};
    } catch (e) {
      return {status: 400, json: {error: (e as Error).message}};
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      log(`błąd wewnętrzny symulatora: ${(e as Error).message}`);
      if (!res.headersSent) send(res, {status: 500, json: {title: 'Internal Server Error', status: 500, detail: 'Wewnętrzny błąd symulatora.'}});
      else res.destroy();
    });
  });
  return server;
}
