// JWT-shaped bearer tokens (HS256 over the simulator's persisted secret). Real KSeF tokens are opaque to clients;
// only their shape (three base64url parts) and lifetimes matter to the app.
import {createHmac, randomUUID, timingSafeEqual} from 'node:crypto';

export type TokenType = 'AuthenticationToken' | 'AccessToken' | 'RefreshToken';
export const TOKEN_LIFETIME_MS: Record<TokenType, number> = {
  AuthenticationToken: 45 * 60_000,
  AccessToken: 15 * 60_000,
  RefreshToken: 7 * 24 * 3600_000,
};

export interface TokenClaims {
  typ: TokenType;
  /** Authentication operation reference number. */
  arn: string;
  env: string;
  iss: string;
  aud: string;
  iat: number;
  exp: number;
  jti: string;
}

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

export function signToken(secret: string, typ: TokenType, arn: string, env: string, nowMs: number): {token: string; validUntil: Date} {
  const iat = Math.floor(nowMs / 1000);
  const exp = Math.floor((nowMs + TOKEN_LIFETIME_MS[typ]) / 1000);
  const iss = `ksef-sim-${env.toLowerCase()}`;
  const claims: TokenClaims = {typ, arn, env, iss, aud: iss, iat, exp, jti: randomUUID()};
  const head = b64url(JSON.stringify({alg: 'HS256', typ: 'JWT'})) + '.' + b64url(JSON.stringify(claims));
  const sig = createHmac('sha256', secret).update(head).digest('base64url');
  return {token: `${head}.${sig}`, validUntil: new Date(exp * 1000)};
}

/** Returns the claims of a well-signed token of this environment, or a reason why not. */
export function verifyToken(secret: string, token: string, env: string, nowMs: number): TokenClaims | {error: string} {
  const parts = token.split('.');
  if (parts.length !== 3) return {error: 'Nieprawidłowy format tokena.'};
  const expected = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return {error: 'Nieprawidłowy podpis tokena.'};
  let claims: TokenClaims;
  try {
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as TokenClaims;
  } catch {
    return {error: 'Nieprawidłowy format tokena.'};
  }
  if (claims.env !== env) return {error: 'Token wydany w innym środowisku.'};
  if (claims.exp * 1000 <= nowMs) return {error: 'Token wygasł.'};
  return claims;
}
