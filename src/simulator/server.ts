// HTTP front of the simulator: env prefixes, routing, rate limits, fault injection and the /_sim admin endpoints.
import http from 'node:http';
import {asciiFold} from './ascii-fold.js';
import {deleteCurrentSession, deleteSession, getAuthStatus, getSessions, postChallenge, postRedeem, postRefresh, postXadesSignature} from './auth-routes.js';
import type {Call, SimCore} from './call.js';
import {getEnrollmentData, getEnrollmentStatus, getLimits, postEnrollment, postQuery, postRetrieve, postRevoke} from './cert-routes.js';
import {KsefError} from './errors.js';
import type {FaultRule} from './faults.js';
import {verifyKod2} from './kod2.js';
import type {LatarniaStatus} from './latarnia.js';
import {ENV_PREFIX, SIM_ENVS, type SimEnv} from './model.js';
import {getRateLimits, putTestCertificate} from './limits-routes.js';
import {limitsFromContract, RateLimiter} from './rate-limit.js';
import {ksefErrorReply, ProblemError, problemReply, tooManyReply, type Reply} from './replies.js';
import {postContextBlock, postTestPermissions, postTestPerson} from './testdata-routes.js';
import {verifyToken} from './tokens.js';

type Handler = (call: Call, ...params: string[]) => Reply | Promise<Reply>;
interface Route {
  method: string;
  /** Path template as in open-api.json; also the rate-limit counter's name. */
  template: string;
  re: RegExp;
  handler: Handler;
  testdata?: boolean;
}

const route = (method: string, template: string, handler: Handler, testdata = false): Route => ({
  method, template, handler, testdata, re: new RegExp('^' + template.replace(/\{[^}]+\}/g, '([^/]+)') + '$'),
});
const ROUTES: Route[] = [
  route('POST', '/auth/challenge', postChallenge),
  route('POST', '/auth/xades-signature', postXadesSignature),
  route('POST', '/auth/token/redeem', postRedeem),
  route('POST', '/auth/token/refresh', postRefresh),
  route('GET', '/auth/sessions', getSessions),
  route('DELETE', '/auth/sessions/current', deleteCurrentSession),
  route('DELETE', '/auth/sessions/{referenceNumber}', deleteSession),
  route('GET', '/auth/{referenceNumber}', getAuthStatus),
  route('GET', '/certificates/limits', getLimits),
  route('GET', '/certificates/enrollments/data', getEnrollmentData),
  route('POST', '/certificates/enrollments', postEnrollment),
  route('GET', '/certificates/enrollments/{referenceNumber}', getEnrollmentStatus),
  route('POST', '/certificates/retrieve', postRetrieve),
  route('POST', '/certificates/{certificateSerialNumber}/revoke', postRevoke),
  route('POST', '/certificates/query', postQuery),
  route('GET', '/rate-limits', getRateLimits),
  route('POST', '/testdata/person', postTestPerson, true),
  route('POST', '/testdata/permissions', postTestPermissions, true),
  route('POST', '/testdata/context/block', postContextBlock, true),
  route('POST', '/testdata/context/unblock', postContextBlock, true),
  route('PUT', '/testdata/certificates/{serialNumber}', putTestCertificate, true),
];

const ENV_BY_PREFIX = Object.fromEntries(SIM_ENVS.map((e) => [ENV_PREFIX[e], e])) as Record<string, SimEnv>;
const MAX_BODY = 2 * 1024 * 1024;

export interface AdminHooks {
  /** Test hook: an access token for a session that was opened with a KSeF token (no XAdES). */
  tokenSession(env: SimEnv, nip: string): string;
}

function send(res: http.ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = {...(reply.headers ?? {})};
  // SystemWarning (open-api.json): "the header value is normalised with ASCII folding" — Polish letters in a raw
  // header would also make Node refuse to send it.
  if (headers['X-System-Warning'] !== undefined) headers['X-System-Warning'] = asciiFold(headers['X-System-Warning']);
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

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function createSimulatorServer(core: SimCore, admin: AdminHooks, log: (line: string) => void): http.Server {
  const limiter = new RateLimiter(() => core.now().getTime());

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const body = await readBody(req);
    const now = core.now();
    const ip = req.socket.remoteAddress ?? '127.0.0.1';
    const problem = String(req.headers['x-error-format'] ?? '').toLowerCase() === 'problem-details';
    const path = url.pathname;

    if (path.startsWith('/_sim/')) return send(res, adminRoute(method, path, body));

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
    if (!m || !env) return send(res, {status: 404, json: {title: 'Not Found', status: 404, detail: 'Nieznany adres.'}});

    // KOD II page: /{env}/certificate/{ctxType}/{ctxValue}/{sellerNip}/{serial}/{hash}/{signature}
    if (!m[2]) {
      const segs = m[3].split('/').slice(1);
      if (method === 'GET' && segs[0] === 'latarnia' && segs.length === 2 && (segs[1] === 'status' || segs[1] === 'messages')) {
        return send(res, {status: 200, json: segs[1] === 'status' ? core.latarnia.status(env) : core.latarnia.messages(env)});
      }
      if (method === 'GET' && segs[0] === 'certificate' && segs.length === 7) return send(res, {status: 200, json: verifyKod2(env, core.state.envs[env], segs.slice(1), now.getTime())});
      return send(res, {status: 404, json: {title: 'Not Found', status: 404, detail: 'Nieznany adres.'}});
    }

    const route = m[3];
    let params: string[] = [];
    const found = ROUTES.find((r) => {
      if (r.method !== method) return false;
      const mm = r.re.exec(route);
      if (mm) params = mm.slice(1).map(decodeURIComponent);
      return !!mm;
    });
    if (!found || (found.testdata && env === 'PROD')) return send(res, {status: 404, json: {title: 'Not Found', status: 404, detail: 'Nieznany adres.'}});

    const limits = limitsFromContract().get(`${found.method} ${found.template}`);
    if (limits && core.opts.rateLimits) {
      const verdict = limiter.hit(limits, `${env}|${found.method} ${found.template}|${rateKey(req, env, ip)}`);
      if (verdict) return send(res, tooManyReply(verdict.retryAfterSec, verdict.message, problem, path, now));
    }
    const call: Call = {core, env, envState: core.state.envs[env], method, route, path, url, headers: req.headers, body, ip, now};
    // X-Test-System-Warning (TEST): its content comes back as X-System-Warning (SystemWarning, open-api.json 2.7.1).
    const testWarning = fault?.warning ?? (env === 'TEST' ? req.headers['x-test-system-warning'] : undefined);
    const withTestWarning = (reply: Reply): Reply => {
      if (typeof testWarning !== 'string' || !testWarning) return reply;
      const own = reply.headers?.['X-System-Warning'];
      return {...reply, headers: {...reply.headers, 'X-System-Warning': own ? `${own} | ${testWarning}` : testWarning}};
    };
    try {
      send(res, withTestWarning(await found.handler(call, ...params)));
    } catch (e) {
      if (e instanceof KsefError) return send(res, withTestWarning(ksefErrorReply(e, problem, path, now)));
      if (e instanceof ProblemError) return send(res, withTestWarning(problemReply(e, path, now)));
      throw e;
    }
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
      if (path === '/_sim/latarnia' && method === 'POST') {
        const env = String(json.env ?? 'TEST').toUpperCase() as SimEnv;
        const status = String(json.status ?? '') as LatarniaStatus;
        if (!SIM_ENVS.includes(env) || !['AVAILABLE', 'MAINTENANCE', 'FAILURE', 'TOTAL_FAILURE'].includes(status)) throw new Error('env: TEST|DEMO|PROD, status: AVAILABLE|MAINTENANCE|FAILURE|TOTAL_FAILURE');
        core.latarnia.set(env, {status, stale: json.stale === true, ...(typeof json.title === 'string' ? {title: json.title} : {})});
        return {status: 204};
      }
      if (path === '/_sim/auth-outcome' && method === 'POST') {
        core.faults.authOutcome(json.code as 450 | 500 | 550, json.times as number | undefined);
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
