import jwt from 'jsonwebtoken';
import { ROLES, type Role, type Viewer } from './viewer';

export class TokenError extends Error {}

interface Claims {
  sub: string;
  roles: Role[];
  scopes?: string[];
  volunteer_id?: string;
}

/** Signs an HS256 token for `viewer`, valid for `expiresInSeconds`. */
export function mintToken(
  viewer: { sub: string; roles: Role[]; scopes?: string[]; volunteerId?: string | null },
  secret: string,
  expiresInSeconds = 3600,
): string {
  const claims: Claims = { sub: viewer.sub, roles: viewer.roles, scopes: viewer.scopes ?? [] };
  if (viewer.volunteerId) claims.volunteer_id = viewer.volunteerId;
  return jwt.sign(claims, secret, { algorithm: 'HS256', expiresIn: expiresInSeconds, issuer: 'volunteer-graph' });
}

/** Verifies an HS256 token (signature, expiry, issuer) and returns its viewer; throws TokenError. */
export function verifyToken(token: string, secret: string): Viewer {
  let payload: jwt.JwtPayload;
  try {
    const decoded = jwt.verify(token, secret, { algorithms: ['HS256'], issuer: 'volunteer-graph' });
    if (typeof decoded === 'string') throw new TokenError('token payload is not an object');
    payload = decoded;
  } catch (error) {
    throw error instanceof TokenError ? error : new TokenError((error as Error).message);
  }
  if (typeof payload.sub !== 'string' || !payload.sub) throw new TokenError('token has no subject');
  const roles = Array.isArray(payload.roles) ? payload.roles : [];
  const unknown = roles.filter((r: unknown) => !(ROLES as readonly unknown[]).includes(r));
  if (unknown.length) throw new TokenError(`unknown role(s): ${unknown.join(', ')}`);
  const scopes = Array.isArray(payload.scopes) ? payload.scopes.map(String) : [];
  const volunteerId = payload.volunteer_id == null ? null : String(payload.volunteer_id);
  return { sub: payload.sub, roles, scopes, volunteerId };
}
