import { mintToken, TokenError, verifyToken } from './jwt';
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
    expect(() => verifyToken(mintToken({ sub: 'a', roles: ['ADMIN'] }, SECRET, model, -1), SECRET, model)).toThrow(/expired/);
    expect(() => verifyToken(mintToken({ sub: 'a', roles: ['KING' as never] }, SECRET, model), SECRET, model)).toThrow(/unknown role/);
    expect(() => verifyToken(mintToken({ sub: 'a', roles: ['SERVICE'] }, SECRET, model), SECRET, model)).toThrow(/unknown role/);
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ sub: 'a', roles: ['ADMIN'], iss: 'volunteer-graph' })).toString('base64url');
    expect(() => verifyToken(`${header}.${body}.`, SECRET, model)).toThrow(TokenError);
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
