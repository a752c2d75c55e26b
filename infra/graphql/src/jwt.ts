import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { claimsOf, type BaseViewer, type IdentityModel } from './viewer';

export class TokenError extends Error {}

/** What a token must satisfy besides its signature. */
export interface TokenRules {
  /** The `iss` every token must carry. */
  issuer: string;
  /** The `aud` every token must carry (one of its values, when a list). */
  audience: string;
  /** Longest allowed `exp − iat`: a stolen token is useful for at most this long. */
  maxLifetimeSeconds: number;
  /** Leeway for clocks that differ between the issuer and this machine (exp, nbf, an iat in the future). */
  clockSkewSeconds: number;
}

export const DEFAULT_TOKEN_RULES: TokenRules = { issuer: 'volunteer-graph', audience: 'volunteer-graph', maxLifetimeSeconds: 24 * 3600, clockSkewSeconds: 30 };

/**
 * Signs an HS256 token for `viewer` (its identity claims as the model names them), issued now and
 * valid for `expiresInSeconds`, with the issuer and audience of `rules`: what `createTokenVerifier`
 * accepts when the lifetime is within its maximum.
 */
export function mintToken<V extends BaseViewer>(
  viewer: Partial<V> & { sub: string; roles: V['roles'] },
  secret: string,
  model: IdentityModel<V>,
  expiresInSeconds = 3600,
  rules: Partial<Pick<TokenRules, 'issuer' | 'audience'>> = {},
): string {
  const claims: Record<string, unknown> = { sub: viewer.sub, roles: viewer.roles, scopes: viewer.scopes ?? [] };
  for (const [field, claim] of Object.entries(model.claims)) {
    const value = (viewer as Record<string, unknown>)[field];
    if (value != null) claims[claim] = String(value);
  }
  const { issuer, audience } = { ...DEFAULT_TOKEN_RULES, ...rules };
  return jwt.sign(claims, secret, { algorithm: 'HS256', expiresIn: expiresInSeconds, issuer, audience });
}

/** jsonwebtoken's reasons in words a caller can act on (none of them holds the token). */
function reasonOf(error: unknown): string {
  if (error instanceof jwt.TokenExpiredError) return 'token expired';
  if (error instanceof jwt.NotBeforeError) return 'token not valid yet';
  const message = (error as Error).message;
  if (message.startsWith('jwt audience invalid')) return 'wrong audience';
  if (message.startsWith('jwt issuer invalid')) return 'wrong issuer';
  if (message === 'invalid token' || message === 'jwt malformed') return 'token malformed';
  if (message === 'invalid algorithm') return 'algorithm not allowed (HS256 only)';
  return message.replace(/^jwt /, 'token ');
}

/**
 * A verifier of HS256 tokens under `secret` (prepared once as a key: jsonwebtoken would otherwise
 * try to parse a string secret as a public key on every call). It accepts a token only with a good
 * signature, the rules' issuer and audience, an `exp` not passed and an `iat` not in the future
 * (both give or take the clock skew), and a lifetime `exp − iat` within the maximum; it returns the
 * token's viewer or throws a TokenError saying what is wrong, never echoing the token.
 */
export function createTokenVerifier<V extends BaseViewer>(secret: string, model: IdentityModel<V>, rules: Partial<TokenRules> = {}): (token: string) => V {
  const key: KeyObject = createSecretKey(Buffer.from(secret, 'utf8'));
  const { issuer, audience, maxLifetimeSeconds, clockSkewSeconds } = { ...DEFAULT_TOKEN_RULES, ...rules };
  const options: jwt.VerifyOptions = { algorithms: ['HS256'], issuer, audience, clockTolerance: clockSkewSeconds };
  return (token) => {
    let payload: jwt.JwtPayload;
    try {
      const decoded = jwt.verify(token, key, options);
      if (typeof decoded === 'string') throw new TokenError('token payload is not an object');
      payload = decoded;
    } catch (error) {
      throw error instanceof TokenError ? error : new TokenError(reasonOf(error));
    }
    // jsonwebtoken checks exp only when present: a token without one would be valid forever.
    if (typeof payload.exp !== 'number') throw new TokenError('token has no expiry (exp)');
    if (typeof payload.iat !== 'number') throw new TokenError('token has no issue time (iat)');
    if (payload.iat > Date.now() / 1000 + clockSkewSeconds) throw new TokenError('token issued in the future (iat)');
    if (payload.exp - payload.iat > maxLifetimeSeconds) throw new TokenError(`token lifetime too long (exp − iat over ${maxLifetimeSeconds} s)`);
    if (typeof payload.sub !== 'string' || !payload.sub) throw new TokenError('token has no subject');
    const roles: unknown[] = Array.isArray(payload.roles) ? payload.roles : [];
    const unknown = roles.filter((r) => !model.roles.includes(r as string));
    if (unknown.length) throw new TokenError(`unknown role(s): ${unknown.join(', ')}`);
    const scopes = Array.isArray(payload.scopes) ? payload.scopes.map(String) : [];
    return { sub: payload.sub, roles, scopes, ...claimsOf(model, (_field, claim) => payload[claim]) } as unknown as V;
  };
}

/** One token checked by the rules of `createTokenVerifier` (which a server should create once instead). */
export function verifyToken<V extends BaseViewer>(token: string, secret: string, model: IdentityModel<V>, rules: Partial<TokenRules> = {}): V {
  return createTokenVerifier(secret, model, rules)(token);
}
