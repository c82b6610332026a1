// Loopback receivers for the alert tests: an HTTP webhook server (in-process) and a real SMTP server process
// (smtp-child.mjs), a self-signed certificate made by openssl, and the received e-mail parsed by Python's `email`
// package (an independent MIME parser).
import {execFileSync, spawn, spawnSync, type ChildProcess} from 'node:child_process';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import path from 'node:path';
import readline from 'node:readline';

export interface Hook {
  url: string;
  requests: {path: string; headers: http.IncomingHttpHeaders; body: unknown}[];
  /** HTTP status to answer with (default 204). */
  status: number;
  close(): Promise<void>;
}

export async function startWebhook(pathName = '/hook'): Promise<Hook> {
  const hook = {requests: [], status: 204} as unknown as Hook;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hook.requests.push({path: req.url ?? '', headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8'))});
      res.writeHead(hook.status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  hook.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${pathName}`;
  hook.close = () => new Promise<void>((r) => server.close(() => r()));
  return hook;
}

export interface ReceivedMail {
  secure: boolean;
  /** SMTP AUTH user, or null. */
  user: string | null;
  from: string;
  to: string[];
  raw: string;
}

export interface Smtp {
  port: number;
  mails: ReceivedMail[];
  stop(): Promise<void>;
}

const CHILD = path.resolve(import.meta.dirname, 'smtp-child.mjs');

export async function startSmtp(o: {tls?: {key: string; cert: string}; reject?: boolean; auth?: string} = {}): Promise<Smtp> {
  const args = [CHILD, ...(o.tls ? [o.tls.key, o.tls.cert] : []), ...(o.reject ? ['--reject'] : []), ...(o.auth ? [`--auth=${o.auth}`] : [])];
  const child: ChildProcess = spawn(process.execPath, args, {stdio: ['ignore', 'pipe', 'inherit']});
  const mails: ReceivedMail[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`smtp child exited ${code}`)));
    readline.createInterface({input: child.stdout!}).on('line', (line) => {
      const m = JSON.parse(line) as {event: string; port?: number} & ReceivedMail;
      if (m.event === 'listening') resolve(m.port!);
      else mails.push(m);
    });
  });
  return {
    port, mails,
    stop: () => new Promise<void>((r) => {
      if (child.exitCode !== null) return r();
      child.once('exit', () => r());
      child.kill('SIGTERM');
    }),
  };
}

/** A self-signed P-256 certificate for 127.0.0.1 / localhost (openssl). */
export function selfSigned(dir: string): {key: string; cert: string} {
  const key = path.join(dir, 'smtp.key');
  const cert = path.join(dir, 'smtp.crt');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', cert, '-days', '2',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
  ], {stdio: 'ignore'});
  return {key, cert};
}

const PY_PARSE = `
import email, json, sys
from email import policy
m = email.message_from_string(sys.stdin.read(), policy=policy.default)
print(json.dumps({"subject": str(m["subject"]), "from": str(m["from"]), "to": str(m["to"]), "contentType": m.get_content_type(), "body": m.get_content()}))
`;

/** Subject and text body decoded by Python's email package (RFC 2047 words, quoted-printable / base64). */
export function parseMail(raw: string): {subject: string; from: string; to: string; contentType: string; body: string} {
  const r = spawnSync('python3', ['-c', PY_PARSE], {input: raw, encoding: 'utf8'});
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

/** Resolves once `pred` holds (polling), or throws after `ms`. */
export async function until(pred: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
