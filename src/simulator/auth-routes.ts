// /auth/* endpoints: challenge, XAdES sign-in, status polling, token redeem/refresh, sessions.
import {isValidInternalId, isValidNip} from '../domain/index.js';
import {evaluateAuthCertificate, type AuthSubject} from './auth-cert.js';
import {bearer, type Call} from './call.js';
import {KsefError} from './errors.js';
import type {AuthFinalCode, AuthOperation, EnvState, Identity} from './model.js';
import {identityKey} from './model.js';
import {ProblemError, referenceNumber, type Reply} from './replies.js';
import {signToken} from './tokens.js';
import {verifyAuthTokenRequest} from './xades-verify.js';

const CHALLENGE_TTL_MS = 10 * 60_000;
const AUTH_RETENTION_MS = 7 * 24 * 3600_000;

export function postChallenge(call: Call): Reply {
  const nowMs = call.now.getTime();
  for (const [c, t] of Object.entries(call.envState.challenges)) if (nowMs - t > CHALLENGE_TTL_MS) delete call.envState.challenges[c];
  const challenge = referenceNumber('CR', call.now);
  call.envState.challenges[challenge] = nowMs;
  call.core.save();
  return {status: 200, json: {challenge, timestamp: call.now.toISOString(), timestampMs: nowMs, clientIp: call.ip.replace(/^::ffff:/, '')}};
}

/** Who may act in a context: its own NIP (person TINPL or seal VATPL), or an identity granted via /testdata. */
export function hasPermission(envState: EnvState, ctx: {type: string; value: string}, identity: Identity): boolean {
  const ctxNip = ctx.type === 'Nip' ? ctx.value : ctx.type === 'InternalId' || ctx.type === 'NipVatUe' ? ctx.value.split('-')[0] : null;
  if (identity.type === 'Nip' && ctxNip === identity.value && ctx.type !== 'NipVatUe') return true;
  return envState.grants.some((g) => g.context === ctx.value && identityKey(g.identity) === identityKey(identity) && g.permissions.length > 0);
}

export async function postXadesSignature(call: Call): Promise<Reply> {
  const ct = String(call.headers['content-type'] ?? '');
  if (!/^(application|text)\/xml\b/i.test(ct)) return {status: 415, text: 'Unsupported Media Type', contentType: 'text/plain; charset=utf-8'};
  const features = String(call.headers['x-ksef-feature'] ?? '').toLowerCase();
  const verified = await verifyAuthTokenRequest(call.body, {enforceCompliance: features.split(/[,\s]+/).includes('enforce-xades-compliance'), rejectSha1: call.env !== 'TEST'});
  const {request} = verified;

  const issued = call.envState.challenges[request.challenge];
  if (issued === undefined) throw new KsefError(21111, ['Wyzwanie nie zostało wydane przez system lub zostało już wykorzystane.']);
  if (call.now.getTime() - issued > CHALLENGE_TTL_MS) throw new KsefError(21111, ['Wyzwanie autoryzacyjne wygasło (ważne 10 minut).']);

  const ctx = request.context;
  const nipPart = ctx.value.split('-')[0];
  const ctxOk = ctx.type === 'Nip' ? isValidNip(ctx.value) : ctx.type === 'InternalId' ? isValidInternalId(ctx.value) : ctx.type === 'NipVatUe' ? isValidNip(nipPart) : true;
  if (!ctxOk) throw new KsefError(21117, [`Nieprawidłowa suma kontrolna identyfikatora ${ctx.type}: ${ctx.value}.`]);

  const verifyChain = String(call.url.searchParams.get('verifyCertificateChain') ?? '').toLowerCase() === 'true';
  const subject = await evaluateAuthCertificate({
    env: call.env,
    cert: verified.certificate,
    subjectIdentifierType: request.subjectIdentifierType,
    verifyCertificateChain: verifyChain,
    issuingCa: call.core.state.issuingCa,
    qualifiedCa: call.core.state.qualifiedCa,
    envState: call.envState,
    now: call.now,
  });

  delete call.envState.challenges[request.challenge];
  const outcome = finalOutcome(call, ctx, subject);
  const ref = referenceNumber('AU', call.now);
  const op: AuthOperation = {
    referenceNumber: ref,
    startMs: call.now.getTime(),
    context: ctx,
    identity: subject.identity,
    method: subject.method,
    category: 'XadesSignature',
    enrollmentData: subject.enrollmentData,
    readyAtMs: call.now.getTime() + call.core.opts.authDelayMs,
    finalCode: outcome.code,
    finalDetails: outcome.details,
    redeemed: false,
    lastRefreshMs: null,
    refreshValidUntilMs: null,
    refreshRevoked: false,
    allowedIps: request.allowedIps,
  };
  call.envState.authOps[ref] = op;
  if (subject.ksefSerial) call.envState.certificates[subject.ksefSerial].lastUseMs = call.now.getTime();
  call.core.save();
  const token = signToken(call.core.state.jwtSecret, 'AuthenticationToken', ref, call.env, call.now.getTime());
  const headers: Record<string, string> = {};
  // The server ASCII-folds the header value (SystemWarning in open-api.json).
  if (verified.warnings.length) headers['X-System-Warning'] = verified.warnings.join(' | ');
  return {status: 202, headers, json: {referenceNumber: ref, authenticationToken: {token: token.token, validUntil: token.validUntil.toISOString()}}};
}

/** How the operation ends, in the order KSeF decides it: certificate, person, context, injected outcome, permissions. */
function finalOutcome(call: Call, ctx: {type: string; value: string}, subject: AuthSubject): {code: AuthFinalCode; details: string[] | null} {
  if (subject.certFailure) return {code: 460, details: [subject.certFailure]};
  const pesel = subject.identity.type === 'Pesel' ? subject.identity.value : null;
  if (pesel && (call.envState.persons ?? []).some((p) => p.pesel === pesel && p.deceased)) return {code: 470, details: [AUTH_DETAILS[470]]};
  if ((call.envState.blockedContexts ?? []).includes(`${ctx.type}:${ctx.value}`)) return {code: 480, details: [AUTH_DETAILS[480]]};
  const forced = call.core.faults.takeAuthOutcome();
  if (forced) return {code: forced, details: AUTH_DETAILS[forced] ? [AUTH_DETAILS[forced]] : null};
  return hasPermission(call.envState, ctx, subject.identity) ? {code: 200, details: null} : {code: 415, details: [AUTH_DETAILS[415]]};
}

/** Status table of GET /auth/{referenceNumber} (open-api.json). */
const STATUS_TEXT: Record<number, string> = {
  100: 'Uwierzytelnianie w toku',
  200: 'Uwierzytelnianie zakończone sukcesem',
  415: 'Uwierzytelnianie zakończone niepowodzeniem',
  425: 'Uwierzytelnienie unieważnione',
  450: 'Uwierzytelnianie zakończone niepowodzeniem z powodu błędnego tokenu',
  460: 'Uwierzytelnianie zakończone niepowodzeniem z powodu błędu certyfikatu',
  470: 'Uwierzytelnianie zakończone niepowodzeniem',
  480: 'Uwierzytelnienie zablokowane',
  500: 'Nieznany błąd',
  550: 'Operacja została anulowana przez system',
};
const AUTH_DETAILS: Record<number, string> = {
  415: 'Brak przypisanych uprawnień',
  425: 'Uwierzytelnienie i powiązane refresh tokeny zostały unieważnione przez użytkownika',
  450: 'Nieprawidłowy token',
  470: 'Próba wykorzystania metod autoryzacyjnych osoby zmarłej',
  480: 'Podejrzenie incydentu bezpieczeństwa. Skontaktuj się z Ministerstwem Finansów przez formularz zgłoszeniowy.',
  550: 'Przetwarzanie zostało przerwane z przyczyn wewnętrznych systemu. Spróbuj ponownie',
};
const METHOD_INFO: Record<string, {code: string; displayName: string}> = {
  QualifiedSignature: {code: 'xades.qualified-signature', displayName: 'Podpis kwalifikowany'},
  QualifiedSeal: {code: 'xades.qualified-seal', displayName: 'Pieczęć kwalifikowana'},
  InternalCertificate: {code: 'xades.internal-certificate', displayName: 'Certyfikat KSeF'},
  Token: {code: 'token.ksef', displayName: 'Token KSeF'},
};

export function opStatus(op: AuthOperation, nowMs: number): {code: number; description: string; details?: string[] | null} {
  if (nowMs < op.readyAtMs) return {code: 100, description: STATUS_TEXT[100]};
  if (op.finalCode === 200 && op.refreshRevoked) return {code: 425, description: STATUS_TEXT[425], details: [AUTH_DETAILS[425]]};
  return {code: op.finalCode, description: STATUS_TEXT[op.finalCode], details: op.finalDetails};
}

function opView(op: AuthOperation, nowMs: number) {
  return {
    startDate: new Date(op.startMs).toISOString(),
    authenticationMethod: op.method,
    authenticationMethodInfo: {category: op.category, ...METHOD_INFO[op.method]},
    status: opStatus(op, nowMs),
    isTokenRedeemed: op.redeemed,
    lastTokenRefreshDate: op.lastRefreshMs ? new Date(op.lastRefreshMs).toISOString() : null,
    refreshTokenValidUntil: op.refreshValidUntilMs ? new Date(op.refreshValidUntilMs).toISOString() : null,
  };
}

export function getAuthStatus(call: Call, ref: string): Reply {
  const {op} = bearer(call, ['AuthenticationToken']);
  if (op.referenceNumber !== ref) {
    const other = call.envState.authOps[ref];
    if (!other) throw new KsefError(21304, [`Operacja uwierzytelniania o numerze referencyjnym ${ref} nie została znaleziona.`]);
    throw new ProblemError(403, 'Token nie uprawnia do odczytu tej operacji uwierzytelniania.', {reasonCode: 'insufficient-resource-access'});
  }
  if (call.now.getTime() - op.startMs > AUTH_RETENTION_MS) throw new ProblemError(410, 'Operacja wygasła i nie jest już dostępna.');
  return {status: 200, json: opView(op, call.now.getTime())};
}

export function postRedeem(call: Call): Reply {
  const {op} = bearer(call, ['AuthenticationToken']);
  const status = opStatus(op, call.now.getTime());
  if (status.code !== 200) throw new KsefError(21301, [`Status operacji uwierzytelniania ${op.referenceNumber} (${status.code}) nie pozwala na pobranie tokenów.`]);
  if (op.redeemed) throw new KsefError(21301, [`Tokeny dla operacji uwierzytelniania ${op.referenceNumber} zostały już pobrane.`]);
  const nowMs = call.now.getTime();
  const access = signToken(call.core.state.jwtSecret, 'AccessToken', op.referenceNumber, call.env, nowMs);
  const refresh = signToken(call.core.state.jwtSecret, 'RefreshToken', op.referenceNumber, call.env, nowMs);
  op.redeemed = true;
  op.refreshValidUntilMs = refresh.validUntil.getTime();
  call.core.save();
  return {
    status: 200,
    json: {accessToken: {token: access.token, validUntil: access.validUntil.toISOString()}, refreshToken: {token: refresh.token, validUntil: refresh.validUntil.toISOString()}},
  };
}

export function postRefresh(call: Call): Reply {
  const {op} = bearer(call, ['RefreshToken']);
  const access = signToken(call.core.state.jwtSecret, 'AccessToken', op.referenceNumber, call.env, call.now.getTime());
  op.lastRefreshMs = call.now.getTime();
  call.core.save();
  return {status: 200, json: {accessToken: {token: access.token, validUntil: access.validUntil.toISOString()}}};
}

export function getSessions(call: Call): Reply {
  const {op: current} = bearer(call, ['AccessToken']);
  const pageSizeRaw = call.url.searchParams.get('pageSize');
  const pageSize = pageSizeRaw === null ? 10 : Number(pageSizeRaw);
  if (!Number.isInteger(pageSize) || pageSize < 10 || pageSize > 100) throw new KsefError(21405, ['pageSize musi być liczbą całkowitą z zakresu 10–100.']);
  const cont = call.headers['x-continuation-token'];
  let offset = 0;
  if (typeof cont === 'string' && cont) {
    const m = /^o:(\d+)$/.exec(Buffer.from(cont, 'base64url').toString('utf8'));
    if (!m) throw new KsefError(21418);
    offset = Number(m[1]);
  }
  const all = Object.values(call.envState.authOps)
    .filter((o) => o.context.type === current.context.type && o.context.value === current.context.value && o.redeemed)
    .sort((a, b) => b.startMs - a.startMs);
  const page = all.slice(offset, offset + pageSize);
  const more = offset + pageSize < all.length;
  return {
    status: 200,
    json: {
      continuationToken: more ? Buffer.from(`o:${offset + pageSize}`).toString('base64url') : null,
      items: page.map((o) => ({...opView(o, call.now.getTime()), referenceNumber: o.referenceNumber, isCurrent: o.referenceNumber === current.referenceNumber})),
    },
  };
}

export function deleteCurrentSession(call: Call): Reply {
  const {op} = bearer(call, ['AccessToken', 'RefreshToken']);
  op.refreshRevoked = true;
  call.core.save();
  return {status: 204};
}

/** DELETE /auth/sessions/{referenceNumber}: ends another session of the same context (its refresh token stops working). */
export function deleteSession(call: Call, ref: string): Reply {
  const {op: current} = bearer(call, ['AccessToken']);
  const target = call.envState.authOps[ref];
  const sameContext = target && target.context.type === current.context.type && target.context.value === current.context.value && target.redeemed;
  if (!sameContext) throw new KsefError(21405, [`Sesja uwierzytelniania ${ref} nie istnieje w bieżącym kontekście.`]);
  target.refreshRevoked = true;
  call.core.save();
  return {status: 204};
}
