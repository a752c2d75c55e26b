import { mintToken, TokenError, verifyToken } from './jwt';
import { decodeViewerHeader, encodeViewerHeader } from './viewerHeader';
import { requireRole } from './viewer';

const SECRET = 'a-test-secret-of-enough-length';

describe('tokens', () => {
  it('round-trips the viewer', () => {
    const token = mintToken({ sub: 'insurer-1', roles: ['INSURER'], scopes: ['enrol'], volunteerId: null }, SECRET);
    expect(verifyToken(token, SECRET)).toEqual({ sub: 'insurer-1', roles: ['INSURER'], scopes: ['enrol'], volunteerId: null });
  });

  it('refuses another secret, expiry, unknown roles and the none algorithm', () => {
    expect(() => verifyToken(mintToken({ sub: 'a', roles: ['ADMIN'] }, 'another-secret-entirely'), SECRET)).toThrow(TokenError);
    expect(() => verifyToken(mintToken({ sub: 'a', roles: ['ADMIN'] }, SECRET, -1), SECRET)).toThrow(/expired/);
    expect(() => verifyToken(mintToken({ sub: 'a', roles: ['KING' as never] }, SECRET), SECRET)).toThrow(/unknown role/);
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ sub: 'a', roles: ['ADMIN'], iss: 'volunteer-graph' })).toString('base64url');
    expect(() => verifyToken(`${header}.${body}.`, SECRET)).toThrow(TokenError);
  });
});

describe('viewer header', () => {
  const viewer = { sub: 'v-1', roles: ['VOLUNTEER' as const], scopes: [], volunteerId: '42' };

  it('round-trips when signed with the same secret', () => {
    expect(decodeViewerHeader(encodeViewerHeader(viewer, SECRET), SECRET)).toEqual(viewer);
  });

  it('refuses tampering, another secret and old headers', () => {
    const header = encodeViewerHeader(viewer, SECRET);
    const [payload, signature] = header.split('.');
    const elevated = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), roles: ['ADMIN'] })).toString('base64url');
    expect(() => decodeViewerHeader(`${elevated}.${signature}`, SECRET)).toThrow(/signature/);
    expect(() => decodeViewerHeader(header, 'other')).toThrow(/signature/);
    expect(() => decodeViewerHeader(encodeViewerHeader(viewer, SECRET, Date.now() - 10 * 60_000), SECRET)).toThrow(/expired/);
  });
});

describe('requireRole', () => {
  it('is FORBIDDEN for anonymous viewers and other roles', () => {
    const anonymous = { sub: null, roles: [], scopes: [], volunteerId: null };
    expect(() => requireRole(anonymous, 'x', 'ADMIN')).toThrow(expect.objectContaining({ extensions: { code: 'FORBIDDEN' } }));
    expect(() => requireRole({ ...anonymous, sub: 'a', roles: ['VOLUNTEER'] }, 'x', 'ADMIN')).toThrow(/Only ADMIN/);
    expect(() => requireRole({ ...anonymous, sub: 'a', roles: ['ADMIN'] }, 'x', 'ADMIN')).not.toThrow();
  });
});
