// Tiny scripted loopback HTTP server for client fault tests (429, 5xx, resets, stalls). Each route has a list of
// steps consumed in order; the last step repeats. Every request is recorded with its arrival time.
import http from 'node:http';
import type {AddressInfo} from 'node:net';

export type FakeStep =
  | {status: number; headers?: Record<string, string>; json?: unknown; text?: string}
  | {destroy: true}
  | {stall: true};

export interface RecordedRequest {
  method: string;
  /** Path relative to the API base, without query. */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** performance.now() at arrival. */
  at: number;
}

export interface FakeKsef {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Requests for one route key, e.g. "GET /certificates/limits". */
  calls(route: string): RecordedRequest[];
  close(): Promise<void>;
}

export const API_PREFIX = '/test/v2';

/** routes: "METHOD /path" → steps. Path params are matched literally. Unknown routes answer 404. */
export async function startFakeKsef(routes: Record<string, FakeStep[]>): Promise<FakeKsef> {
  const requests: RecordedRequest[] = [];
  const used = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const path = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : url.pathname;
      const rec: RecordedRequest = {method: req.method ?? '', path, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks), at: performance.now()};
      requests.push(rec);
      const key = `${rec.method} ${path}`;
      const steps = routes[key];
      if (!steps || steps.length === 0) {
        res.writeHead(404, {'content-type': 'text/plain'}).end('no route');
        return;
      }
      const n = used.get(key) ?? 0;
      used.set(key, n + 1);
      const step = steps[Math.min(n, steps.length - 1)];
      if ('destroy' in step) {
        req.socket.destroy();
        return;
      }
      if ('stall' in step) return; // never answer; the client must time out
      const headers: Record<string, string> = {...step.headers};
      let body = '';
      if (step.json !== undefined) {
        headers['content-type'] ??= 'application/json';
        body = JSON.stringify(step.json);
      } else if (step.text !== undefined) {
        body = step.text;
      }
      res.writeHead(step.status, headers).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${API_PREFIX}`,
    requests,
    calls: (route) => requests.filter((r) => `${r.method} ${r.path}` === route),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Body samples shaped like the contract (contract/open-api.json). */
export const samples = {
  limits: {canRequest: true, enrollment: {remaining: 11, limit: 12}, certificate: {remaining: 5, limit: 6}},
  challenge: {challenge: '20250514-CR-226FB7B000-3ACF9BE4C0-10', timestamp: '2025-07-11T12:23:56.0154302+00:00', timestampMs: 1752236636015, clientIp: '127.0.0.1'},
  legacyError: (code: number, description: string, details: string[] = []) => ({
    exception: {
      exceptionDetailList: [{exceptionCode: code, exceptionDescription: description, details}],
      referenceNumber: '20250514-AU-2DFC46C000-3AC6D5877F-D4',
      serviceCode: '00-c02c-00',
      serviceCtx: 'srvABCDA',
      serviceName: 'Undefined',
      timestamp: '2025-10-11T12:23:56.0154302',
    },
  }),
  problem400: (code: number, description: string, details: string[] = []) => ({
    title: 'Bad Request',
    status: 400,
    instance: '/v2/certificates/enrollments',
    detail: 'Żądanie jest nieprawidłowe.',
    errors: [{code, description, details}],
    timestamp: '2025-10-11T12:23:56Z',
    traceId: 'trace-1',
  }),
};
