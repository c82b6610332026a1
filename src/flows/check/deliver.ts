// Alert delivery of `ksef-certs check`: a JSON POST to a webhook (undici) and an e-mail over SMTP (nodemailer,
// STARTTLS whenever the server offers it). Errors are returned as short texts, never thrown, and never carry the
// webhook URL's path or query (chat webhooks keep their secret there) nor an SMTP password.
import fs from 'node:fs/promises';
import {request} from 'undici';
import nodemailer from 'nodemailer';

export const DELIVERY_TIMEOUT_MS = 15_000;

/** `https://host/…` → `https://host` for messages and the audit log. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return '(URL)';
  }
}

const errText = (e: unknown): string => {
  const err = e as {code?: string; message?: string; responseCode?: number};
  const msg = (err?.message ?? String(e)).split('\n')[0].slice(0, 200);
  return err?.code && !msg.includes(err.code) ? `${err.code}: ${msg}` : msg;
};

export async function postWebhook(url: string, body: unknown, timeoutMs = DELIVERY_TIMEOUT_MS): Promise<{ok: true} | {ok: false; error: string}> {
  try {
    const res = await request(url, {
      method: 'POST',
      headers: {'content-type': 'application/json; charset=utf-8', 'user-agent': 'ksef-certs-check'},
      body: JSON.stringify(body),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    await res.body.dump();
    if (res.statusCode >= 200 && res.statusCode < 300) return {ok: true};
    return {ok: false, error: `HTTP ${res.statusCode}`};
  } catch (e) {
    return {ok: false, error: errText(e).replace(url, redactUrl(url))};
  }
}

export interface MailTarget {
  /** `smtp://host:port` (STARTTLS when offered) or `smtps://host:port` (TLS from the start); an optional user name. */
  url: string;
  from: string;
  to: string[];
  /** SMTP password (from the environment, never argv). */
  password?: string;
  /** PEM file of a CA to trust in addition to the system ones (a company CA or a self-signed test server). */
  caFile?: string;
  /** Refuse to send without TLS. */
  requireTls?: boolean;
}

export interface MailContent {
  subject: string;
  text: string;
}

export async function sendMail(target: MailTarget, content: MailContent, timeoutMs = DELIVERY_TIMEOUT_MS): Promise<{ok: true; id?: string} | {ok: false; error: string}> {
  let transport: ReturnType<typeof nodemailer.createTransport> | undefined;
  try {
    const u = new URL(target.url);
    const secure = u.protocol === 'smtps:';
    const ca = target.caFile ? await fs.readFile(target.caFile, 'utf8') : undefined;
    const user = decodeURIComponent(u.username);
    transport = nodemailer.createTransport({
      host: u.hostname.replace(/^\[|\]$/g, ''),
      port: u.port ? Number(u.port) : secure ? 465 : 25,
      secure,
      requireTLS: target.requireTls ?? false,
      ...(user ? {auth: {user, pass: target.password ?? ''}} : {}),
      // The system CAs stay trusted; a given CA file is added to them.
      tls: ca ? {ca: [...(await import('node:tls')).rootCertificates, ca]} : {},
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
    const info = await transport.sendMail({from: target.from, to: target.to, subject: content.subject, text: content.text});
    return {ok: true, id: info.messageId};
  } catch (e) {
    return {ok: false, error: errText(e)};
  } finally {
    transport?.close();
  }
}
