// A loopback HTTP proxy in front of the simulator that lets POST /certificates/enrollments reach KSeF (the
// simulator accepts it and writes its state) and then loses the reply: `reset` drops the client's connection with a
// TCP RST, `hold` never answers (the test kills the client meanwhile). Every other request is passed through.
import http from 'node:http';
import type {AddressInfo, Socket} from 'node:net';

export interface EnrollProxy {
  /** The proxy's address for an upstream API base, e.g. http://127.0.0.1:P/demo/v2. */
  base(upstreamApiBase: string): string;
  /** Enrollment POSTs seen. */
  readonly enrollPosts: number;
  /** Resolves with the simulator's reply to the first enrollment POST (after KSeF accepted it). */
  accepted: Promise<{status: number; body: string}>;
  close(): Promise<void>;
}

const ENROLL = /\/certificates\/enrollments$/;

export async function startEnrollProxy(upstreamOrigin: string, mode: 'reset' | 'hold'): Promise<EnrollProxy> {
  const up = new URL(upstreamOrigin);
  let enrollPosts = 0;
  let onAccepted!: (r: {status: number; body: string}) => void;
  const accepted = new Promise<{status: number; body: string}>((ok) => (onAccepted = ok));
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const isEnroll = req.method === 'POST' && ENROLL.test(new URL(req.url ?? '/', 'http://x').pathname);
      if (isEnroll) enrollPosts++;
      const fwd = http.request(
        {host: up.hostname, port: up.port, method: req.method, path: req.url, headers: {...req.headers, host: up.host, connection: 'close'}},
        (upRes) => {
          const body: Buffer[] = [];
          upRes.on('data', (c: Buffer) => body.push(c));
          upRes.on('end', () => {
            const text = Buffer.concat(body);
            if (isEnroll) {
              onAccepted({status: upRes.statusCode ?? 0, body: text.toString('utf8')});
              if (mode === 'reset') req.socket.resetAndDestroy();
              return; // hold: never answer
            }
            res.writeHead(upRes.statusCode ?? 502, upRes.headers);
            res.end(text);
          });
        },
      );
      fwd.on('error', () => req.socket.destroy());
      fwd.end(Buffer.concat(chunks));
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  return {
    base: (api) => {
      const u = new URL(api);
      return `http://127.0.0.1:${port}${u.pathname}`;
    },
    get enrollPosts() {
      return enrollPosts;
    },
    accepted,
    close: () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}
