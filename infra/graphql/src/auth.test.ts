import jwt from 'jsonwebtoken';
import { createTokenVerifier, mintToken, TokenError, verifyToken } from './jwt';
import { decodeViewerHeader, encodeViewerHeader } from './viewerHeader';
import { requireRole, type IdentityModel } from './viewer';

const SECRET = 'a-test-secret-of-enough-length';

/** A model like the domain's: token roles, one internal role, one identity claim. */
type TestViewer = { sub: string | null; roles: ('INSURER' | 'ADMIN' | 'VOLUNTEER' | 'SERVICE')[]; scopes: string[]; memberId: string | null };
const model: IdentityModel<TestViewer> = {
  roles: ['INSURER', 'ADMIN', 'VOLUNTEER'],
  internalRoles: ['SERVICE'],
  claims: { memberId: 'member_id' },
  anonymous: { sub: null, roles: [], scopes: [], memberId: null },
};

describe('tokens', () => {
  it('round-trips the viewer, its claims by the model', () => {
    const token = mintToken({ sub: 'insurer-1', roles: ['INSURER'], scopes: ['enrol'], memberId: '7' }, SECRET, model);
    expect(verifyToken(token, SECRET, model)).toEqual({ sub: 'insurer-1', roles: ['INSURER'], scopes: ['enrol'], memberId: '7' });
    expect(JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString())).toMatchObject({ member_id: '7' });
  });

  it('refuses another secret, expiry, unknown and internal roles, and the none algorithm', () => {
    expect(() => verifyToken(mintToken({ sub: 'a', roles: ['ADMIN'] }, 'another-secret-entirely', model), SECRET, model)).toThrow(TokenError);
    expect(() => verifyToken(mintToken({ sub: 'a', roles: ['ADMIN'] }, SECRET, model, -60), SECRET, model)).toThrow(/expired/);
    expect(() => verifyToken(mintToken({ sub: 'a', roles: ['KING' as never] }, SECRET, model), SECRET, model)).toThrow(/unknown role/);
    expect(() => verifyToken(mintToken({ sub: 'a', roles: ['SERVICE'] }, SECRET, model), SECRET, model)).toThrow(/unknown role/);
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ sub: 'a', roles: ['ADMIN'], iss: 'volunteer-graph' })).toString('base64url');
    expect(() => verifyToken(`${header}.${body}.`, SECRET, model)).toThrow(TokenError);
  });
});

describe('token rules', () => {
  const now = () => Math.floor(Date.now() / 1000);
  /** A token with exactly these claims (jsonwebtoken adds an iat only when there is none, and none with noTimestamp). */
  const signed = (claims: Record<string, unknown>, noTimestamp = false) => jwt.sign({ sub: 'a', roles: ['ADMIN'], ...claims }, SECRET, { algorithm: 'HS256', noTimestamp });
  const valid = () => ({ iss: 'volunteer-graph', aud: 'volunteer-graph', iat: now(), exp: now() + 600 });
  const verify = createTokenVerifier(SECRET, model);
  const reason = (token: string) => {
    try {
      verify(token);
      return 'accepted';
    } catch (error) {
      expect(error).toBeInstanceOf(TokenError);
      expect((error as Error).message).not.toContain(token);
      return (error as Error).message;
    }
  };

  it('accepts what mintToken makes, up to the maximum lifetime', () => {
    expect(reason(signed(valid()))).toBe('accepted');
    expect(reason(mintToken({ sub: 'a', roles: ['ADMIN'] }, SECRET, model, 24 * 3600))).toBe('accepted');
    expect(JSON.parse(Buffer.from(mintToken({ sub: 'a', roles: ['ADMIN'] }, SECRET, model).split('.')[1], 'base64url').toString())).toMatchObject({ iss: 'volunteer-graph', aud: 'volunteer-graph' });
  });

  it('requires an expiry, an issue time, the issuer and the audience', () => {
    const { exp: _exp, ...noExp } = valid();
    const { iat: _iat, ...noIat } = valid();
    const { iss: _iss, ...noIss } = valid();
    const { aud: _aud, ...noAud } = valid();
    expect(reason(signed(noExp))).toBe('token has no expiry (exp)');
    expect(reason(signed(noIat, true))).toBe('token has no issue time (iat)');
    expect(reason(signed(noIss))).toBe('wrong issuer');
    expect(reason(signed({ ...valid(), iss: 'someone-else' }))).toBe('wrong issuer');
    expect(reason(signed(noAud))).toBe('wrong audience');
    expect(reason(signed({ ...valid(), aud: 'another-api' }))).toBe('wrong audience');
    expect(reason(signed({ ...valid(), aud: ['another-api', 'volunteer-graph'] }))).toBe('accepted');
  });

  it('refuses a lifetime over the maximum (24 h unless configured)', () => {
    expect(reason(signed({ ...valid(), exp: now() + 24 * 3600 + 1 }))).toBe('token lifetime too long (exp − iat over 86400 s)');
    expect(reason(mintToken({ sub: 'a', roles: ['ADMIN'] }, SECRET, model, 365 * 24 * 3600))).toMatch(/lifetime too long/);
    const strict = createTokenVerifier(SECRET, model, { maxLifetimeSeconds: 300 });
    expect(() => strict(signed(valid()))).toThrow(/lifetime too long/);
  });

  it('allows 30 s of clock skew for exp, nbf and iat, and no more', () => {
    expect(reason(signed({ ...valid(), iat: now() - 600, exp: now() - 10 }))).toBe('accepted');
    expect(reason(signed({ ...valid(), iat: now() - 600, exp: now() - 60 }))).toBe('token expired');
    expect(reason(mintToken({ sub: 'a', roles: ['ADMIN'] }, SECRET, model, -10))).toBe('accepted');
    expect(reason(mintToken({ sub: 'a', roles: ['ADMIN'] }, SECRET, model, -60))).toBe('token expired');
    expect(reason(signed({ ...valid(), nbf: now() + 10 }))).toBe('accepted');
    expect(reason(signed({ ...valid(), nbf: now() + 60 }))).toBe('token not valid yet');
    expect(reason(signed({ ...valid(), iat: now() + 10 }))).toBe('accepted');
    expect(reason(signed({ ...valid(), iat: now() + 60, exp: now() + 120 }))).toBe('token issued in the future (iat)');
  });

  it('follows a configured issuer and audience, for minting and verifying', () => {
    const rules = { issuer: 'https://id.example.org', audience: 'vg-staging' };
    const token = mintToken({ sub: 'a', roles: ['ADMIN'] }, SECRET, model, 600, rules);
    expect(createTokenVerifier(SECRET, model, rules)(token)).toMatchObject({ sub: 'a' });
    expect(reason(token)).toBe('wrong audience');
    expect(reason(mintToken({ sub: 'a', roles: ['ADMIN'] }, SECRET, model, 600, { issuer: 'https://id.example.org' }))).toBe('wrong issuer');
  });

  it('refuses other algorithms than HS256 and a wrong signature without echoing the token', () => {
    expect(reason(jwt.sign({ sub: 'a', roles: ['ADMIN'], ...valid() }, SECRET, { algorithm: 'HS512', noTimestamp: true }))).toBe('algorithm not allowed (HS256 only)');
    expect(reason(signed(valid()).slice(0, -2) + 'xx')).toBe('invalid signature');
    expect(reason('not.a.token')).toBe('token malformed');
    expect(reason('garbage')).toBe('token malformed');
  });
});

describe('viewer header', () => {
  const viewer: TestViewer = { sub: 'v-1', roles: ['VOLUNTEER'], scopes: [], memberId: '42' };

  it('round-trips when signed with the same secret, internal roles included', () => {
    expect(decodeViewerHeader(encodeViewerHeader(viewer, SECRET), SECRET, model)).toEqual(viewer);
    const service: TestViewer = { ...model.anonymous, sub: 'service:x', roles: ['SERVICE'] };
    expect(decodeViewerHeader(encodeViewerHeader(service, SECRET), SECRET, model)).toEqual(service);
  });

  it('refuses tampering, another secret and old headers', () => {
    const header = encodeViewerHeader(viewer, SECRET);
    const [payload, signature] = header.split('.');
    const elevated = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), roles: ['ADMIN'] })).toString('base64url');
    expect(() => decodeViewerHeader(`${elevated}.${signature}`, SECRET, model)).toThrow(/signature/);
    expect(() => decodeViewerHeader(header, 'other', model)).toThrow(/signature/);
    expect(() => decodeViewerHeader(encodeViewerHeader(viewer, SECRET, Date.now() - 10 * 60_000), SECRET, model)).toThrow(/expired/);
  });
});

describe('requireRole', () => {
  it('is FORBIDDEN for anonymous viewers and other roles', () => {
    const anonymous = model.anonymous;
    expect(() => requireRole(anonymous, 'x', 'ADMIN')).toThrow(expect.objectContaining({ extensions: { code: 'FORBIDDEN' } }));
    expect(() => requireRole({ ...anonymous, sub: 'a', roles: ['VOLUNTEER'] }, 'x', 'ADMIN')).toThrow(/Only ADMIN/);
    expect(() => requireRole({ ...anonymous, sub: 'a', roles: ['ADMIN'] }, 'x', 'ADMIN')).not.toThrow();
  });
});
