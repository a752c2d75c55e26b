import jwt from 'jsonwebtoken';
import { claimsOf, type BaseViewer, type IdentityModel } from './viewer';

export class TokenError extends Error {}

/** Signs an HS256 token for `viewer` (its identity claims as the model names them), valid for `expiresInSeconds`. */
export function mintToken<V extends BaseViewer>(viewer: Partial<V> & { sub: string; roles: V['roles'] }, secret: string, model: IdentityModel<V>, expiresInSeconds = 3600): string {
  const claims: Record<string, unknown> = { sub: viewer.sub, roles: viewer.roles, scopes: viewer.scopes ?? [] };
  for (const [field, claim] of Object.entries(model.claims)) {
    const value = (viewer as Record<string, unknown>)[field];
    if (value != null) claims[claim] = String(value);
  }
  return jwt.sign(claims, secret, { algorithm: 'HS256', expiresIn: expiresInSeconds, issuer: 'volunteer-graph' });
}

/** Verifies an HS256 token (signature, expiry, issuer) and returns its viewer; throws TokenError. */
export function verifyToken<V extends BaseViewer>(token: string, secret: string, model: IdentityModel<V>): V {
  let payload: jwt.JwtPayload;
  try {
    const decoded = jwt.verify(token, secret, { algorithms: ['HS256'], issuer: 'volunteer-graph' });
    if (typeof decoded === 'string') throw new TokenError('token payload is not an object');
    payload = decoded;
  } catch (error) {
    throw error instanceof TokenError ? error : new TokenError((error as Error).message);
  }
  if (typeof payload.sub !== 'string' || !payload.sub) throw new TokenError('token has no subject');
  const roles: unknown[] = Array.isArray(payload.roles) ? payload.roles : [];
  const unknown = roles.filter((r) => !model.roles.includes(r as string));
  if (unknown.length) throw new TokenError(`unknown role(s): ${unknown.join(', ')}`);
  const scopes = Array.isArray(payload.scopes) ? payload.scopes.map(String) : [];
  return { sub: payload.sub, roles, scopes, ...claimsOf(model, (_field, claim) => payload[claim]) } as unknown as V;
}
